public import Foundation
public import Governance
public import Postgres

/// Areas of the administrative tree. Every query is confined to the caller's scope in SQL.
public struct AreaRepository: Sendable {
    let store: Store

    /// Creates the repository.
    public init(store: Store) { self.store = store }

    static let columns: PostgresQuery = """
        id, parent_id, kind, name, code, households, population, grid_type, grid_category, path::text AS path, version, created_at,
        updated_at
        """

    /// The area `id` if it lies in `scopePath`; `nil` when missing or outside.
    public func find(_ id: UUID, scopePath: String, deadline: ContinuousClock.Instant) async throws -> Area? {
        let rows = try await store.read(
            "SELECT \(unsafeSQL: Self.columns.sql) FROM area WHERE id = \(id) AND path <@ \(scopePath)::ltree",
            deadline: deadline)
        return try rows.first.map(Area.init(row:))
    }

    /// Locks and returns the area `id` in scope, inside `transaction` (for children being added).
    public func findForShare(_ id: UUID, scopePath: String, in transaction: PostgresTransaction) async throws -> Area? {
        let rows = try await transaction.query(
            "SELECT \(unsafeSQL: Self.columns.sql) FROM area WHERE id = \(id) AND path <@ \(scopePath)::ltree FOR SHARE"
        )
        return try rows.first.map(Area.init(row:))
    }

    /// How many of `ids` are communities or villages under `path`.
    public func countCommunities(_ ids: [UUID], under path: String, in transaction: PostgresTransaction) async throws
        -> Int
    {
        let rows = try await transaction.query(
            """
            SELECT count(*) AS n FROM area
            WHERE id = ANY(\(ids)::uuid[]) AND path <@ \(path)::ltree AND kind IN ('community', 'village')
            """)
        return try rows.first?.decode("n") ?? 0
    }

    /// The root city, if the tree has one.
    public func root(deadline: ContinuousClock.Instant) async throws -> Area? {
        let rows = try await store.read(
            "SELECT \(unsafeSQL: Self.columns.sql) FROM area WHERE parent_id IS NULL", deadline: deadline)
        return try rows.first.map(Area.init(row:))
    }

    /// Inserts an area under `parent` (or the root when `parent` is nil), with a fresh path label.
    public func insert(_ area: NewArea, id: UUID, parent: Area?, in transaction: PostgresTransaction) async throws
        -> Area
    {
        let parentPath = parent.map { $0.path + "." } ?? ""
        let rows = try await transaction.query(
            """
            INSERT INTO area (id, parent_id, kind, name, code, households, population, grid_type, grid_category, path)
            VALUES (\(id), \(parent?.id), \(area.kind), \(area.name), \(area.code), \(area.households), \(area.population),
                    \(area.gridType), \(area.gridCategory), text2ltree(\(parentPath) || \(area.kind.labelPrefix) || nextval('area_label_seq')))
            RETURNING \(unsafeSQL: Self.columns.sql)
            """)
        return try Area(row: rows[0])
    }

    /// COM-7: the documents a village was set up on; the proposer is its parent.
    public func recordEstablishment(
        _ establishment: VillageEstablishment, of areaId: UUID, proposedBy: UUID, in transaction: PostgresTransaction
    ) async throws {
        try await transaction.query(
            """
            INSERT INTO area_establishment (area_id, proposed_by, villagers_meeting_resolution, county_approval)
            VALUES (\(areaId), \(proposedBy), \(establishment.villagersMeetingResolution), \(establishment.countyApproval))
            """)
    }

    /// Applies a patch when the version matches; `nil` when no row in scope matched.
    public func update(
        _ id: UUID, patch: AreaPatch, expectedVersion: Int?, scopePath: String, in transaction: PostgresTransaction
    ) async throws -> Area? {
        var query: PostgresQuery = "UPDATE area SET version = version + 1, updated_at = now()"
        if let name = patch.name { query.append(", name = \(name)") }
        if let code = patch.code { query.append(", code = \(code)") }
        if let households = patch.households { query.append(", households = \(households)") }
        if let population = patch.population { query.append(", population = \(population)") }
        if let gridType = patch.gridType { query.append(", grid_type = \(gridType)") }
        if let gridCategory = patch.gridCategory { query.append(", grid_category = \(gridCategory)") }
        query.append(" WHERE id = \(id) AND path <@ \(scopePath)::ltree")
        if let expectedVersion { query.append(" AND version = \(expectedVersion)") }
        query.append(" RETURNING \(unsafeSQL: Self.columns.sql)")
        return try await transaction.query(query).first.map(Area.init(row:))
    }

    /// One page of the areas in scope, optionally under one parent or of one kind.
    public func list(
        scopePath: String, parentId: UUID?, kind: AreaKind?, ids: [UUID]? = nil, after: UUID?, limit: Int,
        deadline: ContinuousClock.Instant
    ) async throws -> Page<Area> {
        var query: PostgresQuery = "SELECT \(unsafeSQL: Self.columns.sql) FROM area WHERE path <@ \(scopePath)::ltree"
        if let ids { query.append(" AND id = ANY(\(ids)::uuid[])") }
        if let parentId { query.append(" AND parent_id = \(parentId)") }
        if let kind { query.append(" AND kind = \(kind)") }
        if let after { query.append(" AND id > \(after)") }
        query.append(" ORDER BY id LIMIT \(limit + 1)")
        let rows = try await store.read(query, deadline: deadline)
        return try Page.keyset(rows, limit: limit, decode: Area.init(row:), cursor: { PageCursor.encode($0.id) })
    }
}

extension Area {
    init(row: PostgresRow) throws {
        guard let kind = AreaKind(rawValue: try row.decode("kind", as: String.self)) else {
            throw PostgresError(.decoding, column: "kind", detail: "unknown area kind")
        }
        self.init(
            id: try row.decode("id"), parentId: try row.decode("parent_id"), kind: kind, name: try row.decode("name"),
            code: try row.decode("code"), households: try row.decode("households"),
            population: try row.decode("population"),
            gridType: try row.decode("grid_type", as: String?.self).flatMap(GridType.init(rawValue:)),
            gridCategory: try row.decode("grid_category", as: String?.self).flatMap(GridCategory.init(rawValue:)),
            path: try row.decode("path"), version: try row.decode("version"), createdAt: try row.decode("created_at"),
            updatedAt: try row.decode("updated_at"))
    }
}
