import Governance
import GovernanceOpenAPI

// Departments: generated types ⇄ domain types.

extension Components.Schemas.Department {
    init(_ department: Department) throws {
        self.init(
            id: department.id.lowercasedString, name: department.name, level: try bridged(department.level),
            areaId: department.areaId.lowercasedString, version: department.version, createdAt: department.createdAt)
    }
}
