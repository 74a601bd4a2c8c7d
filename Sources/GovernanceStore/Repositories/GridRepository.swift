public import Foundation
public import Governance
import IdentifierText
public import Postgres

/// Buildings, units, grid placements and staff assignments (domain-rules.md §2.3).
public struct GridRepository: Sendable {
    let store: Store

    /// Creates the repository.
    public init(store: Store) { self.store = store }

    // MARK: Buildings

    /// Buildings with their units and placements in one statement: the units and grid ids come
    /// from correlated subqueries, so a page of buildings costs one round trip.
    static let buildingColumns = """
        b.id, b.grid_id, b.microgrid_id, b.area_path::text AS area_path, b.compound, b.name, b.version, b.created_at,
        (SELECT coalesce(json_agg(json_build_object('id', u.id, 'name', u.name, 'households', u.households) ORDER BY u.name), '[]')
           FROM building_unit u WHERE u.building_id = b.id)::text AS units,
        (SELECT coalesce(array_agg(g.grid_id ORDER BY g.grid_id), '{}') FROM building_grid g WHERE g.building_id = b.id)::text AS grid_ids
        """

    /// Registers a building in `grid` (and `microgrid`), with its units and its first placement.
    public func insertBuilding(_ new: NewBuilding, grid: Area, microgrid: Area?, in transaction: PostgresTransaction)
        async throws -> Building
    {
        let id = Identifier.make()
        let path = microgrid?.path ?? grid.path
        try await transaction.query(
            """
            INSERT INTO building (id, grid_id, microgrid_id, area_path, compound, name)
            VALUES (\(id), \(grid.id), \(microgrid?.id), \(path)::ltree, \(new.compound), \(new.name))
            """)
        if !new.units.isEmpty {
            try await transaction.query(
                """
                INSERT INTO building_unit (id, building_id, name, households)
                SELECT u.id, \(id), u.name, u.households
                FROM unnest(\(new.units.map { _ in Identifier.make() })::uuid[], \(new.units.map(\.name))::text[],
                            \(new.units.map(\.households))::int[]) AS u(id, name, households)
                """)
        }
        try await place(id, in: grid, transaction: transaction)
        guard let building = try await findBuilding(id, scopePath: path, via: .transaction(transaction)) else {
            throw PostgresError(.protocolViolation, detail: "inserted building not found")
        }
        return building
    }

    /// Changes a building's name or compound and upserts units by name, when the version matches.
    public func updateBuilding(
        _ id: UUID, name: String?, compound: String??, units: [(name: String, households: Int)], expectedVersion: Int?,
        scopePath: String,
        in transaction: PostgresTransaction
    ) async throws -> Bool {
        var query: PostgresQuery = "UPDATE building SET version = version + 1"
        if let name { query.append(", name = \(name)") }
        if let compound { query.append(", compound = \(compound)") }
        query.append(" WHERE id = \(id) AND area_path <@ \(scopePath)::ltree")
        if let expectedVersion { query.append(" AND version = \(expectedVersion)") }
        guard try await transaction.query(query).affectedRows == 1 else { return false }
        if !units.isEmpty {
            try await transaction.query(
                """
                INSERT INTO building_unit (id, building_id, name, households)
                SELECT u.id, \(id), u.name, u.households
                FROM unnest(\(units.map { _ in Identifier.make() })::uuid[], \(units.map(\.name))::text[], \(units.map(\.households))::int[])
                     AS u(id, name, households)
                ON CONFLICT (building_id, name) DO UPDATE SET households = EXCLUDED.households
                """)
        }
        return true
    }

    /// Places a building in a grid; a second comprehensive grid is refused by the database (GRID-2).
    public func place(_ buildingId: UUID, in grid: Area, transaction: PostgresTransaction) async throws {
        try await transaction.query(
            """
            INSERT INTO building_grid (building_id, grid_id, comprehensive)
            VALUES (\(buildingId), \(grid.id), \(grid.gridType != .exclusive))
            ON CONFLICT (building_id, grid_id) DO NOTHING
            """)
    }

