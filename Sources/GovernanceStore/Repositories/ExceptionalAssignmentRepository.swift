public import Foundation
public import Governance
public import Postgres

/// Pushes outside the admitted lists: emergencies and purchases of service (ADM-6, ADM-12).
public struct ExceptionalAssignmentRepository: Sendable {
    let store: Store

    /// Creates the repository.
    public init(store: Store) { self.store = store }

    static let columns = """
        x.id, x.mode, x.department_id, d.name AS department_name, x.community_id, x.title, x.matter, x.emergency_event,
        x.decision_reference, x.contract_reference, x.amount, x.starts_on::text AS starts_on, x.ends_on::text AS ends_on,
        x.created_at
        """

    /// Records one; returns it as read back.
    public func insert(
        _ new: NewExceptionalAssignment, departmentId: UUID, community: Area, startsOn: CalendarDay,
        endsOn: CalendarDay, in transaction: PostgresTransaction
    ) async throws -> ExceptionalAssignment {
        let id = Identifier.make()
        let rows = try await transaction.query(
            """
            WITH inserted AS (
                INSERT INTO admission_exception (id, mode, department_id, community_id, area_path, title, matter, emergency_event,
                                                 decision_reference, contract_reference, amount, starts_on, ends_on)
                VALUES (\(id), \(new.mode), \(departmentId), \(community.id), \(community.path)::ltree, \(new.title), \(new.matter),
                        \(new.emergencyEvent), \(new.decisionReference), \(new.contractReference), \(new.amount),
                        \(startsOn)::date, \(endsOn)::date)
                RETURNING *
            )
            SELECT \(unsafeSQL: Self.columns) FROM inserted x JOIN department d ON d.id = x.department_id
            """)
        return try Self.assignment(from: rows[0])
    }

    /// The first emergency box of `event` from `departmentId` in the community (ADM-6), locking
    /// the department's pushes of it so two concurrent pushes see the same first box.
    public func firstEmergencyBox(
        departmentId: UUID, communityId: UUID, event: String, in transaction: PostgresTransaction
    ) async throws -> (startsOn: CalendarDay, endsOn: CalendarDay)? {
        try await transaction.query(
            "SELECT pg_advisory_xact_lock(hashtextextended(\("emergency:\(departmentId):\(communityId):\(event)"), 0))")
        let rows = try await transaction.query(
            """
            SELECT starts_on::text AS starts_on, ends_on::text AS ends_on FROM admission_exception
            WHERE mode = 'emergency' AND department_id = \(departmentId) AND community_id = \(communityId)
              AND emergency_event = \(event)
            ORDER BY starts_on, created_at LIMIT 1
            """)
        guard let row = rows.first else { return nil }
        return (try row.decode("starts_on", as: CalendarDay.self), try row.decode("ends_on", as: CalendarDay.self))
    }

    /// One page of the pushes the reader may see: in its scope, and a department's own only.
    public func list(
        reader: AdmissionRepository.Reader, mode: ExceptionalAssignmentMode?, activeOn: CalendarDay?, after: UUID?,
        limit: Int, deadline: ContinuousClock.Instant
    ) async throws -> Page<ExceptionalAssignment> {
        var query: PostgresQuery = """
            SELECT \(unsafeSQL: Self.columns) FROM admission_exception x JOIN department d ON d.id = x.department_id
            WHERE x.area_path <@ \(reader.scopePath)::ltree
            """
        if let departmentId = reader.departmentId { query.append(" AND x.department_id = \(departmentId)") }
        if let mode { query.append(" AND x.mode = \(mode)") }
        if let activeOn { query.append(" AND x.starts_on <= \(activeOn)::date AND x.ends_on >= \(activeOn)::date") }
        if let after { query.append(" AND x.id > \(after)") }
        query.append(" ORDER BY x.id LIMIT \(limit + 1)")
        let rows = try await store.read(query, deadline: deadline)
        return try Page.keyset(rows, limit: limit, decode: Self.assignment(from:), cursor: { PageCursor.encode($0.id) })
    }

    static func assignment(from row: PostgresRow) throws -> ExceptionalAssignment {
        guard let mode = ExceptionalAssignmentMode(rawValue: try row.decode("mode", as: String.self)),
            let matter = AdmissionMatter(rawValue: try row.decode("matter", as: String.self))
        else { throw PostgresError(.decoding, column: "mode", detail: "unknown exceptional assignment field") }
        return ExceptionalAssignment(
            id: try row.decode("id"), mode: mode, departmentId: try row.decode("department_id"),
            departmentName: try row.decode("department_name"), communityId: try row.decode("community_id"),
            title: try row.decode("title"), matter: matter, emergencyEvent: try row.decode("emergency_event"),
            decisionReference: try row.decode("decision_reference"),
            contractReference: try row.decode("contract_reference"), amount: try row.decode("amount"),
            startsOn: try row.decode("starts_on", as: CalendarDay.self),
            endsOn: try row.decode("ends_on", as: CalendarDay.self), createdAt: try row.decode("created_at"))
    }
}
