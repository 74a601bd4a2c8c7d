public import Foundation

/// A request to register a department.
public struct NewDepartment: Sendable, Hashable {
    /// Name, 1–100 characters, not blank.
    public var name: String
    /// The district or city it belongs to.
    public var areaId: UUID

    /// Creates the request value.
    public init(name: String, areaId: UUID) {
        self.name = name
        self.areaId = areaId
    }

    /// Checks every field.
    public func validate() throws(DomainError) {
        var validator = FieldValidator()
        validator.length("name", name, max: 100)
        validator.notBlank("name", name)
        try validator.check()
    }
}
