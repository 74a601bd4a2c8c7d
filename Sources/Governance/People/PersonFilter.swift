public import struct Foundation.UUID

/// Filters of the people listing.
public struct PersonFilter: Sendable {
    /// Only people living in this area's subtree.
    public var areaId: UUID?
    /// Only names starting with this.
    public var namePrefix: String?
    /// Only the person with this ID number.
    public var idNumber: String?
    /// Only the people with this phone.
    public var phone: String?
    /// Only these people (a batch read).
    public var ids: [UUID]?

    /// Creates a filter.
    public init(
        areaId: UUID? = nil, namePrefix: String? = nil, idNumber: String? = nil, phone: String? = nil,
        ids: [UUID]? = nil
    ) {
        self.ids = ids
        self.phone = phone
        self.areaId = areaId
        self.namePrefix = namePrefix
        self.idNumber = idNumber
    }
}
