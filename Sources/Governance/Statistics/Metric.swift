/// A statistic the service computes for an area's subtree, with the standard it is measured
/// against and where that standard comes from (domain-rules.md §4).
public struct Metric: Sendable, Hashable {
    /// The stat key, e.g. `grid_staffing_rate`.
    public let key: String
    /// Name.
    public let name: LocalizedText
    /// What is counted, over what.
    public let definition: LocalizedText
    /// How the value reads.
    public let unit: MetricUnit
    /// The standard, when the sources set one.
    public let target: MetricTarget?
    /// Where the definition and target come from (seed section, law article).
    public let source: String
    /// The rule id it measures, if any.
    public let ruleId: String?
    /// Whether its groups count people, so that small groups are suppressed (fewer than
    /// `Metric.smallestGroup`): a rate over three cases can point at the people in them.
    public let countsPeople: Bool
    /// What `groupBy=kind` splits the figure by (a committee's kind, a case's category), if the
    /// metric has such a dimension.
    public let kindDimension: LocalizedText?
    /// Whether the metric counts dated events, so that it takes a period (`from`, `to`) and
    /// splits by month; otherwise it is a state on the server's today.
    public let dated: Bool

    /// Groups smaller than this are suppressed for metrics that count people.
    public static let smallestGroup = 5

    /// Creates a metric.
    public init(
        key: String, name: LocalizedText, definition: LocalizedText, unit: MetricUnit, target: MetricTarget?,
        source: String, ruleId: String? = nil, countsPeople: Bool = false, kindDimension: LocalizedText? = nil,
        dated: Bool = false
    ) {
        self.key = key
        self.name = name
        self.definition = definition
        self.unit = unit
        self.target = target
        self.source = source
        self.ruleId = ruleId
        self.countsPeople = countsPeople
        self.kindDimension = kindDimension
        self.dated = dated
    }

    /// The groupings the metric answers, in catalogue order.
    public var groupings: [MetricGrouping] {
        [.child] + (kindDimension == nil ? [] : [.kind]) + (dated ? [.month] : [])
    }

    /// The value of a numerator over a denominator in this metric's unit; `nil` when undefined
    /// (a rate over nothing).
    public func value(numerator: Int, denominator: Int?) -> Double? {
        guard let scale = unit.scale else { return Double(numerator) }
        guard let denominator, denominator > 0 else { return nil }
        return Double(numerator) * scale / Double(denominator)
    }

    /// Whether the value meets `bound` in the target's direction; `nil` without a target or a value.
    public func meetsTarget(_ value: Double?, bound: Double? = nil) -> Bool? {
        guard let target, let value else { return nil }
        return target.comparison.holds(value, bound ?? target.value)
    }

    /// Whether a group of `denominator` must be suppressed.
    public func suppresses(denominator: Int) -> Bool {
        countsPeople && denominator > 0 && denominator < Self.smallestGroup
    }
}

/// How a metric's figures are split.
public enum MetricGrouping: String, Sendable, Hashable, CaseIterable {
    /// One row per child area, each over its subtree.
    case child
    /// One row per value of the metric's own dimension (`Metric.kindDimension`).
    case kind
    /// One row per calendar month of the events' dates.
    case month
}

/// How a metric's value reads.
public enum MetricUnit: String, Sendable, Hashable, CaseIterable {
    /// A share between 0 and 1.
    case ratio
    /// A number of things.
    case count
    /// A numerator per unit of the denominator (households per worker, mean score).
    case quotient
    /// Per 10,000 of the denominator (workers per 10,000 residents).
    case per10k = "per_10k"
    /// Per 100 of the denominator (m² per 100 households).
    case per100 = "per_100"

    /// What the quotient is multiplied by; `nil` for a plain count.
    var scale: Double? {
        switch self {
        case .count: nil
        case .ratio, .quotient: 1
        case .per10k: 10_000
        case .per100: 100
        }
    }
}

/// A standard: at least, at most or above a value, fixed or a rule-profile parameter that a
/// city may set (Ningbo's and Wuxi's standards differ).
public struct MetricTarget: Sendable, Hashable {
    /// Which way the value must lie.
    public enum Comparison: String, Sendable, Hashable, CaseIterable {
        case atLeast = "at_least"
        case atMost = "at_most"
        /// Strictly more than the bound (a turnout of more than half, ELE-9).
        case above

        /// Whether `value` lies on the right side of `bound`.
        func holds(_ value: Double, _ bound: Double) -> Bool {
            switch self {
            case .atLeast: value >= bound
            case .atMost: value <= bound
            case .above: value > bound
            }
        }
    }

    /// The direction.
    public let comparison: Comparison
    /// The national bound (the parameter's national default times `scale`).
    public let value: Double
    /// The rule-profile parameter that sets the bound per area, if a city may set it.
    public let parameter: RuleParameter?
    /// What the parameter's integer value is multiplied by (0.01 for a percentage).
    public let scale: Double

    /// A fixed target.
    public init(_ comparison: Comparison, _ value: Double) {
        self.comparison = comparison
        self.value = value
        self.parameter = nil
        self.scale = 1
    }

    /// A target set by a rule-profile parameter.
    public init(_ comparison: Comparison, parameter: RuleParameter, scale: Double = 1) {
        self.comparison = comparison
        self.parameter = parameter
        self.scale = scale
        self.value = Double(parameter.nationalDefault(lawVersion: 2026)) * scale
    }

    /// The bound for a parameter value found in an area's profile.
    public func bound(parameterValue: Int) -> Double { Double(parameterValue) * scale }
}
