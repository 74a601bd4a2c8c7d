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

    @Test func adm3AssistanceNeedsTheWrittenEntrustment() throws {
        let today = CalendarDay("2026-07-01")!
        func check(_ reference: String?, _ date: String?, _ target: AdmissionStatus = .submitted) throws {
            try AdmissionRules.checkEntrustment(
                category: .assistance, reference: reference, date: date.flatMap(CalendarDay.init), target: target,
                today: today)
        }
        try check("委托书 7 号", "2026-07-01")
        #expect(throws: DomainError.self, "a date after today") { try check("委托书 7 号", "2026-07-02") }
        #expect(throws: DomainError.self, "no reference") { try check(nil, "2026-06-01") }
        #expect(throws: DomainError.self, "no date") { try check("委托书 7 号", nil, .admitted) }
        try check(nil, nil, .legalReview)
        try AdmissionRules.checkEntrustment(
            category: .statutoryDuty, reference: nil, date: nil, target: .admitted, today: today)
    }

    @Test func adm3AssistanceNeedsFunding() throws {
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

    /// A fixture year (not official dates): a holiday week 2099-10-01…07 and two adjusted
    /// working Saturdays, 2099-09-26 and 2099-10-10.
    static let fixtureDays = HandlingDays(calendars: [
        WorkingCalendar(
            year: 2099, holidays: Set((1...7).map { CalendarDay(year: 2099, month: 10, day: $0)! }),
            workingWeekends: [CalendarDay("2099-09-26")!, CalendarDay("2099-10-10")!])
    ])

    @Test func adm5DecisionsAreDueFifteenWorkingDaysAfterSubmissionAcrossAHolidayAndAnAdjustedWeekend() {
        let submitted = CalendarDay("2099-09-28")!  // a Monday
        let due = AdmissionDeadlines.decisionDue(submittedOn: submitted, days: Self.fixtureDays)
        // 9-29, 9-30; the holiday week skipped; 10-8, 10-9, Saturday 10-10 worked, 10-12 … 10-23.
        #expect(due.day == CalendarDay("2099-10-23"))
        #expect(due.calendar == HandlingDays.officialCalendar)
        // Without the calendar: Monday to Friday, and the answer says so.
        let weekdays = AdmissionDeadlines.decisionDue(submittedOn: submitted, days: .weekdaysOnly)
        #expect(weekdays.day == CalendarDay("2099-10-19"))
        #expect(weekdays.calendar == HandlingDays.weekdaysOnlyCalendar)
    }

    @Test func adm5SubmissionIsThirtyWorkingDaysBeforeTheStart() {
        let submitBy = AdmissionDeadlines.submitBy(startsOn: CalendarDay("2099-10-20")!, days: Self.fixtureDays)
        #expect(submitBy.day == CalendarDay("2099-09-03"))
        #expect(
            AdmissionDeadlines.submitBy(startsOn: CalendarDay("2099-10-20")!, days: .weekdaysOnly).day
                == CalendarDay("2099-09-08"))
        let draft = Self.application(
            status: .draft, starts: "2099-10-20", ends: "2099-12-31", submitBy: submitBy.day)
        #expect(!AdmissionDeadlines.isOverdue(draft, today: CalendarDay("2099-09-03")!))
        #expect(AdmissionDeadlines.isOverdue(draft, today: CalendarDay("2099-09-04")!))
    }

    static func application(
        status: AdmissionStatus, starts: String, ends: String, submitted: String? = nil, submitBy: CalendarDay? = nil,
        decisionDue: CalendarDay? = nil
    ) -> AdmissionApplication {
        AdmissionApplication(
            id: UUID(), departmentId: UUID(), departmentName: "民政局", applicantTokenId: UUID(), areaId: UUID(),
            areaPath: "c1.d2", title: "t",
            description: "d",
            category: .statutoryDuty, legalBasis: "l", startsOn: CalendarDay(starts)!, endsOn: CalendarDay(ends)!,
            fundingAmount: nil, fundingSource: nil,
            staffing: nil, workloadHoursPerMonth: 1, forms: [], storedStatus: status,
            submittedOn: submitted.flatMap(CalendarDay.init), legalOpinion: nil,
            decisionMeeting: nil, decisionDate: nil, decisionReference: nil, version: 1, createdAt: Date(),
            submitBy: submitBy, decisionDue: decisionDue)
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
            status: .legalReview, starts: "2027-06-01", ends: "2027-12-31", submitted: "2026-11-01",
            decisionDue: CalendarDay("2026-11-20"))
        #expect(!AdmissionDeadlines.isOverdue(undecided, today: CalendarDay("2026-11-20")!))
        #expect(AdmissionDeadlines.isOverdue(undecided, today: CalendarDay("2026-11-21")!))
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

    static func exceptional(
        _ mode: ExceptionalAssignmentMode, event: String? = "第 14 号台风", decision: String? = "区防指〔2026〕3 号",
        days: Int? = nil, contract: String? = nil, amount: Int? = nil, endsOn: String? = nil,
        matter: AdmissionMatter = .other
    ) -> NewExceptionalAssignment {
        NewExceptionalAssignment(
            mode: mode, departmentId: nil, communityId: UUID(), title: "转移危房住户", matter: matter,
            emergencyEvent: mode == .emergency ? event : nil, decisionReference: mode == .emergency ? decision : nil,
            days: days, contractReference: contract, amount: amount, endsOn: endsOn.flatMap(CalendarDay.init))
    }

    @Test func adm6AnEmergencyPushNamesItsEventAndDecisionAndIsBoxed() throws {
        let today = CalendarDay("2026-07-01")!
        let full = try Self.exceptional(.emergency).validate(today: today, emergencyDays: 30)
        #expect(full.endsOn == CalendarDay("2026-07-30"), "ADM-6: 30 days including today")
        #expect(
            try Self.exceptional(.emergency, days: 30).validate(today: today, emergencyDays: 30).endsOn == full.endsOn)
        #expect(throws: DomainError.self, "31 days is outside the box") {
            try Self.exceptional(.emergency, days: 31).validate(today: today, emergencyDays: 30)
        }
        #expect(throws: DomainError.self, "no decision, no emergency push") {
            try Self.exceptional(.emergency, decision: nil).validate(today: today, emergencyDays: 30)
        }
        #expect(throws: DomainError.self) {
            try Self.exceptional(.emergency, event: " ").validate(today: today, emergencyDays: 30)
        }
        // One box per event: inside it later pushes end with it; the day after, admission.
        let first = (startsOn: CalendarDay("2026-07-01")!, endsOn: CalendarDay("2026-07-30")!)
        let lastDay = CalendarDay("2026-07-30")!
        #expect(
            try NewExceptionalAssignment.checkEmergencyBox(
                previous: first, requested: (lastDay, lastDay.addingDays(29)), today: lastDay) == lastDay)
        let after = lastDay.addingDays(1)
        let refused = try #require(throws: DomainError.self) {
            try NewExceptionalAssignment.checkEmergencyBox(
                previous: first, requested: (after, after.addingDays(29)), today: after)
        }
        #expect(refused.code == "admission.emergency_box_over")
        #expect(
            try NewExceptionalAssignment.checkEmergencyBox(previous: nil, requested: full, today: today)
                == full.endsOn)
    }

    @Test func adm12APurchaseOfServiceNeedsAContractAnAmountAndATerm() throws {
        let today = CalendarDay("2026-07-01")!
        let good = Self.exceptional(.purchaseOfService, contract: "采购合同 12 号", amount: 1, endsOn: "2027-06-30")
        #expect(try good.validate(today: today, emergencyDays: 30).endsOn == CalendarDay("2027-06-30"))
        for bad in [
            Self.exceptional(.purchaseOfService, contract: nil, amount: 1, endsOn: "2027-06-30"),
            Self.exceptional(.purchaseOfService, contract: "合同", amount: 0, endsOn: "2027-06-30"),
            Self.exceptional(.purchaseOfService, contract: "合同", amount: 1, endsOn: nil),
            Self.exceptional(.purchaseOfService, contract: "合同", amount: 1, endsOn: "2026-06-30"),
        ] {
            #expect(throws: DomainError.self, "ADM-12") { try bad.validate(today: today, emergencyDays: 30) }
        }
        let forbidden = Self.exceptional(
            .purchaseOfService, contract: "合同", amount: 1, endsOn: "2027-06-30", matter: .demolition)
        let error = try #require(throws: DomainError.self) { try forbidden.validate(today: today, emergencyDays: 30) }
        #expect(error.code == "admission.forbidden_matter", "ADM-8 holds for purchased work")
    }

    @Test func violationKindsNameTheirRules() {
        #expect(AdmissionViolationKind.nonAdmittedWork.ruleId == "ADM-7")
        #expect(AdmissionViolationKind.separateAssessment.ruleId == "ADM-9")
        #expect(AdmissionViolationKind.oneVoteVeto.ruleId == "ADM-9")
        for kind in [AdmissionViolationKind.plaque, .ledger, .informationSystem, .workBody] {
            #expect(kind.ruleId == "ADM-11")
        }
    }

    @Test func adm1ListsArePublishedByADistrictOrTheCityForAYearAroundToday() throws {
        let today = CalendarDay("2026-11-30")!
        try AdmissionListVersion.checkPublication(
            publisherScope: .district, issuer: .district, year: 2027, today: today)
        try AdmissionListVersion.checkPublication(publisherScope: .city, issuer: .district, year: 2025, today: today)
        let street = try #require(throws: DomainError.self) {
            try AdmissionListVersion.checkPublication(
                publisherScope: .street, issuer: .district, year: 2026, today: today)
        }
        #expect(street.code == "admission.list_publisher_level")
        let forStreet = try #require(throws: DomainError.self) {
            try AdmissionListVersion.checkPublication(
                publisherScope: .district, issuer: .street, year: 2026, today: today)
        }
        #expect(forStreet.code == "admission.list_issuer_level")
        #expect(throws: DomainError.self, "two years ahead") {
            try AdmissionListVersion.checkPublication(
                publisherScope: .district, issuer: .district, year: 2028, today: today)
        }
    }
}
