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

    /// Groups smaller than this are suppressed for metrics that count people.
    public static let smallestGroup = 5

    /// Creates a metric.
    public init(
        key: String, name: LocalizedText, definition: LocalizedText, unit: MetricUnit, target: MetricTarget?,
        source: String, ruleId: String? = nil, countsPeople: Bool = false
    ) {
        self.key = key
        self.name = name
        self.definition = definition
        self.unit = unit
        self.target = target
        self.source = source
        self.ruleId = ruleId
        self.countsPeople = countsPeople
    }

    /// The value of a numerator over a denominator in this metric's unit; `nil` when undefined
    /// (a rate over nothing).
    public func value(numerator: Int, denominator: Int?) -> Double? {
        switch unit {
        case .count: return Double(numerator)
        case .ratio:
            guard let denominator, denominator > 0 else { return nil }
            return Double(numerator) / Double(denominator)
        }
    }

    /// Whether the value meets the target; `nil` without a target or a value.
    public func meetsTarget(_ value: Double?) -> Bool? {
        guard let target, let value else { return nil }
        switch target.comparison {
        case .atLeast: return value >= target.value
        case .atMost: return value <= target.value
        }
    }

    /// Whether a group of `denominator` must be suppressed.
    public func suppresses(denominator: Int) -> Bool {
        countsPeople && denominator > 0 && denominator < Self.smallestGroup
    }
}

/// How a metric's value reads.
public enum MetricUnit: String, Sendable, Hashable {
    /// A share between 0 and 1.
    case ratio
    /// A number of things.
    case count
}

/// A standard: at least or at most a value.
public struct MetricTarget: Sendable, Hashable {
    /// Which way the value must lie.
    public enum Comparison: String, Sendable, Hashable {
        case atLeast = "at_least"
        case atMost = "at_most"
    }

    /// The direction.
    public let comparison: Comparison
    /// The bound.
    public let value: Double

    /// Creates a target.
    public init(_ comparison: Comparison, _ value: Double) {
        self.comparison = comparison
        self.value = value
    }
}
