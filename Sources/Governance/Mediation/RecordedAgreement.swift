public import struct Foundation.UUID

/// Whether an agreement binds yet (MED-13).
public enum AgreementStatus: String, Sendable, Hashable, CaseIterable {
    case pendingSignatures = "pending_signatures"
    case effective
}

/// A case's current agreement with its signatures, as stored.
public struct RecordedAgreement: Sendable, Hashable {
    /// What the mediator recorded.
    public let content: MediationAgreement
    /// Each party's signature, by party id.
    public let partySignatures: [UUID: AgreementSignature]
    /// The day the mediator signed.
    public let mediatorSignedOn: CalendarDay?
    /// The day the committee's seal was recorded.
    public let sealedOn: CalendarDay?
    /// The day it took effect.
    public let effectiveOn: CalendarDay?

    /// Creates the value.
    public init(
        content: MediationAgreement, partySignatures: [UUID: AgreementSignature],
        mediatorSignedOn: CalendarDay?, sealedOn: CalendarDay?, effectiveOn: CalendarDay?
    ) {
        self.content = content
        self.partySignatures = partySignatures
        self.mediatorSignedOn = mediatorSignedOn
        self.sealedOn = sealedOn
        self.effectiveOn = effectiveOn
    }

    /// Pending until it has taken effect.
    public var status: AgreementStatus { effectiveOn == nil ? .pendingSignatures : .effective }

    /// MED-15: the last day to apply jointly for judicial confirmation, once it is in effect.
    public var judicialConfirmationDeadline: CalendarDay? {
        effectiveOn.map(MediationClock.judicialConfirmationDeadline(effectiveOn:))
    }

    /// MED-13: the day a written agreement takes effect once `parties` have all signed, the
    /// mediator has signed and the seal is recorded — the last of those days; `nil` before.
    public func effectiveDay(parties: [UUID]) -> CalendarDay? {
        guard content.form == .written else { return content.agreedOn }
        guard let mediatorSignedOn, let sealedOn else { return nil }
        var days = [mediatorSignedOn, sealedOn]
        for party in parties {
            guard let signed = partySignatures[party] else { return nil }
            days.append(signed.on)
        }
        return days.max()
    }
}
