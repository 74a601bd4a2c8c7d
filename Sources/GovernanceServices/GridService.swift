package import Foundation
package import Governance
package import GovernanceStore
import Postgres

/// Grid management: buildings, placements, assignments with history, coverage and the public
/// board (domain-rules.md §2.3). Each write runs in the request's transaction with its audit event.
package struct GridService: Sendable {
    let store: Store
    let areas: AreaRepository
    let people: PersonRepository
    let grid: GridRepository

    /// Creates the service.
    package init(store: Store) {
        self.store = store
        self.areas = AreaRepository(store: store)
        self.people = PersonRepository(store: store)
        self.grid = GridRepository(store: store)
    }

    /// Registers a building in a grid (and micro-grid) of the caller's scope.
    package func createBuilding(_ new: NewBuilding, context: CallContext) async throws -> Building {
        try new.validate()
        return try await store.audited(context.write) { transaction in
            let scope = context.scopePath
            guard let gridArea = try await areas.findForShare(new.gridId, scopePath: scope, in: transaction) else {
                throw DomainError.notFound("area")
            }
            try Self.requireKind(gridArea, .grid, field: "gridId")
            var microgrid: Area?
            if let microgridId = new.microgridId {
                guard let found = try await areas.findForShare(microgridId, scopePath: scope, in: transaction) else {
                    throw DomainError.notFound("area")
                }
                try Self.requireKind(found, .microgrid, field: "microgridId")
                guard found.parentId == gridArea.id else {
                    throw DomainError(
                        .unprocessable, code: "grid.microgrid_outside_grid",
                        message: LocalizedText(zh: "微网格不在该网格之内。", en: "The micro-grid is not inside that grid."))
                }
                microgrid = found
            }
            let building = try await grid.insertBuilding(new, grid: gridArea, microgrid: microgrid, in: transaction)
            return AuditedChange(
                building, resourceType: "building", resourceId: building.id, areaPath: building.areaPath,
                summary: [
                    "name": .string(building.name), "gridId": JSONValue(gridArea.id),
                    "units": .int(building.units.count),
                ])
        }
    }

    /// The building `id` in the caller's scope.
    package func getBuilding(_ id: UUID, context: CallContext) async throws -> Building {
        guard
            let building = try await grid.findBuilding(
                id, scopePath: context.scopePath, via: .pipeline(deadline: context.deadline))
        else {
            throw DomainError.notFound("building")
        }
        return building
    }

    /// One page of buildings in the caller's scope.
    package func listBuildings(areaId: UUID?, cursor: String?, limit: Int?, context: CallContext) async throws -> Page<
        Building
    > {
        try await grid.listBuildings(
            scopePath: context.scopePath, areaId: areaId, after: try PageCursor.decodeID(cursor),
            limit: try PageCursor.limit(limit),
            deadline: context.deadline)
    }

    /// Renames a building, changes its compound or its units' households, when `expected` holds.
    package func updateBuilding(
        _ id: UUID, name: String?, compound: String??, units: [(name: String, households: Int)],
        expectedVersion expected: Int?, context: CallContext
    ) async throws -> Building {
        // The same field rules as a new building; the grid stays as it is.
        try NewBuilding(gridId: id, microgridId: nil, compound: compound ?? nil, name: name ?? "-", units: units)
            .validate()
        return try await store.audited(context.write) { transaction in
            let scope = context.scopePath
            guard try await grid.findBuilding(id, scopePath: scope, via: .transaction(transaction)) != nil else {
                throw DomainError.notFound("building")
            }
            guard
                try await grid.updateBuilding(
                    id, name: name, compound: compound, units: units, expectedVersion: expected, scopePath: scope,
                    in: transaction)
            else { throw Versioning.stale }
            guard let building = try await grid.findBuilding(id, scopePath: scope, via: .transaction(transaction))
            else {
                throw DomainError.notFound("building")
            }
            var changed: [String: JSONValue] = [:]
            if let name { changed["name"] = .string(name) }
            if let compound { changed["compound"] = JSONValue(compound) }
            if !units.isEmpty { changed["units"] = .array(units.map { .string($0.name) }) }
            return AuditedChange(
                building, resourceType: "building", resourceId: id, areaPath: building.areaPath,
                summary: ["changed": .object(changed)])
        }
    }

    /// Places a building in a further grid (GRID-2: one comprehensive grid at most).
    package func placeBuilding(_ id: UUID, gridId: UUID, context: CallContext) async throws -> Building {
        try await store.audited(context.write) { transaction in
            let scope = context.scopePath
            guard try await grid.findBuilding(id, scopePath: scope, via: .transaction(transaction)) != nil else {
                throw DomainError.notFound("building")
            }
            guard let gridArea = try await areas.findForShare(gridId, scopePath: scope, in: transaction) else {
                throw DomainError.notFound("area")
            }
            try Self.requireKind(gridArea, .grid, field: "gridId")
            try await grid.place(id, in: gridArea, transaction: transaction)
            guard let building = try await grid.findBuilding(id, scopePath: scope, via: .transaction(transaction))
            else {
                throw DomainError.notFound("building")
            }
            return AuditedChange(
                building, resourceType: "building", resourceId: id, areaPath: building.areaPath,
                summary: ["placedIn": JSONValue(gridId)])
        }
    }

    /// Assigns a person to a post on a grid, micro-grid, building or unit.
    package func assign(_ new: NewGridAssignment, context: CallContext) async throws -> GridAssignment {
        try new.validate(today: context.today)
        return try await store.audited(context.write) { transaction in
            let target = try await checkedTarget(
                post: new.post, targetId: new.targetId, personId: new.personId, context: context, in: transaction)
            let assignment = try await grid.insertAssignment(new, areaPath: target.areaPath, in: transaction)
            return AuditedChange(
                assignment, resourceType: "grid_assignment", resourceId: assignment.id, areaPath: assignment.areaPath,
                summary: [
                    "post": JSONValue(new.post), "targetId": JSONValue(new.targetId),
                    "startedOn": .string(new.startedOn.description),
                ])
        }
    }

    /// Ends an active assignment.
    package func end(_ id: UUID, on day: CalendarDay, reason: GridEndReason, context: CallContext) async throws
        -> GridAssignment
    {
        try await store.audited(context.write) { transaction in
            let current = try await activeAssignment(id, context: context, in: transaction)
            try GridRules.checkEnd(startedOn: current.startedOn, endedOn: day, today: context.today)
            _ = try await grid.endAssignment(id, on: day, reason: reason, in: transaction)
            guard let ended = try await grid.findAssignment(id, scopePath: context.scopePath, in: transaction) else {
                throw DomainError.notFound("grid_assignment")
            }
            return AuditedChange(
                ended, resourceType: "grid_assignment", resourceId: id, areaPath: current.areaPath,
                summary: ["endedOn": .string(day.description), "reason": JSONValue(reason)])
        }
    }

    /// Ends one assignment and starts its successor in the same transaction, so the target is
    /// never without its holder between the two.
    package func handOver(
        _ id: UUID, to personId: UUID, on day: CalendarDay, employment: Employment?, publicPhone: String?,
        context: CallContext
    ) async throws -> GridAssignment {
        try await store.audited(context.write) { transaction in
            let current = try await activeAssignment(id, context: context, in: transaction)
            try GridRules.checkEnd(
                startedOn: current.startedOn, endedOn: day, today: context.today, field: "effectiveOn")
            let new = NewGridAssignment(
                post: current.post, targetId: current.targetId, personId: personId, startedOn: day,
                employment: employment ?? current.employment,
                publicPhone: publicPhone ?? current.publicPhone)
            try new.validate(today: context.today)
            let target = try await checkedTarget(
                post: new.post, targetId: new.targetId, personId: personId, context: context, in: transaction)
            _ = try await grid.endAssignment(id, on: day, reason: .handover, in: transaction)
            let successor = try await grid.insertAssignment(new, areaPath: target.areaPath, in: transaction)
            try await grid.setSuccessor(id, successorId: successor.id, in: transaction)
            return AuditedChange(
                successor, resourceType: "grid_assignment", resourceId: successor.id, areaPath: successor.areaPath,
                summary: ["handoverFrom": JSONValue(id), "post": JSONValue(new.post), "on": .string(day.description)])
        }
    }

    /// One page of assignments in the caller's scope.
    package func list(
        areaId: UUID?, post: GridPost?, activeOn: CalendarDay?, cursor: String?, limit: Int?, context: CallContext
    ) async throws -> Page<GridAssignment> {
        try await grid.listAssignments(
            scopePath: context.scopePath, areaId: areaId, post: post, activeOn: activeOn,
            after: try PageCursor.decodeID(cursor),
            limit: try PageCursor.limit(limit), deadline: context.deadline)
    }

    /// Staffing of the grids under an area in the caller's scope.
    package func coverage(of areaId: UUID, context: CallContext) async throws -> GridCoverage {
        guard let area = try await areas.find(areaId, scopePath: context.scopePath, deadline: context.deadline) else {
            throw DomainError.notFound("area")
        }
        return try await grid.coverage(areaPath: area.path, deadline: context.deadline)
    }

    /// The public board of a community: names, posts and service phones only.
    package func board(of communityId: UUID, deadline: ContinuousClock.Instant) async throws -> (
        name: String, grids: [GridBoardEntry]
    ) {
        guard let board = try await grid.board(communityId: communityId, deadline: deadline) else {
            throw DomainError.notFound("area")
        }
        return board
    }

    // MARK: Rules that need the database

    /// The target in scope, fitting the post, and a person in scope who may hold it (GRID-6).
    private func checkedTarget(
        post: GridPost, targetId: UUID, personId: UUID, context: CallContext, in transaction: PostgresTransaction
    ) async throws -> GridRepository.Target {
        guard let target = try await grid.target(targetId, scopePath: context.scopePath, areas: areas, in: transaction)
        else { throw DomainError.notFound("target") }
        guard let kind = target.kind else {
            throw DomainError(
                .unprocessable, code: "grid.post_target_mismatch",
                message: LocalizedText(zh: "该岗位不能设在此对象上。", en: "This post cannot be attached to that target."))
        }
        try GridRules.checkTarget(post: post, target: kind)
        guard
            let person = try await people.find(
                personId, scopePath: context.scopePath, reveal: false, deadline: context.deadline)
        else {
            throw DomainError.notFound("person")
        }
        try GridRules.checkLeaderResidence(
            post: post, targetId: targetId, residentBuildingId: person.buildingId, residentUnitId: person.unitId)
        return target
    }

    private func activeAssignment(_ id: UUID, context: CallContext, in transaction: PostgresTransaction) async throws
        -> GridAssignment
    {
        guard let current = try await grid.findAssignment(id, scopePath: context.scopePath, in: transaction, lock: true)
        else { throw DomainError.notFound("grid_assignment") }
        guard current.endedOn == nil else {
            throw DomainError(
                .conflict, code: "grid.assignment_already_ended",
                message: LocalizedText(zh: "该任职已结束。", en: "This assignment has already ended."))
        }
        return current
    }

    static func requireKind(_ area: Area, _ kind: AreaKind, field: String) throws(DomainError) {
        guard area.kind == kind else {
            throw DomainError(
                .unprocessable, code: "grid.wrong_area_kind",
                message: LocalizedText(
                    zh: "\(field) 须为\(kind.chineseName)。", en: "\(field) must be a \(kind.rawValue)."))
        }
    }
}
