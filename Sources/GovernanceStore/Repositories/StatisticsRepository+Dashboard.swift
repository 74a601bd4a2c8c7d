import Foundation
public import Governance
import Postgres

/// The dashboard's figures in one statement: the area's communities, their fresh facts and the
/// written ones are found once for every metric kept per community, and the mediation rollup is
/// read once for every rolled-up metric, rather than once per metric (which at a city's 6,000
/// communities and 200,000 rollup rows was most of a dashboard's time).
extension StatisticsRepository {
    /// Whether the metric `key` is kept per community.
    public static func keptPerCommunity(_ key: String) -> Bool { cachedPerCommunity.contains(key) }

    /// Whether `counts(of:area:)` answers the metric `key` for `area` over no period: a metric
    /// kept per community for an area above the grids, a rolled-up one at or above a street.
    public static func answeredTogether(_ key: String, for area: Area) -> Bool {
        if cachedPerCommunity.contains(key) { return area.kind != .grid && area.kind != .microgrid }
        if rolledUp.contains(key) || key == rolledUpOverdue { return area.path.split(separator: ".").count <= 3 }
        return false
    }

    /// The counts of each metric of `metrics` that `answeredTogether` names, for the whole subtree
    /// of `area`, on `today`, over no period: the figures `counts` gives one by one.
    public func counts(
        of metrics: [Metric], area: Area, today: CalendarDay, deadline: ContinuousClock.Instant
    ) async throws -> [String: Counts] {
        let metrics = metrics.filter { Self.answeredTogether($0.key, for: area) }
        guard !metrics.isEmpty else { return [:] }
        let kept = metrics.filter { Self.cachedPerCommunity.contains($0.key) }
        let rolled = metrics.filter { Self.rolledUp.contains($0.key) || $0.key == Self.rolledUpOverdue }
        let current = kept.map { "\($0.key):\(Self.definitions[$0.key] ?? "")" }
        var query: PostgresQuery = """
            WITH g AS MATERIALIZED (SELECT id, name, kind, path FROM area WHERE id = \(area.id)),
            t AS (SELECT \(today)::date AS day, NULL::date AS from_day, NULL::date AS to_day),
            c AS MATERIALIZED (
                SELECT c.id, c.path FROM g JOIN area c ON c.path <@ g.path
                WHERE c.kind IN ('community', 'village') AND \(!kept.isEmpty)),
            fresh AS MATERIALIZED (
                SELECT z.metric, z.community_id FROM c JOIN stat_community_fresh z ON z.community_id = c.id
                WHERE z.computed_for = \(today)::date AND z.metric || ':' || z.definition = ANY(\(current)::text[])
                  AND c.id NOT IN (\(unsafeSQL: Self.dirtyCommunities))),
            sums AS (
                SELECT s.metric, sum(s.n) AS n, sum(s.d) AS d
                FROM fresh JOIN stat_community_fact s ON s.metric = fresh.metric AND s.community_id = fresh.community_id
                GROUP BY s.metric
                UNION ALL
                SELECT r.metric, sum(r.n), sum(r.d) FROM g CROSS JOIN t JOIN mediation_rollup r ON r.street_path <@ g.path
                WHERE r.metric = ANY(\(rolled.map(\.key))::text[])
                  AND (r.metric <> \(Self.rolledUpOverdue) OR r.month < date_trunc('month', t.day)::date)
                GROUP BY r.metric
            """
        if rolled.contains(where: { $0.key == Self.rolledUpOverdue }) {
            query.append(
                """
                 UNION ALL
                SELECT \(Self.rolledUpOverdue)::text, sum(f.n), sum(f.d)
                FROM g CROSS JOIN t CROSS JOIN LATERAL (\(unsafeSQL: Self.overdueThisMonth)) f
                """)
        }
        // A community not fresh for a metric is counted from the sources, as `counts` does.
        for metric in kept {
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
            let target = Self.target(of: metric, today: today)
            query.append(index == 0 ? "(" : ", (")
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
