import Foundation
import Governance
import GovernanceStore

/// Grid management: buildings, placements, assignments with history, coverage and the public
/// board (domain-rules.md §2.3). Each write runs in the request's transaction with its audit event.
struct GridService: Sendable {
    let store: Store
    let areas: AreaRepository
    let people: PersonRepository
    let grid: GridRepository
    let audit: AuditLog

    func createBuilding(_ new: NewBuilding, context: CallContext) async throws -> Building {
        try new.validate()
        return try await store.write(deadline: context.deadline) { transaction in
            let scope = context.principal.scopePath
            guard let gridArea = try await areas.findForShare(new.gridId, scopePath: scope, in: transaction) else { throw DomainError.notFound("area") }
            try Self.requireKind(gridArea, .grid, field: "gridId")
            var microgrid: Area?
            if let microgridId = new.microgridId {
                guard let found = try await areas.findForShare(microgridId, scopePath: scope, in: transaction) else { throw DomainError.notFound("area") }
                try Self.requireKind(found, .microgrid, field: "microgridId")
                guard found.parentId == gridArea.id else {
                    throw DomainError(
                        .unprocessable, code: "grid.microgrid_outside_grid",
                        message: LocalizedText(zh: "微网格不在该网格之内。", en: "The micro-grid is not inside that grid."))
                }
                microgrid = found
            }
            let building = try await grid.insertBuilding(new, grid: gridArea, microgrid: microgrid, in: transaction)
            try await audit.append(
                context.auditEntry(
                    resourceType: "building", resourceId: building.id, areaPath: building.areaPath,
                    summary: ["name": building.name, "gridId": gridArea.id.uuidString.lowercased(), "units": building.units.count]),
                in: transaction)
            return building
        }
    }

    func getBuilding(_ id: UUID, context: CallContext) async throws -> Building {
        guard let building = try await grid.findBuilding(id, scopePath: context.principal.scopePath, deadline: context.deadline) else {
            throw DomainError.notFound("building")
        }
        return building
    }

    func listBuildings(areaId: UUID?, cursor: String?, limit: Int?, context: CallContext) async throws -> Page<Building> {
        try await grid.listBuildings(
            scopePath: context.principal.scopePath, areaId: areaId, after: try PageCursor.decodeID(cursor), limit: try PageCursor.limit(limit),
            deadline: context.deadline)
    }

    func updateBuilding(
        _ id: UUID, name: String?, compound: String??, units: [(name: String, households: Int)], ifMatch: String?, context: CallContext
    ) async throws -> Building {
        // The same field rules as a new building; the grid stays as it is.
        try NewBuilding(gridId: id, microgridId: nil, compound: compound ?? nil, name: name ?? "-", units: units).validate()
        let expected = try Versioning.expectedVersion(ifMatch: ifMatch)
        return try await store.write(deadline: context.deadline) { transaction in
            let scope = context.principal.scopePath
            guard try await grid.findBuilding(id, scopePath: scope, in: transaction) != nil else { throw DomainError.notFound("building") }
            guard
                try await grid.updateBuilding(id, name: name, compound: compound, units: units, expectedVersion: expected, scopePath: scope, in: transaction)
            else { throw Versioning.stale }
            let building = try await grid.findBuilding(id, scopePath: scope, in: transaction)!
            var changed: [String: any Sendable] = [:]
            if let name { changed["name"] = name }
            if let compound { changed["compound"] = compound ?? NSNull() }
            if !units.isEmpty { changed["units"] = units.map(\.name) }
            try await audit.append(
                context.auditEntry(resourceType: "building", resourceId: id, areaPath: building.areaPath, summary: ["changed": changed]), in: transaction)
            return building
        }
    }

    func placeBuilding(_ id: UUID, gridId: UUID, context: CallContext) async throws -> Building {
        try await store.write(deadline: context.deadline) { transaction in
            let scope = context.principal.scopePath
            guard try await grid.findBuilding(id, scopePath: scope, in: transaction) != nil else { throw DomainError.notFound("building") }
            guard let gridArea = try await areas.findForShare(gridId, scopePath: scope, in: transaction) else { throw DomainError.notFound("area") }
            try Self.requireKind(gridArea, .grid, field: "gridId")
            try await grid.place(id, in: gridArea, transaction: transaction)
            guard let building = try await grid.findBuilding(id, scopePath: scope, in: transaction) else { throw DomainError.notFound("building") }
            try await audit.append(
                context.auditEntry(
                    resourceType: "building", resourceId: id, areaPath: building.areaPath, summary: ["placedIn": gridId.uuidString.lowercased()]),
                in: transaction)
            return building
        }
    }

    func assign(_ new: NewGridAssignment, context: CallContext) async throws -> GridAssignment {
        try new.validate()
        return try await store.write(deadline: context.deadline) { transaction in
            let target = try await checkedTarget(post: new.post, targetId: new.targetId, personId: new.personId, context: context)
            let assignment = try await grid.insertAssignment(new, areaPath: target.areaPath, in: transaction)
            try await audit.append(
                context.auditEntry(
                    resourceType: "grid_assignment", resourceId: assignment.id, areaPath: assignment.areaPath,
                    summary: ["post": new.post.rawValue, "targetId": new.targetId.uuidString.lowercased(), "startedOn": new.startedOn.description]),
                in: transaction)
            return assignment
        }
    }

