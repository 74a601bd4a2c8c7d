public import struct Foundation.Date
public import struct Foundation.UUID

/// A street's dispatch (派单) of an event to a registered department, with its deadline (EVT-5, EVT-6).
public struct GridEventDispatch: Sendable, Hashable {
    /// The states of a dispatch: a department takes it on or returns it (wrong department);
    /// once taken on it cannot decline, only report progress and feed back.
    public enum Status: String, Sendable, Hashable, CaseIterable {
        case pending, accepted, returned
        case fedBack = "fed_back"

        /// Whether the department still owes work.
        public var isOpen: Bool { self == .pending || self == .accepted }
    }

    /// Id.
    public let id: UUID
    /// The department.
    public let departmentId: UUID
    /// The lead department (others cooperate).
    public let lead: Bool
    /// Why this department (its authority: 问题性质和管理权限).
    public let authorityBasis: String
    /// The deadline (限时).
    public let dueOn: CalendarDay
    /// Status.
    public let status: Status
    /// Why returned.
    public let returnReason: String?
    /// The feedback's outcome.
    public let outcome: String?
    /// What the department did.
    public let actionsTaken: String?
    /// When dispatched.
    public let dispatchedOn: CalendarDay
    /// When taken on.
    public let acceptedAt: Date?
    /// When fed back.
    public let fedBackOn: CalendarDay?
    /// Progress reports.
    public let progressCount: Int

    /// Creates a dispatch value.
    public init(
        id: UUID, departmentId: UUID, lead: Bool, authorityBasis: String, dueOn: CalendarDay, status: Status,
        returnReason: String?, outcome: String?, actionsTaken: String?, dispatchedOn: CalendarDay, acceptedAt: Date?,
        fedBackOn: CalendarDay?, progressCount: Int
    ) {
        self.id = id
        self.departmentId = departmentId
        self.lead = lead
        self.authorityBasis = authorityBasis
        self.dueOn = dueOn
        self.status = status
        self.returnReason = returnReason
        self.outcome = outcome
        self.actionsTaken = actionsTaken
        self.dispatchedOn = dispatchedOn
        self.acceptedAt = acceptedAt
        self.fedBackOn = fedBackOn
        self.progressCount = progressCount
    }

    /// Open past its deadline on `today` (EVT-6 `DEPARTMENT_OVERDUE`).
    public func isOverdue(on today: CalendarDay) -> Bool { status.isOpen && today > dueOn }

    /// Fed back by the deadline; `nil` while no feedback.
    public var onTime: Bool? { fedBackOn.map { $0 <= dueOn } }
}

/// What a department does with a dispatch.
public enum GridEventDispatchAction: String, Sendable, Hashable, CaseIterable {
    /// 承接.
    case accept
    /// Return to the street: not this department's matter.
    case `return`
    /// A progress report.
    case progress
    /// 反馈: outcome and what was done.
    case feedback
}
