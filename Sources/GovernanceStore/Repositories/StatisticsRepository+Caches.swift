import Foundation
public import Governance
import Postgres

/// The two stores that keep city-level figures fast and exact: `mediation_rollup` for the dated
/// mediation metrics (migration 0037) and the per-community facts of the metrics that are a
/// state on a day (migration 0038). Each metric is still defined once, by its facts in
/// `StatisticsRepository.facts`; these read the same rows, summed earlier.
extension StatisticsRepository {
    /// The metrics read from `mediation_rollup` above the streets.
    static let rolledUp: Set<String> = [
        "mediation_cases_received", "mediation_cases_accepted", "mediation_success_rate",
        "mediation_cases_concluded_in_time", "mediation_judicial_confirmations", "escalation_rate_by_level",
    ]

    /// The overdue cases, whose rollup rows are dated by each case's last day (migration 0040).
    static let rolledUpOverdue = "mediation_cases_overdue"

    /// The metrics kept per community and village in `stat_community_fact`: states on a day
    /// whose every counted thing (a grid, a building, a post, a committee, a community) lies in
    /// exactly one community or village, so that a group's figure is the sum of its communities'.
    static let cachedPerCommunity: [String] = [
        "grid_coverage_rate", "grid_staffing_rate", "full_time_grid_worker_rate", "building_leader_coverage",
        "unit_leader_coverage", "households_per_worker", "community_workers_per_10k", "committee_size_compliance",
        "self_governance_compliance_rate", "women_member_rate", "one_shoulder_rate", "term_overdue_count",
        "supervision_committee_coverage", "full_time_mediator_coverage", "facility_area_per_100_households",
        "office_service_area", "community_operating_funds",
    ]

    /// Of those, the ones whose facts also read the period's end (the year of `to`): kept for
    /// the default period only.
    static let boundToPeriodEnd: Set<String> = [
        "facility_area_per_100_households", "office_service_area", "community_operating_funds",
    ]

    /// Communities and villages under or over a path written since the last refresh (two
    /// joins rather than one on either condition, so that each can use the path index).
    static let dirtyCommunities = """
        SELECT w.id FROM (SELECT DISTINCT path FROM stat_dirty) x JOIN area w ON w.path @> x.path
        WHERE w.kind IN ('community', 'village')
        UNION
        SELECT w.id FROM (SELECT DISTINCT path FROM stat_dirty) x JOIN area w ON w.path <@ x.path
        WHERE w.kind IN ('community', 'village')
        """

    /// A digest of each cached metric's SQL: a cache computed by another definition is not read.
    static let definitions: [String: String] = Dictionary(
        uniqueKeysWithValues: cachedPerCommunity.map { key in
            (key, Crypto.sha256(Data((facts[key] ?? "").utf8)).prefix(12).map { String(format: "%02x", $0) }.joined())
        })

    /// Every cached metric's `metric:digest`, as the refresher records what it computed.
    static let currentDefinitions = cachedPerCommunity.map { "\($0):\(definitions[$0] ?? "")" }

    /// The facts each figure reads through the caches, built once rather than per request.
    private static let cachedFacts: [String: String] = facts.reduce(into: [:]) { sql, entry in
        let (key, source) = entry
        sql[key] =
            rolledUp.contains(key)
            ? rolledUpMediation(key, source: source)
            : key == rolledUpOverdue
                ? rolledUpOverdueCases(source: source)
                : cachedPerCommunity.contains(key) ? perCommunity(key, source: source) : source
    }

    /// The facts a figure reads: from the caches where they hold the metric, else the sources.
    static func readFacts(_ key: String, cached: Bool) -> String? {
        cached ? cachedFacts[key] : facts[key]
    }

    /// For a group at or above a street, `mediation_rollup` (the facts summed per street and
    /// month), and the cases themselves only for the days of a month the period cuts; below a
    /// street, the cases. Each condition on the group alone is a one-time filter, so the branch
    /// not taken costs nothing.
    private static func rolledUpMediation(_ metric: String, source: String) -> String {
        """
        SELECT r.kind, r.month AS day, r.n, r.d FROM mediation_rollup r
        WHERE nlevel(g.path) <= 3 AND r.metric = '\(metric)' AND r.street_path <@ g.path
          AND (r.month IS NULL OR ((t.from_day IS NULL OR r.month >= t.from_day)
               AND (t.to_day IS NULL OR (r.month + interval '1 month')::date - 1 <= t.to_day)))
        UNION ALL
        SELECT direct.kind, direct.day, direct.n, direct.d FROM (\(source)) direct
        WHERE (nlevel(g.path) > 3 OR t.from_day IS NOT NULL OR t.to_day IS NOT NULL)
          AND (nlevel(g.path) > 3 OR (direct.day IS NOT NULL AND (
                   (t.from_day IS NOT NULL AND date_trunc('month', direct.day)::date < t.from_day)
                OR (t.to_day IS NOT NULL AND (date_trunc('month', direct.day) + interval '1 month')::date - 1 > t.to_day))))
        """
    }

