import Foundation
import Governance
import Testing

/// The grid-event lifecycle (domain-rules.md §3.6): transitions, tiers, deadlines, merges,
/// dispatches and ratings, decided without a database.
@Suite struct GridEventRulesTests {
    static let today = CalendarDay("2026-11-27")!  // a Friday

    static let category = GridEventCategory(
        code: "property_management", nameZh: "物业管理", nameEn: "Property management", defaultTier: .compound,
        timeLimitDays: 3, dayKind: .working, departmentId: nil, riskRequired: false, sensitive: false, cityPath: nil,
        version: 1)

    static func event(
        _ status: GridEventStatus, tier: GridEventTier? = nil, path: String = "c1.d1.s1.m1.g1",
        reporter: GridEventReporter? = GridEventReporter(personId: nil, name: "王五", phoneMasked: "138****8000"),
        anonymous: Bool = false, reopenCount: Int = 0, dispatches: [GridEventDispatch] = [], id: UUID = UUID()
    ) -> GridEvent {
        GridEvent(
            id: id, areaId: UUID(), areaPath: path, tier: tier, levelPath: tier?.path(from: path), status: status,
            source: .gridPatrol, category: "property_management", riskLevel: nil, description: "x",
            location: GridEventLocation(), reporter: reporter, anonymous: anonymous, photoIds: [], dueOn: nil,
            dayKind: .calendar,
            acceptedOn: nil, mergedIntoId: nil, mergedReportIds: [], mediationCaseId: nil, rejectReason: nil,
            resolution: nil, resolvedAt: nil, rating: nil, ratingComment: nil, reopenCount: reopenCount,
            closedReason: nil, dispatches: dispatches, steps: [], version: 1, createdAt: Date())
    }

    static func dispatch(_ status: GridEventDispatch.Status, due: String = "2026-12-01") -> GridEventDispatch {
        GridEventDispatch(
            id: UUID(), departmentId: UUID(), lead: true, authorityBasis: "职责", dueOn: CalendarDay(due)!,
            status: status, returnReason: nil, outcome: nil, actionsTaken: nil, dispatchedOn: today, acceptedAt: nil,
            fedBackOn: nil, progressCount: 0)
    }

    /// The code of the refusal `body` throws; `nil` when it passes.
    static func refusal<Value>(_ body: () throws -> Value) -> String? {
        do {
            _ = try body()
            return nil
        } catch { return (error as? DomainError)?.code ?? "\(error)" }
    }

    @Test func eachStepIsAllowedFromItsStatesOnly() {
        for status in GridEventStatus.allCases {
            let event = Self.event(status, tier: status == .reported ? nil : .community)
            let accepted = Self.refusal {
                try event.decideAccept(tier: nil, category: Self.category, today: Self.today)
            }
            #expect((accepted == nil) == (status == .reported), "accept from \(status)")
            let rejected = Self.refusal { try event.decideReject(reason: "重复") }
            #expect((rejected == nil) == (status == .reported), "reject from \(status)")
            let resolved = Self.refusal { try event.decideResolution("已清理") }
            #expect((resolved == nil) == (status == .handling), "resolve from \(status)")
            let closed = Self.refusal { try event.decideClose(reason: "已办结", reporterInformed: true) }
            #expect((closed == nil) == (status == .resolved), "close from \(status)")
            let referred = Self.refusal { try event.decideReferral() }
            #expect((referred == nil) == (status == .reported || status == .handling), "refer from \(status)")
            if ![.reported, .handling, .resolved].contains(status) {
                #expect(accepted == "grid_event.wrong_state" && resolved == "grid_event.wrong_state")
            }
        }
    }

