public import Foundation
public import Governance
import Postgres

/// The catalogue's metrics in SQL, one statement per request. Each metric is a "facts" query over
/// one group's subtree (`g.path`) that yields a row per counted thing — its kind, its day (for
/// dated metrics), what it adds to the numerator (`n`) and to the denominator (`d`) — and one
/// aggregation groups those rows per child area, kind or month.
public struct StatisticsRepository: Sendable {
    let store: Store

    /// Creates the repository.
    public init(store: Store) { self.store = store }

    /// A group's counts.
    public struct Counts: Sendable {
        /// The group's area.
        public let areaId: UUID
        /// Its name.
        public let areaName: String
        /// Its kind.
        public let areaKind: AreaKind
        /// The kind or month of the group, when grouped by either.
        public let dimension: String?
        /// What met the definition.
        public let numerator: Int
        /// What was counted.
        public let denominator: Int
        /// The area's value of the target's parameter and the area that set it (`nil` for the
        /// national default); `nil` when the target has no parameter.
        public let profileValue: (value: Int, setBy: UUID?)?
    }

    /// Counts per group. The area lies in scope (the service checked); each group covers its
    /// whole subtree; a dated metric counts only what falls within `from`…`to`. With `cached`
    /// false every figure is counted from the sources, as a check of the caches does.
    public func counts(
        _ metric: Metric, areaId: UUID, grouping: MetricGrouping?, from: CalendarDay?, to: CalendarDay?,
        today: CalendarDay, cached: Bool = true, deadline: ContinuousClock.Instant
    ) async throws -> [Counts] {
        guard let facts = Self.readFacts(metric.key, cached: cached) else {
            throw PostgresError(.decoding, column: metric.key, detail: "metric without SQL")
        }
        let dimension =
            switch grouping {
            case .kind: "f.kind"
            case .month: "to_char(f.day, 'YYYY-MM')"
            case .child, nil: "NULL::text"
            }
        // The groups apart (MATERIALIZED): found by their id, not by walking the path index in
        // the order of the answer, which the planner chose when a branch of the facts looked
        // costly (700 ms of the city's 800 ms).
        var query: PostgresQuery = "WITH groups AS MATERIALIZED (SELECT id, name, kind, path FROM area WHERE "
        query.append(grouping == .child ? "parent_id = \(areaId)" : "id = \(areaId)")
        query.append(
            """
            ), t AS (SELECT \(today)::date AS day, \(from)::date AS from_day, \(to)::date AS to_day)
            SELECT g.id, g.name, g.kind, a.dimension,
                   coalesce(a.n, 0)::bigint AS numerator, coalesce(a.d, 0)::bigint AS denominator,
                   k.target_value, k.target_set_by FROM groups g CROSS JOIN t CROSS JOIN LATERAL (VALUES (
            """)
        query.append(Self.target(of: metric, today: today))
        query.append(")) k(target_value, target_set_by)")
        // Each group's facts are summed inside its lateral, by the dimension alone: a city's
        // million facts are hashed into a few sums rather than sorted with the group's columns
        // (which spilled to disk).
        query.append(
            """
             LEFT JOIN LATERAL (
                SELECT \(unsafeSQL: dimension) AS dimension, sum(f.n) AS n, sum(f.d) AS d
                FROM (\(unsafeSQL: facts)) f
                WHERE f.day IS NULL OR ((t.from_day IS NULL OR f.day >= t.from_day) AND (t.to_day IS NULL OR f.day <= t.to_day))
                GROUP BY 1
            """)
        // Grouped by kind or month, an area with nothing to count has no row rather than a row
        // of no kind; nor has a kind whose rollup deltas cancel out (each case's fact adds to
        // the numerator or the denominator, so only deltas can sum to nothing).
        if grouping == .kind || grouping == .month,
            Self.rolledUp.contains(metric.key) || metric.key == Self.rolledUpOverdue
        {
            query.append(" HAVING sum(f.n) <> 0 OR sum(f.d) <> 0")
        }
        query.append(") a ON true")
        if grouping == .kind || grouping == .month { query.append(" WHERE a.dimension IS NOT NULL") }
        query.append(" ORDER BY g.path, 4")
        let rows = try await store.read(query, deadline: deadline)
        return try rows.map { row in try Self.counts(from: row, dimension: try row.decode("dimension")) }
    }

