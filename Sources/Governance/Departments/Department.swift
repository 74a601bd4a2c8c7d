public import Foundation

/// A registered department (职能部门) of a district or the city: the party that applies for
/// admission of work tasks, pushes admitted work to communities, and is refused and rated by
/// them. `department` tokens are bound to one.
public struct Department: Sendable, Hashable {
    /// Id.
    public let id: UUID
    /// Name, unique within its area (e.g. 民政局).
    public let name: String
    /// The government level it belongs to.
    public let level: DepartmentLevel
    /// The district or city it belongs to.
    public let areaId: UUID
    /// That area's path: the department's work stays inside it.
    public let areaPath: String
    /// Version, for `If-Match`.
    public let version: Int
    /// When registered.
    public let createdAt: Date

    /// Creates a department value.
    public init(
        id: UUID, name: String, level: DepartmentLevel, areaId: UUID, areaPath: String, version: Int, createdAt: Date
    ) {
        self.id = id
        self.name = name
        self.level = level
        self.areaId = areaId
        self.areaPath = areaPath
        self.version = version
        self.createdAt = createdAt
    }
}

/// The level of government a department belongs to.
public enum DepartmentLevel: String, Sendable, Hashable, CaseIterable {
    /// A city bureau.
    case city
    /// A district (county) bureau.
    case district
}
