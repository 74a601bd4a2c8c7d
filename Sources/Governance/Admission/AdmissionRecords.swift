public import struct Foundation.UUID

/// A request to draft an application.
public struct NewAdmissionApplication: Sendable, Hashable {
    /// Title.
    public var title: String
    /// Description.
    public var description: String
    /// Category.
    public var category: AdmissionCategory
    /// Legal basis.
    public var legalBasis: String
    /// Target area (district, street or community subtree).
    public var targetAreaId: UUID
    /// First day.
    public var startsOn: CalendarDay
    /// Last day.
    public var endsOn: CalendarDay
    /// Funding in yuan.
    public var fundingAmount: Int?
    /// Funding source.
    public var fundingSource: String?
    /// Staffing support.
    public var staffing: String?
    /// Hours per month per community.
    public var workloadHoursPerMonth: Int
    /// Forms and certificates.
    public var forms: [String]
    /// The applying department, when an admin drafts on its behalf; a department token's own
    /// department otherwise.
    public var departmentId: UUID?
    /// The kind of matter (ADM-8).
    public var matter: AdmissionMatter
    /// The written entrustment (书面委托) of an assistance matter: its reference (ADM-3).
    public var entrustmentReference: String? = nil
    /// The day the entrustment was issued (ADM-3).
    public var entrustmentDate: CalendarDay? = nil
    /// The communities targeted, when not the whole target area (ADM-2).
    public var targetCommunityIds: [UUID]? = nil

    /// Creates the request value.
    public init(
        title: String, description: String, category: AdmissionCategory, legalBasis: String, targetAreaId: UUID,
        startsOn: CalendarDay,
        endsOn: CalendarDay, fundingAmount: Int?, fundingSource: String?, staffing: String?, workloadHoursPerMonth: Int,
        forms: [String], departmentId: UUID? = nil, matter: AdmissionMatter = .other
    ) {
        self.departmentId = departmentId
        self.matter = matter
        self.title = title
        self.description = description
        self.category = category
        self.legalBasis = legalBasis
        self.targetAreaId = targetAreaId
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.fundingAmount = fundingAmount
        self.fundingSource = fundingSource
        self.staffing = staffing
        self.workloadHoursPerMonth = workloadHoursPerMonth
        self.forms = forms
    }

    /// Checks every field; a forbidden matter is refused first (ADM-8).
    public func validate() throws(DomainError) {
        try matter.check()
        var validator = FieldValidator()
        validator.length("title", title, max: 200)
        validator.notBlank("title", title)
        validator.length("description", description, max: 5000)
        validator.length("legalBasis", legalBasis, max: 1000)
        validator.length("fundingSource", fundingSource, max: 200)
        validator.length("staffing", staffing, max: 1000)
        validator.length("entrustmentReference", entrustmentReference, max: 200)
        if let targets = targetCommunityIds,
            targets.isEmpty || targets.count > 200 || Set(targets).count != targets.count
        {
            validator.fail(
                "targetCommunityIds", "invalid", zh: "目标社区须为 1 至 200 个不重复的社区。",
                en: "1 to 200 distinct communities.")
        }
        validator.range("fundingAmount", fundingAmount, 0...1_000_000_000)
        validator.range("workloadHoursPerMonth", workloadHoursPerMonth, 0...744)
        if forms.count > 50 { validator.fail("forms", "too_many", zh: "表格不能超过 50 种。", en: "At most 50 forms.") }
        for (index, form) in forms.enumerated() { validator.length("forms/\(index)", form, max: 200) }
        if endsOn < startsOn {
            validator.fail("endsOn", "before_start", zh: "结束日期早于开始日期。", en: "Ends before it starts.")
        }
        try validator.check()
    }
}

/// A refusal (ADM-7) or another violation (ADM-9, ADM-11) recorded by a community.
public struct AdmissionRefusal: Sendable, Hashable {
    /// Id.
    public let id: UUID
    /// What kind of violation it records.
    public let kind: AdmissionViolationKind
    /// The community.
    public let communityId: UUID
    /// The department that pushed the work.
    public let departmentId: UUID
    /// Its name.
    public let departmentName: String
    /// What was pushed.
    public let description: String
    /// When.
    public let date: CalendarDay
    /// Evidence note.
    public let evidence: String?
    /// `open`, `upheld` or `dismissed`.
    public let status: String
    /// The reviewer's note.
    public let outcomeNote: String?

    /// Creates a refusal value.
    public init(
        id: UUID, communityId: UUID, departmentId: UUID, departmentName: String, description: String, date: CalendarDay,
        evidence: String?,
        status: String, outcomeNote: String?, kind: AdmissionViolationKind = .nonAdmittedWork
    ) {
        self.id = id
        self.kind = kind
        self.communityId = communityId
        self.departmentId = departmentId
        self.departmentName = departmentName
        self.description = description
        self.date = date
        self.evidence = evidence
        self.status = status
        self.outcomeNote = outcomeNote
    }
}

/// A department's year in numbers.
public struct DepartmentReport: Sendable, Hashable {
    /// Applications created in the year.
    public var applications = 0
    /// Of which admitted (or since expired or withdrawn after admission).
    public var admitted = 0
    /// Of which rejected.
    public var rejected = 0
    /// Assignments made in the year.
    public var assignments = 0
    /// Refusals of pushed work upheld against the department (ADM-7).
    public var upheldRefusals = 0
    /// Every upheld violation by kind (ADM-7, ADM-9, ADM-11).
    public var upheldViolations: [String: Int] = [:]
    /// Ratings received.
    public var ratings = 0
    /// Their average, if any.
    public var averageRating: Double?
    /// Grid events dispatched to the department in the year (EVT-6: the street's periodic
    /// evaluation of departments, 双评议).
    public var gridEventDispatches = 0
    /// Of which fed back.
    public var gridEventFeedback = 0
    /// Of which fed back by the deadline.
    public var gridEventOnTime = 0
    /// Open past the deadline today.
    public var gridEventOverdue = 0
    /// Emergency pushes without admission in the year (ADM-6), counted apart.
    public var emergencyAssignments = 0
    /// Matters entrusted by purchase of service in the year (ADM-12), counted apart.
    public var purchasedServices = 0

    /// Creates empty figures.
    public init() {}

    /// Feedback on time of all that came due (fed back, or open past the deadline); `nil` when none did.
    public var gridEventOnTimeRate: Double? {
        let due = gridEventFeedback + gridEventOverdue
        return due == 0 ? nil : Double(gridEventOnTime) / Double(due)
    }
}