    @Test func everyEndHasAReasonEVT10() {
        #expect(Self.refusal { try Self.event(.reported).decideReject(reason: nil) } == "request.invalid")
        #expect(
            Self.refusal {
                try Self.event(.resolved, tier: .community).decideClose(reason: nil, reporterInformed: true)
            }
                == "request.invalid")
        #expect(Self.refusal { try Self.event(.handling, tier: .community).decideResolution(nil) } == "request.invalid")
    }

    @Test func aNamedReporterIsToldBeforeClosingEVT7() {
        let named = Self.event(.resolved, tier: .community)
        #expect(
            Self.refusal { try named.decideClose(reason: "已办结", reporterInformed: false) }
                == "grid_event.reporter_not_informed")
        #expect(Self.refusal { try named.decideClose(reason: "已办结", reporterInformed: true) } == nil)
        let anonymous = Self.event(.resolved, tier: .community, reporter: nil)
        #expect(Self.refusal { try anonymous.decideClose(reason: "已办结", reporterInformed: false) } == nil)
    }

    @Test func acceptanceSetsTheTierAndItsDeadlineEVT4() throws {
        let urban = try Self.event(.reported).decideAccept(tier: nil, category: Self.category, today: Self.today)
        #expect(urban.tier == .compound && urban.levelPath == "c1.d1.s1.m1" && urban.status == .handling)
        #expect(urban.dueOn == CalendarDay("2026-12-02"))  // 3 working days from a Friday
        // Villages have no compound tier: the default moves to the community, asking for it is refused.
        let village = Self.event(.reported, path: "c1.d1.t1.v1.g1")
        #expect(try village.decideAccept(tier: nil, category: Self.category, today: Self.today).tier == .community)
        #expect(
            Self.refusal { try village.decideAccept(tier: .compound, category: Self.category, today: Self.today) }
                == "grid_event.no_compound_tier")
        let street = try Self.event(.reported).decideAccept(tier: .street, category: Self.category, today: Self.today)
        #expect(street.tier == .street && street.levelPath == "c1.d1.s1")
    }

    @Test func escalationGoesOneTierAtATimeWithAReasonEVT4() throws {
        let compound = Self.event(.handling, tier: .compound)
        #expect(
            Self.refusal {
                try compound.decideEscalation(
                    reason: .tooComplex, note: nil, to: .street, category: Self.category, today: Self.today)
            } == "grid_event.escalation_skips_level")
        #expect(
            Self.refusal {
                try compound.decideEscalation(
                    reason: nil, note: nil, to: nil, category: Self.category, today: Self.today)
            } == "request.invalid")
        let up = try compound.decideEscalation(
            reason: .notResolvedInTime, note: "业主不配合", to: .community, category: Self.category, today: Self.today)
        #expect(up.tier == .community && up.note == "not_resolved_in_time: 业主不配合")
        let toStreet = try Self.event(.handling, tier: .community).decideEscalation(
            reason: .outsideAuthority, note: nil, to: nil, category: Self.category, today: Self.today)
        #expect(toStreet.tier == .street && toStreet.levelPath == "c1.d1.s1")
        #expect(
            Self.refusal {
                try Self.event(.handling, tier: .street).decideEscalation(
                    reason: .tooComplex, note: nil, to: nil, category: Self.category, today: Self.today)
            } == "grid_event.no_higher_tier")
    }

    @Test(arguments: [
        ("2026-11-27", 3, DayKind.calendar, "2026-11-30"), ("2026-11-27", 3, DayKind.working, "2026-12-02"),
        ("2026-11-28", 1, DayKind.working, "2026-11-30"), ("2026-11-30", 5, DayKind.working, "2026-12-07"),
        ("2026-12-31", 1, DayKind.working, "2027-01-01"), ("2026-11-30", 10, DayKind.working, "2026-12-14"),
        ("2028-02-28", 2, DayKind.calendar, "2028-03-01"),
    ])
    func deadlinesInCalendarAndWorkingDays(start: String, days: Int, kind: DayKind, due: String) {
        #expect(HandlingDays.due(from: CalendarDay(start)!, days: days, kind: kind) == CalendarDay(due))
    }

    @Test func weekdaysOfKnownDates() {
        let known = [
            ("2026-11-27", 5), ("2026-11-28", 6), ("2026-11-30", 1), ("2026-12-02", 3), ("2000-02-29", 2),
            ("1969-12-31", 3),
        ]
        for (day, weekday) in known { #expect(CalendarDay(day)!.isoWeekday == weekday, "\(day)") }
    }

    @Test func duplicatesMergeIntoAnOpenEventOfTheSameCommunity() throws {
        let target = Self.event(.handling, tier: .community)
        let duplicate = Self.event(.reported, path: "c1.d1.s1.m1.g2")
        let merged = try duplicate.decideMerge(into: target)
        #expect(merged.status == .merged && merged.mergedIntoId == target.id)
        #expect(Self.refusal { try target.decideMerge(into: target) } == "grid_event.invalid_merge_target")
        #expect(
            Self.refusal { try duplicate.decideMerge(into: Self.event(.closed, tier: .community)) }
                == "grid_event.invalid_merge_target")
        #expect(
            Self.refusal { try duplicate.decideMerge(into: Self.event(.reported, path: "c1.d1.s1.m2.g1")) }
                == "grid_event.invalid_merge_target")
        #expect(Self.refusal { try Self.event(.resolved, tier: .community).decideMerge(into: target) } != nil)
    }

    @Test func onlyTheStreetTierDispatchesWithABasisAndAFutureDeadlineEVT5() throws {
        #expect(
            Self.refusal {
                try Self.event(.handling, tier: .community).decideDispatch(
                    authorityBasis: "职责", dueOn: nil, category: Self.category, today: Self.today)
            } == "grid_event.dispatch_needs_street_tier")
        let street = Self.event(.handling, tier: .street)
        #expect(
            Self.refusal {
                try street.decideDispatch(
                    authorityBasis: " ", dueOn: nil, category: Self.category, today: Self.today)
            } == "request.invalid")
        // The deadline may be today, not yesterday.
        #expect(
            Self.refusal {
                try street.decideDispatch(
                    authorityBasis: "职责", dueOn: Self.today.addingDays(-1), category: Self.category, today: Self.today)
            } == "request.invalid")
        let due = try street.decideDispatch(
            authorityBasis: "职责", dueOn: Self.today, category: Self.category, today: Self.today)
        #expect(due.dueOn == Self.today)
        let byCatalogue = try street.decideDispatch(
            authorityBasis: "职责", dueOn: nil, category: Self.category, today: Self.today)
        #expect(byCatalogue.dueOn == CalendarDay("2026-12-02") && byCatalogue.dayKind == .working)
    }

    @Test func aDepartmentCannotDeclineWhatItAcceptedEVT6() throws {
        let pending = Self.dispatch(.pending)
        #expect(
            Self.refusal {
                try pending.decide(.return, reason: nil, note: nil, outcome: nil, actionsTaken: nil, today: Self.today)
            } == "request.invalid")
        #expect(
            try pending.decide(.return, reason: "非本部门职责", note: nil, outcome: nil, actionsTaken: nil, today: Self.today)
                .status == .returned)
        let accepted = Self.dispatch(.accepted)
        #expect(
            Self.refusal {
                try accepted.decide(
                    .return, reason: "太忙", note: nil, outcome: nil, actionsTaken: nil, today: Self.today)
            } == "grid_event.accepted_cannot_decline")
        #expect(
            Self.refusal {
                try accepted.decide(
                    .feedback, reason: nil, note: nil, outcome: "已处理", actionsTaken: nil, today: Self.today)
            } == "grid_event.feedback_incomplete")
        let fedBack = try accepted.decide(
            .feedback, reason: nil, note: nil, outcome: "已处理", actionsTaken: "现场执法", today: Self.today)
        #expect(fedBack.status == .fedBack && fedBack.fedBackOn == Self.today)
        #expect(
            Self.refusal {
                try pending.decide(
                    .feedback, reason: nil, note: nil, outcome: "x", actionsTaken: "y", today: Self.today)
            } == "grid_event.dispatch_wrong_state")
    }

    @Test func overdueIsTheDayAfterTheDeadlineEVT6() {
        let open = Self.dispatch(.accepted, due: "2026-12-01")
        #expect(!open.isOverdue(on: CalendarDay("2026-12-01")!))
        #expect(open.isOverdue(on: CalendarDay("2026-12-02")!))
        #expect(!Self.dispatch(.fedBack, due: "2026-12-01").isOverdue(on: CalendarDay("2026-12-05")!))
        let event = Self.event(.handling, tier: .street, dispatches: [open])
        #expect(event.isOverdue(on: CalendarDay("2026-12-02")!) && !event.isOverdue(on: CalendarDay("2026-12-01")!))
    }

    @Test func resolvingWaitsForEveryDepartment() {
        let waiting = Self.event(
            .handling, tier: .street, dispatches: [Self.dispatch(.fedBack), Self.dispatch(.accepted)])
        #expect(Self.refusal { try waiting.decideResolution("已办结") } == "grid_event.dispatch_open")
        let done = Self.event(
            .handling, tier: .street, dispatches: [Self.dispatch(.fedBack), Self.dispatch(.returned)])
        #expect(Self.refusal { try done.decideResolution("已办结") } == nil)
    }

    @Test func aDissatisfiedRatingReopensOnceEVT7() throws {
        let resolved = Self.event(.resolved, tier: .street)
        let reopened = try resolved.decideRating(
            .dissatisfied, comment: "没解决", category: Self.category, today: Self.today)
        #expect(reopened.status == .handling && reopened.tier == .street && reopened.reopened)
        let again = try Self.event(.resolved, tier: .street, reopenCount: 1).decideRating(
            .dissatisfied, comment: nil, category: Self.category, today: Self.today)
        #expect(again.status == .closed && again.closedReason == "rated" && !again.reopened)
        let satisfied = try resolved.decideRating(
            .basicallySatisfied, comment: nil, category: Self.category, today: Self.today)
        #expect(satisfied.status == .closed && satisfied.rating == .basicallySatisfied)
        #expect(
            Self.refusal {
                try Self.event(.resolved, tier: .street, reporter: nil, anonymous: true).decideRating(
                    .satisfied, comment: nil, category: Self.category, today: Self.today)
            } == "grid_event.anonymous_not_rated")
        #expect(
            Self.refusal {
                try Self.event(.handling, tier: .street).decideRating(
                    .satisfied, comment: nil, category: Self.category, today: Self.today)
            } == "grid_event.wrong_state")
    }

    @Test func aHazardNeedsARiskLevelEVT2() {
        let hazard = GridEventCategory(
            code: "safety_hazard", nameZh: "安全隐患", nameEn: "Safety hazard", defaultTier: .street, timeLimitDays: 2,
            dayKind: .calendar, departmentId: nil, riskRequired: true, sensitive: false, cityPath: nil, version: 1)
        let report = NewGridEvent(
            areaId: UUID(), source: .gridPatrol, category: "safety_hazard", riskLevel: nil, description: "电线裸露")
        #expect(Self.refusal { try report.validate(category: hazard) } == "request.invalid")
        var graded = report
        graded.riskLevel = "high"
        #expect(Self.refusal { try graded.validate(category: hazard) } == nil)
        var both = graded
        both.anonymous = true
        both.reporterName = "王五"
        #expect(Self.refusal { try both.validate(category: hazard) } == "request.invalid")
        #expect(Self.refusal { try report.checkArea(.community) } == "grid_event.patrol_needs_grid")
        #expect(Self.refusal { try report.checkArea(.grid) } == nil)
        #expect(Self.refusal { try report.checkArea(.street) } == "grid_event.invalid_area")
    }
}
