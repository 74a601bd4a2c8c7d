public import struct Foundation.Date
public import struct Foundation.UUID

/// The states of a topic (domain-rules.md §3.4).
public enum ConsultationStatus: String, Sendable, Hashable, CaseIterable {
    case proposed, selected
    case planPublished = "plan_published"
    case consulting, consulted
    case referralRequired = "referral_required"
    case referred, decided
    case resultPublished = "result_published"
    case implementing, implemented, evaluated, closed
    case closedNotAdopted = "closed_not_adopted"
    case closedRejected = "closed_rejected"
    case declined, withdrawn

    /// Whether the plan has been published, so the public sees the topic.
    public var isPublic: Bool {
        ![.proposed, .selected, .declined, .withdrawn].contains(self)
    }

    /// Whether implementation has started (the share-implemented statistic).
    public var isImplementing: Bool { [.implementing, .implemented, .evaluated, .closed].contains(self) }
}

/// How many of one constituency take part.
public struct ParticipantGroup: Sendable, Hashable, Codable {
    /// The constituency (CON-1).
    public var constituency: ConsultationConstituency
    /// How many.
    public var count: Int

    /// Creates the value.
    public init(constituency: ConsultationConstituency, count: Int) {
        self.constituency = constituency
        self.count = count
    }
}

/// The consultation plan (协商方案, CON-4): every part is required to select a topic, so each
/// is optional here and checked by the rule that needs it.
public struct ConsultationPlan: Sendable, Hashable, Codable {
    /// What is to be consulted.
    public var subject: String?
    /// Who takes part, by constituency.
    public var participants: [ParticipantGroup]
    /// The form (CON-6).
    public var form: ConsultationForm?
    /// The day planned.
    public var scheduledOn: CalendarDay?
    /// Where (or the online channel).
    public var venue: String?
    /// The materials sent to participants.
    public var materials: String?

    /// Creates the value.
    public init(
        subject: String?, participants: [ParticipantGroup], form: ConsultationForm?, scheduledOn: CalendarDay?,
        venue: String?, materials: String?
    ) {
        self.subject = subject
        self.participants = participants
        self.form = form
        self.scheduledOn = scheduledOn
        self.venue = venue
        self.materials = materials
    }
}

/// The result of a consultation (CON-8, CON-9).
public struct ConsultationResult: Sendable, Hashable, Codable {
    /// What was arrived at.
    public var outcome: ConsultationOutcome
    /// Whether the committee adopts it.
    public var adoption: ConsultationAdoption?
    /// The result, as published.
    public var summary: String
    /// Why not (or only partly) adopted; published.
    public var reason: String?
    /// The day it was recorded.
    public var recordedOn: CalendarDay

    /// Creates the value.
    public init(
        outcome: ConsultationOutcome, adoption: ConsultationAdoption?, summary: String, reason: String?,
        recordedOn: CalendarDay
    ) {
        self.outcome = outcome
        self.adoption = adoption
        self.summary = summary
        self.reason = reason
        self.recordedOn = recordedOn
    }
}

/// The evaluation of an implemented result (CON-11).
public struct ConsultationEvaluation: Sendable, Hashable, Codable {
    /// Who evaluated.
    public var evaluatorType: ConsultationEvaluatorType
    /// A rating from 1 (poor) to 5 (excellent).
    public var rating: Int
    /// What the evaluator found.
    public var summary: String
    /// The day recorded.
    public var evaluatedOn: CalendarDay

    /// Creates the value.
    public init(evaluatorType: ConsultationEvaluatorType, rating: Int, summary: String, evaluatedOn: CalendarDay) {
        self.evaluatorType = evaluatorType
        self.rating = rating
        self.summary = summary
        self.evaluatedOn = evaluatedOn
    }
}

