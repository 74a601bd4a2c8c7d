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
            grouping: try input.query.groupBy.map { try bridged($0) },
            period: MetricPeriod(
                from: try input.query.from.map { try parseDay($0, field: "from") },
                to: try input.query.to.map { try parseDay($0, field: "to") }),
            context: .current())
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

    func listCommunityFacilities(_ input: Operations.ListCommunityFacilities.Input) async throws
        -> Operations.ListCommunityFacilities.Output
    {
        let records = try await statisticsService.facilities.list(
            areaId: try parseID(input.path.areaId, resource: "area"), context: .current())
        return .ok(.init(body: .json(.init(items: records.map(Components.Schemas.CommunityFacility.init)))))
    }

    func putCommunityFacility(_ input: Operations.PutCommunityFacility.Input) async throws
        -> Operations.PutCommunityFacility.Output
    {
        guard case .json(let body) = input.body else { throw DomainError.validation([]) }
        let (record, created) = try await statisticsService.facilities.put(
            areaId: try parseID(input.path.areaId, resource: "area"),
            CommunityFacilityFacts(
                year: input.path.year, serviceAreaM2: body.serviceAreaM2, publicServiceAreaM2: body.publicServiceAreaM2,
                operatingFundsYuan: Int(body.operatingFundsYuan), note: body.note),
            context: .current())
        setHeaders(version: record.version)
        let schema = Components.Schemas.CommunityFacility(record)
        return created ? .created(.init(body: .json(schema))) : .ok(.init(body: .json(schema)))
    }
}
