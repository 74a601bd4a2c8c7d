import Foundation
import Governance
import Testing

/// Targets, undefined rates and the suppression of small groups, at their boundaries.
@Suite struct MetricTests {
    static let rate = MetricCatalogue.metric("grid_staffing_rate")!
    static let cases = MetricCatalogue.metric("mediation_success_rate")!
    static let overdue = MetricCatalogue.metric("term_overdue_count")!

    static func row(_ metric: Metric, _ numerator: Int, _ denominator: Int) -> MetricRow {
        MetricRow(
            metric: metric, areaId: UUID(), areaName: "社区", areaKind: .community, numerator: numerator,
            denominator: denominator)
    }

    @Test func aTargetIsMetAtItsBoundAndMissedJustBeyond() {
        #expect(Self.row(Self.rate, 8, 8).meetsTarget == true)
        #expect(Self.row(Self.rate, 7, 8).meetsTarget == false)
        let compliance = MetricCatalogue.metric("self_governance_compliance_rate")!
        #expect(Self.row(compliance, 98, 100).meetsTarget == true)
        #expect(Self.row(compliance, 97, 100).meetsTarget == false)
        #expect(Self.row(Self.overdue, 0, 12).meetsTarget == true)
        #expect(Self.row(Self.overdue, 1, 12).meetsTarget == false)
        #expect(Self.row(Self.overdue, 1, 12).value == 1)
    }

    @Test func aRateOverNothingHasNoValueAndNoVerdict() {
        let empty = Self.row(Self.rate, 0, 0)
        #expect(empty.value == nil && empty.meetsTarget == nil && !empty.suppressed)
    }

    @Test func groupsOfFewerThanFivePeopleAreSuppressed() {
        let four = Self.row(Self.cases, 3, 4)
        #expect(four.suppressed && four.value == nil && four.numerator == nil && four.denominator == nil)
        let five = Self.row(Self.cases, 3, 5)
        #expect(!five.suppressed && five.value == 0.6)
        // Metrics over areas and committees are never suppressed.
        #expect(!Self.row(Self.rate, 1, 2).suppressed)
    }

    @Test func everyMetricHasItsSourceAndAUniqueKey() {
        #expect(Set(MetricCatalogue.all.map(\.key)).count == MetricCatalogue.all.count)
        #expect(MetricCatalogue.all.allSatisfy { !$0.source.isEmpty })
    }
}
