import Foundation
import Governance
import GovernanceOpenAPI
import GovernanceServices
import GovernanceStore

extension APIHandler {
    func createDepartment(_ input: Operations.CreateDepartment.Input) async throws -> Operations.CreateDepartment.Output
    {
        guard case .json(let body) = input.body else { throw DomainError.validation([]) }
        let department = try await departmentService.create(
            NewDepartment(name: body.name, areaId: try parseBodyID(body.areaId, field: "areaId")), context: .current())
        setHeaders(version: department.version, location: "/v1/departments/\(department.id.lowercasedString)")
        return .created(.init(body: .json(try .init(department))))
    }

    func listDepartments(_ input: Operations.ListDepartments.Input) async throws -> Operations.ListDepartments.Output {
        let page = try await departmentService.list(
            areaId: try parseFilterID(input.query.areaId, field: "areaId"), cursor: input.query.cursor,
            limit: input.query.limit, context: .current())
        return .ok(
            .init(
                body: .json(
                    try .init(
                        items: CSVRowSink.divert(page.items.map(Components.Schemas.Department.init)),
                        nextCursor: page.nextCursor))))
    }

    func getDepartment(_ input: Operations.GetDepartment.Input) async throws -> Operations.GetDepartment.Output {
        let department = try await departmentService.get(
            try parseID(input.path.departmentId, resource: "department"), context: .current())
        setHeaders(version: department.version)
        return .ok(.init(body: .json(try .init(department))))
    }
}