    /// Cases overdue today (MED-17) for a group at or above a street: the rollup's open accepted
    /// cases whose last day fell in a month before this one, and this month's from the cases
    /// themselves (by the index on their last day); below a street, the cases.
    private static func rolledUpOverdueCases(source: String) -> String {
        """
        SELECT r.kind, NULL::date AS day, r.n, r.d FROM mediation_rollup r
        WHERE nlevel(g.path) <= 3 AND r.metric = '\(rolledUpOverdue)' AND r.street_path <@ g.path
          AND r.month < date_trunc('month', t.day)::date
        UNION ALL
        SELECT m.kind, m.day, m.n, m.d FROM (\(overdueThisMonth)) m WHERE nlevel(g.path) <= 3
        UNION ALL
        SELECT direct.kind, direct.day, direct.n, direct.d FROM (\(source)) direct WHERE nlevel(g.path) > 3
        """
    }

    /// The group's cases overdue today whose last day lies in this month: what the rollup's
    /// months before this one leave out. Found by the last-day index alone (`OFFSET 0` keeps the
    /// group's path out of that scan): the planner guesses a path matches 1 % of the cases and
    /// AND-ed the path index, which for a city matches all of them, 120-160 ms a read.
    static let overdueThisMonth = """
        SELECT m.level AS kind, NULL::date AS day, 1::bigint AS n, 0::bigint AS d
        FROM (SELECT m.level, m.origin_path FROM mediation_case m
              WHERE \(MediationRepository.openAndAccepted("m"))
                AND \(MediationRepository.lastDay("m")) >= date_trunc('month', t.day)::date
                AND \(MediationRepository.lastDay("m")) < t.day
              OFFSET 0) m
        WHERE m.origin_path <@ g.path
        """

    /// For a group at or above a community: the cached facts of its communities that are fresh
    /// (computed for today by this definition, and not written since), and the sources for the
    /// others. Below a community (a grid), and for a period-bound metric asked for another
    /// period, the sources.
    private static func perCommunity(_ metric: String, source: String) -> String {
        let periodFree = boundToPeriodEnd.contains(metric) ? " AND t.to_day IS NULL" : ""
        let periodBound = boundToPeriodEnd.contains(metric) ? " OR t.to_day IS NOT NULL" : ""
        let fresh = """
            z.metric = '\(metric)' AND z.computed_for = t.day AND z.definition = '\(definitions[metric] ?? "")'
            """
        return """
            SELECT s.kind, s.day, s.n, s.d
            FROM area c JOIN stat_community_fresh z ON z.community_id = c.id AND \(fresh)
                 JOIN stat_community_fact s ON s.metric = '\(metric)' AND s.community_id = c.id
            WHERE g.kind NOT IN ('grid', 'microgrid')\(periodFree)
              AND c.kind IN ('community', 'village') AND c.path <@ g.path AND c.id NOT IN (\(dirtyCommunities))
            UNION ALL
            SELECT f.kind, f.day, f.n, f.d
            FROM area grp CROSS JOIN LATERAL (\(source.replacingOccurrences(of: "g.path", with: "grp.path"))) f
            WHERE g.kind NOT IN ('grid', 'microgrid')\(periodFree)
              AND grp.kind IN ('community', 'village') AND grp.path <@ g.path
              AND (grp.id IN (\(dirtyCommunities))
                   OR NOT EXISTS (SELECT 1 FROM stat_community_fresh z WHERE z.community_id = grp.id AND \(fresh)))
            UNION ALL
            SELECT direct.kind, direct.day, direct.n, direct.d FROM (\(source)) direct
            WHERE g.kind IN ('grid', 'microgrid')\(periodBound)
            """
    }

