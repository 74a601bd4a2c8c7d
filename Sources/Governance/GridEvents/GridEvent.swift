public import struct Foundation.Date
public import struct Foundation.UUID

/// A grid event (网格事件): a problem, hazard or need found by a grid patrol or raised by a
/// resident, and everything done about it.
public struct GridEvent: Sendable, Hashable {
    /// Id.
    public let id: UUID
    /// Where it was found (a grid, micro-grid, community or village).
    public let areaId: UUID
    /// That area's path.
    public let areaPath: String
    /// The tier handling it, once accepted.
    public let tier: GridEventTier?
    /// The handling area's path (the community for the compound and community tiers).
    public let levelPath: String?
    /// Status.
    public let status: GridEventStatus
    /// Source.
    public let source: GridEventSource
    /// Category code.
    public let category: String
    /// Risk level of a hazard (EVT-2).
    public let riskLevel: String?
    /// What was reported.
    public let description: String
    /// Where exactly.
    public let location: GridEventLocation
    /// Who reported it, when a person was named.
    public let reporter: GridEventReporter?
    /// Reported without any reporter (such reports are not rated: EVT-7); a report naming no
    /// person otherwise comes from the reporting app's or worker's own channel.
    public let anonymous: Bool
    /// File ids of photos stored elsewhere (metadata only here).
    public let photoIds: [String]
    /// The handling deadline of the current tier, once accepted.
    public let dueOn: CalendarDay?
    /// How `dueOn` counts days.
    public let dayKind: DayKind
    /// For working days: `official` (the city's loaded calendars) or `weekdays_only`.
    public let dueCalendar: String?
    /// When accepted.
    public let acceptedOn: CalendarDay?
    /// The event this one was merged into.
    public let mergedIntoId: UUID?
    /// The reports merged into this one.
    public let mergedReportIds: [UUID]
    /// The mediation case it became.
    public let mediationCaseId: UUID?
    /// Why rejected.
    public let rejectReason: String?
    /// What was done, once resolved.
    public let resolution: String?
    /// When resolved.
    public let resolvedAt: Date?
    /// The reporter's rating.
    public let rating: GridEventRating?
    /// The rating's comment.
    public let ratingComment: String?
    /// How many times a dissatisfied rating reopened it.
    public let reopenCount: Int
    /// Why closed (`rated`, `rating_timeout`, or staff's reason).
    public let closedReason: String?
    /// Dispatches to departments, in order.
    public let dispatches: [GridEventDispatch]
    /// The steps taken, in order.
    public let steps: [GridEventStep]
    /// Version.
    public let version: Int
    /// When reported.
    public let createdAt: Date

    /// Creates an event value.
    public init(
        id: UUID, areaId: UUID, areaPath: String, tier: GridEventTier?, levelPath: String?, status: GridEventStatus,
        source: GridEventSource, category: String, riskLevel: String?, description: String,
        location: GridEventLocation, reporter: GridEventReporter?, anonymous: Bool = false, photoIds: [String],
        dueOn: CalendarDay?,
        dayKind: DayKind, dueCalendar: String? = nil, acceptedOn: CalendarDay?, mergedIntoId: UUID?,
        mergedReportIds: [UUID],
        mediationCaseId: UUID?, rejectReason: String?, resolution: String?, resolvedAt: Date?,
        rating: GridEventRating?, ratingComment: String?, reopenCount: Int, closedReason: String?,
        dispatches: [GridEventDispatch], steps: [GridEventStep], version: Int, createdAt: Date
    ) {
        self.id = id
        self.areaId = areaId
        self.areaPath = areaPath
        self.tier = tier
        self.levelPath = levelPath
        self.status = status
        self.source = source
        self.category = category
        self.riskLevel = riskLevel
        self.description = description
        self.location = location
        self.reporter = reporter
        self.anonymous = anonymous
        self.photoIds = photoIds
        self.dueOn = dueOn
        self.dayKind = dayKind
        self.dueCalendar = dueCalendar
        self.acceptedOn = acceptedOn
        self.mergedIntoId = mergedIntoId
        self.mergedReportIds = mergedReportIds
        self.mediationCaseId = mediationCaseId
        self.rejectReason = rejectReason
        self.resolution = resolution
        self.resolvedAt = resolvedAt
        self.rating = rating
        self.ratingComment = ratingComment
        self.reopenCount = reopenCount
        self.closedReason = closedReason
        self.dispatches = dispatches
        self.steps = steps
        self.version = version
        self.createdAt = createdAt
    }

    /// The community's area path: the community keeps read access whatever tier handles it.
    public var communityPath: String { GridEventTier.community.path(from: areaPath) }

    /// Whether the event is past its tier's deadline, or a department is past its own, on `today`.
    public func isOverdue(on today: CalendarDay) -> Bool {
        guard status == .handling else { return false }
        if let dueOn, today > dueOn { return true }
        return dispatches.contains { $0.isOverdue(on: today) }
    }
}

/// Where exactly an event was found.
public struct GridEventLocation: Sendable, Hashable {
    /// A registered building.
    public var buildingId: UUID?
    /// A unit or room, as text.
    public var unit: String?
    /// A point, with the coordinate system named.
    public var point: GeoPoint?

    /// Creates a location.
    public init(buildingId: UUID? = nil, unit: String? = nil, point: GeoPoint? = nil) {
        self.buildingId = buildingId
        self.unit = unit
        self.point = point
    }
}

/// A point on the map. China's maps use GCJ-02; GPS gives WGS-84: the system is always named.
public struct GeoPoint: Sendable, Hashable {
    /// Latitude in degrees.
    public let latitude: Double
    /// Longitude in degrees.
    public let longitude: Double
    /// `wgs84` or `gcj02`.
    public let system: String

    /// Creates a point.
    public init(latitude: Double, longitude: Double, system: String) {
        self.latitude = latitude
        self.longitude = longitude
        self.system = system
    }
}

/// Who reported an event. The phone is personal data: stored sealed, shown masked.
public struct GridEventReporter: Sendable, Hashable {
    /// A registered person.
    public let personId: UUID?
    /// A name.
    public let name: String?
    /// The masked phone.
    public let phoneMasked: String?

    /// Creates a reporter value.
    public init(personId: UUID?, name: String?, phoneMasked: String?) {
        self.personId = personId
        self.name = name
        self.phoneMasked = phoneMasked
    }
}

/// One step of an event's lifecycle.
public struct GridEventStep: Sendable, Hashable {
    /// What was done (`report`, `accept`, `escalate`, `dispatch`, `rate`…).
    public let action: String
    /// Status before.
    public let from: GridEventStatus
    /// Status after.
    public let to: GridEventStatus
    /// The tier after, when one applies.
    public let tier: GridEventTier?
    /// The token that acted.
    public let actorTokenId: UUID?
    /// Note or reason.
    public let note: String?
    /// When.
    public let at: Date

    /// Creates a step value.
    public init(
        action: String, from: GridEventStatus, to: GridEventStatus, tier: GridEventTier?, actorTokenId: UUID?,
        note: String?, at: Date
    ) {
        self.action = action
        self.from = from
        self.to = to
        self.tier = tier
        self.actorTokenId = actorTokenId
        self.note = note
        self.at = at
    }
}
