public import struct Foundation.Date
public import struct Foundation.UUID

/// A node of the administrative tree.
public struct Area: Sendable, Hashable {
    /// Time-ordered id.
    public let id: UUID
    /// The parent; `nil` only for the city at the root.
    public let parentId: UUID?
    /// The level.
    public let kind: AreaKind
    /// The name, e.g. 江北区.
    public let name: String
    /// The 12-digit statistical division code (统计用区划代码), unique.
    public let code: String?
    /// Households, when known.
    public let households: Int?
    /// Population, when known.
    public let population: Int?
    /// Comprehensive or exclusive, for grids and micro-grids (GRID-1).
    public let gridType: GridType?
    /// What an exclusive grid serves.
    public let gridCategory: GridCategory?
    /// The materialised path (`ltree`), e.g. `c1.d4.s9`.
    public let path: String
    /// Optimistic-concurrency version.
    public let version: Int
    /// When created.
    public let createdAt: Date
    /// When last changed.
    public let updatedAt: Date

    /// Creates an area value.
    public init(
        id: UUID, parentId: UUID?, kind: AreaKind, name: String, code: String?, households: Int?, population: Int?,
        gridType: GridType? = nil, gridCategory: GridCategory? = nil, path: String, version: Int, createdAt: Date,
        updatedAt: Date
    ) {
        self.id = id
        self.parentId = parentId
        self.kind = kind
        self.name = name
        self.code = code
        self.households = households
        self.population = population
        self.gridType = gridType
        self.gridCategory = gridCategory
        self.path = path
        self.version = version
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// What a client sends to create an area.
public struct NewArea: Sendable, Hashable {
    /// The parent area.
    public var parentId: UUID?
    /// The level.
    public var kind: AreaKind
    /// The name.
    public var name: String
    /// The 12-digit statistical code.
    public var code: String?
    /// Households.
    public var households: Int?
    /// Population.
    public var population: Int?
    /// Grid type (grids and micro-grids).
    public var gridType: GridType?
    /// Grid category (exclusive grids).
    public var gridCategory: GridCategory?
    /// COM-7: the documents a village is set up on.
    public var establishment: VillageEstablishment?

    /// Creates the request value.
    public init(
        parentId: UUID?, kind: AreaKind, name: String, code: String?, households: Int?, population: Int?,
        gridType: GridType? = nil,
        gridCategory: GridCategory? = nil
    ) {
        self.parentId = parentId
        self.kind = kind
        self.name = name
        self.code = code
        self.households = households
        self.population = population
        self.gridType = gridType
        self.gridCategory = gridCategory
    }

    /// Checks every field; throws all the field errors at once.
    public func validate() throws(DomainError) {
        var validator = FieldValidator()
        AreaFields.validate(into: &validator, name: name, code: code, households: households, population: population)
        if gridType != nil || gridCategory != nil {
            do throws(DomainError) {
                try GridRules.checkAttributes(kind: kind, gridType: gridType, category: gridCategory)
            } catch {
                validator.fail("gridType", error.code, zh: error.message.zh, en: error.message.en)
            }
        }
        if parentId == nil {
            validator.fail(
                "parentId", "required", zh: "必须指定上级区域；根区域（市）由 grassroots bootstrap 创建。",
                en: "Required; the root city is created by grassroots bootstrap.")
        }
        try validator.check()
    }
}

/// A JSON Merge Patch of an area: `.some(nil)` clears a field, `nil` leaves it.
public struct AreaPatch: Sendable, Hashable {
    /// New name.
    public var name: String?
    /// New code, or cleared.
    public var code: String??
    /// New households, or cleared.
    public var households: Int??
    /// New population, or cleared.
    public var population: Int??
    /// New grid type, or cleared.
    public var gridType: GridType??
    /// New grid category, or cleared.
    public var gridCategory: GridCategory??

    /// Creates a patch.
    public init(
        name: String? = nil, code: String?? = nil, households: Int?? = nil, population: Int?? = nil,
        gridType: GridType?? = nil,
        gridCategory: GridCategory?? = nil
    ) {
        self.name = name
        self.code = code
        self.households = households
        self.population = population
        self.gridType = gridType
        self.gridCategory = gridCategory
    }

    /// Whether the patch changes nothing.
    public var isEmpty: Bool {
        name == nil && code == nil && households == nil && population == nil && gridType == nil && gridCategory == nil
    }

    /// The grid attributes after the patch, for the GRID-1 check against the area as it is.
    public func gridAttributes(applyingTo area: Area) -> (GridType?, GridCategory?) {
        (gridType ?? area.gridType, gridCategory ?? area.gridCategory)
    }

    /// Checks every field present.
    public func validate() throws(DomainError) {
        var validator = FieldValidator()
        AreaFields.validate(
            into: &validator, name: name, code: code ?? nil, households: households ?? nil,
            population: population ?? nil)
        try validator.check()
    }
}

/// The field rules shared by new areas and patches.
enum AreaFields {
    static func validate(
        into validator: inout FieldValidator, name: String?, code: String?, households: Int?, population: Int?
    ) {
        validator.length("name", name, max: 100)
        validator.notBlank("name", name)
        validator.digits("code", code, count: 12)
        validator.range("households", households, 0...100_000_000)
        validator.range("population", population, 0...100_000_000)
    }
}