    /// The group's target, as two values: the target's profile parameter at the group `g` and the
    /// area that set it, or NULLs.
    static func target(of metric: Metric, today: CalendarDay) -> PostgresQuery {
        guard let parameter = metric.target?.parameter else { return "NULL::integer, NULL::uuid" }
        let fallback = parameter.nationalDefault(lawVersion: RuleProfile.lawVersion(on: today))
        return """
            rule_parameter(g.path, \(parameter.rawValue), \(fallback)), rule_parameter_area(g.path, \(parameter.rawValue))
            """
    }

    /// A group's counts from a row of `id`, `name`, `kind`, `numerator`, `denominator` and the
    /// target columns.
    static func counts(from row: PostgresRow, dimension: String?) throws -> Counts {
        let targetValue = try row.decode("target_value", as: Int?.self)
        return Counts(
            areaId: try row.decode("id"), areaName: try row.decode("name"), areaKind: try row.decode("kind"),
            dimension: dimension, numerator: try row.decode("numerator"), denominator: try row.decode("denominator"),
            profileValue: try targetValue.map { ($0, try row.decode("target_set_by", as: UUID?.self)) })
    }

    /// Folds the mediation rollup's deltas into one row per street, kind and month, then its
    /// totals' into one per street and kind (the sums do not change); returns how many rollup
    /// rows that removed.
    @discardableResult
    public func compactRollups(deadline: ContinuousClock.Instant) async throws -> Int {
        try await store.client.withTransaction(deadline: deadline) { transaction in
            let rows = try await transaction.query("SELECT mediation_rollup_compact() AS folded")
            // After it: the rollup's rewrite adds deltas to the totals that this folds away.
            _ = try await transaction.query("SELECT mediation_rollup_total_compact()")
            return try rows[0].decode("folded", as: Int.self)
        }
    }

    /// `1` when the SQL condition holds, else `0`.
    private static func flag(_ condition: String) -> String { "(CASE WHEN \(condition) THEN 1 ELSE 0 END)::bigint" }

    /// Residents' and villagers' committees of the group.
    private static let selfGoverning =
        "FROM committee c WHERE c.kind IN ('residents_committee', 'villagers_committee') AND c.area_path <@ g.path"

    /// Communities and villages of the group.
    private static let communities = "FROM area c WHERE c.kind IN ('community', 'village') AND c.path <@ g.path"

    /// A post held today on the target `a.id`.
    private static func held(_ post: String, on target: String = "a.id", fullTime: Bool = false) -> String {
        """
        EXISTS (SELECT 1 FROM grid_assignment s WHERE s.target_id = \(target) AND s.post = '\(post)'
                \(fullTime ? "AND s.employment = 'full_time'" : "") AND s.ended_on IS NULL AND s.started_on <= t.day)
        """
    }

    /// Full-time community workers of the community `c` today: serving members of its residents'
    /// or villagers' committee and full-time grid leaders and workers in it, each person once.
    private static let workers = """
        (SELECT count(DISTINCT w.person_id) FROM (
            SELECT s.person_id FROM grid_assignment s
            WHERE s.area_path <@ c.path AND s.post IN ('grid_leader', 'grid_worker') AND s.employment = 'full_time'
              AND s.ended_on IS NULL AND s.started_on <= t.day
            UNION ALL
            SELECT m.person_id FROM committee_member m JOIN committee k ON k.id = m.committee_id
            WHERE k.area_id = c.id AND k.kind IN ('residents_committee', 'villagers_committee')
              AND m.position IN ('director', 'deputy_director', 'member')
              AND m.started_on <= t.day AND (m.ended_on IS NULL OR m.ended_on >= t.day)) w)
        """

    /// A serving member of the committee `c` today.
    private static let serving = """
        m.committee_id = c.id AND m.position IN ('director', 'deputy_director', 'member')
        AND m.started_on <= t.day AND (m.ended_on IS NULL OR m.ended_on >= t.day)
        """

