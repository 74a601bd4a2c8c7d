public import struct Foundation.UUID

/// A lifecycle step asked of the community or street handling an event.
public struct GridEventCommand: Sendable, Hashable {
    /// The steps of the transitions endpoint.
    public enum Action: String, Sendable, Hashable, CaseIterable {
        /// 梳理汇总: compile and set the tier (EVT-3, EVT-4).
        case accept
        /// Not a matter for the community, or not a real report.
        case reject
        /// A duplicate of `intoEventId`.
        case merge
        /// Up one tier with a reason.
        case escalate
        /// Resolved with what was done.
        case resolve
        /// Closed without a rating, the reporter told.
        case close
    }

    /// The step.
    public var action: Action
    /// The tier to accept at, or to escalate to (must be the next one).
    public var tier: GridEventTier?
    /// Reason (reject, close) or note (escalate).
    public var reason: String?
    /// Why an escalation.
    public var escalationReason: GridEventEscalationReason?
    /// The event a duplicate joins.
    public var intoEventId: UUID?
    /// What was done.
    public var resolution: String?
    /// The reporter was told the outcome (EVT-7).
    public var reporterInformed: Bool
    /// The risk of a hazard as the community assesses it when it accepts (EVT-2).
    public var riskLevel: String?

    /// Creates a command.
    public init(
        action: Action, tier: GridEventTier? = nil, reason: String? = nil,
        escalationReason: GridEventEscalationReason? = nil, intoEventId: UUID? = nil, resolution: String? = nil,
        reporterInformed: Bool = false, riskLevel: String? = nil
    ) {
        self.action = action
        self.tier = tier
        self.reason = reason
        self.escalationReason = escalationReason
        self.intoEventId = intoEventId
        self.resolution = resolution
        self.reporterInformed = reporterInformed
        self.riskLevel = riskLevel
    }

    /// The texts are bounded and not blank.
    public func validate() throws(DomainError) {
        var validator = FieldValidator()
        validator.length("reason", reason, max: 1000)
        validator.notBlank("reason", reason)
        validator.length("resolution", resolution, max: 2000)
        validator.notBlank("resolution", resolution)
        if let riskLevel, !NewGridEvent.riskLevels.contains(riskLevel) {
            validator.fail("riskLevel", "invalid_value", zh: "风险等级无效。", en: "Not a risk level.")
        }
        try validator.check()
    }
}

/// A city's replacement of a catalogue entry.
public struct GridEventCategoryUpdate: Sendable, Hashable {
    /// The category's code.
    public var code: String
    /// Chinese name.
    public var nameZh: String
    /// English name.
    public var nameEn: String
    /// Default tier.
    public var defaultTier: GridEventTier
    /// Time limit.
    public var timeLimitDays: Int
    /// How the limit counts days.
    public var dayKind: DayKind
    /// The department responsible.
    public var departmentId: UUID?
    /// A risk level is required at report.
    public var riskRequired: Bool
    /// Public views show no text.
    public var sensitive: Bool

    /// Creates the value.
    public init(
        code: String, nameZh: String, nameEn: String, defaultTier: GridEventTier, timeLimitDays: Int,
        dayKind: DayKind, departmentId: UUID?, riskRequired: Bool, sensitive: Bool
    ) {
        self.code = code
        self.nameZh = nameZh
        self.nameEn = nameEn
        self.defaultTier = defaultTier
        self.timeLimitDays = timeLimitDays
        self.dayKind = dayKind
        self.departmentId = departmentId
        self.riskRequired = riskRequired
        self.sensitive = sensitive
    }
}
