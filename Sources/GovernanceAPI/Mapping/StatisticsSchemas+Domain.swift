import Governance
import GovernanceOpenAPI

// Statistics: generated types ⇄ domain types.

extension Components.Schemas.Text {
    init(_ text: LocalizedText) { self.init(zh: text.zh, en: text.en) }
}

extension Components.Schemas.MetricTarget {
    init(_ target: MetricTarget) throws {
        self.init(comparison: try bridged(target.comparison), value: target.value)
    }
}

extension Components.Schemas.MetricDescription {
    init(_ metric: Metric) throws {
        self.init(
            key: metric.key, name: .init(metric.name), definition: .init(metric.definition),
            unit: try bridged(metric.unit), target: try metric.target.map(Components.Schemas.MetricTarget.init),
            source: metric.source, ruleId: metric.ruleId, groupBy: [.child],
            roles: try OperationPermissions.statisticsReaders.sorted { $0.rawValue < $1.rawValue }.map {
                try .init($0)
            },
            suppressesSmallGroups: metric.countsPeople)
    }
}

extension Components.Schemas.MetricRow {
    init(_ row: MetricRow) throws {
        self.init(
            areaId: row.areaId.lowercasedString, areaName: row.areaName, areaKind: try bridged(row.areaKind),
            numerator: row.numerator, denominator: row.denominator, value: row.value, meetsTarget: row.meetsTarget,
            suppressed: row.suppressed)
    }
}
