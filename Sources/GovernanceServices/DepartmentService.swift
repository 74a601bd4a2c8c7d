package import Foundation
package import Governance
package import GovernanceStore

/// Registered departments: admins of a district or the city register them at their level;
/// everyone reads those above and inside their scope.
package struct DepartmentService: Sendable {
    let store: Store
    let areas: AreaRepository
    let departments: DepartmentRepository

    /// Creates the service.
    package init(store: Store) {
        self.store = store
        self.areas = AreaRepository(store: store)
        self.departments = DepartmentRepository(store: store)
    }

    /// Registers a department on a district or the city in the caller's scope.
    package func create(_ new: NewDepartment, context: CallContext) async throws -> Department {
        try new.validate()
        return try await store.audited(context.write) { transaction in
            guard
                let scope = try await areas.findForShare(
                    context.principal.scopeAreaId, scopePath: context.scopePath, in: transaction)
            else { throw DomainError.notFound("area") }
            try DepartmentRules.checkRegistrar(scopeKind: scope.kind)
            guard let area = try await areas.findForShare(new.areaId, scopePath: context.scopePath, in: transaction)
            else { throw DomainError.notFound("area") }
            let level = try DepartmentRules.level(registeredOn: area.kind)
            let department = try await departments.insert(new, level: level, area: area, in: transaction)
            return AuditedChange(
                department, resourceType: "department", resourceId: department.id, areaPath: area.path,
                summary: ["name": .string(department.name), "level": JSONValue(level)])
        }
    }

    /// The department `id`, if it belongs to an area above or inside the caller's scope.
    package func get(_ id: UUID, context: CallContext) async throws -> Department {
        guard
            let department = try await departments.find(
                id, reach: .visibleFrom(context.scopePath), via: .pipeline(deadline: context.deadline))
        else { throw DomainError.notFound("department") }
        return department
    }

    /// One page of the departments above and inside the caller's scope.
    package func list(areaId: UUID?, cursor: String?, limit: Int?, context: CallContext) async throws
        -> Page<Department>
    {
        try await departments.list(
            reach: .visibleFrom(context.scopePath), areaId: areaId, after: try PageCursor.decodeID(cursor),
            limit: try PageCursor.limit(limit), deadline: context.deadline)
    }
}
