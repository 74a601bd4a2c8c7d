public import struct Foundation.Date
public import struct Foundation.UUID

/// A unit (单元) of a building, with its household count.
public struct BuildingUnit: Sendable, Hashable {
    /// Id.
    public let id: UUID
    /// Name, e.g. 1单元.
    public let name: String
    /// Households.
    public let households: Int

    /// Creates a unit value.
    public init(id: UUID, name: String, households: Int) {
        self.id = id
        self.name = name
        self.households = households
    }
}

/// A building (楼栋) in a grid, with the grids it is placed in.
public struct Building: Sendable, Hashable {
    /// Id.
    public let id: UUID
    /// The grid it was registered in.
    public let gridId: UUID
    /// The micro-grid, if any.
    public let microgridId: UUID?
    /// Every grid it is placed in (one comprehensive at most, GRID-2).
    public let gridIds: [UUID]
    /// The path of its micro-grid or grid.
    public let areaPath: String
    /// Compound (小区) name.
    public let compound: String?
    /// Name, e.g. 3幢.
    public let name: String
    /// Units.
    public let units: [BuildingUnit]
    /// Version.
    public let version: Int
    /// When registered.
    public let createdAt: Date

    /// Creates a building value.
    public init(
        id: UUID, gridId: UUID, microgridId: UUID?, gridIds: [UUID], areaPath: String, compound: String?, name: String,
        units: [BuildingUnit],
        version: Int, createdAt: Date
    ) {
        self.id = id
        self.gridId = gridId
        self.microgridId = microgridId
        self.gridIds = gridIds
        self.areaPath = areaPath
        self.compound = compound
        self.name = name
        self.units = units
        self.version = version
        self.createdAt = createdAt
    }
}

/// A request to register a building.
public struct NewBuilding: Sendable, Hashable {
    /// The grid.
    public var gridId: UUID
    /// The micro-grid inside that grid, if any.
    public var microgridId: UUID?
    /// Compound name.
    public var compound: String?
    /// Name.
    public var name: String
    /// Units with their households.
    public var units: [(name: String, households: Int)]

    /// Creates the request value.
    public init(
        gridId: UUID, microgridId: UUID?, compound: String?, name: String, units: [(name: String, households: Int)]
    ) {
        self.gridId = gridId
        self.microgridId = microgridId
        self.compound = compound
        self.name = name
        self.units = units
    }

    public static func == (lhs: NewBuilding, rhs: NewBuilding) -> Bool {
        lhs.gridId == rhs.gridId && lhs.microgridId == rhs.microgridId && lhs.compound == rhs.compound
            && lhs.name == rhs.name
            && lhs.units.map(\.name) == rhs.units.map(\.name)
            && lhs.units.map(\.households) == rhs.units.map(\.households)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(gridId)
        hasher.combine(name)
    }

    /// Checks every field; unit names must be distinct.
    public func validate() throws(DomainError) {
        var validator = FieldValidator()
        validator.length("name", name, max: 50)
        validator.notBlank("name", name)
        validator.length("compound", compound, max: 100)
        if units.count > 100 { validator.fail("units", "too_many", zh: "单元不能超过 100 个。", en: "At most 100 units.") }
        for (index, unit) in units.enumerated() {
            validator.length("units/\(index)/name", unit.name, max: 30)
            validator.range("units/\(index)/households", unit.households, 0...10_000)
        }
        if Set(units.map(\.name)).count != units.count {
            validator.fail("units", "duplicate_name", zh: "单元名称不能重复。", en: "Unit names must be distinct.")
        }
        try validator.check()
    }
}
