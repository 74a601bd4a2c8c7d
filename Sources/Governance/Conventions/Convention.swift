public import struct Foundation.Date
public import struct Foundation.UUID

/// A village's rules (村规民约) or a community's convention (社区公约) (CNV-1).
public enum ConventionKind: String, Sendable, Hashable, CaseIterable {
    case villageRules = "village_rules"
    case communityConvention = "community_convention"

    /// The meeting that deliberates and votes on it (CNV-3).
    public var deliberatingMeeting: MeetingKind {
        self == .villageRules ? .villagersMeeting : .residentsMeeting
    }

    /// The representative assembly that may vote only with the meeting's authorisation (CNV-3).
    public var authorisedAssembly: MeetingKind {
        self == .villageRules ? .villagerRepresentativeAssembly : .residentsRepresentativeAssembly
    }
}

/// The states of a convention (domain-rules.md §3.5); `in_force` and `superseded` are read from
/// the days, never stored.
public enum ConventionStatus: String, Sendable, Hashable, CaseIterable {
    case drafting
    case legalityReview = "legality_review"
    case readyForVote = "ready_for_vote"
    case voting, adopted
    case inForce = "in_force"
    case superseded
}

/// The five stages seed 000 §4.7.3 names, read from the state (§3.5).
public enum ConventionStage: String, Sendable, Hashable, CaseIterable {
    /// 备约: drafting, legality review, ready for the vote.
    case prepare
    /// 立约: voted and adopted, filed.
    case adopt
    /// 宣约: published.
    case publicise
    /// 执约: in force, with execution records.
    case enforce
    /// 督约: supervised by the supervision committee.
    case supervise
}

/// A sanction a clause provides (CNV-5).
public enum SanctionKind: String, Sendable, Hashable, CaseIterable, Codable {
    case criticismEducation = "criticism_education"
    case publicNotice = "public_notice"
    case pointsDeduction = "points_deduction"
    case benefitWithholding = "benefit_withholding"
    case fine, confiscation
    case restrictionOfLiberty = "restriction_of_liberty"
    case other

    /// Sanctions that may infringe property rights: an open legality finding until the
    /// reviewer clears it (CNV-5).
    public var mayBeUnlawful: Bool { self == .fine || self == .confiscation || self == .benefitWithholding }
}

/// A numbered clause.
public struct ConventionClause: Sendable, Hashable, Codable {
    /// 1, 2, …
    public var number: Int
    /// Its text.
    public var text: String
    /// The sanction it provides, if any.
    public var sanction: SanctionKind?

    /// Creates the value.
    public init(number: Int, text: String, sanction: SanctionKind?) {
        self.number = number
        self.text = text
        self.sanction = sanction
    }
}

/// The kinds of unlawful content a legality reviewer ticks (CNV-4).
public enum LegalityFindingKind: String, Sendable, Hashable, CaseIterable, Codable {
    case restrictsPersonalRights = "restricts_personal_rights"
    case restrictsDemocraticRights = "restricts_democratic_rights"
    case restrictsPropertyRights = "restricts_property_rights"
    case monetaryPenalty = "monetary_penalty"
    case discriminates
    case conflictsWithLaw = "conflicts_with_law"
    case other
}

/// Who reviewed the legality (CNV-2).
public enum LegalityReviewerType: String, Sendable, Hashable, CaseIterable, Codable {
    case legalAdviser = "legal_adviser"
    case streetLegalOffice = "street_legal_office"
    case justiceOffice = "justice_office"
    case other
}

/// A ticked finding.
public struct LegalityFinding: Sendable, Hashable, Codable {
    /// What is wrong.
    public var kind: LegalityFindingKind
    /// The clause, if one.
    public var clause: Int?
    /// The reviewer's note.
    public var note: String?

    /// Creates the value.
    public init(kind: LegalityFindingKind, clause: Int?, note: String?) {
        self.kind = kind
        self.clause = clause
        self.note = note
    }
}

/// The street's legality review (合法性审查, CNV-2, CNV-4).
public struct LegalityReview: Sendable, Hashable, Codable {
    /// Who.
    public var reviewerType: LegalityReviewerType
    /// Passed (no finding).
    public var passed: Bool
    /// The findings ticked.
    public var findings: [LegalityFinding]
    /// The reasons for returning the draft.
    public var reasons: String?
    /// The day.
    public var reviewedOn: CalendarDay

    /// Creates the value.
    public init(
        reviewerType: LegalityReviewerType, passed: Bool, findings: [LegalityFinding], reasons: String?,
        reviewedOn: CalendarDay
    ) {
        self.reviewerType = reviewerType
        self.passed = passed
        self.findings = findings
        self.reasons = reasons
        self.reviewedOn = reviewedOn
    }
}