/// A session held (CON-5, CON-6): attendance by constituency, opinions, and consensus or a vote.
public struct ConsultationSession: Sendable, Hashable, Codable {
    /// The form used.
    public var form: ConsultationForm
    /// Attendance by constituency.
    public var attendance: [ParticipantGroup]
    /// The opinions expressed, as recorded (no names).
    public var opinions: [String]
    /// Votes for, against and abstaining, when the session voted; nil when it reached consensus.
    public var votes: SessionVotes?

    /// Creates the value.
    public init(form: ConsultationForm, attendance: [ParticipantGroup], opinions: [String], votes: SessionVotes?) {
        self.form = form
        self.attendance = attendance
        self.opinions = opinions
        self.votes = votes
    }
}

/// A session's vote.
public struct SessionVotes: Sendable, Hashable, Codable {
    /// For.
    public var yes: Int
    /// Against.
    public var no: Int
    /// Abstaining.
    public var abstain: Int

    /// Creates the value.
    public init(yes: Int, no: Int, abstain: Int) {
        self.yes = yes
        self.no = no
        self.abstain = abstain
    }
}

/// An expert or third-party assessment (CON-7).
public struct ConsultationAssessment: Sendable, Hashable, Codable {
    /// Who assessed.
    public var kind: ConsultationAssessmentKind
    /// The body or profession (not a private person's name).
    public var assessor: String
    /// What it found.
    public var summary: String

    /// Creates the value.
    public init(kind: ConsultationAssessmentKind, assessor: String, summary: String) {
        self.kind = kind
        self.assessor = assessor
        self.summary = summary
    }
}

/// A step of implementation, fed back to residents (CON-8, CON-11).
public struct ConsultationProgress: Sendable, Hashable, Codable {
    /// What was done.
    public var note: String
    /// What kind of action carried it.
    public var actionKind: ConsultationActionKind
    /// The action's reference (a project number, an event id, a decision id).
    public var actionRef: String?

    /// Creates the value.
    public init(note: String, actionKind: ConsultationActionKind, actionRef: String?) {
        self.note = note
        self.actionKind = actionKind
        self.actionRef = actionRef
    }
}

/// One dated entry of a topic's record.
public struct ConsultationEntry: Sendable, Hashable {
    /// What the entry holds.
    public enum Content: Sendable, Hashable {
        case session(ConsultationSession)
        case assessment(ConsultationAssessment)
        case progress(ConsultationProgress)
    }

    /// Id.
    public let id: UUID
    /// The day it happened (the server's today when recorded).
    public let recordedOn: CalendarDay
    /// The entry.
    public let content: Content

    /// Creates the value.
    public init(id: UUID, recordedOn: CalendarDay, content: Content) {
        self.id = id
        self.recordedOn = recordedOn
        self.content = content
    }
}

/// A topic as proposed (CON-3, CON-4, CON-10).
public struct NewConsultationTopic: Sendable, Hashable {
    /// The community or communities concerned.
    public var communityIds: [UUID]
    /// Title.
    public var title: String
    /// What the matter is.
    public var description: String
    /// The catalogue category (CON-3).
    public var category: ConsultationCategory
    /// Who proposed it.
    public var proposer: ConsultationProposer
    /// How many residents proposed it, when residents did.
    public var proposerCount: Int?
    /// Strongly professional or technical (CON-7).
    public var technical: Bool
    /// Reserved to the residents' (villagers') meeting (CON-9); also set from the catalogue.
    public var reservedToMeeting: Bool
    /// The street Party working committee's procedure, for cross-community topics (CON-10).
    public var procedureRef: String?

    /// Creates the value.
    public init(
        communityIds: [UUID], title: String, description: String, category: ConsultationCategory,
        proposer: ConsultationProposer, proposerCount: Int?, technical: Bool, reservedToMeeting: Bool,
        procedureRef: String?
    ) {
        self.communityIds = communityIds
        self.title = title
        self.description = description
        self.category = category
        self.proposer = proposer
        self.proposerCount = proposerCount
        self.technical = technical
        self.reservedToMeeting = reservedToMeeting
        self.procedureRef = procedureRef
    }
}

