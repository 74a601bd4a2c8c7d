public import struct Foundation.UUID

extension MediationCase {
    /// What a role may see of a case (人民调解法 第十五条: mediation is confidential): grid
    /// workers see status and parties but not the description or the agreement's terms;
    /// auditors see party names masked. Phones are revealed by the store to the assigned
    /// mediator only.
    public struct Visibility: Sendable, Hashable {
        /// Whether the description and the agreement's terms are shown.
        public let showsConfidentialText: Bool
        /// Whether party names are masked.
        public let masksNames: Bool

        /// The visibility of `role`.
        public init(_ role: Role) {
            showsConfidentialText = role != .gridWorker
            masksNames = role == .auditor
        }

        /// A party's name as this visibility shows it.
        public func name(_ name: String) -> String { masksNames ? Masking.name(name) : name }
    }

    /// Parties' phones are shown in full to the assigned mediator only (人民调解法 第十五条).
    public static func revealsPartyPhones(to tokenId: UUID?, assignedMediator: UUID?) -> Bool {
        tokenId != nil && tokenId == assignedMediator
    }

    /// Whether the case is open and past its deadline on `today` (MED-17).
    public func isOverdue(on today: CalendarDay) -> Bool {
        MediationClock.isOverdue(
            status: status, acceptedOn: acceptedOn, extensionDays: extensionDays, months: clockMonths, today: today)
    }
}
