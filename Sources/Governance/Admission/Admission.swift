public import struct Foundation.Date
public import struct Foundation.UUID

/// The lifecycle of a work-task admission application (社区工作事项准入, domain-rules.md §3.3):
/// draft → submitted → legal_review → decision → admitted | rejected; admitted → withdrawn,
/// and `expired` once its end date has passed (computed, never stored).
public enum AdmissionStatus: String, Sendable, Hashable, CaseIterable {
    case draft, submitted
    case legalReview = "legal_review"
    case decision, admitted, rejected, withdrawn, expired

    /// The states reachable in one step by a request.
    public var next: Set<AdmissionStatus> {
        switch self {
        case .draft: [.submitted]
        case .submitted: [.legalReview]
        case .legalReview: [.decision, .rejected, .draft]
        case .decision: [.admitted, .rejected]
        case .admitted: [.withdrawn]
        case .rejected, .withdrawn, .expired: []
        }
    }

    /// Checks a transition (`admission.invalid_transition`, 409).
    public func checkTransition(to target: AdmissionStatus) throws(DomainError) {
        guard next.contains(target) else {
            throw DomainError(
                .conflict, code: "admission.invalid_transition",
                message: LocalizedText(
                    zh: "不能从“\(rawValue)”转到“\(target.rawValue)”。",
                    en: "Cannot move from \(rawValue) to \(target.rawValue)."))
        }
    }

    /// The role that performs a transition into `target`: the department drafts and submits and
    /// withdraws; a reviewer reviews and decides (ADM-4), never the applicant.
    public static func actor(for target: AdmissionStatus) -> Role {
        switch target {
        case .submitted, .withdrawn: .department
        default: .reviewer
        }
    }
}

/// 依法履职 (statutory duty) or 协助政府工作 (assistance), ADM-1.
public enum AdmissionCategory: String, Sendable, Hashable, CaseIterable {
    case statutoryDuty = "statutory_duty"
    case assistance
}

/// The kind of meeting that decides (ADM-4).
public enum DecisionMeeting: String, Sendable, Hashable, CaseIterable {
    case partyStandingCommittee = "party_standing_committee"
    case governmentExecutiveMeeting = "government_executive_meeting"
}

/// An admission application.
public struct AdmissionApplication: Sendable, Hashable {
    /// Id.
    public let id: UUID
    /// The applying department.
    public let departmentId: UUID
    /// Its name.
    public let departmentName: String
    /// The token that applied.
    public let applicantTokenId: UUID
    /// The target area (a district or street subtree).
    public let areaId: UUID
    /// Its path.
    public let areaPath: String
    /// Title.
    public let title: String
    /// Description.
    public let description: String
    /// Category.
    public let category: AdmissionCategory
    /// Legal basis.
    public let legalBasis: String
    /// First day.
    public let startsOn: CalendarDay
    /// Last day.
    public let endsOn: CalendarDay
    /// Funding in yuan (费随事转, ADM-3).
    public let fundingAmount: Int?
    /// Where the funds come from.
    public let fundingSource: String?
    /// Staffing support (人随事转).
    public let staffing: String?
    /// Estimated workload per community, hours per month.
    public let workloadHoursPerMonth: Int
    /// Forms and certificates communities would produce.
    public let forms: [String]
    /// Stored state (`expired` is derived from the end date).
    public let storedStatus: AdmissionStatus
    /// When submitted.
    public let submittedOn: CalendarDay?
    /// The reviewer's opinion.
    public let legalOpinion: String?
    /// The deciding meeting.
    public let decisionMeeting: DecisionMeeting?
    /// The meeting's date.
    public let decisionDate: CalendarDay?
    /// The meeting's reference.
    public let decisionReference: String?
    /// Version.
    public let version: Int
    /// When created.
    public let createdAt: Date
    /// The kind of matter (ADM-8).
    public let matter: AdmissionMatter
    /// The last day to submit (ADM-5), counted when drafted.
    public let submitBy: CalendarDay
    /// The communities targeted, when not the whole target area (ADM-2).
    public let targetCommunityIds: [UUID]?
    /// The latest published list version that lists it (ADM-1): its year and number.
    public let listVersion: ListVersionReference?
    /// The written entrustment's reference (ADM-3).
    public let entrustmentReference: String?
    /// The day it was issued (ADM-3).
    public let entrustmentDate: CalendarDay?
    /// The decision's due day (ADM-5), counted at submission.
    public let decisionDue: CalendarDay?
    /// The calendar `submitBy` was counted with: `official`, `weekdays_only`, or `nil` for
    /// applications counted in calendar days before working days were introduced.
    public let submitByCalendar: String?
    /// The calendar `decisionDue` was counted with, likewise.
    public let decisionDueCalendar: String?

