public import Foundation

/// A mediation party's phone in full, revealed to the case's assigned mediator once per audited
/// act (GEN-7): every case read masks it.
public struct MediationPartyPhone: Sendable, Hashable {
    /// The party.
    public let partyId: UUID
    /// The full phone number, if recorded.
    public let phone: String?
    /// Why it was revealed, as the mediator stated it (recorded in the audit log).
    public let purpose: String
    /// Reveals left to this token today (shared with every other kind of reveal).
    public let remainingToday: Int

    /// Creates the value.
    public init(partyId: UUID, phone: String?, purpose: String, remainingToday: Int) {
        self.partyId = partyId
        self.phone = phone
        self.purpose = purpose
        self.remainingToday = remainingToday
    }
}
