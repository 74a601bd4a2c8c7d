public import Foundation
public import Governance
public import Postgres

/// Registered departments.
public struct DepartmentRepository: Sendable {
    let store: Store

    /// Creates the repository.
    public init(store: Store) { self.store = store }

    static let columns = "id, name, level, area_id, area_path::text AS area_path, version, created_at"

    /// Which departments a caller reaches from its scope.
    public enum Reach: Sendable {
        /// Those of an area above the scope or inside it: the city's and district's bureaus are
        /// visible to a community that refuses or rates their work, and a district sees its own.
        case visibleFrom(String)
        /// Those of an area inside the scope only: what an admin may issue tokens for.
        case within(String)

        var condition: PostgresQuery {
            switch self {
            case .visibleFrom(let scope): "(area_path @> \(scope)::ltree OR area_path <@ \(scope)::ltree)"
            case .within(let scope): "area_path <@ \(scope)::ltree"
            }
        }
    }

    /// Registers a department on `area`. A second one of the same name there is 409, or, with
    /// `existingIsFine`, the one already registered.
    public func insert(
        _ new: NewDepartment, level: DepartmentLevel, area: Area, existingIsFine: Bool = false,
        in transaction: PostgresTransaction
    ) async throws -> Department {
        var query: PostgresQuery = """
            INSERT INTO department (id, name, level, area_id, area_path)
            VALUES (\(Identifier.make()), \(new.name), \(level), \(area.id), \(area.path)::ltree)
            """
        if existingIsFine {
            query.append(" ON CONFLICT ON CONSTRAINT department_name_unique DO UPDATE SET name = EXCLUDED.name")
        }
        query.append(" RETURNING \(unsafeSQL: Self.columns)")
        return try Department(row: try await transaction.query(query)[0])
    }

    /// The department `id` if the caller reaches it; `nil` (the same as a missing id) otherwise.
    public func find(_ id: UUID, reach: Reach, via route: ReadRoute) async throws -> Department? {
        var query: PostgresQuery = "SELECT \(unsafeSQL: Self.columns) FROM department WHERE id = \(id) AND "
        query.append(reach.condition)
        return try await store.read(query, via: route).first.map(Department.init(row:))
    }

    /// One page of the departments the caller reaches, optionally only those of `areaId`.
    public func list(
        reach: Reach, areaId: UUID?, ids: [UUID]? = nil, after: UUID?, limit: Int, deadline: ContinuousClock.Instant
    ) async throws -> Page<Department> {
        var query: PostgresQuery = "SELECT \(unsafeSQL: Self.columns) FROM department WHERE "
        query.append(reach.condition)
        if let ids { query.append(" AND id = ANY(\(ids)::uuid[])") }
        if let areaId { query.append(" AND area_id = \(areaId)") }
        if let after { query.append(" AND id > \(after)") }
        query.append(" ORDER BY id LIMIT \(limit + 1)")
        let rows = try await store.read(query, deadline: deadline)
        return try Page.keyset(rows, limit: limit, decode: Department.init(row:), cursor: { PageCursor.encode($0.id) })
    }
}

extension Department {
    init(row: PostgresRow) throws {
        self.init(
            id: try row.decode("id"), name: try row.decode("name"), level: try row.decode("level"),
            areaId: try row.decode("area_id"), areaPath: try row.decode("area_path"),
            version: try row.decode("version"), createdAt: try row.decode("created_at"))
    }
}
