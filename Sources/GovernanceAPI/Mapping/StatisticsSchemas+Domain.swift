import Foundation
import Governance
import GovernanceOpenAPI

// Statistics: generated types ⇄ domain types.

extension Components.Schemas.Text {
    init(_ text: LocalizedText) { self.init(zh: text.zh, en: text.en) }
}

extension Components.Schemas.MetricTarget {
    init(_ target: MetricTarget) throws {
        self.init(
            comparison: try bridged(target.comparison), value: target.value, parameter: target.parameter?.rawValue)
    }
}

extension Components.Schemas.MetricDescription {
    init(_ metric: Metric) throws {
        self.init(
            key: metric.key, name: .init(metric.name), definition: .init(metric.definition),
            unit: try bridged(metric.unit), target: try metric.target.map(Components.Schemas.MetricTarget.init),
            source: metric.source, ruleId: metric.ruleId, groupBy: try metric.groupings.map { try bridged($0) },
            roles: try OperationPermissions.statisticsReaders.sorted { $0.rawValue < $1.rawValue }.map {
                try .init($0)
            },
            suppressesSmallGroups: metric.countsPeople,
            kindDimension: metric.kindDimension.map(Components.Schemas.Text.init), dated: metric.dated)
    }
}

extension Components.Schemas.MetricRow {
    init(_ row: MetricRow) throws {
        self.init(
            areaId: row.areaId.lowercasedString, areaName: row.areaName, areaKind: try bridged(row.areaKind),
            numerator: row.numerator, denominator: row.denominator, value: row.value, meetsTarget: row.meetsTarget,
            suppressed: row.suppressed, kind: row.kind, month: row.month,
            target: try row.target.map(Components.Schemas.MetricRowTarget.init))
    }
}

extension Components.Schemas.MetricRowTarget {
    init(_ target: MetricRowTarget) throws {
        self.init(
            comparison: try bridged(target.comparison), value: target.value, parameter: target.parameter?.rawValue,
            profile: target.setBy.map { "area:\($0.lowercasedString)" } ?? "national")
    }
}

extension Components.Schemas.CommunityFacility {
    init(_ record: CommunityFacility) {
        self.init(
            id: record.id.lowercasedString, areaId: record.areaId.lowercasedString, year: record.year,
            serviceAreaM2: record.serviceAreaM2, publicServiceAreaM2: record.publicServiceAreaM2,
            operatingFundsYuan: Int64(record.operatingFundsYuan), note: record.note, version: record.version,
            updatedAt: record.updatedAt)
    }
}
