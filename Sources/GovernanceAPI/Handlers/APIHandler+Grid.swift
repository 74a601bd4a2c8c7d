import Foundation
import Governance
import GovernanceOpenAPI
import GovernanceServices
import GovernanceStore
import OpenAPIRuntime

extension APIHandler {
    func createBuilding(_ input: Operations.CreateBuilding.Input) async throws -> Operations.CreateBuilding.Output {
        guard case .json(let body) = input.body else { throw DomainError.validation([]) }
        let new = NewBuilding(
            gridId: try parseBodyID(body.gridId, field: "gridId"),
            microgridId: try parseFilterID(body.microgridId, field: "microgridId"),
            compound: body.compound, name: body.name, units: (body.units ?? []).map { ($0.name, $0.households ?? 0) })
        let building = try await gridService.createBuilding(new, context: .current())
        setHeaders(version: building.version, location: "/v1/buildings/\(building.id.lowercasedString)")
        return .created(.init(body: .json(try .init(building))))
    }

    func listBuildings(_ input: Operations.ListBuildings.Input) async throws -> Operations.ListBuildings.Output {
        let page = try await gridService.listBuildings(
            areaId: try parseFilterID(input.query.areaId, field: "areaId"), cursor: input.query.cursor,
            limit: input.query.limit, context: .current())
        return .ok(
            .init(
                body: .json(
                    try .init(
                        items: CSVRowSink.divert(page.items.map(Components.Schemas.Building.init)),
                        nextCursor: page.nextCursor))))
    }

    func getBuilding(_ input: Operations.GetBuilding.Input) async throws -> Operations.GetBuilding.Output {
        let building = try await gridService.getBuilding(
            try parseID(input.path.buildingId, resource: "building"), context: .current())
        setHeaders(version: building.version)
        return .ok(.init(body: .json(try .init(building))))
    }

    func updateBuilding(_ input: Operations.UpdateBuilding.Input) async throws -> Operations.UpdateBuilding.Output {
        let body: Components.Schemas.BuildingPatch =
            switch input.body {
            case .json(let body), .applicationMergePatchJson(let body): body
            }
        let members = MergePatch(rawBody: request.rawBody)
        try members.requireNonNull(["name", "units"])
        let building = try await gridService.updateBuilding(
            try parseID(input.path.buildingId, resource: "building"), name: body.name,
            compound: members.clearable("compound", body.compound),
            units: (body.units ?? []).map { ($0.name, $0.households ?? 0) },
            expectedVersion: try IfMatch.expectedVersion(ifMatch: input.headers.ifMatch), context: .current())
        setHeaders(version: building.version)
        return .ok(.init(body: .json(try .init(building))))
    }

    func placeBuilding(_ input: Operations.PlaceBuilding.Input) async throws -> Operations.PlaceBuilding.Output {
        guard case .json(let body) = input.body else { throw DomainError.validation([]) }
        let building = try await gridService.placeBuilding(
            try parseID(input.path.buildingId, resource: "building"),
            gridId: try parseBodyID(body.gridId, field: "gridId"),
            context: .current())
        return .ok(.init(body: .json(try .init(building))))
    }

    func createGridAssignment(_ input: Operations.CreateGridAssignment.Input) async throws
        -> Operations.CreateGridAssignment.Output
    {
        guard case .json(let body) = input.body else { throw DomainError.validation([]) }
        let new = NewGridAssignment(
            post: try bridged(body.post), targetId: try parseBodyID(body.targetId, field: "targetId"),
            personId: try parseBodyID(body.personId, field: "personId"),
            startedOn: try parseDay(body.startedOn, field: "startedOn"),
            employment: body.employment.flatMap { Employment(rawValue: $0.rawValue) }, publicPhone: body.publicPhone)
        let assignment = try await gridService.assign(new, context: .current())
        setHeaders(version: assignment.version, location: "/v1/grid-assignments/\(assignment.id.lowercasedString)")
        return .created(.init(body: .json(try .init(assignment))))
    }

    func listGridAssignments(_ input: Operations.ListGridAssignments.Input) async throws
        -> Operations.ListGridAssignments.Output
    {
        let page = try await gridService.list(
            areaId: try parseFilterID(input.query.areaId, field: "areaId"),
            post: input.query.post.flatMap { GridPost(rawValue: $0.rawValue) },
            activeOn: try input.query.activeOn.map { try parseDay($0, field: "activeOn") }, cursor: input.query.cursor,
            limit: input.query.limit,
            context: .current())
        return .ok(
            .init(
                body: .json(
                    try .init(
                        items: CSVRowSink.divert(page.items.map(Components.Schemas.GridAssignment.init)),
                        nextCursor: page.nextCursor))))
    }

    func endGridAssignment(_ input: Operations.EndGridAssignment.Input) async throws
        -> Operations.EndGridAssignment.Output
    {
        guard case .json(let body) = input.body else { throw DomainError.validation([]) }
        let assignment = try await gridService.end(
            try parseID(input.path.assignmentId, resource: "grid_assignment"),
            on: try parseDay(body.endedOn, field: "endedOn"),
            reason: try bridged(body.reason), context: .current())
        return .ok(.init(body: .json(try .init(assignment))))
    }

    func handOverGridAssignment(_ input: Operations.HandOverGridAssignment.Input) async throws
        -> Operations.HandOverGridAssignment.Output
    {
        guard case .json(let body) = input.body else { throw DomainError.validation([]) }
        let successor = try await gridService.handOver(
            try parseID(input.path.assignmentId, resource: "grid_assignment"),
            to: try parseBodyID(body.personId, field: "personId"),
            on: try parseDay(body.effectiveOn, field: "effectiveOn"),
            employment: body.employment.flatMap { Employment(rawValue: $0.rawValue) }, publicPhone: body.publicPhone,
            context: .current())
        setHeaders(version: successor.version, location: "/v1/grid-assignments/\(successor.id.lowercasedString)")
        return .created(.init(body: .json(try .init(successor))))
    }

    func getGridCoverage(_ input: Operations.GetGridCoverage.Input) async throws -> Operations.GetGridCoverage.Output {
        let areaId = try parseID(input.path.areaId, resource: "area")
        let coverage = try await gridService.coverage(of: areaId, context: .current())
        return .ok(.init(body: .json(try .init(coverage, areaId: areaId))))
    }

    func getGridBoard(_ input: Operations.GetGridBoard.Input) async throws -> Operations.GetGridBoard.Output {
        let communityId = try parseID(input.path.areaId, resource: "area")
        let found = try await gridService.board(of: communityId, deadline: request.deadline)
        let board = try Components.Schemas.GridBoard(communityId: communityId, name: found.name, grids: found.grids)
        if PublicPages.prefersHTML(input.headers.accept) {
            return .ok(.init(body: .html(HTTPBody(PublicPages.gridBoard(board)))))
        }
        return .ok(.init(body: .json(board)))
    }
}
