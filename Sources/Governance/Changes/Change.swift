public import Foundation

/// One change in the feed: which resource, what happened to it, and where in the feed it sits.
public struct Change: Sendable, Hashable {
    /// Its place in the feed.
    public let position: ChangePosition
    /// The kind of resource.
    public let resourceType: ChangeResourceType
    /// The resource's id.
    public let resourceId: UUID
    /// The area it belongs to (an area's own id for areas).
    public let areaId: UUID?
    /// Created or changed, or deleted (a tombstone).
    public let operation: ChangeOperation
    /// The resource's version after the change.
    public let version: Int?
    /// When the writing transaction made it.
    public let changedAt: Date

    /// Creates a change value.
    public init(
        position: ChangePosition, resourceType: ChangeResourceType, resourceId: UUID, areaId: UUID?,
        operation: ChangeOperation, version: Int?, changedAt: Date
    ) {
        self.position = position
        self.resourceType = resourceType
        self.resourceId = resourceId
        self.areaId = areaId
        self.operation = operation
        self.version = version
        self.changedAt = changedAt
    }
}

/// The resources the feed carries, each readable by the roles that may list it.
public enum ChangeResourceType: String, Sendable, Hashable, CaseIterable {
    case area
    case person
    case department
    case gridEvent = "grid_event"
    case mediationCase = "mediation_case"

    /// The list operation whose permission decides who sees these changes.
    public var listOperation: String {
        switch self {
        case .area: "listAreas"
        case .person: "listPeople"
        case .department: "listDepartments"
        case .gridEvent: "listGridEvents"
        case .mediationCase: "listMediationCases"
        }
    }
}

/// What happened to a resource.
public enum ChangeOperation: String, Sendable, Hashable {
    /// Created or changed: the resource as it is now.
    case upsert
    /// Deleted: a tombstone.
    case delete
}
