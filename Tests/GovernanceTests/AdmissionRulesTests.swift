import Foundation
import Governance
import Testing

@Suite struct AdmissionRulesTests {
    @Test func theLifecycleTable() throws {
        let legal: [(AdmissionStatus, AdmissionStatus)] = [
            (.draft, .submitted), (.submitted, .legalReview), (.legalReview, .decision), (.legalReview, .rejected),
            (.legalReview, .draft),
            (.decision, .admitted), (.decision, .rejected), (.admitted, .withdrawn),
        ]
        for from in AdmissionStatus.allCases {
            for to in AdmissionStatus.allCases {
                if legal.contains(where: { $0 == (from, to) }) {
                    try from.checkTransition(to: to)
                } else {
                    #expect(throws: DomainError.self) { try from.checkTransition(to: to) }
                }
            }
        }
    }

    @Test func reviewersReviewAndNeverTheirOwnApplication() throws {
        try AdmissionRules.checkActor(target: .legalReview, role: .reviewer, isApplicant: false)
        try AdmissionRules.checkActor(target: .submitted, role: .department, isApplicant: true)
        #expect(throws: DomainError.self) {
            try AdmissionRules.checkActor(target: .legalReview, role: .department, isApplicant: true)
        }
        #expect(throws: DomainError.self) {
            try AdmissionRules.checkActor(target: .admitted, role: .reviewer, isApplicant: true)
        }
        #expect(throws: DomainError.self) {
            try AdmissionRules.checkActor(target: .submitted, role: .reviewer, isApplicant: false)
        }
        #expect(throws: DomainError.self) {
            try AdmissionRules.checkActor(target: .decision, role: .admin, isApplicant: true)
        }
        try AdmissionRules.checkActor(target: .submitted, role: .admin, isApplicant: true)
        try AdmissionRules.checkActor(target: .decision, role: .admin, isApplicant: false)
    }

    @Test func assistanceNeedsFunding() throws {
        #expect(throws: DomainError.self) {
            try AdmissionRules.checkFunding(category: .assistance, fundingAmount: nil, target: .admitted)
        }
        #expect(throws: DomainError.self) {
            try AdmissionRules.checkFunding(category: .assistance, fundingAmount: 0, target: .submitted)
        }
        try AdmissionRules.checkFunding(category: .assistance, fundingAmount: 1000, target: .admitted)
        try AdmissionRules.checkFunding(category: .statutoryDuty, fundingAmount: nil, target: .admitted)
        try AdmissionRules.checkFunding(category: .assistance, fundingAmount: nil, target: .legalReview)
    }

    @Test(arguments: [
        ("2027-03-01", "2027-01-30"), ("2027-03-31", "2027-03-01"), ("2028-03-01", "2028-01-31"),
        ("2027-01-15", "2026-12-16"),
    ])
    func submissionDeadlinesCrossMonthEnds(startsOn: String, submitBy: String) {
        #expect(AdmissionDeadlines.submitBy(startsOn: CalendarDay(startsOn)!) == CalendarDay(submitBy))
    }

    @Test(arguments: [("2027-01-20", "2027-02-04"), ("2028-02-20", "2028-03-06"), ("2027-12-25", "2028-01-09")])
    func decisionsAreDueFifteenDaysAfterSubmission(submitted: String, due: String) {
        #expect(AdmissionDeadlines.decisionDue(submittedOn: CalendarDay(submitted)!) == CalendarDay(due))
    }

    static func application(status: AdmissionStatus, starts: String, ends: String, submitted: String? = nil)
        -> AdmissionApplication
    {
        AdmissionApplication(
            id: UUID(), departmentId: UUID(), departmentName: "民政局", applicantTokenId: UUID(), areaId: UUID(),
            areaPath: "c1.d2", title: "t",
            description: "d",
            category: .statutoryDuty, legalBasis: "l", startsOn: CalendarDay(starts)!, endsOn: CalendarDay(ends)!,
            fundingAmount: nil, fundingSource: nil,
            staffing: nil, workloadHoursPerMonth: 1, forms: [], storedStatus: status,
            submittedOn: submitted.flatMap(CalendarDay.init), legalOpinion: nil,
            decisionMeeting: nil, decisionDate: nil, decisionReference: nil, version: 1, createdAt: Date())
    }

    @Test func anAdmittedItemExpiresAfterItsEndDate() {
        let item = Self.application(status: .admitted, starts: "2026-01-01", ends: "2026-06-30")
        #expect(item.status(on: CalendarDay("2026-06-30")!) == .admitted)
        #expect(item.status(on: CalendarDay("2026-07-01")!) == .expired)
        #expect(item.isActive(on: CalendarDay("2026-06-30")!))
        #expect(!item.isActive(on: CalendarDay("2026-07-01")!))
        #expect(!item.isActive(on: CalendarDay("2025-12-31")!))
        #expect(
            !Self.application(status: .decision, starts: "2026-01-01", ends: "2026-06-30").isActive(
                on: CalendarDay("2026-03-01")!))
    }

    @Test func overdueApplications() {
        let lateDraft = Self.application(status: .draft, starts: "2026-12-01", ends: "2027-06-30")
        #expect(AdmissionDeadlines.isOverdue(lateDraft, today: CalendarDay("2026-11-02")!))
        #expect(!AdmissionDeadlines.isOverdue(lateDraft, today: CalendarDay("2026-11-01")!))
        let undecided = Self.application(
            status: .legalReview, starts: "2027-06-01", ends: "2027-12-31", submitted: "2026-11-01")
        #expect(!AdmissionDeadlines.isOverdue(undecided, today: CalendarDay("2026-11-16")!))
        #expect(AdmissionDeadlines.isOverdue(undecided, today: CalendarDay("2026-11-17")!))
    }

    @Test func onlyOtherMattersMayBeAdmittedADM8() {
        for matter in AdmissionMatter.allCases {
            let refused: String?
            do {
                try matter.check()
                refused = nil
            } catch { refused = error.code }
            #expect((refused == nil) == (matter == .other), "\(matter)")
            #expect(refused == nil || refused == "admission.forbidden_matter")
        }
    }
}
