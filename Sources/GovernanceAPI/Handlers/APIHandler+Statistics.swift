import Foundation
import Governance
import GovernanceOpenAPI
import GovernanceServices

extension APIHandler {
    func listMetrics(_ input: Operations.ListMetrics.Input) async throws -> Operations.ListMetrics.Output {
        .ok(
            .init(
                body: .json(
                    .init(items: try statisticsService.catalogue().map(Components.Schemas.MetricDescription.init)))))
    }

    func getMetric(_ input: Operations.GetMetric.Input) async throws -> Operations.GetMetric.Output {
        let (metric, rows) = try await statisticsService.figures(
            input.path.metric, areaId: try parseFilterID(input.query.areaId, field: "areaId"),
            byChild: input.query.groupBy == .child, context: .current())
        return .ok(
            .init(
                body: .json(
                    .init(
                        metric: metric.key, unit: try bridged(metric.unit),
                        target: try metric.target.map(Components.Schemas.MetricTarget.init),
                        rows: try rows.map(Components.Schemas.MetricRow.init)))))
    }

    func getStatsDashboard(_ input: Operations.GetStatsDashboard.Input) async throws
        -> Operations.GetStatsDashboard.Output
    {
        let (area, rows) = try await statisticsService.dashboard(
            areaId: try parseFilterID(input.query.areaId, field: "areaId"), context: .current())
        return .ok(
            .init(
                body: .json(
                    .init(
                        areaId: area.id.lowercasedString, areaName: area.name,
                        items: try rows.map { metric, row in
                            .init(
                                metric: metric.key, unit: try bridged(metric.unit),
                                target: try metric.target.map(Components.Schemas.MetricTarget.init),
                                row: try .init(row))
                        }))))
    }
}