/// A consultation topic (议题) and its record.
public struct ConsultationTopic: Sendable, Hashable {
    /// Id.
    public let id: UUID
    /// The owning community, or the street for cross-community topics (CON-10).
    public let ownerAreaId: UUID
    /// The owner's path.
    public let ownerPath: String
    /// The owner's kind.
    public let ownerKind: AreaKind
    /// The communities concerned.
    public let communityIds: [UUID]
    /// Title.
    public let title: String
    /// The matter.
    public let description: String
    /// Catalogue category.
    public let category: ConsultationCategory
    /// Who proposed it.
    public let proposer: ConsultationProposer
    /// How many residents proposed it.
    public let proposerCount: Int?
    /// Technical (CON-7).
    public let technical: Bool
    /// Reserved to the meeting (CON-9).
    public let reservedToMeeting: Bool
    /// The street's procedure (CON-10).
    public let procedureRef: String?
    /// The procedure followed (CON-12).
    public let flow: ConsultationFlow
    /// State.
    public var status: ConsultationStatus
    /// The plan.
    public var plan: ConsultationPlan?
    /// When the plan was published (CON-5).
    public var planPublishedOn: CalendarDay?
    /// When participants were sent the content (CON-5).
    public var participantsNotifiedOn: CalendarDay?
    /// The result.
    public var result: ConsultationResult?
    /// When the result was published (CON-8).
    public var resultPublishedOn: CalendarDay?
    /// The meeting decision it was referred to (CON-9).
    public var meetingDecisionId: UUID?
    /// Whether that decision passed.
    public var decisionPassed: Bool?
    /// The evaluation (CON-11).
    public var evaluation: ConsultationEvaluation?
    /// Why it was declined, withdrawn or closed.
    public var closingReason: String?
    /// Sessions, assessments and progress, in order.
    public let entries: [ConsultationEntry]
    /// Version.
    public let version: Int
    /// When proposed.
    public let createdAt: Date

    /// Creates the value.
    public init(
        id: UUID, ownerAreaId: UUID, ownerPath: String, ownerKind: AreaKind, communityIds: [UUID], title: String,
        description: String, category: ConsultationCategory, proposer: ConsultationProposer, proposerCount: Int?,
        technical: Bool, reservedToMeeting: Bool, procedureRef: String?, flow: ConsultationFlow,
        status: ConsultationStatus, plan: ConsultationPlan?, planPublishedOn: CalendarDay?,
        participantsNotifiedOn: CalendarDay?, result: ConsultationResult?, resultPublishedOn: CalendarDay?,
        meetingDecisionId: UUID?, decisionPassed: Bool?, evaluation: ConsultationEvaluation?, closingReason: String?,
        entries: [ConsultationEntry], version: Int, createdAt: Date
    ) {
        self.id = id
        self.ownerAreaId = ownerAreaId
        self.ownerPath = ownerPath
        self.ownerKind = ownerKind
        self.communityIds = communityIds
        self.title = title
        self.description = description
        self.category = category
        self.proposer = proposer
        self.proposerCount = proposerCount
        self.technical = technical
        self.reservedToMeeting = reservedToMeeting
        self.procedureRef = procedureRef
        self.flow = flow
        self.status = status
        self.plan = plan
        self.planPublishedOn = planPublishedOn
        self.participantsNotifiedOn = participantsNotifiedOn
        self.result = result
        self.resultPublishedOn = resultPublishedOn
        self.meetingDecisionId = meetingDecisionId
        self.decisionPassed = decisionPassed
        self.evaluation = evaluation
        self.closingReason = closingReason
        self.entries = entries
        self.version = version
        self.createdAt = createdAt
    }

    /// The sessions held.
    public var sessions: [ConsultationSession] {
        entries.compactMap { if case .session(let session) = $0.content { session } else { nil } }
    }

    /// The assessments recorded.
    public var assessments: [ConsultationAssessment] {
        entries.compactMap { if case .assessment(let assessment) = $0.content { assessment } else { nil } }
    }
}