    /// Recomputes, in one snapshot, the cached facts of every community and village that is
    /// written since its last computation or not computed for `today` by the current
    /// definitions, then deletes the marks that snapshot saw (marks of writes committed meanwhile
    /// stay for the next round), and rebuilds each area's totals of those facts (migration 0042).
    /// Returns how many (metric, community) pairs it recomputed; 0 when another refresh holds
    /// the lock.
    @discardableResult
    public func refreshCommunityFacts(today: CalendarDay, deadline: ContinuousClock.Instant) async throws -> Int {
        try await store.client.withTransaction(isolation: .repeatableRead, deadline: deadline) { transaction in
            let locked = try await transaction.query(
                "SELECT pg_try_advisory_xact_lock(hashtext('stat_community_refresh')) AS locked")
            guard try locked[0].decode("locked", as: Bool.self) else { return 0 }
            // Most rounds find nothing to do: no marks, and every community fresh for today by
            // every current definition. That is answered by counts, not by looking at each one.
            let current = Self.currentDefinitions
            let state = try await transaction.query(
                """
                SELECT EXISTS (SELECT 1 FROM stat_dirty) AS marked,
                       (SELECT count(*) FROM area WHERE kind IN ('community', 'village')) * \(current.count) AS wanted,
                       (SELECT count(*) FROM stat_community_fresh
                        WHERE computed_for = \(today)::date AND metric || ':' || definition = ANY(\(current)::text[])) AS fresh,
                       EXISTS (SELECT 1 FROM stat_area_total_state
                               WHERE computed_for = \(today)::date AND definitions = \(current)::text[]) AS totalled
                """)
            if try !state[0].decode("marked", as: Bool.self),
                try state[0].decode("wanted", as: Int.self) == (try state[0].decode("fresh", as: Int.self)),
                try state[0].decode("totalled", as: Bool.self)
            {
                return 0
            }
            // The written communities once for every metric (a seed leaves marks on every path).
            _ = try await transaction.query(
                "CREATE TEMP TABLE stat_refresh_dirty ON COMMIT DROP AS \(unsafeSQL: Self.dirtyCommunities)")
            var recomputed = 0
            for metric in Self.cachedPerCommunity {
                guard let source = Self.facts[metric] else { continue }
                let definition = Self.definitions[metric] ?? ""
                let rows = try await transaction.query(
                    """
                    WITH t AS (SELECT \(today)::date AS day, NULL::date AS from_day, NULL::date AS to_day),
                    stale AS (
                        SELECT a.id, a.path FROM area a CROSS JOIN t
                        WHERE a.kind IN ('community', 'village')
                          AND (a.id IN (SELECT id FROM stat_refresh_dirty)
                               OR NOT EXISTS (SELECT 1 FROM stat_community_fresh z WHERE z.community_id = a.id
                                                AND z.metric = \(metric) AND z.computed_for = t.day
                                                AND z.definition = \(definition)))),
                    gone AS (
                        DELETE FROM stat_community_fact s
                        WHERE s.metric = \(metric)
                          AND (s.community_id IN (SELECT id FROM stale)
                               OR NOT EXISTS (SELECT 1 FROM area a WHERE a.id = s.community_id))),
                    added AS (
                        INSERT INTO stat_community_fact (metric, community_id, kind, day, n, d)
                        SELECT \(metric), grp.id, f.kind, f.day, sum(f.n), sum(f.d)
                        FROM stale grp CROSS JOIN t
                        CROSS JOIN LATERAL (\(unsafeSQL: source.replacingOccurrences(of: "g.path", with: "grp.path"))) f
                        GROUP BY grp.id, f.kind, f.day),
                    marked AS (
                        INSERT INTO stat_community_fresh (metric, community_id, computed_for, definition)
                        SELECT \(metric), s.id, t.day, \(definition) FROM stale s CROSS JOIN t
                        ON CONFLICT (metric, community_id)
                        DO UPDATE SET computed_for = EXCLUDED.computed_for, definition = EXCLUDED.definition
                        RETURNING 1)
                    SELECT count(*) AS recomputed FROM marked
                    """)
                recomputed += try rows[0].decode("recomputed", as: Int.self)
            }
            _ = try await transaction.query(
                """
                WITH gone AS (DELETE FROM stat_community_fresh z WHERE NOT EXISTS (SELECT 1 FROM area a WHERE a.id = z.community_id))
                DELETE FROM stat_dirty
                """)
            // Every community is now fresh for today: each area's totals from these facts.
            _ = try await transaction.query("DELETE FROM stat_area_total")
            _ = try await transaction.query(
                """
                INSERT INTO stat_area_total (metric, area_id, path, community, n, d)
                SELECT s.metric, a.id, a.path, a.kind IN ('community', 'village'), sum(s.n), sum(s.d)
                FROM stat_community_fact s JOIN area c ON c.id = s.community_id
                     JOIN area a ON a.path @> c.path AND a.kind NOT IN ('grid', 'microgrid')
                GROUP BY s.metric, a.id, a.path, a.kind
                """)
            _ = try await transaction.query(
                """
                INSERT INTO stat_area_total_state (computed_for, definitions) VALUES (\(today)::date, \(current)::text[])
                ON CONFLICT (singleton) DO UPDATE SET computed_for = EXCLUDED.computed_for, definitions = EXCLUDED.definitions
                """)
            return recomputed
        }
    }
}