    /// The building `id` in scope, read inside `transaction` when given.
    public func findBuilding(
        _ id: UUID, scopePath: String, via route: ReadRoute
    ) async throws -> Building? {
        let query: PostgresQuery =
            "SELECT \(unsafeSQL: Self.buildingColumns) FROM building b WHERE b.id = \(id) AND b.area_path <@ \(scopePath)::ltree"
        let rows = try await store.read(query, via: route)
        return try rows.first.map(Self.building(from:))
    }

    /// One page of the buildings in scope, optionally in one area's subtree.
    public func listBuildings(
        scopePath: String, areaId: UUID?, after: UUID?, limit: Int, deadline: ContinuousClock.Instant
    ) async throws -> Page<Building> {
        var query: PostgresQuery =
            "SELECT \(unsafeSQL: Self.buildingColumns) FROM building b WHERE b.area_path <@ \(scopePath)::ltree"
        if let areaId { query.append(" AND b.area_path <@ (SELECT path FROM area WHERE id = \(areaId))") }
        if let after { query.append(" AND b.id > \(after)") }
        query.append(" ORDER BY b.id LIMIT \(limit + 1)")
        let rows = try await store.read(query, deadline: deadline)
        return try Page.keyset(rows, limit: limit, decode: Self.building(from:), cursor: { PageCursor.encode($0.id) })
    }

    /// The building a unit belongs to, if the unit is in scope.
    public func buildingOfUnit(_ unitId: UUID, scopePath: String, in transaction: PostgresTransaction) async throws
        -> UUID?
    {
        let rows = try await transaction.query(
            """
            SELECT u.building_id FROM building_unit u JOIN building b ON b.id = u.building_id
            WHERE u.id = \(unitId) AND b.area_path <@ \(scopePath)::ltree
            """)
        return try rows.first?.decode("building_id", as: UUID.self)
    }

    /// Whether `personId` holds an active grid post on the grid at `areaPath`, above it, or on a
    /// building or unit inside it (EVT-1: who may file a grid patrol's report).
    public func holdsActivePost(
        _ personId: UUID, around areaPath: String, in transaction: PostgresTransaction
    ) async throws -> Bool {
        let rows = try await transaction.query(
            """
            SELECT EXISTS (
                SELECT 1 FROM grid_assignment WHERE person_id = \(personId) AND ended_on IS NULL
                  AND (area_path @> \(areaPath)::ltree OR area_path <@ \(areaPath)::ltree)) AS holds
            """)
        return try rows[0].decode("holds", as: Bool.self)
    }

    /// Whether a building is placed in the grid `gridId` (or under it, through its micro-grid).
    public func isPlaced(
        _ buildingId: UUID, inGridOrUnder areaPath: String, gridId: UUID, in transaction: PostgresTransaction
    ) async throws -> Bool {
        let rows = try await transaction.query(
            """
            SELECT EXISTS (SELECT 1 FROM building_grid WHERE building_id = \(buildingId) AND grid_id = \(gridId))
                OR EXISTS (SELECT 1 FROM building WHERE id = \(buildingId) AND area_path <@ \(areaPath)::ltree) AS placed
            """)
        return try rows[0].decode("placed", as: Bool.self)
    }

    static func building(from row: PostgresRow) throws -> Building {
        let units = try row.decodeJSON("units", as: [UnitColumn].self).map {
            BuildingUnit(id: $0.id, name: $0.name, households: $0.households ?? 0)
        }
        let gridIds = PostgresTextArray.uuids(try row.decode("grid_ids", as: String.self))
        return Building(
            id: try row.decode("id"), gridId: try row.decode("grid_id"), microgridId: try row.decode("microgrid_id"),
            gridIds: gridIds,
            areaPath: try row.decode("area_path"), compound: try row.decode("compound"), name: try row.decode("name"),
            units: units,
            version: try row.decode("version"), createdAt: try row.decode("created_at"))
    }

