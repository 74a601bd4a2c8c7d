import Foundation
import Governance
import Testing

@Suite struct GridRulesTests {
    @Test(arguments: [
        (AreaKind.grid, GridType?.some(.comprehensive), GridCategory?.none, true),
        (.grid, .exclusive, .hospital, true),
        (.microgrid, .exclusive, nil, true),
        (.grid, .comprehensive, .school, false),
        (.grid, nil, .market, false),
        (.community, .comprehensive, nil, false),
    ])
    func gridAttributes(kind: AreaKind, gridType: GridType?, category: GridCategory?, allowed: Bool) {
        if allowed {
            #expect(throws: Never.self) {
                try GridRules.checkAttributes(kind: kind, gridType: gridType, category: category)
            }
        } else {
            #expect(throws: DomainError.self) {
                try GridRules.checkAttributes(kind: kind, gridType: gridType, category: category)
            }
        }
    }

    @Test func postsFitTheirTargets() throws {
        for post in GridPost.allCases {
            try GridRules.checkTarget(post: post, target: post.target)
        }
        #expect(throws: DomainError.self) { try GridRules.checkTarget(post: .gridLeader, target: .building) }
        #expect(throws: DomainError.self) { try GridRules.checkTarget(post: .unitLeader, target: .grid) }
        #expect(GridPost.allCases.filter { !$0.isLeader } == [.gridWorker])
    }

    @Test func buildingAndUnitLeadersLiveThere() throws {
        let building = UUID()
        let unit = UUID()
        try GridRules.checkLeaderResidence(
            post: .buildingLeader, targetId: building, residentBuildingId: building, residentUnitId: nil)
        try GridRules.checkLeaderResidence(
            post: .unitLeader, targetId: unit, residentBuildingId: building, residentUnitId: unit)
        try GridRules.checkLeaderResidence(
            post: .gridLeader, targetId: UUID(), residentBuildingId: nil, residentUnitId: nil)
        #expect(throws: DomainError.self) {
            try GridRules.checkLeaderResidence(
                post: .buildingLeader, targetId: building, residentBuildingId: UUID(), residentUnitId: nil)
        }
        #expect(throws: DomainError.self) {
            try GridRules.checkLeaderResidence(
                post: .unitLeader, targetId: unit, residentBuildingId: building, residentUnitId: nil)
        }
    }

    @Test func anAssignmentEndsOnOrAfterItsStartAndNotAfterToday() throws {
        let start = try #require(CalendarDay("2026-03-01"))
        let today = try #require(CalendarDay("2027-01-01"))
        try GridRules.checkEnd(startedOn: start, endedOn: start, today: today)
        try GridRules.checkEnd(startedOn: start, endedOn: today, today: today)
        #expect(throws: DomainError.self) {
            try GridRules.checkEnd(startedOn: start, endedOn: CalendarDay("2026-02-28")!, today: today)
        }
        let future = #expect(throws: DomainError.self) {
            try GridRules.checkEnd(startedOn: start, endedOn: today.addingDays(1), today: today)
        }
        #expect(future?.fieldErrors.first?.code == "in_future")
    }

    @Test(arguments: [
        "2026-02-29", "2026-13-01", "2026-1-01", "26-01-01", "2026-04-31", "", "2026-01-01T00:00:00Z", "２０２６-01-01",
    ])
    func impossibleOrMalformedDaysAreRefused(text: String) {
        #expect(CalendarDay(text) == nil)
    }

    @Test func daysParseCompareAndPrint() throws {
        let leap = try #require(CalendarDay("2028-02-29"))
        #expect(leap.description == "2028-02-29")
        #expect(try #require(CalendarDay("2026-12-31")) < CalendarDay("2027-01-01")!)
    }

    @Test func coverageRatiosHandleEmptyAreas() {
        var coverage = GridCoverage()
        #expect(coverage.fullyStaffedShare == 0)
        #expect(coverage.householdsPerGridWorker == nil)
        coverage.grids = 4
        coverage.gridsFullyStaffed = 3
        coverage.households = 900
        coverage.activeGridWorkers = 3
        #expect(coverage.fullyStaffedShare == 0.75)
        #expect(coverage.householdsPerGridWorker == 300)
    }
}
