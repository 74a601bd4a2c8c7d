/// The days a dated metric counts: from and to, both inclusive, either open.
public struct MetricPeriod: Sendable, Hashable {
    /// The first day counted, if bounded.
    public let from: CalendarDay?
    /// The last day counted, if bounded.
    public let to: CalendarDay?

    /// Every day.
    public static let all = MetricPeriod(from: nil, to: nil)

    /// Creates a period.
    public init(from: CalendarDay?, to: CalendarDay?) {
        self.from = from
        self.to = to
    }

    /// Refuses what the metric cannot answer: a period or months for a state on today's date, a
    /// kind for a metric without that dimension, a period that ends before it starts.
    public func check(for metric: Metric, grouping: MetricGrouping?) throws(DomainError) {
        var validator = FieldValidator()
        if !metric.dated {
            if from != nil {
                validator.fail(
                    "from", "stats.not_dated", zh: "该指标是今天的状态，不按期间统计。",
                    en: "This metric is a state on today's date and takes no period.")
            }
            if to != nil {
                validator.fail(
                    "to", "stats.not_dated", zh: "该指标是今天的状态，不按期间统计。",
                    en: "This metric is a state on today's date and takes no period.")
            }
        }
        if let from, let to, to < from {
            validator.fail("to", "stats.period_reversed", zh: "结束日期早于开始日期。", en: "The period ends before it starts.")
        }
        if let grouping, !metric.groupings.contains(grouping) {
            validator.fail(
                "groupBy", "stats.grouping_unavailable",
                zh: "该指标不支持此分组，可用分组：\(metric.groupings.map(\.rawValue).joined(separator: "、"))。",
                en:
                    "This metric cannot be grouped so; it groups by \(metric.groupings.map(\.rawValue).joined(separator: ", "))."
            )
        }
        try validator.check()
    }
}