    // MARK: Assignment targets

    /// What an assignment target id names, if it lies in scope.
    public enum Target: Sendable {
        /// A grid or micro-grid.
        case area(Area)
        /// A building, with its area path.
        case building(id: UUID, areaPath: String)
        /// A unit, with its building and area path.
        case unit(id: UUID, buildingId: UUID, areaPath: String)

        /// The target's kind for the post check.
        public var kind: GridPost.Target? {
            switch self {
            case .area(let area): area.kind == .grid ? .grid : area.kind == .microgrid ? .microgrid : nil
            case .building: .building
            case .unit: .unit
            }
        }

        /// The path of the area the target belongs to.
        public var areaPath: String {
            switch self {
            case .area(let area): area.path
            case .building(_, let path), .unit(_, _, let path): path
            }
        }
    }

    /// Resolves a target id among areas, buildings and units in scope, in one statement.
    public func target(_ id: UUID, scopePath: String, areas: AreaRepository, in transaction: PostgresTransaction)
        async throws -> Target?
    {
        let rows = try await transaction.query(
            """
            SELECT 'building' AS type, NULL::uuid AS building_id, area_path::text AS area_path FROM building
              WHERE id = \(id) AND area_path <@ \(scopePath)::ltree
            UNION ALL
            SELECT 'unit', u.building_id, b.area_path::text FROM building_unit u JOIN building b ON b.id = u.building_id
              WHERE u.id = \(id) AND b.area_path <@ \(scopePath)::ltree
            """)
        if let row = rows.first {
            let path = try row.decode("area_path", as: String.self)
            if try row.decode("type", as: String.self) == "unit" {
                return .unit(id: id, buildingId: try row.decode("building_id"), areaPath: path)
            }
            return .building(id: id, areaPath: path)
        }
        return try await areas.findForShare(id, scopePath: scopePath, in: transaction).map(Target.area)
    }

    // MARK: Assignments

    static let assignmentColumns = """
        a.id, a.post, a.target_id, a.area_path::text AS area_path, a.person_id, p.name AS person_name, a.employment, a.public_phone,
        a.started_on::text AS started_on, a.ended_on::text AS ended_on, a.end_reason, a.successor_id, a.version
        """

    /// Records an assignment; a second active leader is refused by the database.
    public func insertAssignment(
        _ new: NewGridAssignment, areaPath: String, in transaction: PostgresTransaction
    ) async throws -> GridAssignment {
        let id = Identifier.make()
        try await transaction.query(
            """
            INSERT INTO grid_assignment (id, post, target_id, area_path, person_id, employment, public_phone, started_on)
            VALUES (\(id), \(new.post), \(new.targetId), \(areaPath)::ltree, \(new.personId), \(new.employment),
                    \(new.publicPhone), \(new.startedOn)::date)
            """)
        guard let assignment = try await findAssignment(id, scopePath: areaPath, in: transaction) else {
            throw PostgresError(.protocolViolation, detail: "inserted assignment not found")
        }
        return assignment
    }

    /// The assignment `id` in scope.
    public func findAssignment(_ id: UUID, scopePath: String, in transaction: PostgresTransaction, lock: Bool = false)
        async throws -> GridAssignment?
    {
        let rows = try await transaction.query(
            """
            SELECT \(unsafeSQL: Self.assignmentColumns) FROM grid_assignment a JOIN person p ON p.id = a.person_id
            WHERE a.id = \(id) AND a.area_path <@ \(scopePath)::ltree\(unsafeSQL: lock ? " FOR UPDATE OF a" : "")
            """)
        return try rows.first.map(Self.assignment(from:))
    }

    /// Ends an active assignment; `nil` when it was no longer active.
    public func endAssignment(
        _ id: UUID, on day: CalendarDay, reason: GridEndReason, successorId: UUID? = nil,
        in transaction: PostgresTransaction
    ) async throws -> Bool {
        let rows = try await transaction.query(
            """
            UPDATE grid_assignment SET ended_on = \(day)::date, end_reason = \(reason), successor_id = \(successorId),
                   version = version + 1
            WHERE id = \(id) AND ended_on IS NULL
            """)
        return rows.affectedRows == 1
    }

