public import Foundation
public import Governance
public import Postgres

/// Mediation posts, their trainings, and the posts assigned to cases (MED-4, MED-9, MED-22).
public struct MediatorRepository: Sendable {
    let store: Store

    /// Creates the repository.
    public init(store: Store) { self.store = store }

    static let columns = """
        m.id, m.person_id, p.name AS person_name, m.area_id, m.area_path::text AS area_path, m.committee_id, m.kind,
        m.employment, m.engaged_on::text AS engaged_on, m.engaged_until::text AS engaged_until,
        m.ended_on::text AS ended_on, m.end_reason, m.version, m.created_at,
        (SELECT coalesce(json_agg(json_build_object('trainedOn', t.trained_on, 'hours', t.hours, 'topic', t.topic)
                 ORDER BY t.trained_on, t.id), '[]')
           FROM mediator_training t WHERE t.mediator_id = m.id)::text AS trainings
        """

    static let source = "mediator m JOIN person p ON p.id = m.person_id"

    /// Records a post.
    public func insert(
        _ new: NewMediator, engagedOn: CalendarDay, area: Area, in transaction: PostgresTransaction
    ) async throws -> Mediator {
        let id = Identifier.make()
        try await transaction.query(
            """
            INSERT INTO mediator (id, person_id, area_id, area_path, committee_id, kind, employment, engaged_on, engaged_until)
            VALUES (\(id), \(new.personId), \(area.id), \(area.path)::ltree, \(new.committeeId), \(new.kind.rawValue),
                    \(new.employment.rawValue), \(engagedOn)::date, \(new.engagedUntil)::date)
            """)
        return try await find(id, scopePath: area.path, via: .transaction(transaction))!
    }

    /// The post `id` when its level lies in `scopePath`.
    public func find(_ id: UUID, scopePath: String, via route: ReadRoute, lock: Bool = false) async throws -> Mediator?
    {
        var query: PostgresQuery = """
            SELECT \(unsafeSQL: Self.columns) FROM \(unsafeSQL: Self.source)
            WHERE m.id = \(id) AND m.area_path <@ \(scopePath)::ltree
            """
        if lock { query.append(" FOR UPDATE OF m") }
        return try await store.read(query, via: route).first.map(Self.mediator(from:))
    }

    /// The posts `ids` in `scopePath`, for an assignment (shared lock: a concurrent dismissal waits).
    public func findAll(_ ids: [UUID], scopePath: String, in transaction: PostgresTransaction) async throws
        -> [Mediator]
    {
        try await transaction.query(
            """
            SELECT \(unsafeSQL: Self.columns) FROM \(unsafeSQL: Self.source)
            WHERE m.id = ANY(\(ids)::uuid[]) AND m.area_path <@ \(scopePath)::ltree FOR SHARE OF m
            """
        ).map(Self.mediator(from:))
    }

    /// One page of posts in scope, optionally of one level's area, one employment, active on a day.
    public func list(
        scopePath: String, areaPath: String?, employment: MediatorEmployment?, activeOn: CalendarDay?, after: UUID?,
        limit: Int, deadline: ContinuousClock.Instant
    ) async throws -> Page<Mediator> {
        var query: PostgresQuery = """
            SELECT \(unsafeSQL: Self.columns) FROM \(unsafeSQL: Self.source) WHERE m.area_path <@ \(scopePath)::ltree
            """
        if let areaPath { query.append(" AND m.area_path = \(areaPath)::ltree") }
        if let employment { query.append(" AND m.employment = \(employment.rawValue)") }
        if let activeOn {
            query.append(
                """
                 AND m.ended_on IS NULL AND m.engaged_on <= \(activeOn)::date
                 AND (m.engaged_until IS NULL OR m.engaged_until >= \(activeOn)::date)
                """)
        }
        if let after { query.append(" AND m.id > \(after)") }
        query.append(" ORDER BY m.id LIMIT \(limit + 1)")
        let rows = try await store.read(query, deadline: deadline)
        return try Page.keyset(rows, limit: limit, decode: Self.mediator(from:), cursor: { PageCursor.encode($0.id) })
    }

