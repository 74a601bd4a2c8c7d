public import struct Foundation.UUID

/// A step asked of a topic's owner through the transitions endpoint (domain-rules.md §3.4).
public struct ConsultationCommand: Sendable, Hashable {
    /// The steps.
    public enum Action: String, Sendable, Hashable, CaseIterable {
        case select, decline, withdraw
        case publishPlan = "publish_plan"
        case notifyParticipants = "notify_participants"
        case addAssessment = "add_assessment"
        case recordResult = "record_result"
        case publishResult = "publish_result"
        case referToMeeting = "refer_to_meeting"
        case recordMeetingDecision = "record_meeting_decision"
        case startImplementation = "start_implementation"
        case recordProgress = "record_progress"
        case complete, evaluate, close
    }

    /// The step.
    public var action: Action
    /// With `select`.
    public var plan: ConsultationPlan?
    /// With `decline`, `withdraw` and `close`.
    public var reason: String?
    /// With `record_result`.
    public var outcome: ConsultationOutcome?
    /// With `record_result`.
    public var adoption: ConsultationAdoption?
    /// With `record_result`: the result as it will be published.
    public var summary: String?
    /// With `add_assessment`.
    public var assessment: ConsultationAssessment?
    /// With `record_progress`.
    public var progress: ConsultationProgress?
    /// With `evaluate`: who, a rating 1–5 and what was found.
    public var evaluatorType: ConsultationEvaluatorType?
    /// With `evaluate`.
    public var rating: Int?
    /// With `record_meeting_decision`.
    public var meetingDecisionId: UUID?

    /// Creates a command.
    public init(
        action: Action, plan: ConsultationPlan? = nil, reason: String? = nil, outcome: ConsultationOutcome? = nil,
        adoption: ConsultationAdoption? = nil, summary: String? = nil, assessment: ConsultationAssessment? = nil,
        progress: ConsultationProgress? = nil, evaluatorType: ConsultationEvaluatorType? = nil, rating: Int? = nil,
        meetingDecisionId: UUID? = nil
    ) {
        self.action = action
        self.plan = plan
        self.reason = reason
        self.outcome = outcome
        self.adoption = adoption
        self.summary = summary
        self.assessment = assessment
        self.progress = progress
        self.evaluatorType = evaluatorType
        self.rating = rating
        self.meetingDecisionId = meetingDecisionId
    }

    /// Texts bounded, not blank, free of unmasked ID and phone numbers (they are published:
    /// DIS-6); a rating within 1–5.
    public func validate() throws(DomainError) {
        var validator = FieldValidator()
        for (field, value, max) in [
            ("reason", reason, 1000), ("summary", summary, 4000), ("assessment/assessor", assessment?.assessor, 200),
            ("assessment/summary", assessment?.summary, 4000), ("progress/note", progress?.note, 2000),
            ("progress/actionRef", progress?.actionRef, 200),
        ] {
            validator.length(field, value, max: max)
            validator.notBlank(field, value)
            validator.publishable(field, value)
        }
        validator.range("rating", rating, 1...5)
        if let plan { plan.validate(into: &validator) }
        try validator.check()
    }
}

/// A meeting decision a topic was referred to, as the service found it (CON-9).
public struct LinkedMeetingDecision: Sendable, Hashable {
    /// The decision.
    public let id: UUID
    /// Passed by a quorate meeting.
    public let passed: Bool
    /// The meeting's kind.
    public let meetingKind: MeetingKind

    /// Creates the value.
    public init(id: UUID, passed: Bool, meetingKind: MeetingKind) {
        self.id = id
        self.passed = passed
        self.meetingKind = meetingKind
    }
}

/// What a step changes: the topic's new state, an entry to append, a disclosure to publish.
public struct ConsultationStep: Sendable, Hashable {
    /// The topic after the step.
    public var topic: ConsultationTopic
    /// A new entry of its record.
    public var entry: ConsultationEntry.Content?
    /// A publication the step makes on the board (CON-8, DIS-2).
    public var disclosure: DisclosureDraft?
}

extension ConsultationPlan {
    /// Bounds of the parts present (completeness is `select`'s rule).
    func validate(into validator: inout FieldValidator) {
        for (field, value, max) in [
            ("plan/subject", subject, 500), ("plan/venue", venue, 200), ("plan/materials", materials, 4000),
        ] {
            validator.length(field, value, max: max)
            validator.notBlank(field, value)
            validator.publishable(field, value)
        }
        if participants.count > 20 {
            validator.fail("plan/participants", "too_many", zh: "参与方最多 20 类。", en: "At most 20 constituencies.")
        }
        for (index, group) in participants.enumerated() {
            validator.range("plan/participants/\(index)/count", group.count, 1...100_000)
        }
    }
}
