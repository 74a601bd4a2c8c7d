import Foundation
import Governance
import GovernanceOpenAPI
import GovernanceServices
import GovernanceStore

extension APIHandler {
    func createArea(_ input: Operations.CreateArea.Input) async throws -> Operations.CreateArea.Output {
        guard case .json(let body) = input.body else { throw DomainError.validation([]) }
        let parentId = try parseFilterID(body.parentId, field: "parentId")
        var new = NewArea(
            parentId: parentId, kind: try body.kind.domain, name: body.name, code: body.code,
            households: body.households,
            population: body.population, gridType: body.gridType.flatMap { GridType(rawValue: $0.rawValue) },
            gridCategory: body.gridCategory.flatMap { GridCategory(rawValue: $0.rawValue) })
        new.establishment = body.establishment.map {
            VillageEstablishment(
                villagersMeetingResolution: $0.villagersMeetingResolution, countyApproval: $0.countyApproval)
        }
        let area = try await areaService.create(new, context: .current())
        setHeaders(version: area.version, location: "/v1/areas/\(area.id.lowercasedString)")
        return .created(.init(body: .json(try .init(area))))
    }

    func listAreas(_ input: Operations.ListAreas.Input) async throws -> Operations.ListAreas.Output {
        let page = try await areaService.list(
            parentId: try parseFilterID(input.query.parentId, field: "parentId"), kind: input.query.kind?.domain,
            ids: try parseIDBatch(input.query.ids), cursor: input.query.cursor,
            limit: input.query.limit, context: .current())
        return .ok(
            .init(
                body: .json(
                    try .init(
                        items: CSVRowSink.divert(page.items.map(Components.Schemas.Area.init)),
                        nextCursor: page.nextCursor))
            ))
    }

    func getArea(_ input: Operations.GetArea.Input) async throws -> Operations.GetArea.Output {
        let area = try await areaService.get(try parseID(input.path.areaId, resource: "area"), context: .current())
        setHeaders(version: area.version)
        return .ok(.init(body: .json(try .init(area))))
    }

    func updateArea(_ input: Operations.UpdateArea.Input) async throws -> Operations.UpdateArea.Output {
        let body: Components.Schemas.AreaPatch =
            switch input.body {
            case .json(let body), .applicationMergePatchJson(let body): body
            }
        let members = MergePatch(rawBody: request.rawBody)
        try members.requireNonNull(["name"])
        let patch = AreaPatch(
            name: body.name, code: members.clearable("code", body.code),
            households: members.clearable("households", body.households),
            population: members.clearable("population", body.population),
            gridType: members.clearable(
                "gridType", try body.gridType.map { try parseEnum(GridType.self, $0.rawValue, field: "gridType") }),
            gridCategory: members.clearable(
                "gridCategory",
                try body.gridCategory.map { try parseEnum(GridCategory.self, $0.rawValue, field: "gridCategory") }))
        let area = try await areaService.update(
            try parseID(input.path.areaId, resource: "area"), patch: patch,
            expectedVersion: try IfMatch.expectedVersion(ifMatch: input.headers.ifMatch), context: .current())
        setHeaders(version: area.version)
        return .ok(.init(body: .json(try .init(area))))
    }
}