    /// Creates an application value.
    public init(
        id: UUID, departmentId: UUID, departmentName: String, applicantTokenId: UUID, areaId: UUID, areaPath: String,
        title: String,
        description: String,
        category: AdmissionCategory, legalBasis: String, startsOn: CalendarDay, endsOn: CalendarDay,
        fundingAmount: Int?, fundingSource: String?,
        staffing: String?, workloadHoursPerMonth: Int, forms: [String], storedStatus: AdmissionStatus,
        submittedOn: CalendarDay?, legalOpinion: String?,
        decisionMeeting: DecisionMeeting?, decisionDate: CalendarDay?, decisionReference: String?, version: Int,
        createdAt: Date, matter: AdmissionMatter = .other, submitBy: CalendarDay? = nil,
        decisionDue: CalendarDay? = nil,
        submitByCalendar: String? = nil, decisionDueCalendar: String? = nil, entrustmentReference: String? = nil,
        entrustmentDate: CalendarDay? = nil, listVersion: ListVersionReference? = nil,
        targetCommunityIds: [UUID]? = nil
    ) {
        self.targetCommunityIds = targetCommunityIds
        self.listVersion = listVersion
        self.entrustmentReference = entrustmentReference
        self.entrustmentDate = entrustmentDate
        self.submitBy = submitBy ?? startsOn.addingDays(-AdmissionDeadlines.leadDays)
        self.decisionDue = decisionDue
        self.submitByCalendar = submitByCalendar
        self.decisionDueCalendar = decisionDueCalendar
        self.id = id
        self.departmentId = departmentId
        self.departmentName = departmentName
        self.applicantTokenId = applicantTokenId
        self.areaId = areaId
        self.areaPath = areaPath
        self.title = title
        self.description = description
        self.category = category
        self.legalBasis = legalBasis
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.fundingAmount = fundingAmount
        self.fundingSource = fundingSource
        self.staffing = staffing
        self.workloadHoursPerMonth = workloadHoursPerMonth
        self.forms = forms
        self.storedStatus = storedStatus
        self.submittedOn = submittedOn
        self.legalOpinion = legalOpinion
        self.decisionMeeting = decisionMeeting
        self.decisionDate = decisionDate
        self.decisionReference = decisionReference
        self.version = version
        self.createdAt = createdAt
        self.matter = matter
    }

    /// The state on `today`: an admitted item past its end date has expired.
    public func status(on today: CalendarDay) -> AdmissionStatus {
        storedStatus == .admitted && endsOn < today ? .expired : storedStatus
    }

    /// Whether the item targets `communityId` at `communityPath`: inside its target area, and on
    /// its explicit list of communities when it has one (ADM-2).
    public func targets(communityId: UUID, communityPath: String) -> Bool {
        AreaPath.contains(areaPath, communityPath) && targetCommunityIds.map { $0.contains(communityId) } ?? true
    }

    /// Whether communities may be assigned this work on `day` (the push-time gate, ADM-2).
    public func isActive(on day: CalendarDay) -> Bool {
        storedStatus == .admitted && startsOn <= day && day <= endsOn
    }
}

