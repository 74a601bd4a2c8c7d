public import Foundation
public import Governance
import Postgres

/// Every metric kept per community for one area in one statement (the dashboard): the area's
/// communities, their fresh facts and the written ones are found once for all the metrics rather
/// than once per metric, which at a city's 6,000 communities was most of a dashboard's time.
extension StatisticsRepository {
    /// Whether the metric `key` is kept per community, so that `cachedCounts` reads it.
    public static func keptPerCommunity(_ key: String) -> Bool { cachedPerCommunity.contains(key) }

    /// The counts of each metric of `metrics` kept per community (`cachedPerCommunity`), for the
    /// whole subtree of `areaId`, on `today`, over no period: the same figures `counts` gives one
    /// by one. A grid's or microgrid's figures are not kept per community: ask `counts`.
    public func cachedCounts(
        _ metrics: [Metric], areaId: UUID, today: CalendarDay, deadline: ContinuousClock.Instant
    ) async throws -> [String: Counts] {
        let metrics = metrics.filter { Self.cachedPerCommunity.contains($0.key) }
        guard !metrics.isEmpty else { return [:] }
        let current = metrics.map { "\($0.key):\(Self.definitions[$0.key] ?? "")" }
        var query: PostgresQuery = """
            WITH g AS MATERIALIZED (SELECT id, name, kind, path FROM area WHERE id = \(areaId) AND kind NOT IN ('grid', 'microgrid')),
            t AS (SELECT \(today)::date AS day, NULL::date AS from_day, NULL::date AS to_day),
            c AS MATERIALIZED (SELECT c.id, c.path FROM g JOIN area c ON c.path <@ g.path WHERE c.kind IN ('community', 'village')),
            fresh AS MATERIALIZED (
                SELECT z.metric, z.community_id FROM c JOIN stat_community_fresh z ON z.community_id = c.id
                WHERE z.computed_for = \(today)::date AND z.metric || ':' || z.definition = ANY(\(current)::text[])
                  AND c.id NOT IN (\(unsafeSQL: Self.dirtyCommunities))),
            sums AS (
                SELECT s.metric, sum(s.n) AS n, sum(s.d) AS d
                FROM fresh JOIN stat_community_fact s ON s.metric = fresh.metric AND s.community_id = fresh.community_id
                GROUP BY s.metric
            """
        // A community not fresh for a metric is counted from the sources, as `counts` does.
        for metric in metrics {
            guard let source = Self.facts[metric.key] else { continue }
            query.append(
                """
                 UNION ALL
                SELECT \(metric.key)::text, sum(f.n), sum(f.d)
                FROM c grp CROSS JOIN t CROSS JOIN LATERAL (\(unsafeSQL: source.replacingOccurrences(of: "g.path", with: "grp.path"))) f
                WHERE NOT EXISTS (SELECT 1 FROM fresh WHERE fresh.metric = \(metric.key) AND fresh.community_id = grp.id)
                """)
        }
        query.append(") SELECT k.metric, g.id, g.name, g.kind, coalesce(sum(s.n), 0)::bigint AS numerator,")
        query.append(" coalesce(sum(s.d), 0)::bigint AS denominator, k.target_value, k.target_set_by")
        query.append(" FROM g CROSS JOIN LATERAL (VALUES ")
        for (index, metric) in metrics.enumerated() {
            query.append(index == 0 ? "(" : ", (")
            let target = Self.target(of: metric, today: today)
            query.append("\(metric.key)::text, ")
            query.append(target.value)
            query.append(", ")
            query.append(target.setBy)
            query.append(")")
        }
        query.append(
            """
            ) k(metric, target_value, target_set_by) LEFT JOIN sums s ON s.metric = k.metric
            GROUP BY k.metric, g.id, g.name, g.kind, k.target_value, k.target_set_by
            """)
        let rows = try await store.read(query, deadline: deadline)
        return try rows.reduce(into: [:]) { counts, row in
            counts[try row.decode("metric", as: String.self)] = try Self.counts(from: row, dimension: nil)
        }
    }
}