    /// Links a predecessor to its successor.
    public func setSuccessor(_ id: UUID, successorId: UUID, in transaction: PostgresTransaction) async throws {
        try await transaction.query("UPDATE grid_assignment SET successor_id = \(successorId) WHERE id = \(id)")
    }

    /// One page of assignments in scope.
    public func listAssignments(
        scopePath: String, areaId: UUID?, post: GridPost?, activeOn: CalendarDay?, after: UUID?, limit: Int,
        deadline: ContinuousClock.Instant
    ) async throws -> Page<GridAssignment> {
        var query: PostgresQuery = """
            SELECT \(unsafeSQL: Self.assignmentColumns) FROM grid_assignment a JOIN person p ON p.id = a.person_id
            WHERE a.area_path <@ \(scopePath)::ltree
            """
        if let areaId { query.append(" AND a.area_path <@ (SELECT path FROM area WHERE id = \(areaId))") }
        if let post { query.append(" AND a.post = \(post)") }
        if let activeOn {
            query.append(
                " AND a.started_on <= \(activeOn)::date AND (a.ended_on IS NULL OR a.ended_on >= \(activeOn)::date)")
        }
        if let after { query.append(" AND a.id > \(after)") }
        query.append(" ORDER BY a.id LIMIT \(limit + 1)")
        let rows = try await store.read(query, deadline: deadline)
        return try Page.keyset(rows, limit: limit, decode: Self.assignment(from:), cursor: { PageCursor.encode($0.id) })
    }

    static func assignment(from row: PostgresRow) throws -> GridAssignment {
        guard let post = GridPost(rawValue: try row.decode("post", as: String.self)),
            let startedOn = CalendarDay(try row.decode("started_on", as: String.self))
        else { throw PostgresError(.decoding, column: "post", detail: "unknown post or date") }
        return GridAssignment(
            id: try row.decode("id"), post: post, targetId: try row.decode("target_id"),
            areaPath: try row.decode("area_path"),
            personId: try row.decode("person_id"), personName: try row.decode("person_name"),
            employment: try row.decode("employment", as: String?.self).flatMap(Employment.init(rawValue:)),
            publicPhone: try row.decode("public_phone"), startedOn: startedOn,
            endedOn: try row.decode("ended_on", as: CalendarDay?.self),
            endReason: try row.decode("end_reason", as: String?.self).flatMap(GridEndReason.init(rawValue:)),
            successorId: try row.decode("successor_id"), version: try row.decode("version"))
    }

    // MARK: Coverage and the public board