/// The deadlines of the admission rules (ADM-5, configurable local practice (c), Xicheng):
/// submission at least 30 working days before the start, a decision within 15 working days of
/// submission. Working days follow the city's calendar (holidays, adjusted weekends); a year
/// without one counts Monday to Friday and the deadline says `weekdays_only`.
public enum AdmissionDeadlines {
    /// Working days between submission and the start.
    public static let leadDays = 30
    /// Working days from submission to the decision.
    public static let decisionDays = 15

    /// The last day to submit for a start date, and the calendar the count used.
    public static func submitBy(startsOn: CalendarDay, days: HandlingDays) -> (day: CalendarDay, calendar: String?) {
        days.latestStart(before: startsOn, days: leadDays, kind: .working)
    }

    /// The day a decision is due after submission, and the calendar the count used.
    public static func decisionDue(submittedOn: CalendarDay, days: HandlingDays) -> (
        day: CalendarDay, calendar: String?
    ) {
        days.due(from: submittedOn, days: decisionDays, kind: .working)
    }

    /// Whether an application is overdue on `today`: a draft past its submission day, or still
    /// undecided past its decision day (both stored when counted).
    public static func isOverdue(_ application: AdmissionApplication, today: CalendarDay) -> Bool {
        let status = application.status(on: today)
        if status == .draft { return today > application.submitBy }
        if [.submitted, .legalReview, .decision].contains(status), let due = application.decisionDue {
            return today > due
        }
        return false
    }
}

/// The rules checked when an application moves.
public enum AdmissionRules {
    /// ADM-4: reviewers review and decide, departments submit and withdraw, and the applicant
    /// never reviews its own application.
    public static func checkActor(target: AdmissionStatus, role: Role, isApplicant: Bool) throws(DomainError) {
        let actor = AdmissionStatus.actor(for: target)
        let rightRole = role == actor || role == .admin
        let reviewsOwn = actor == .reviewer && isApplicant
        guard rightRole, !reviewsOwn else {
            throw DomainError(
                .forbidden, code: "admission.wrong_actor",
                message: LocalizedText(
                    zh: "该步骤须由\(actor.rawValue)办理，且申请方不能审查自己的申请。",
                    en: "This step belongs to the \(actor.rawValue); applicants never review their own."))
        }
    }

    /// ADM-3: an assistance matter is submitted and admitted only with the written entrustment
    /// (书面委托: its reference and the day it was issued, not after today).
    public static func checkEntrustment(
        category: AdmissionCategory, reference: String?, date: CalendarDay?, target: AdmissionStatus,
        today: CalendarDay
    ) throws(DomainError) {
        guard target == .admitted || target == .submitted, category == .assistance else { return }
        guard let reference, !reference.allSatisfy(\.isWhitespace), let date, date <= today else {
            throw DomainError(
                .unprocessable, code: "admission.entrustment_required",
                message: LocalizedText(
                    zh: "协助政府工作事项须有书面委托（文号及日期，日期不晚于今天，ADM-3）。",
                    en:
                        "Assistance matters need the written entrustment: its reference and date, not after today (ADM-3)."
                ))
        }
    }

    /// ADM-3: assistance matters are admitted only with their funding stated (费随事转).
    public static func checkFunding(category: AdmissionCategory, fundingAmount: Int?, target: AdmissionStatus)
        throws(DomainError)
    {
        guard target == .admitted || target == .submitted, category == .assistance, (fundingAmount ?? 0) <= 0 else {
            return
        }
        throw DomainError(
            .unprocessable, code: "admission.funding_required",
            message: LocalizedText(
                zh: "协助政府工作事项须写明经费（费随事转，ADM-3）。", en: "Assistance matters need their funding stated (ADM-3)."))
    }
}

/// A published list version an item carries (ADM-1).
public struct ListVersionReference: Sendable, Hashable, Decodable {
    /// The year of the lists.
    public let year: Int
    /// The version's number.
    public let version: Int

    /// Creates the value.
    public init(year: Int, version: Int) {
        self.year = year
        self.version = version
    }
}
