import Foundation
public import Governance
import Postgres

/// The dashboard's figures in one statement: each area's totals of the metrics kept per community
/// (migration 0042) and of the mediation rollup over all months (0043), corrected for what was
/// written since, rather than a statement per metric over 6,000 communities' facts and 140,000
/// rollup rows (most of a city dashboard's time).
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
        // Usually the refresher's last round was today's by these definitions, and only a few
        // communities have been written since: then the figure is the area's total (migration
        // 0042), less what the written communities added to it, plus their sources (the fast
        // path). Otherwise (a new day, a new definition, before the refresher's round) each
        // community is judged as `counts` judges it (the slow path). Each path is a one-time
        // filter, so the one not taken costs nothing.
        var query: PostgresQuery = """
            WITH g AS MATERIALIZED (SELECT id, name, kind, path FROM area WHERE id = \(area.id)),
            t AS (SELECT \(today)::date AS day, NULL::date AS from_day, NULL::date AS to_day),
            state AS MATERIALIZED (
                SELECT EXISTS (SELECT 1 FROM stat_area_total_state
                               WHERE computed_for = \(today)::date AND definitions = \(Self.currentDefinitions)::text[])
                       AND \(!kept.isEmpty) AS all_fresh),
            marks AS MATERIALIZED (SELECT DISTINCT path FROM stat_dirty),
            totalled AS MATERIALIZED (
                SELECT s.path FROM stat_area_total s WHERE s.area_id = \(area.id) AND (SELECT all_fresh FROM state) LIMIT 1),
            untotalled AS MATERIALIZED (
                SELECT s.area_id FROM marks x JOIN stat_area_total s ON s.community AND s.path <@ x.path
                WHERE (SELECT all_fresh FROM state)
                UNION
                SELECT s.area_id FROM marks x JOIN stat_area_total s ON s.community AND s.path @> x.path
                WHERE (SELECT all_fresh FROM state)),
            written AS MATERIALIZED (
                SELECT w.id, w.path FROM area w
                WHERE w.path <@ \(area.path)::ltree AND w.id IN (\(unsafeSQL: Self.dirtyCommunities)) AND \(!kept.isEmpty)),
            c AS MATERIALIZED (
                SELECT c.id, c.path FROM area c
                WHERE c.kind IN ('community', 'village') AND c.path <@ \(area.path)::ltree
                  AND \(!kept.isEmpty) AND NOT (SELECT all_fresh FROM state)),
            fresh AS MATERIALIZED (
                SELECT z.metric, z.community_id FROM c JOIN stat_community_fresh z ON z.community_id = c.id
                WHERE z.computed_for = \(today)::date AND z.metric || ':' || z.definition = ANY(\(current)::text[])
                  AND c.id NOT IN (SELECT id FROM written)),
            sums AS (
                SELECT s.metric, s.n, s.d FROM stat_area_total s
                WHERE (SELECT all_fresh FROM state) AND s.area_id = \(area.id) AND s.metric = ANY(\(kept.map(\.key))::text[])
                UNION ALL
                SELECT s.metric, -s.n, -s.d
                FROM untotalled u JOIN stat_area_total s ON s.area_id = u.area_id JOIN totalled ON s.path <@ totalled.path
                WHERE s.metric = ANY(\(kept.map(\.key))::text[])
                UNION ALL
                SELECT s.metric, sum(s.n), sum(s.d)
                FROM fresh JOIN stat_community_fact s ON s.metric = fresh.metric AND s.community_id = fresh.community_id
                GROUP BY s.metric
                UNION ALL
                SELECT r.metric, sum(r.n), sum(r.d) FROM mediation_rollup_total r
                WHERE r.street_path <@ \(area.path)::ltree
                  AND r.metric = ANY(\(rolled.map(\.key).filter { $0 != Self.rolledUpOverdue })::text[])
                GROUP BY r.metric
                UNION ALL
                SELECT r.metric, sum(r.n), sum(r.d) FROM t CROSS JOIN mediation_rollup r
                WHERE r.street_path <@ \(area.path)::ltree AND r.metric = \(Self.rolledUpOverdue)
                  AND \(rolled.contains { $0.key == Self.rolledUpOverdue }) AND r.month < date_trunc('month', t.day)::date
                GROUP BY r.metric
            """
        if rolled.contains(where: { $0.key == Self.rolledUpOverdue }) {
            query.append(
                """
                 UNION ALL
                SELECT \(Self.rolledUpOverdue)::text, sum(f.n), sum(f.d)
                FROM (SELECT \(area.path)::ltree AS path) g CROSS JOIN t
                     CROSS JOIN LATERAL (\(unsafeSQL: Self.overdueThisMonth)) f
                """)
        }
        // The sources of the communities written since the totals (fast path), or of every
        // community not fresh (slow path).
        for metric in kept {
            guard let source = Self.facts[metric.key] else { continue }
            let perCommunity = source.replacingOccurrences(of: "g.path", with: "grp.path")
            query.append(
                """
                 UNION ALL
                SELECT \(metric.key)::text, sum(f.n), sum(f.d)
                FROM written grp CROSS JOIN t CROSS JOIN LATERAL (\(unsafeSQL: perCommunity)) f
                WHERE (SELECT all_fresh FROM state)
                UNION ALL
                SELECT \(metric.key)::text, sum(f.n), sum(f.d)
                FROM c grp CROSS JOIN t CROSS JOIN LATERAL (\(unsafeSQL: perCommunity)) f
                WHERE NOT (SELECT all_fresh FROM state)
                  AND NOT EXISTS (SELECT 1 FROM fresh WHERE fresh.metric = \(metric.key) AND fresh.community_id = grp.id)
                """)
        }
        query.append(") SELECT k.metric, g.id, g.name, g.kind, coalesce(sum(s.n), 0)::bigint AS numerator,")
        query.append(" coalesce(sum(s.d), 0)::bigint AS denominator, k.target_value, k.target_set_by")
        query.append(" FROM g CROSS JOIN LATERAL (VALUES ")
        for (index, metric) in metrics.enumerated() {
            query.append(index == 0 ? "(" : ", (")
            query.append("\(metric.key)::text, ")
            query.append(Self.target(of: metric, today: today))
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
