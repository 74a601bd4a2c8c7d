public import struct Foundation.UUID

/// Filters of the case list; every one of them is part of the keyset query.
public struct MediationCaseFilter: Sendable, Hashable {
    /// Area subtree (by origin).
    public var areaId: UUID?
    /// Status.
    public var status: MediationStatus?
    /// Level.
    public var level: MediationLevel?
    /// Category.
    public var category: String?
    /// Risk.
    public var risk: MediationRisk?
    /// Only cases past (`true`) or within (`false`) their deadline on the server's today.
    public var overdue: Bool?
    /// Only these cases (a batch read).
    public var ids: [UUID]?

    /// Creates a filter.
    public init(
        areaId: UUID? = nil, status: MediationStatus? = nil, level: MediationLevel? = nil, category: String? = nil,
        risk: MediationRisk? = nil,
        overdue: Bool? = nil, ids: [UUID]? = nil
    ) {
        self.ids = ids
        self.areaId = areaId
        self.status = status
        self.level = level
        self.category = category
        self.risk = risk
        self.overdue = overdue
    }
}
