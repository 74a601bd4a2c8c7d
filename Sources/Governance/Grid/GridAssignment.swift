public import struct Foundation.UUID

/// A person holding a grid post, current or past; history is never overwritten.
public struct GridAssignment: Sendable, Hashable {
    /// Id.
    public let id: UUID
    /// The post.
    public let post: GridPost
    /// The grid, micro-grid, building or unit served.
    public let targetId: UUID
    /// The path of the area the target belongs to.
    public let areaPath: String
    /// The person.
    public let personId: UUID
    /// The person's name (public on the board).
    public let personName: String
    /// Full- or part-time.
    public let employment: Employment?
    /// A service phone for the post; never a personal phone.
    public let publicPhone: String?
    /// First day.
    public let startedOn: CalendarDay
    /// Last day, once ended.
    public let endedOn: CalendarDay?
    /// Why it ended.
    public let endReason: GridEndReason?
    /// The assignment that took over in a hand-over.
    public let successorId: UUID?
    /// Version.
    public let version: Int

    /// Creates an assignment value.
    public init(
        id: UUID, post: GridPost, targetId: UUID, areaPath: String, personId: UUID, personName: String,
        employment: Employment?,
        publicPhone: String?, startedOn: CalendarDay, endedOn: CalendarDay?, endReason: GridEndReason?,
        successorId: UUID?, version: Int
    ) {
        self.id = id
        self.post = post
        self.targetId = targetId
        self.areaPath = areaPath
        self.personId = personId
        self.personName = personName
        self.employment = employment
        self.publicPhone = publicPhone
        self.startedOn = startedOn
        self.endedOn = endedOn
        self.endReason = endReason
        self.successorId = successorId
        self.version = version
    }
}

/// A request to assign a person to a post.
public struct NewGridAssignment: Sendable, Hashable {
    /// The post.
    public var post: GridPost
    /// The target.
    public var targetId: UUID
    /// The person.
    public var personId: UUID
    /// First day.
    public var startedOn: CalendarDay
    /// Employment.
    public var employment: Employment?
    /// Public service phone.
    public var publicPhone: String?

    /// Creates the request value.
    public init(
        post: GridPost, targetId: UUID, personId: UUID, startedOn: CalendarDay, employment: Employment?,
        publicPhone: String?
    ) {
        self.post = post
        self.targetId = targetId
        self.personId = personId
        self.startedOn = startedOn
        self.employment = employment
        self.publicPhone = publicPhone
    }

    /// Checks the public phone's format (a mobile, a landline or the 12345 hotline) and the
    /// start: today, or a past day stated for an assignment made offline.
    public func validate(today: CalendarDay) throws(DomainError) {
        var validator = FieldValidator()
        validator.statedDay("startedOn", startedOn, today: today)
        if let publicPhone, publicPhone != "12345", !PhoneNumber.isValid(publicPhone) {
            validator.fail("publicPhone", "invalid_format", zh: "服务电话格式不正确。", en: "Not a valid service phone number.")
        }
        try validator.check()
    }
}

/// Staffing figures of the grids in an area's subtree; computed, never blocking.
public struct GridCoverage: Sendable, Hashable {
    /// Grids.
    public var grids = 0
    /// Grids without an active leader.
    public var gridsWithoutLeader = 0
    /// Grids without an active worker.
    public var gridsWithoutWorker = 0
    /// Grids with a leader and at least one worker (GRID-3).
    public var gridsFullyStaffed = 0
    /// Buildings.
    public var buildings = 0
    /// Buildings without a leader (GRID-5).
    public var buildingsWithoutLeader = 0
    /// Units.
    public var units = 0
    /// Units without a leader (GRID-5).
    public var unitsWithoutLeader = 0
    /// Active grid workers.
    public var activeGridWorkers = 0
    /// Households of the grids.
    public var households = 0

    /// Creates empty figures.
    public init() {}

    /// The share of grids fully staffed, 0 when there are none.
    public var fullyStaffedShare: Double { grids == 0 ? 0 : Double(gridsFullyStaffed) / Double(grids) }

    /// Households per active grid worker; `nil` without workers.
    public var householdsPerGridWorker: Double? {
        activeGridWorkers == 0 ? nil : Double(households) / Double(activeGridWorkers)
    }
}

/// One grid on the public board: names and posts only (GRID-8, GEN-7).
public struct GridBoardEntry: Sendable, Hashable {
    /// The grid.
    public let gridId: UUID
    /// Its name.
    public let name: String
    /// Its type.
    public let gridType: GridType?
    /// Active staff: name, post, service phone.
    public let staff: [(name: String, post: GridPost, servicePhone: String?)]

    /// Creates an entry.
    public init(
        gridId: UUID, name: String, gridType: GridType?, staff: [(name: String, post: GridPost, servicePhone: String?)]
    ) {
        self.gridId = gridId
        self.name = name
        self.gridType = gridType
        self.staff = staff
    }

    public static func == (lhs: GridBoardEntry, rhs: GridBoardEntry) -> Bool {
        lhs.gridId == rhs.gridId && lhs.staff.map(\.name) == rhs.staff.map(\.name)
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(gridId) }
}
