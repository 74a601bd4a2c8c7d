public import struct Foundation.Date
public import struct Foundation.UUID

/// What a publication is about (DIS-2).
public enum DisclosureCategory: String, Sendable, Hashable, CaseIterable {
    /// General affairs (居务 / 村务).
    case affairs
    /// Financial income and expenditure (财务).
    case finance
    /// Decisions of the residents' (villagers') meeting or assembly (决策).
    case meetingDecision = "meeting_decision"
    /// Consultation results (CON-8).
    case consultationResult = "consultation_result"
    /// Their implementation (CON-8).
    case consultationImplementation = "consultation_implementation"
    /// Relief, assistance and subsidy funds and materials.
    case reliefSubsidyFunds = "relief_subsidy_funds"
    /// Community service projects.
    case serviceProject = "service_project"
    /// Rural: the family-planning plan.
    case familyPlanningPlan = "family_planning_plan"
    /// Rural: the committee's work assisting the government.
    case assistanceToGovernment = "assistance_to_government"
    /// Working rules and procedures (DIS-1).
    case rulesProcedures = "rules_procedures"
    /// An adopted convention (CNV-6).
    case convention
    /// Elections.
    case election
    /// The admitted work list (ADM-1).
    case admissionList = "admission_list"
    /// Anything else concerning all residents.
    case other

    /// Published only by villages (DIS-2).
    public var isRuralOnly: Bool { self == .familyPlanningPlan || self == .assistanceToGovernment }
}

/// Where it is published (DIS-1).
public enum DisclosureChannel: String, Sendable, Hashable, CaseIterable {
    case wallBoard = "wall_board"
    case online, brochure, meeting
}

/// A line of a finance publication, in fen.
public struct FinanceLine: Sendable, Hashable, Codable {
    /// Income or expenditure.
    public enum Direction: String, Sendable, Hashable, CaseIterable, Codable {
        case income, expenditure
    }

    /// Which way.
    public var direction: Direction
    /// The item.
    public var item: String
    /// The amount in fen (1/100 yuan), above zero.
    public var amountFen: Int

    /// Creates the value.
    public init(direction: Direction, item: String, amountFen: Int) {
        self.direction = direction
        self.item = item
        self.amountFen = amountFen
    }
}

/// A publication a step of another resource makes (CON-8, CON-9, CNV-6).
public struct DisclosureDraft: Sendable, Hashable {
    /// Category.
    public var category: DisclosureCategory
    /// Title.
    public var title: String
    /// Text.
    public var content: String

    /// Creates the value.
    public init(category: DisclosureCategory, title: String, content: String) {
        self.category = category
        self.title = title
        self.content = content
    }
}

/// A publication as the committee submits it.
public struct NewDisclosure: Sendable, Hashable {
    /// The community or village.
    public var areaId: UUID
    /// Category.
    public var category: DisclosureCategory
    /// Title.
    public var title: String
    /// The period covered.
    public var periodFrom: CalendarDay
    /// The period covered.
    public var periodTo: CalendarDay
    /// Text.
    public var content: String
    /// Income and expenditure lines (finance only).
    public var financeLines: [FinanceLine]
    /// Channels (DIS-1).
    public var channels: [DisclosureChannel]
    /// A major matter published as it arises (DIS-3).
    public var major: Bool
    /// When a major matter was decided.
    public var occurredOn: CalendarDay?
    /// The last day on the board.
    public var takeDownOn: CalendarDay?
    /// The supervision committee member who reviewed it (DIS-5).
    public var reviewerMemberId: UUID?
    /// The day of the review.
    public var reviewedOn: CalendarDay?
    /// The item this one corrects (DIS-4).
    public var corrects: UUID?

    /// Creates the value.
    public init(
        areaId: UUID, category: DisclosureCategory, title: String, periodFrom: CalendarDay, periodTo: CalendarDay,
        content: String, financeLines: [FinanceLine], channels: [DisclosureChannel], major: Bool,
        occurredOn: CalendarDay?, takeDownOn: CalendarDay?, reviewerMemberId: UUID?, reviewedOn: CalendarDay?,
        corrects: UUID?
    ) {
        self.areaId = areaId
        self.category = category
        self.title = title
        self.periodFrom = periodFrom
        self.periodTo = periodTo
        self.content = content
        self.financeLines = financeLines
        self.channels = channels
        self.major = major
        self.occurredOn = occurredOn
        self.takeDownOn = takeDownOn
        self.reviewerMemberId = reviewerMemberId
        self.reviewedOn = reviewedOn
        self.corrects = corrects
    }
}

/// A published item of the board. Published items never change (DIS-4).
public struct Disclosure: Sendable, Hashable {
    /// Id.
    public let id: UUID
    /// The community or village.
    public let areaId: UUID
    /// Its path.
    public let areaPath: String
    /// Category.
    public let category: DisclosureCategory
    /// Title.
    public let title: String
    /// Period covered.
    public let periodFrom: CalendarDay
    /// Period covered.
    public let periodTo: CalendarDay
    /// Text.
    public let content: String
    /// Finance lines.
    public let financeLines: [FinanceLine]
    /// Channels.
    public let channels: [DisclosureChannel]
    /// Major matter.
    public let major: Bool
    /// When the major matter was decided.
    public let occurredOn: CalendarDay?
    /// The server's day of publication.
    public let publishedOn: CalendarDay
    /// Last day on the board.
    public let takeDownOn: CalendarDay?
    /// Reviewer (DIS-5).
    public let reviewerMemberId: UUID?
    /// Day of review.
    public let reviewedOn: CalendarDay?
    /// The item corrected.
    public let corrects: UUID?
    /// The resource whose step published it (`consultation_topic`, `convention`), if any.
    public let sourceType: String?
    /// Its id.
    public let sourceId: UUID?
    /// When stored.
    public let createdAt: Date

    /// Creates the value.
    public init(
        id: UUID, areaId: UUID, areaPath: String, category: DisclosureCategory, title: String,
        periodFrom: CalendarDay, periodTo: CalendarDay, content: String, financeLines: [FinanceLine],
        channels: [DisclosureChannel], major: Bool, occurredOn: CalendarDay?, publishedOn: CalendarDay,
        takeDownOn: CalendarDay?, reviewerMemberId: UUID?, reviewedOn: CalendarDay?, corrects: UUID?,
        sourceType: String?, sourceId: UUID?, createdAt: Date
    ) {
        self.id = id
        self.areaId = areaId
        self.areaPath = areaPath
        self.category = category
        self.title = title
        self.periodFrom = periodFrom
        self.periodTo = periodTo
        self.content = content
        self.financeLines = financeLines
        self.channels = channels
        self.major = major
        self.occurredOn = occurredOn
        self.publishedOn = publishedOn
        self.takeDownOn = takeDownOn
        self.reviewerMemberId = reviewerMemberId
        self.reviewedOn = reviewedOn
        self.corrects = corrects
        self.sourceType = sourceType
        self.sourceId = sourceId
        self.createdAt = createdAt
    }

    /// Income minus expenditure, in fen.
    public var balanceFen: Int {
        financeLines.reduce(0) { $0 + ($1.direction == .income ? $1.amountFen : -$1.amountFen) }
    }
}
