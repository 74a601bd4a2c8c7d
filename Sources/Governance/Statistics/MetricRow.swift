public import Foundation

/// A metric's figure for one group: an area's subtree, or one kind or month within it.
public struct MetricRow: Sendable, Hashable {
    /// The area.
    public let areaId: UUID
    /// Its name.
    public let areaName: String
    /// Its kind.
    public let areaKind: AreaKind
    /// The value of the metric's kind dimension, when grouped by kind.
    public let kind: String?
    /// The month (`YYYY-MM`), when grouped by month.
    public let month: String?
    /// What met the definition; `nil` when suppressed.
    public let numerator: Int?
    /// What was counted; `nil` for a plain count or when suppressed.
    public let denominator: Int?
    /// The value in the metric's unit; `nil` when undefined or suppressed.
    public let value: Double?
    /// The standard this row was measured against: the area's own profile where a city sets it.
    public let target: MetricRowTarget?
    /// Whether the value meets the target; `nil` without target or value.
    public let meetsTarget: Bool?
    /// Whether the group was too small to show (a metric that counts people).
    public let suppressed: Bool

    /// The row of `metric` for counts of one group, suppressed when the group is too small.
    /// - Parameter profileValue: the area's value of the target's parameter and the area that set
    ///   it (`nil` for the national default); `nil` when the target has no parameter.
    public init(
        metric: Metric, areaId: UUID, areaName: String, areaKind: AreaKind, kind: String? = nil, month: String? = nil,
        numerator: Int, denominator: Int?, profileValue: (value: Int, setBy: UUID?)? = nil
    ) {
        self.areaId = areaId
        self.areaName = areaName
        self.areaKind = areaKind
        self.kind = kind
        self.month = month
        let counted = metric.unit == .count ? nil : denominator
        suppressed = metric.suppresses(denominator: counted ?? numerator)
        self.numerator = suppressed ? nil : numerator
        self.denominator = suppressed ? nil : counted
        value = suppressed ? nil : metric.value(numerator: numerator, denominator: counted)
        target = metric.target.map { target in
            if let profileValue, target.parameter != nil {
                return MetricRowTarget(
                    comparison: target.comparison, value: target.bound(parameterValue: profileValue.value),
                    parameter: target.parameter, setBy: profileValue.setBy)
            }
            return MetricRowTarget(
                comparison: target.comparison, value: target.value, parameter: target.parameter, setBy: nil)
        }
        meetsTarget = metric.meetsTarget(value, bound: target?.value)
    }
}

/// The standard one row was measured against, and which profile it came from.
public struct MetricRowTarget: Sendable, Hashable {
    /// The direction.
    public let comparison: MetricTarget.Comparison
    /// The bound.
    public let value: Double
    /// The rule-profile parameter that set it, if a city may set it.
    public let parameter: RuleParameter?
    /// The area whose profile overrides the national default; `nil` for the national default.
    public let setBy: UUID?
}
