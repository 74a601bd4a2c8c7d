public import struct Foundation.UUID

/// What one step of an event's lifecycle changes: decided by the domain, applied by the store.
public struct GridEventChange: Sendable, Hashable {
    /// The step's name, recorded with actor and time.
    public var action: String
    /// The step's note or reason.
    public var note: String?
    /// New status.
    public var status: GridEventStatus?
    /// New tier, with its handling area's path.
    public var tier: GridEventTier?
    /// The handling area's path of `tier`.
    public var levelPath: String?
    /// The tier's deadline, and how it counts days.
    public var dueOn: CalendarDay?
    /// How `dueOn` counts.
    public var dayKind: DayKind?
    /// For working days, the calendar `dueOn` was counted with (`.some(nil)` for calendar days).
    public var dueCalendar: String??
    /// The day accepted.
    public var acceptedOn: CalendarDay?
    /// A hazard's risk as assessed at acceptance.
    public var riskLevel: String?
    /// Merged into this event.
    public var mergedIntoId: UUID?
    /// Why rejected.
    public var rejectReason: String?
    /// What was done.
    public var resolution: String?
    /// Stamp the resolution time.
    public var resolvedNow = false
    /// The rating and its comment.
    public var rating: GridEventRating?
    /// The comment.
    public var ratingComment: String?
    /// A dissatisfied rating reopened the event.
    public var reopened = false
    /// Why closed; stamps the closing time.
    public var closedReason: String?

    /// A step named `action`.
    public init(action: String, note: String? = nil) {
        self.action = action
        self.note = note
    }
}