    /// Whether `personId` sits on the mediation committee `committeeId` of `areaId` today.
    public func sitsOnMediationCommittee(
        personId: UUID, committeeId: UUID, areaId: UUID, today: CalendarDay, in transaction: PostgresTransaction
    ) async throws -> Bool {
        let rows = try await transaction.query(
            """
            SELECT EXISTS (
                SELECT 1 FROM committee c JOIN committee_member cm ON cm.committee_id = c.id
                WHERE c.id = \(committeeId) AND c.area_id = \(areaId) AND c.kind = 'subcommittee' AND c.subject = 'mediation'
                  AND cm.person_id = \(personId) AND cm.started_on <= \(today)::date
                  AND (cm.ended_on IS NULL OR cm.ended_on >= \(today)::date)
            ) AS sits
            """)
        return try rows.first?.decode("sits") ?? false
    }

    /// Whether `committeeId` is the mediation committee of `areaId`.
    public func isMediationCommittee(_ committeeId: UUID, areaId: UUID, in transaction: PostgresTransaction)
        async throws -> Bool
    {
        let rows = try await transaction.query(
            """
            SELECT EXISTS (SELECT 1 FROM committee WHERE id = \(committeeId) AND area_id = \(areaId)
                           AND kind = 'subcommittee' AND subject = 'mediation') AS found
            """)
        return try rows.first?.decode("found") ?? false
    }

    /// MED-22: ends the post with its reason, and its assignments to cases still open.
    public func end(_ id: UUID, reason: String, on day: CalendarDay, in transaction: PostgresTransaction)
        async throws -> Int
    {
        let rows = try await transaction.query(
            """
            WITH ended AS (
                UPDATE mediator SET ended_on = \(day)::date, end_reason = \(reason), version = version + 1 WHERE id = \(id)
            ), released AS (
                DELETE FROM mediation_case_mediator cm USING mediation_case c
                WHERE cm.mediator_id = \(id) AND c.id = cm.case_id AND c.status IN ('received', 'accepted', 'in_mediation')
                RETURNING cm.case_id
            )
            SELECT count(*) AS released FROM released
            """)
        return try rows.first?.decode("released") ?? 0
    }

    /// Records a training.
    public func addTraining(_ training: MediatorTraining, mediatorId: UUID, in transaction: PostgresTransaction)
        async throws
    {
        try await transaction.query(
            """
            INSERT INTO mediator_training (id, mediator_id, trained_on, hours, topic)
            VALUES (\(Identifier.make()), \(mediatorId), \(training.trainedOn)::date, \(training.hours), \(training.topic))
            """)
        try await transaction.query("UPDATE mediator SET version = version + 1 WHERE id = \(mediatorId)")
    }

    static func mediator(from row: PostgresRow) throws -> Mediator {
        guard let kind = MediatorKind(rawValue: try row.decode("kind", as: String.self)),
            let employment = MediatorEmployment(rawValue: try row.decode("employment", as: String.self))
        else { throw PostgresError(.decoding, column: "kind", detail: "unknown mediator field") }
        return Mediator(
            id: try row.decode("id"), personId: try row.decode("person_id"), personName: try row.decode("person_name"),
            areaId: try row.decode("area_id"), areaPath: try row.decode("area_path"),
            committeeId: try row.decode("committee_id"), kind: kind, employment: employment,
            engagedOn: try row.decode("engaged_on", as: CalendarDay.self),
            engagedUntil: try row.decode("engaged_until", as: CalendarDay?.self),
            endedOn: try row.decode("ended_on", as: CalendarDay?.self), endReason: try row.decode("end_reason"),
            trainings: try row.decodeJSON("trainings", as: [TrainingColumn].self).compactMap { column in
                CalendarDay(column.trainedOn).map {
                    MediatorTraining(trainedOn: $0, hours: column.hours, topic: column.topic)
                }
            },
            version: try row.decode("version"), createdAt: try row.decode("created_at"))
    }
}

/// A training as the posts' JSON column lists it.
private struct TrainingColumn: Decodable {
    let trainedOn: String
    let hours: Int
    let topic: String
}