/// The text of a draft: every part may be missing until the vote (CNV-1).
public struct ConventionDraft: Sendable, Hashable {
    /// 《XX村村规民约》 or 《XX社区公约》.
    public var name: String?
    /// The body.
    public var body: String?
    /// The deliberating body: the villagers' or residents' meeting.
    public var deliberatingBody: MeetingKind?
    /// The day it takes effect.
    public var effectiveOn: CalendarDay?
    /// Numbered clauses, with their sanctions.
    public var clauses: [ConventionClause]

    /// Creates the value.
    public init(
        name: String?, body: String?, deliberatingBody: MeetingKind?, effectiveOn: CalendarDay?,
        clauses: [ConventionClause]
    ) {
        self.name = name
        self.body = body
        self.deliberatingBody = deliberatingBody
        self.effectiveOn = effectiveOn
        self.clauses = clauses
    }
}

/// A convention version.
public struct Convention: Sendable, Hashable {
    /// Id.
    public let id: UUID
    /// The village or community.
    public let areaId: UUID
    /// Its path.
    public let areaPath: String
    /// Kind.
    public let kind: ConventionKind
    /// The text.
    public var draft: ConventionDraft
    /// The version it revises (CNV-8).
    public let revises: UUID?
    /// The consultation topic that solicited opinions (CNV-2, CON-3).
    public var consultationTopicId: UUID?
    /// When opinions were solicited otherwise.
    public var opinionsSolicitedOn: CalendarDay?
    /// How.
    public var opinionNote: String?
    /// Stored state (`drafting` … `adopted`).
    public var storedStatus: ConventionStatus
    /// The last legality review.
    public var legalityReview: LegalityReview?
    /// The decision that adopted it (CNV-3).
    public var meetingDecisionId: UUID?
    /// The meeting's authorisation of its assembly, when the assembly voted.
    public var authorisationRef: String?
    /// Day adopted (the meeting's day).
    public var adoptedOn: CalendarDay?
    /// Filed with (the street or township).
    public var filedWith: UUID?
    /// Day filed.
    public var filedOn: CalendarDay?
    /// Day published (宣约).
    public var publishedOn: CalendarDay?
    /// The day a revision of it took effect, if one has.
    public let supersededOn: CalendarDay?
    /// Execution and supervision records.
    public let records: [ConventionRecord]
    /// Version.
    public let version: Int
    /// When created.
    public let createdAt: Date

    /// Creates the value.
    public init(
        id: UUID, areaId: UUID, areaPath: String, kind: ConventionKind, draft: ConventionDraft, revises: UUID?,
        consultationTopicId: UUID?, opinionsSolicitedOn: CalendarDay?, opinionNote: String?,
        storedStatus: ConventionStatus, legalityReview: LegalityReview?, meetingDecisionId: UUID?,
        authorisationRef: String?, adoptedOn: CalendarDay?, filedWith: UUID?, filedOn: CalendarDay?,
        publishedOn: CalendarDay?, supersededOn: CalendarDay?, records: [ConventionRecord], version: Int,
        createdAt: Date
    ) {
        self.id = id
        self.areaId = areaId
        self.areaPath = areaPath
        self.kind = kind
        self.draft = draft
        self.revises = revises
        self.consultationTopicId = consultationTopicId
        self.opinionsSolicitedOn = opinionsSolicitedOn
        self.opinionNote = opinionNote
        self.storedStatus = storedStatus
        self.legalityReview = legalityReview
        self.meetingDecisionId = meetingDecisionId
        self.authorisationRef = authorisationRef
        self.adoptedOn = adoptedOn
        self.filedWith = filedWith
        self.filedOn = filedOn
        self.publishedOn = publishedOn
        self.supersededOn = supersededOn
        self.records = records
        self.version = version
        self.createdAt = createdAt
    }
}

/// Kinds of execution (执约) and supervision (督约) record (CNV-7).
public enum ConventionRecordKind: String, Sendable, Hashable, CaseIterable {
    case praise, criticism
    case pointsAward = "points_award"
    case pointsDeduction = "points_deduction"
    case redList = "red_list"
    case blackList = "black_list"
    case supervisionReview = "supervision_review"
}

/// An execution or supervision record.
public struct ConventionRecord: Sendable, Hashable {
    /// Id.
    public let id: UUID
    /// Kind.
    public let kind: ConventionRecordKind
    /// The clause applied (execution records).
    public let clause: Int?
    /// The household or person praised or criticised (a name only, GEN-7).
    public let subjectName: String?
    /// What happened.
    public let note: String
    /// The supervision committee member (supervision reviews).
    public let supervisorMemberId: UUID?
    /// Day recorded.
    public let recordedOn: CalendarDay

    /// Creates the value.
    public init(
        id: UUID, kind: ConventionRecordKind, clause: Int?, subjectName: String?, note: String,
        supervisorMemberId: UUID?, recordedOn: CalendarDay
    ) {
        self.id = id
        self.kind = kind
        self.clause = clause
        self.subjectName = subjectName
        self.note = note
        self.supervisorMemberId = supervisorMemberId
        self.recordedOn = recordedOn
    }
}
