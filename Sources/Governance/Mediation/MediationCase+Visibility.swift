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
    /// The assigned mediator is the token named on the case, or a mediator token bound to a
    /// person whose post is assigned (MED-4, MED-9).
    public static func revealsPartyPhones(
        to tokenId: UUID?, person personId: UUID?, assignedToken: UUID?, assignedPersons: [UUID]
    ) -> Bool {
        guard let tokenId else { return false }
        return tokenId == assignedToken || personId.map(assignedPersons.contains) ?? false
    }

    /// Whether the case is open and past its deadline on `today` (MED-17).
    public func isOverdue(on today: CalendarDay) -> Bool {
        MediationClock.isOverdue(
            status: status, acceptedOn: acceptedOn, extensionDays: extensionDays, months: clockMonths, today: today)
    }
}
