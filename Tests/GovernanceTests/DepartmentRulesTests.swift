import Foundation
import Governance
import Testing

/// Departments belong to a district or the city, are registered by admins of that level, and
/// act only inside their own area; a department token always names one.
@Suite struct DepartmentRulesTests {
    static func department(path: String) -> Department {
        Department(
            id: UUID(), name: "民政局", level: .district, areaId: UUID(), areaPath: path, version: 1, createdAt: Date())
    }

    @Test func aDepartmentBelongsToADistrictOrTheCityAndNothingBelow() throws {
        #expect(try DepartmentRules.level(registeredOn: .city) == .city)
        #expect(try DepartmentRules.level(registeredOn: .district) == .district)
        for kind in [AreaKind.street, .township, .community, .village, .grid, .microgrid] {
            #expect(throws: DomainError.self) { try DepartmentRules.level(registeredOn: kind) }
        }
    }

    @Test func onlyAdminsOfADistrictOrTheCityRegisterDepartments() throws {
        try DepartmentRules.checkRegistrar(scopeKind: .city)
        try DepartmentRules.checkRegistrar(scopeKind: .district)
        for kind in [AreaKind.street, .township, .community, .village, .grid] {
            let error = #expect(throws: DomainError.self) { try DepartmentRules.checkRegistrar(scopeKind: kind) }
            #expect(error?.code == "department.registrar_level")
            #expect(error?.kind == .forbidden)
        }
    }

    @Test func aDepartmentActsInsideItsOwnAreaOnly() throws {
        let district = Self.department(path: "c1.d2")
        try DepartmentRules.checkInside(district, path: "c1.d2", field: "areaId")
        try DepartmentRules.checkInside(district, path: "c1.d2.s3.m4", field: "areaId")
        for outside in ["c1", "c1.d3", "c1.d23", "c1.d3.s2"] {
            #expect(throws: DomainError.self, "\(outside)") {
                try DepartmentRules.checkInside(district, path: outside, field: "areaId")
            }
        }
    }

    @Test func aDepartmentTokenNamesADepartmentAndNoOtherTokenDoes() throws {
        let now = Date()
        let named = NewToken(role: .department, areaId: UUID(), expiresAt: nil, label: nil, departmentId: UUID())
        _ = try named.validatedExpiry(now: now)
        let unnamed = NewToken(role: .department, areaId: UUID(), expiresAt: nil, label: "住建局")
        #expect(throws: DomainError.self) { try unnamed.validatedExpiry(now: now) }
        let staff = NewToken(role: .staff, areaId: UUID(), expiresAt: nil, label: nil, departmentId: UUID())
        #expect(throws: DomainError.self) { try staff.validatedExpiry(now: now) }
    }
}
