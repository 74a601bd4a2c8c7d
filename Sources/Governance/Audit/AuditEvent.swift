public import struct Foundation.Date
public import struct Foundation.UUID

/// One entry of the append-only audit log.
public struct AuditEvent: Sendable, Hashable {
    /// Monotonic sequence number.
    public let sequence: Int64
    /// When it happened.
    public let at: Date
    /// The token that acted (nil for the CLI).
    public let tokenId: UUID?
    /// The token's role.
    public let role: String
    /// The operation, by its `operationId` (or a CLI command).
    public let operationId: String
    /// The resource type, e.g. `area`.
    public let resourceType: String
    /// The resource's id.
    public let resourceId: UUID?
    /// The path of the area the resource belongs to.
    public let areaPath: String
    /// `success`.
    public let outcome: String
    /// The request id.
    public let requestId: String?
    /// What changed, without secrets or personal data, as JSON text.
    public let summaryJSON: String

    /// Creates an event value.
    public init(
        sequence: Int64, at: Date, tokenId: UUID?, role: String, operationId: String, resourceType: String,
        resourceId: UUID?,
        areaPath: String, outcome: String, requestId: String?, summaryJSON: String
    ) {
        self.sequence = sequence
        self.at = at
        self.tokenId = tokenId
        self.role = role
        self.operationId = operationId
        self.resourceType = resourceType
        self.resourceId = resourceId
        self.areaPath = areaPath
        self.outcome = outcome
        self.requestId = requestId
        self.summaryJSON = summaryJSON
    }
}

/// Filters of the audit log listing.
public struct AuditQuery: Sendable, Hashable {
    /// Only this resource type.
    public var resourceType: String?
    /// Only this resource.
    public var resourceId: UUID?
    /// Only this token's actions.
    public var tokenId: UUID?
    /// From this time (inclusive).
    public var from: Date?
    /// Before this time (exclusive).
    public var to: Date?

    /// Creates a query.
    public init(
        resourceType: String? = nil, resourceId: UUID? = nil, tokenId: UUID? = nil, from: Date? = nil, to: Date? = nil
    ) {
        self.resourceType = resourceType
        self.resourceId = resourceId
        self.tokenId = tokenId
        self.from = from
        self.to = to
    }
}
