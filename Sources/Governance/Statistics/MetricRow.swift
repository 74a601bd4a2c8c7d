public import Foundation

/// A metric's figure for one area's subtree.
public struct MetricRow: Sendable, Hashable {
    /// The area.
    public let areaId: UUID
    /// Its name.
    public let areaName: String
    /// Its kind.
    public let areaKind: AreaKind
    /// What met the definition; `nil` when suppressed.
    public let numerator: Int?
    /// What was counted; `nil` when suppressed.
    public let denominator: Int?
    /// The value in the metric's unit; `nil` when undefined or suppressed.
    public let value: Double?
    /// Whether the value meets the metric's target; `nil` without target or value.
    public let meetsTarget: Bool?
    /// Whether the group was too small to show (a metric that counts people).
    public let suppressed: Bool

    /// The row of `metric` for counts of one group, suppressed when the group is too small.
    public init(metric: Metric, areaId: UUID, areaName: String, areaKind: AreaKind, numerator: Int, denominator: Int?) {
        self.areaId = areaId
        self.areaName = areaName
        self.areaKind = areaKind
        suppressed = metric.suppresses(denominator: denominator ?? numerator)
        self.numerator = suppressed ? nil : numerator
        self.denominator = suppressed ? nil : denominator
        value = suppressed ? nil : metric.value(numerator: numerator, denominator: denominator)
        meetsTarget = metric.meetsTarget(value)
    }
}