    func end(_ id: UUID, on day: CalendarDay, reason: GridEndReason, context: CallContext) async throws -> GridAssignment {
        try await store.write(deadline: context.deadline) { transaction in
            let current = try await activeAssignment(id, context: context)
            try GridRules.checkEnd(startedOn: current.startedOn, endedOn: day)
            _ = try await grid.endAssignment(id, on: day, reason: reason, in: transaction)
            try await audit.append(
                context.auditEntry(
                    resourceType: "grid_assignment", resourceId: id, areaPath: current.areaPath,
                    summary: ["endedOn": day.description, "reason": reason.rawValue]),
                in: transaction)
            guard let ended = try await grid.findAssignment(id, scopePath: context.principal.scopePath, in: transaction) else {
                throw DomainError.notFound("grid_assignment")
            }
            return ended
        }
    }

    /// Ends one assignment and starts its successor in the same transaction, so the target is
    /// never without its holder between the two.
    func handOver(
        _ id: UUID, to personId: UUID, on day: CalendarDay, employment: Employment?, publicPhone: String?, context: CallContext
    ) async throws -> GridAssignment {
        try await store.write(deadline: context.deadline) { transaction in
            let current = try await activeAssignment(id, context: context)
            try GridRules.checkEnd(startedOn: current.startedOn, endedOn: day)
            let new = NewGridAssignment(
                post: current.post, targetId: current.targetId, personId: personId, startedOn: day, employment: employment ?? current.employment,
                publicPhone: publicPhone ?? current.publicPhone)
            try new.validate()
            let target = try await checkedTarget(post: new.post, targetId: new.targetId, personId: personId, context: context)
            _ = try await grid.endAssignment(id, on: day, reason: .handover, in: transaction)
            let successor = try await grid.insertAssignment(new, areaPath: target.areaPath, in: transaction)
            try await grid.setSuccessor(id, successorId: successor.id, in: transaction)
            try await audit.append(
                context.auditEntry(
                    resourceType: "grid_assignment", resourceId: successor.id, areaPath: successor.areaPath,
                    summary: ["handoverFrom": id.uuidString.lowercased(), "post": new.post.rawValue, "on": day.description]),
                in: transaction)
            return successor
        }
    }

    func list(areaId: UUID?, post: GridPost?, activeOn: CalendarDay?, cursor: String?, limit: Int?, context: CallContext) async throws -> Page<GridAssignment> {
        try await grid.listAssignments(
            scopePath: context.principal.scopePath, areaId: areaId, post: post, activeOn: activeOn, after: try PageCursor.decodeID(cursor),
            limit: try PageCursor.limit(limit), deadline: context.deadline)
    }

    func coverage(of areaId: UUID, context: CallContext) async throws -> GridCoverage {
        guard let area = try await areas.find(areaId, scopePath: context.principal.scopePath, deadline: context.deadline) else {
            throw DomainError.notFound("area")
        }
        return try await grid.coverage(areaPath: area.path, deadline: context.deadline)
    }

    func board(of communityId: UUID, deadline: ContinuousClock.Instant) async throws -> (name: String, grids: [GridBoardEntry]) {
        guard let board = try await grid.board(communityId: communityId, deadline: deadline) else { throw DomainError.notFound("area") }
        return board
    }

    // MARK: Rules that need the database

    /// The target in scope, fitting the post, and a person in scope who may hold it (GRID-6).
    private func checkedTarget(post: GridPost, targetId: UUID, personId: UUID, context: CallContext) async throws -> GridRepository.Target {
        guard let transaction = Store.transaction,
            let target = try await grid.target(targetId, scopePath: context.principal.scopePath, areas: areas, in: transaction)
        else { throw DomainError.notFound("target") }
        guard let kind = target.kind else {
            throw DomainError(
                .unprocessable, code: "grid.post_target_mismatch",
                message: LocalizedText(zh: "该岗位不能设在此对象上。", en: "This post cannot be attached to that target."))
        }
        try GridRules.checkTarget(post: post, target: kind)
        guard let person = try await people.find(personId, scopePath: context.principal.scopePath, reveal: false, deadline: context.deadline) else {
            throw DomainError.notFound("person")
        }
        try GridRules.checkLeaderResidence(post: post, targetId: targetId, residentBuildingId: person.buildingId, residentUnitId: person.unitId)
        return target
    }

    private func activeAssignment(_ id: UUID, context: CallContext) async throws -> GridAssignment {
        guard let transaction = Store.transaction,
            let current = try await grid.findAssignment(id, scopePath: context.principal.scopePath, in: transaction, lock: true)
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
                message: LocalizedText(zh: "\(field) 须为\(kind.chineseName)。", en: "\(field) must be a \(kind.rawValue)."))
        }
    }
}
