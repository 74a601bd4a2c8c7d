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
    /// The agreement reached.
    public var agreement: MediationAgreement?
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

/// A mediation agreement, written or oral (MED-13, MED-15).
public struct MediationAgreement: Sendable, Hashable {
    /// The terms (confidential).
    public let terms: String
    /// The day it was reached.
    public let on: CalendarDay
    /// Written (signed) or oral.
    public let written: Bool
    /// The day by which it is to be performed.
    public let performanceDeadline: CalendarDay?
    /// Every party signed (a written agreement needs it).
    public let signedByAllParties: Bool
    /// The mediator signed (a written agreement needs it).
    public let signedByMediator: Bool

    /// Creates an agreement value.
    public init(
        terms: String, on day: CalendarDay, written: Bool, performanceDeadline: CalendarDay?, signedByAllParties: Bool,
        signedByMediator: Bool
    ) {
        self.terms = terms
        self.on = day
        self.written = written
        self.performanceDeadline = performanceDeadline
        self.signedByAllParties = signedByAllParties
        self.signedByMediator = signedByMediator
    }

    /// `written` or `oral`.
    public var form: String { written ? "written" : "oral" }

    /// Terms present and bounded; a written agreement signed by all (MED-13); performance not before the agreement.
    public func validate() throws(DomainError) {
        var validator = FieldValidator()
        validator.length("terms", terms, max: 5000)
        validator.notBlank("terms", terms)
        if written, !(signedByAllParties && signedByMediator) {  // MED-13
            validator.fail(
                "signedByAllParties", "signatures_required", zh: "书面协议须各方当事人和调解员签名。",
                en: "A written agreement is signed by every party and the mediator.")
        }
        if let performanceDeadline, performanceDeadline < on {
            validator.fail(
                "performanceDeadline", "before_agreement", zh: "履行期限早于协议日期。", en: "Before the agreement date.")
        }
        try validator.check()
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
