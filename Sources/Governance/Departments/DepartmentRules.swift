/// Who registers departments and where a department acts. Departments belong to a district or
/// the city; only an admin of that level registers them, so an admin of one street or
/// community cannot mint a token that speaks for a city bureau.
public enum DepartmentRules {
    /// The level of a department registered on an area of `kind`; 422 below a district.
    public static func level(registeredOn kind: AreaKind) throws(DomainError) -> DepartmentLevel {
        switch kind {
        case .city: return .city
        case .district: return .district
        default:
            throw DomainError.validation([
                DomainError.FieldError(
                    field: "areaId", code: "department.invalid_level",
                    message: LocalizedText(
                        zh: "部门只能登记在区（县）或市一级。", en: "A department belongs to a district or the city."))
            ])
        }
    }

    /// 403 unless the registering admin's scope is a district or the city.
    public static func checkRegistrar(scopeKind: AreaKind) throws(DomainError) {
        guard scopeKind == .city || scopeKind == .district else {
            throw DomainError(
                .forbidden, code: "department.registrar_level",
                message: LocalizedText(
                    zh: "只有区（县）或市级管理员可以登记部门。", en: "Only an admin of a district or the city registers departments."))
        }
    }

    /// 422 unless `path` (a token's scope, an application's target) lies in the department's area.
    public static func checkInside(_ department: Department, path: String, field: String) throws(DomainError) {
        guard AreaPath.contains(department.areaPath, path) else {
            throw DomainError.validation([
                DomainError.FieldError(
                    field: field, code: "department.outside_area",
                    message: LocalizedText(
                        zh: "超出该部门所属区域。", en: "Outside the area of the department."))
            ])
        }
    }
}