    /// The latest facility record of the community `c` up to the year of `to` (today by default).
    private static let latestFacility = """
        LEFT JOIN LATERAL (SELECT * FROM community_facility r WHERE r.area_id = c.id
                           AND r.year <= extract(year FROM coalesce(t.to_day, t.day))
                           ORDER BY r.year DESC LIMIT 1) r ON true
        """

    /// A profile parameter at the community `c`, with its national default.
    private static func parameter(_ parameter: RuleParameter) -> String {
        "rule_parameter(c.path, '\(parameter.rawValue)', \(parameter.nationalDefault(lawVersion: 2026)))"
    }

    /// The first-round tallies of the group's elections, a row per station that has one: joined
    /// rather than summed election by election, so that a city's thousands of elections are
    /// hashed together.
    private static let polledStations = """
        FROM election e JOIN election_station s ON s.election_id = e.id
             JOIN election_tally y ON y.station_id = s.id AND y.round = 1
        WHERE e.area_path <@ g.path
        """

    /// Seats of the election `e`.
    private static let seats = "(e.seats_director + e.seats_deputy_director + e.seats_member)::bigint"

    /// A dated mediation metric counted from the cases' own facts (`mediation_case_facts`,
    /// migration 0037), the same rows `mediation_rollup` sums.
    private static func caseFacts(_ metric: String) -> String {
        """
        SELECT f.kind, f.day, f.n, f.d FROM mediation_case m CROSS JOIN LATERAL mediation_case_facts(m) f
        WHERE m.origin_path <@ g.path AND f.metric = '\(metric)'
        """
    }

