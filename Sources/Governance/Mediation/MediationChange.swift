public import struct Foundation.UUID

/// What one step of a case's lifecycle changes: decided by the domain, applied by the store.
public struct MediationChange: Sendable, Hashable {
    /// New status.
    public var status: MediationStatus?
    /// Acceptance day (restarts the clock).
    public var acceptedOn: CalendarDay?
    /// The months the accepting level's profile gives (MED-17).
    public var clockMonths: Int?
    /// Days to add to the deadline.
    public var addExtensionDays = 0
    /// Mediator (`.some(nil)` clears).
    public var mediator: UUID??
    /// The level now handling the case, and its area path (an escalation accepted).
    public var level: MediationLevel?
    /// The path of `level`.
    public var levelPath: String?
    /// The agreement recorded (a new one replaces a pending one and its signatures).
    public var agreement: MediationAgreement?
    /// A signature (or seal or fingerprint) of the current agreement.
    public var signature: AgreementSignature?
    /// The day the agreement takes effect (MED-13).
    public var agreementEffectiveOn: CalendarDay?
    /// The joint application for judicial confirmation (MED-15).
    public var judicialApplication: JudicialConfirmation.Application?
    /// The court's answer to it (MED-16).
    public var judicialAnswer: JudicialConfirmation.Answer?
    /// The report to the police (MED-10).
    public var policeReport: PoliceReport?
    /// Advice when mediation failed (MED-11).
    public var advice: String?
    /// Why declined.
    public var declineReason: String?
    /// The day the case concluded.
    public var concludedOn: CalendarDay?
    /// Mark as escalated (for the statistics).
    public var escalated = false

    /// No change yet.
    public init() {}

    /// The receiving level accepts an escalated case: the clock restarts there, the mediator is cleared.
    public static func acceptance(at level: MediationLevel, path: String, on today: CalendarDay) -> MediationChange {
        var change = MediationChange()
        change.level = level
        change.levelPath = path
        change.status = .accepted
        change.acceptedOn = today
        change.mediator = .some(nil)
        return change
    }
}

/// A recorded mediation session.
public struct MediationSession: Sendable, Hashable {
    /// Id.
    public let id: UUID
    /// The day it was held.
    public let heldOn: CalendarDay
    /// Where.
    public let place: String
    /// Who attended.
    public let attendees: [String]
    /// What was said and done.
    public let summary: String

    /// Creates a session value.
    public init(id: UUID, heldOn: CalendarDay, place: String, attendees: [String], summary: String) {
        self.id = id
        self.heldOn = heldOn
        self.place = place
        self.attendees = attendees
        self.summary = summary
    }
}
