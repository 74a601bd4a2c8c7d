public import struct Foundation.UUID

/// The figures of a subtree's events, counted in SQL, never person by person.
public struct GridEventStatistics: Sendable, Hashable {
    /// All events.
    public var total = 0
    /// Counts by status, tier, category and source.
    public var byStatus: [String: Int] = [:]
    /// Counts by tier.
    public var byTier: [String: Int] = [:]
    /// Counts by category.
    public var byCategory: [String: Int] = [:]
    /// Counts by source.
    public var bySource: [String: Int] = [:]
    /// Open events past a deadline today.
    public var overdue = 0
    /// Median hours from report to resolution.
    public var medianHoursToResolve: Double?
    /// Ratings given, and how many were satisfied or basically satisfied.
    public var rated = 0
    /// Of `rated`.
    public var satisfied = 0
    /// Per department: dispatches, feedback given, on time.
    public var departments: [Department] = []
    /// Places with more than one event in the last 90 days.
    public var repeatLocations: [RepeatLocation] = []

    /// Creates empty figures.
    public init() {}

    /// Satisfied share of the ratings; `nil` without ratings.
    public var satisfactionRate: Double? { rated == 0 ? nil : Double(satisfied) / Double(rated) }

    /// A department's dispatches.
    public struct Department: Sendable, Hashable {
        /// The department.
        public let departmentId: UUID
        /// Dispatches received.
        public let dispatched: Int
        /// Returned as not its matter.
        public let returned: Int
        /// Fed back.
        public let fedBack: Int
        /// Fed back by the deadline.
        public let onTime: Int
        /// Open past the deadline today.
        public let overdue: Int

        /// Creates the row.
        public init(departmentId: UUID, dispatched: Int, returned: Int, fedBack: Int, onTime: Int, overdue: Int) {
            self.departmentId = departmentId
            self.dispatched = dispatched
            self.returned = returned
            self.fedBack = fedBack
            self.onTime = onTime
            self.overdue = overdue
        }

        /// Feedback on time, of all feedback and overdue open dispatches; `nil` when none is due.
        public var onTimeRate: Double? {
            let due = fedBack + overdue
            return due == 0 ? nil : Double(onTime) / Double(due)
        }
    }

    /// A place events come back to.
    public struct RepeatLocation: Sendable, Hashable {
        /// The area (grid or community) where found.
        public let areaId: UUID
        /// The building, when recorded.
        public let buildingId: UUID?
        /// The category.
        public let category: String
        /// Events in the last 90 days.
        public let count: Int

        /// Creates the row.
        public init(areaId: UUID, buildingId: UUID?, category: String, count: Int) {
            self.areaId = areaId
            self.buildingId = buildingId
            self.category = category
            self.count = count
        }
    }
}