    /// Staffing figures of the grids, buildings and units under `areaPath`, in one statement.
    public func coverage(areaPath: String, deadline: ContinuousClock.Instant) async throws -> GridCoverage {
        let rows = try await store.read(
            """
            WITH grids AS (
                SELECT g.id, coalesce(g.households, 0) AS households,
                       EXISTS (SELECT 1 FROM grid_assignment a WHERE a.target_id = g.id AND a.post = 'grid_leader' AND a.ended_on IS NULL) AS led,
                       (SELECT count(*) FROM grid_assignment a WHERE a.target_id = g.id AND a.post = 'grid_worker' AND a.ended_on IS NULL) AS workers
                FROM area g WHERE g.kind = 'grid' AND g.path <@ \(areaPath)::ltree
            ), buildings AS (
                SELECT b.id, EXISTS (SELECT 1 FROM grid_assignment a WHERE a.target_id = b.id AND a.ended_on IS NULL) AS led
                FROM building b WHERE b.area_path <@ \(areaPath)::ltree
            ), units AS (
                SELECT u.id, EXISTS (SELECT 1 FROM grid_assignment a WHERE a.target_id = u.id AND a.ended_on IS NULL) AS led
                FROM building_unit u JOIN building b ON b.id = u.building_id WHERE b.area_path <@ \(areaPath)::ltree
            )
            SELECT (SELECT count(*) FROM grids) AS grids,
                   (SELECT count(*) FROM grids WHERE NOT led) AS grids_without_leader,
                   (SELECT count(*) FROM grids WHERE workers = 0) AS grids_without_worker,
                   (SELECT count(*) FROM grids WHERE led AND workers > 0) AS grids_fully_staffed,
                   (SELECT coalesce(sum(workers), 0) FROM grids) AS workers,
                   (SELECT coalesce(sum(households), 0) FROM grids) AS households,
                   (SELECT count(*) FROM buildings) AS buildings,
                   (SELECT count(*) FROM buildings WHERE NOT led) AS buildings_without_leader,
                   (SELECT count(*) FROM units) AS units,
                   (SELECT count(*) FROM units WHERE NOT led) AS units_without_leader
            """, deadline: deadline)
        let row = rows[0]
        var coverage = GridCoverage()
        coverage.grids = try row.decode("grids")
        coverage.gridsWithoutLeader = try row.decode("grids_without_leader")
        coverage.gridsWithoutWorker = try row.decode("grids_without_worker")
        coverage.gridsFullyStaffed = try row.decode("grids_fully_staffed")
        coverage.activeGridWorkers = try row.decode("workers")
        coverage.households = try row.decode("households")
        coverage.buildings = try row.decode("buildings")
        coverage.buildingsWithoutLeader = try row.decode("buildings_without_leader")
        coverage.units = try row.decode("units")
        coverage.unitsWithoutLeader = try row.decode("units_without_leader")
        return coverage
    }

    /// The public board of a community or village: its grids with their active leaders and
    /// workers — names, posts and service phones, nothing else.
    public func board(communityId: UUID, deadline: ContinuousClock.Instant) async throws -> (
        name: String, grids: [GridBoardEntry]
    )? {
        let rows = try await store.read(
            """
            SELECT c.name AS community, g.id AS grid_id, g.name AS grid_name, g.grid_type, p.name AS person_name, a.post, a.public_phone
            FROM area c
            LEFT JOIN area g ON g.parent_id = c.id AND g.kind = 'grid'
            LEFT JOIN grid_assignment a ON a.target_id = g.id AND a.ended_on IS NULL AND a.post IN ('grid_leader', 'grid_worker')
            LEFT JOIN person p ON p.id = a.person_id
            WHERE c.id = \(communityId) AND c.kind IN ('community', 'village')
            ORDER BY g.id, a.post, a.id
            """, deadline: deadline)
        guard let first = rows.first else { return nil }
        var entries: [GridBoardEntry] = []
        var current:
            (id: UUID, name: String, type: GridType?, staff: [(name: String, post: GridPost, servicePhone: String?)])?
        for row in rows {
            guard let gridId = try row.decode("grid_id", as: UUID?.self) else { continue }
            if current?.id != gridId {
                if let done = current {
                    entries.append(
                        GridBoardEntry(gridId: done.id, name: done.name, gridType: done.type, staff: done.staff))
                }
                current = (
                    gridId, try row.decode("grid_name"),
                    try row.decode("grid_type", as: String?.self).flatMap(GridType.init(rawValue:)), []
                )
            }
            if let name = try row.decode("person_name", as: String?.self),
                let post = GridPost(rawValue: try row.decode("post", as: String?.self) ?? "")
            {
                current?.staff.append((name, post, try row.decode("public_phone")))
            }
        }
        if let done = current {
            entries.append(GridBoardEntry(gridId: done.id, name: done.name, gridType: done.type, staff: done.staff))
        }
        return (try first.decode("community"), entries)
    }
}

/// A unit as the buildings' JSON column lists it.
private struct UnitColumn: Decodable {
    let id: UUID
    let name: String
    let households: Int?
}
