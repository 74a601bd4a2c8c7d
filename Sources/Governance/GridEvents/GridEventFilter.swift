public import struct Foundation.UUID

/// Filters of the event list; every one of them is part of the keyset query.
public struct GridEventFilter: Sendable, Hashable {
    /// Area subtree (where found).
    public var areaId: UUID?
    /// Status.
    public var status: GridEventStatus?
    /// Tier.
    public var tier: GridEventTier?
    /// Category code.
    public var category: String?
    /// Dispatched to this department.
    public var departmentId: UUID?
    /// Only events past (`true`) or within (`false`) a deadline on the server's today.
    public var overdue: Bool?
    /// Source.
    public var source: GridEventSource?
    /// Reported on or after this day (UTC+8).
    public var from: CalendarDay?
    /// Reported on or before this day (UTC+8).
    public var to: CalendarDay?
    /// Only these events (a batch read).
    public var ids: [UUID]?

    /// Creates a filter.
    public init(
        areaId: UUID? = nil, status: GridEventStatus? = nil, tier: GridEventTier? = nil, category: String? = nil,
        departmentId: UUID? = nil, overdue: Bool? = nil, source: GridEventSource? = nil, from: CalendarDay? = nil,
        to: CalendarDay? = nil, ids: [UUID]? = nil
    ) {
        self.areaId = areaId
        self.status = status
        self.tier = tier
        self.category = category
        self.departmentId = departmentId
        self.overdue = overdue
        self.source = source
        self.from = from
        self.to = to
        self.ids = ids
    }

    /// `from` is not after `to`.
    public func validate() throws(DomainError) {
        if let from, let to, to < from {
            throw DomainError.validation([
                .init(
                    field: "to", code: "before_from",
                    message: LocalizedText(zh: "结束日期早于开始日期。", en: "`to` is before `from`."))
            ])
        }
    }
}