    /// Per metric: rows `(kind, day, n, d)` over the group `g`, today `t.day` and the year of
    /// `t.to_day`. A plain count leaves `d` at 0.
    static let facts: [String: String] = [
        "grid_coverage_rate": """
        SELECT c.kind AS kind, NULL::date AS day,
               least(coalesce(c.households, 0), coalesce((
                   SELECT sum(x.households) FROM area x WHERE x.kind = 'grid' AND x.path <@ c.path
                     AND coalesce(x.grid_type, 'comprehensive') = 'comprehensive'), 0))::bigint AS n,
               coalesce(c.households, 0)::bigint AS d
        \(communities)
        """,
        "grid_staffing_rate": """
        SELECT coalesce(a.grid_type, 'comprehensive') AS kind, NULL::date AS day,
               \(flag("\(held("grid_leader")) AND \(held("grid_worker"))")) AS n, 1::bigint AS d
        FROM area a WHERE a.kind = 'grid' AND a.path <@ g.path
        """,
        "full_time_grid_worker_rate": """
        SELECT coalesce(a.grid_type, 'comprehensive') AS kind, NULL::date AS day,
               \(flag(held("grid_worker", fullTime: true))) AS n, 1::bigint AS d
        FROM area a WHERE a.kind = 'grid' AND a.path <@ g.path
        """,
        "building_leader_coverage": """
        SELECT NULL::text AS kind, NULL::date AS day, \(flag(held("building_leader", on: "b.id"))) AS n,
               1::bigint AS d
        FROM building b WHERE b.area_path <@ g.path
        """,
        "unit_leader_coverage": """
        SELECT NULL::text AS kind, NULL::date AS day, \(flag(held("unit_leader", on: "u.id"))) AS n,
               1::bigint AS d
        FROM building_unit u JOIN building b ON b.id = u.building_id WHERE b.area_path <@ g.path
        """,
        "households_per_worker": """
        SELECT c.kind AS kind, NULL::date AS day, coalesce(c.households, 0)::bigint AS n, \(workers) AS d
        FROM area c WHERE c.kind = 'community' AND c.path <@ g.path
        """,
        "community_workers_per_10k": """
        SELECT c.kind AS kind, NULL::date AS day, \(workers) AS n, coalesce(c.population, 0)::bigint AS d
        \(communities)
        """,
        "committee_size_compliance": """
        SELECT c.kind AS kind, NULL::date AS day,
               \(flag("""
                       (SELECT count(*) FROM committee_member m WHERE \(serving))
                       BETWEEN CASE c.kind WHEN 'residents_committee'
                                   THEN rule_parameter(c.area_path, 'residentsCommitteeMin', \(RuleParameter.residentsCommitteeMin.nationalDefault(lawVersion: 2026)))
                                   ELSE rule_parameter(c.area_path, 'villagersCommitteeMin', \(RuleParameter.villagersCommitteeMin.nationalDefault(lawVersion: 2026))) END
                           AND CASE c.kind WHEN 'residents_committee'
                                   THEN rule_parameter(c.area_path, 'residentsCommitteeMax', \(RuleParameter.residentsCommitteeMax.nationalDefault(lawVersion: 2026)))
                                   ELSE rule_parameter(c.area_path, 'villagersCommitteeMax', \(RuleParameter.villagersCommitteeMax.nationalDefault(lawVersion: 2026))) END
                       """)) AS n, 1::bigint AS d
        \(selfGoverning)
        """,
        "self_governance_compliance_rate": """
        SELECT c.kind AS kind, NULL::date AS day, \(flag("c.compliant")) AS n, 1::bigint AS d \(selfGoverning)
        """,
        "women_member_rate": """
        SELECT c.kind AS kind, NULL::date AS day,
               \(flag("EXISTS (SELECT 1 FROM committee_member m JOIN person p ON p.id = m.person_id WHERE \(serving) AND p.gender = 'female')")) AS n,
               1::bigint AS d
        \(selfGoverning)
        """,
        "one_shoulder_rate": """
        SELECT c.kind AS kind, NULL::date AS day,
               \(flag("EXISTS (SELECT 1 FROM committee_member m WHERE \(serving) AND m.position = 'director' AND m.concurrent_party_secretary)")) AS n,
               1::bigint AS d
        \(selfGoverning)
        """,
        "term_overdue_count": """
        SELECT c.kind AS kind, NULL::date AS day, \(flag("c.term_end < t.day")) AS n, 0::bigint AS d \(selfGoverning)
        """,
        "supervision_committee_coverage": """
        SELECT c.kind AS kind, NULL::date AS day,
               \(flag("EXISTS (SELECT 1 FROM committee k WHERE k.area_id = c.id AND k.kind = 'supervision_committee')")) AS n,
               1::bigint AS d
        \(communities)
        """,
        "full_time_mediator_coverage": """
        SELECT c.kind AS kind, NULL::date AS day,
               \(flag("""
                       EXISTS (SELECT 1 FROM mediator m WHERE m.area_id = c.id AND m.employment = 'full_time'
                               AND m.ended_on IS NULL AND m.engaged_on <= t.day
                               AND (m.engaged_until IS NULL OR m.engaged_until >= t.day))
                       """)) AS n, 1::bigint AS d
        \(communities)
        """,
        "admitted_items_count": """
        SELECT a.category AS kind, NULL::date AS day, 1::bigint AS n, 0::bigint AS d
        FROM admission_application a WHERE a.status = 'admitted' AND a.starts_on <= t.day AND a.ends_on >= t.day
          AND (a.area_path <@ g.path OR a.area_path @> g.path)
        """,
        "non_admitted_push_attempts": """
        SELECT p.name AS kind, r.refused_on AS day, 1::bigint AS n, 0::bigint AS d
        FROM admission_refusal r JOIN department p ON p.id = r.department_id
        WHERE r.area_path <@ g.path AND r.status <> 'dismissed' AND r.kind = 'non_admitted_work'
        """,
        "assistance_tasks_funded_rate": """
        SELECT p.name AS kind, s.assigned_on AS day, \(flag("coalesce(a.funding_amount, 0) > 0")) AS n,
               1::bigint AS d
        FROM admission_assignment s JOIN admission_application a ON a.id = s.application_id
             JOIN department p ON p.id = s.department_id
        WHERE s.area_path <@ g.path AND a.category = 'assistance'
        """,
        // Votes cast ÷ voters registered at the stations that tallied a first round.
        "election_turnout": """
        SELECT e.method AS kind, e.polling_day AS day, y.cast_count::bigint AS n, s.registered_voters::bigint AS d
        \(polledStations)
        """,
        "election_validity_rate": """
        SELECT e.method AS kind, e.polling_day AS day,
               \(flag("sum(y.cast_count) * 2 > sum(s.registered_voters)")) AS n, 1::bigint AS d
        \(polledStations)
        GROUP BY e.id
        """,
        "election_contest_ratio": """
        SELECT e.method AS kind, e.polling_day AS day,
               (SELECT count(*) FROM election_candidate k WHERE k.election_id = e.id AND k.round = 1)::bigint AS n,
               \(seats) AS d
        FROM election e WHERE e.area_path <@ g.path AND e.candidates_published_on IS NOT NULL
        """,
        "election_first_round_fill_rate": """
        SELECT e.method AS kind, e.polling_day AS day,
               (SELECT count(*) FROM committee_member m WHERE m.election_id = e.id
                  AND NOT EXISTS (SELECT 1 FROM election_candidate k WHERE k.election_id = e.id
                                    AND k.person_id = m.person_id AND k.round > 1))::bigint AS n,
               \(seats) AS d
        FROM election e WHERE e.area_path <@ g.path AND e.status = 'certified'
        """,
        "department_satisfaction": """
        SELECT p.name AS kind, make_date(r.year, 1, 1) AS day, r.score::bigint AS n, 1::bigint AS d
        FROM department_rating r JOIN department p ON p.id = r.department_id WHERE r.area_path <@ g.path
        """,
        "mediation_cases_received": caseFacts("mediation_cases_received"),
        "mediation_cases_accepted": caseFacts("mediation_cases_accepted"),
        "mediation_success_rate": caseFacts("mediation_success_rate"),
        // MED-17: `mediation_case_facts` counts a case concluded on its last day as in time.
        "mediation_cases_concluded_in_time": caseFacts("mediation_cases_concluded_in_time"),
        "mediation_cases_overdue": """
        SELECT m.level AS kind, NULL::date AS day, 1::bigint AS n, 0::bigint AS d
        FROM mediation_case m
        WHERE m.origin_path <@ g.path AND \(MediationRepository.openAndAccepted("m"))
          AND t.day > \(MediationRepository.lastDay("m"))
        """,
        "mediation_judicial_confirmations": caseFacts("mediation_judicial_confirmations"),
        // A case is handled at the level that accepted it first and at each level that took it
        // over; an escalation counts against the level it left. What a case and an escalation
        // add is defined once, in SQL (`mediation_case_facts`, `mediation_escalation_facts`,
        // migration 0040), for these rows and the rollup alike.
        "escalation_rate_by_level": """
        \(caseFacts("escalation_rate_by_level"))
        UNION ALL
        SELECT f.kind, f.day, f.n, f.d
        FROM mediation_escalation x JOIN mediation_case m ON m.id = x.case_id
             CROSS JOIN LATERAL mediation_escalation_facts(x) f
        WHERE m.origin_path <@ g.path
        """,
        "facility_area_per_100_households": """
        SELECT c.kind AS kind, NULL::date AS day, coalesce(r.service_area_m2, 0)::bigint AS n,
               c.households::bigint AS d
        FROM area c \(latestFacility)
        WHERE c.kind IN ('community', 'village') AND c.path <@ g.path AND coalesce(c.households, 0) > 0
        """,
        "office_service_area": """
        SELECT c.kind AS kind, NULL::date AS day,
               \(flag("""
                       r.service_area_m2 >= \(parameter(.officeServiceAreaMin))
                       AND r.public_service_area_m2 * \(parameter(.publicServiceShareDenominator))
                           >= r.service_area_m2 * \(parameter(.publicServiceShareNumerator))
                       """)) AS n, 1::bigint AS d
        FROM area c \(latestFacility)
        WHERE c.kind IN ('community', 'village') AND c.path <@ g.path
        """,
        "community_operating_funds": """
        SELECT c.kind AS kind, NULL::date AS day,
               \(flag("""
                       coalesce((SELECT r.operating_funds_yuan FROM community_facility r WHERE r.area_id = c.id
                                   AND r.year = extract(year FROM coalesce(t.to_day, t.day))), 0)
                       >= 10000 * CASE c.kind WHEN 'village' THEN \(parameter(.ruralOperatingFundsTenThousandYuan))
                                              ELSE \(parameter(.urbanOperatingFundsTenThousandYuan)) END
                       """)) AS n, 1::bigint AS d
        \(communities)
        """,
    ]
}
