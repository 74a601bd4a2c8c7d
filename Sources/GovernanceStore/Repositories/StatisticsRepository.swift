public import Foundation
public import Governance
import Postgres

/// The catalogue's metrics in SQL: a numerator and a denominator per group, each group an
/// area's subtree, in one statement per metric.
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
        /// What met the definition.
        public let numerator: Int
        /// What was counted; `nil` for a plain count.
        public let denominator: Int?
    }

    /// Counts per group: for the area itself, or for each of its children. The area lies in
    /// scope (the service checked); each group covers its whole subtree.
    public func counts(
        _ metric: Metric, areaId: UUID, byChild: Bool, today: CalendarDay, deadline: ContinuousClock.Instant
    ) async throws -> [Counts] {
        guard let (numerator, denominator) = Self.sql[metric.key] else {
            throw PostgresError(.decoding, column: metric.key, detail: "metric without SQL")
        }
        var query: PostgresQuery = "WITH groups AS (SELECT id, name, kind, path FROM area WHERE "
        query.append(byChild ? "parent_id = \(areaId)" : "id = \(areaId)")
        query.append(
            """
            ), today AS (SELECT \(today)::date AS day)
            SELECT g.id, g.name, g.kind,
                   (\(unsafeSQL: numerator)) AS numerator, (\(unsafeSQL: denominator ?? "SELECT NULL::bigint")) AS denominator
            FROM groups g, today t ORDER BY g.path
            """)
        let rows = try await store.read(query, deadline: deadline)
        return try rows.map { row in
            Counts(
                areaId: try row.decode("id"), areaName: try row.decode("name"), areaKind: try row.decode("kind"),
                numerator: try row.decode("numerator"), denominator: try row.decode("denominator"))
        }
    }

    /// Residents' and villagers' committees of a group.
    private static let selfGoverning =
        "c.kind IN ('residents_committee', 'villagers_committee') AND c.area_path <@ g.path"

    /// Per metric: the numerator's and the denominator's SQL, over the group `g` and `t.day`;
    /// a plain count has no denominator.
    static let sql: [String: (numerator: String, denominator: String?)] = [
        "grid_staffing_rate": (
            """
            SELECT count(*) FROM area a WHERE a.kind = 'grid' AND a.path <@ g.path
              AND EXISTS (SELECT 1 FROM grid_assignment s WHERE s.target_id = a.id AND s.post = 'grid_leader'
                          AND s.ended_on IS NULL AND s.started_on <= t.day)
              AND EXISTS (SELECT 1 FROM grid_assignment s WHERE s.target_id = a.id AND s.post = 'grid_worker'
                          AND s.ended_on IS NULL AND s.started_on <= t.day)
            """,
            "SELECT count(*) FROM area a WHERE a.kind = 'grid' AND a.path <@ g.path"
        ),
        "full_time_grid_worker_rate": (
            """
            SELECT count(*) FROM area a WHERE a.kind = 'grid' AND a.path <@ g.path
              AND EXISTS (SELECT 1 FROM grid_assignment s WHERE s.target_id = a.id AND s.post = 'grid_worker'
                          AND s.employment = 'full_time' AND s.ended_on IS NULL AND s.started_on <= t.day)
            """,
            "SELECT count(*) FROM area a WHERE a.kind = 'grid' AND a.path <@ g.path"
        ),
        "building_leader_coverage": (
            """
            SELECT count(*) FROM building b WHERE b.area_path <@ g.path
              AND EXISTS (SELECT 1 FROM grid_assignment s WHERE s.target_id = b.id AND s.post = 'building_leader'
                          AND s.ended_on IS NULL AND s.started_on <= t.day)
            """,
            "SELECT count(*) FROM building b WHERE b.area_path <@ g.path"
        ),
        "self_governance_compliance_rate": (
            "SELECT count(*) FROM committee c WHERE \(selfGoverning) AND c.compliant",
            "SELECT count(*) FROM committee c WHERE \(selfGoverning)"
        ),
        "women_member_rate": (
            """
            SELECT count(*) FROM committee c WHERE \(selfGoverning)
              AND EXISTS (SELECT 1 FROM committee_member m JOIN person p ON p.id = m.person_id
                          WHERE m.committee_id = c.id AND m.position IN ('director', 'deputy_director', 'member')
                            AND m.started_on <= t.day AND (m.ended_on IS NULL OR m.ended_on >= t.day)
                            AND p.gender = 'female')
            """,
            "SELECT count(*) FROM committee c WHERE \(selfGoverning)"
        ),
        "one_shoulder_rate": (
            """
            SELECT count(*) FROM committee c WHERE \(selfGoverning)
              AND EXISTS (SELECT 1 FROM committee_member m WHERE m.committee_id = c.id AND m.position = 'director'
                            AND m.concurrent_party_secretary
                            AND m.started_on <= t.day AND (m.ended_on IS NULL OR m.ended_on >= t.day))
            """,
            "SELECT count(*) FROM committee c WHERE \(selfGoverning)"
        ),
        "term_overdue_count": (
            "SELECT count(*) FROM committee c WHERE \(selfGoverning) AND c.term_end < t.day",
            "SELECT count(*) FROM committee c WHERE \(selfGoverning)"
        ),
        "full_time_mediator_coverage": (
            """
            SELECT count(*) FROM area a WHERE a.kind IN ('community', 'village') AND a.path <@ g.path
              AND EXISTS (SELECT 1 FROM mediator m WHERE m.area_id = a.id AND m.employment = 'full_time'
                          AND m.ended_on IS NULL AND m.engaged_on <= t.day
                          AND (m.engaged_until IS NULL OR m.engaged_until >= t.day))
            """,
            "SELECT count(*) FROM area a WHERE a.kind IN ('community', 'village') AND a.path <@ g.path"
        ),
        "supervision_committee_coverage": (
            """
            SELECT count(*) FROM area a WHERE a.kind IN ('community', 'village') AND a.path <@ g.path
              AND EXISTS (SELECT 1 FROM committee c WHERE c.area_id = a.id AND c.kind = 'supervision_committee')
            """,
            "SELECT count(*) FROM area a WHERE a.kind IN ('community', 'village') AND a.path <@ g.path"
        ),
        "admitted_items_count": (
            """
            SELECT count(*) FROM admission_application a WHERE a.status = 'admitted'
              AND a.starts_on <= t.day AND a.ends_on >= t.day AND (a.area_path <@ g.path OR a.area_path @> g.path)
            """,
            nil
        ),
        "non_admitted_push_attempts": (
            "SELECT count(*) FROM admission_refusal r WHERE r.area_path <@ g.path AND r.status <> 'dismissed' AND r.kind = 'non_admitted_work'",
            nil
        ),
        "assistance_tasks_funded_rate": (
            """
            SELECT count(*) FROM admission_assignment s JOIN admission_application a ON a.id = s.application_id
            WHERE s.area_path <@ g.path AND a.category = 'assistance' AND coalesce(a.funding_amount, 0) > 0
            """,
            """
            SELECT count(*) FROM admission_assignment s JOIN admission_application a ON a.id = s.application_id
            WHERE s.area_path <@ g.path AND a.category = 'assistance'
            """
        ),
        "mediation_cases_received": (
            "SELECT count(*) FROM mediation_case m WHERE m.origin_path <@ g.path",
            nil
        ),
        "mediation_success_rate": (
            """
            SELECT count(*) FROM mediation_case m WHERE m.origin_path <@ g.path AND m.accepted_on IS NOT NULL
              AND m.agreement_effective_on IS NOT NULL
            """,
            "SELECT count(*) FROM mediation_case m WHERE m.origin_path <@ g.path AND m.accepted_on IS NOT NULL"
        ),
    ]
}
