public import struct Foundation.UUID

/// Comprehensive (综合网格) or exclusive (专属网格) grids (GRID-1).
public enum GridType: String, Sendable, Hashable, CaseIterable {
    case comprehensive, exclusive
}

/// What an exclusive grid serves (GRID-1).
public enum GridCategory: String, Sendable, Hashable, CaseIterable {
    case commercialBuilding = "commercial_building"
    case industrialPark = "industrial_park"
    case market, school, hospital, enterprise, other
}

/// The posts of the grid structure: 网格长, 网格员, 微网格长, 楼栋长, 单元长 (GRID-3, GRID-4, GRID-5).
public enum GridPost: String, Sendable, Hashable, CaseIterable {
    case gridLeader = "grid_leader"
    case gridWorker = "grid_worker"
    case microgridLeader = "microgrid_leader"
    case buildingLeader = "building_leader"
    case unitLeader = "unit_leader"

    /// What a post is attached to.
    public enum Target: Sendable, Hashable {
        case grid, microgrid, building, unit
    }

    /// The kind of target the post serves.
    public var target: Target {
        switch self {
        case .gridLeader, .gridWorker: .grid
        case .microgridLeader: .microgrid
        case .buildingLeader: .building
        case .unitLeader: .unit
        }
    }

    /// Whether one person at most may hold it per target at a time (every post but grid worker).
    public var isLeader: Bool { self != .gridWorker }
}

/// Why an assignment ended.
public enum GridEndReason: String, Sendable, Hashable, CaseIterable {
    case termEnd = "term_end"
    case resigned
    case movedOut = "moved_out"
    case dismissed, handover, other
}

/// Full- or part-time (GRID-4).
public enum Employment: String, Sendable, Hashable, CaseIterable {
    case fullTime = "full_time"
    case partTime = "part_time"
}

/// The hard rules of grid management, as pure functions.
public enum GridRules {
    /// Grid attributes belong to grids and micro-grids only; a category only to exclusive grids (GRID-1).
    public static func checkAttributes(kind: AreaKind, gridType: GridType?, category: GridCategory?) throws(DomainError)
    {
        if gridType != nil || category != nil, !kind.isResidence {
            throw DomainError(
                .unprocessable, code: "grid.attributes_not_allowed",
                message: LocalizedText(zh: "只有网格和微网格可以设置网格类型。", en: "Only grids and micro-grids have a grid type."))
        }
        if category != nil, gridType != .exclusive {
            throw DomainError(
                .unprocessable, code: "grid.category_needs_exclusive",
                message: LocalizedText(zh: "只有专属网格可以设置类别。", en: "Only exclusive grids have a category."))
        }
    }

    /// The post must fit its target: leaders and workers on grids, micro-grid leaders on micro-grids,
    /// building and unit leaders on buildings and units.
    public static func checkTarget(post: GridPost, target: GridPost.Target) throws(DomainError) {
        guard post.target == target else {
            throw DomainError(
                .unprocessable, code: "grid.post_target_mismatch",
                message: LocalizedText(zh: "该岗位不能设在此对象上。", en: "This post cannot be attached to that target."))
        }
    }

    /// GRID-6: building and unit leaders are residents of that building or unit.
    public static func checkLeaderResidence(
        post: GridPost, targetId: UUID, residentBuildingId: UUID?, residentUnitId: UUID?
    ) throws(DomainError) {
        let lives: Bool
        switch post {
        case .buildingLeader: lives = residentBuildingId == targetId
        case .unitLeader: lives = residentUnitId == targetId
        default: return
        }
        guard lives else {
            throw DomainError(
                .unprocessable, code: "grid.leader_not_resident",
                message: LocalizedText(
                    zh: "楼栋长、单元长须由本楼栋、本单元居民担任（GRID-6）。", en: "Building and unit leaders must live there (GRID-6)."))
        }
    }

    /// An assignment ends today or on a past day stated for an act done offline, never before it
    /// started.
    /// - Parameter field: the request's name for the end day (a handover's `effectiveOn`).
    public static func checkEnd(
        startedOn: CalendarDay, endedOn: CalendarDay, today: CalendarDay, field: String = "endedOn"
    ) throws(DomainError) {
        var validator = FieldValidator()
        validator.statedDay(field, endedOn, today: today)
        try validator.check()
        guard endedOn >= startedOn else {
            throw DomainError(
                .unprocessable, code: "grid.end_before_start",
                message: LocalizedText(zh: "结束日期不能早于开始日期。", en: "The end date is before the start date."))
        }
    }

    /// The answer when the database refused a second active leader (GRID-3, GRID-5).
    public static var leaderAlreadyAssigned: DomainError {
        DomainError(
            .unprocessable, code: "grid.leader_already_assigned",
            message: LocalizedText(
                zh: "该对象已有在任的负责人（每个网格、微网格、楼栋、单元只能有一名）。", en: "This target already has an active leader."))
    }

    /// GRID-2: a building lies in one comprehensive grid at most.
    public static var buildingInTwoComprehensiveGrids: DomainError {
        DomainError(
            .unprocessable, code: "grid.building_in_two_comprehensive_grids",
            message: LocalizedText(
                zh: "一个楼栋只能属于一个综合网格（GRID-2）。", en: "A building lies in one comprehensive grid at most (GRID-2)."))
    }
}
