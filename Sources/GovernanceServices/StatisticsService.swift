package import Foundation
package import Governance
package import GovernanceStore

/// Figures for data platforms and front ends' overview pages: each metric of the catalogue for
/// an area's subtree, or per child area, against its standard. Areas and committees are
/// counted, never people one by one; groups of fewer than five are suppressed where a metric
/// counts people.
package struct StatisticsService: Sendable {
    let areas: AreaRepository
    let statistics: StatisticsRepository
    /// The facility records some metrics count.
    package let facilities: CommunityFacilityService

    /// Creates the service.
    package init(store: Store) {
        self.areas = AreaRepository(store: store)
        self.statistics = StatisticsRepository(store: store)
        self.facilities = CommunityFacilityService(store: store)
    }

    /// The catalogue.
    package func catalogue() -> [Metric] { MetricCatalogue.all }

    /// The metric `key` for the area (the caller's scope area by default), whole or grouped, over
    /// a period when the metric counts dated events.
    package func figures(
        _ key: String, areaId: UUID?, grouping: MetricGrouping?, period: MetricPeriod, context: CallContext
    ) async throws -> (metric: Metric, rows: [MetricRow]) {
        guard let metric = MetricCatalogue.metric(key) else { throw DomainError.notFound("metric") }
        try period.check(for: metric, grouping: grouping)
        let area = try await area(areaId, context: context)
        return (metric, try await rows(metric, area: area, grouping: grouping, period: period, context: context))
    }

    /// Every metric for one area: those the caches answer together (`answeredTogether`) in one
    /// statement, the others each in its own, all concurrently.
    package func dashboard(areaId: UUID?, context: CallContext) async throws -> (
        area: Area, rows: [(Metric, MetricRow)]
    ) {
        let area = try await area(areaId, context: context)
        let together = MetricCatalogue.all.filter { StatisticsRepository.answeredTogether($0.key, for: area) }
        async let counted = statistics.counts(
            of: together, area: area, today: context.today, deadline: context.deadline)
        var found = try await withThrowingTaskGroup(of: (String, MetricRow?).self) { group in
            for metric in MetricCatalogue.all where !StatisticsRepository.answeredTogether(metric.key, for: area) {
                group.addTask {
                    (
                        metric.key,
                        try await rows(metric, area: area, grouping: nil, period: .all, context: context).first
                    )
                }
            }
            var found: [String: MetricRow] = [:]
            for try await (key, row) in group { found[key] = row }
            return found
        }
        for (key, counts) in try await counted {
            guard let metric = MetricCatalogue.metric(key) else { continue }
            found[key] = row(metric, counts: counts, grouping: nil)
        }
        return (area, MetricCatalogue.all.compactMap { metric in found[metric.key].map { (metric, $0) } })
    }

    private func area(_ id: UUID?, context: CallContext) async throws -> Area {
        guard
            let area = try await areas.find(
                id ?? context.principal.scopeAreaId, scopePath: context.scopePath, deadline: context.deadline)
        else { throw DomainError.notFound("area") }
        return area
    }

    private func rows(
        _ metric: Metric, area: Area, grouping: MetricGrouping?, period: MetricPeriod, context: CallContext
    ) async throws -> [MetricRow] {
        try await statistics.counts(
            metric, areaId: area.id, grouping: grouping, from: period.from, to: period.to, today: context.today,
            deadline: context.deadline
        ).map { row(metric, counts: $0, grouping: grouping) }
    }

    private func row(_ metric: Metric, counts: StatisticsRepository.Counts, grouping: MetricGrouping?) -> MetricRow {
        MetricRow(
            metric: metric, areaId: counts.areaId, areaName: counts.areaName, areaKind: counts.areaKind,
            kind: grouping == .kind ? counts.dimension : nil, month: grouping == .month ? counts.dimension : nil,
            numerator: counts.numerator, denominator: counts.denominator, profileValue: counts.profileValue)
    }
}
