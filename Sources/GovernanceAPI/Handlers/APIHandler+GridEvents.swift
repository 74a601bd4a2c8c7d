import Foundation
import Governance
import GovernanceOpenAPI
import GovernanceServices
import GovernanceStore
import OpenAPIRuntime

extension APIHandler {
    func createGridEvent(_ input: Operations.CreateGridEvent.Input) async throws -> Operations.CreateGridEvent.Output {
        guard case .json(let body) = input.body else { throw DomainError.validation([]) }
        let context = try CallContext.current()
        let new = NewGridEvent(
            areaId: try parseBodyID(body.areaId, field: "areaId"), source: try bridged(body.source),
            category: body.category.rawValue, riskLevel: body.riskLevel?.rawValue, description: body.description,
            location: try GridEventLocation(body.location),
            reporterPersonId: try parseFilterID(
                body.reporterPersonId, field: "reporterPersonId"),
            reporterName: body.reporterName, reporterPhone: body.reporterPhone, anonymous: body.anonymous ?? false,
            photoIds: body.photoIds ?? [])
        let created = try await gridEventService.create(new, context: context)
        setHeaders(version: created.event.version, location: "/v1/grid-events/\(created.event.id.lowercasedString)")
        return .created(
            .init(
                body: .json(
                    try .init(
                        created.event, role: context.principal.role, today: context.today,
                        replyToken: created.replyToken))))
    }

    func listGridEvents(_ input: Operations.ListGridEvents.Input) async throws -> Operations.ListGridEvents.Output {
        let context = try CallContext.current()
        let query = input.query
        let filter = GridEventFilter(
            areaId: try parseFilterID(query.areaId, field: "areaId"),
            status: try query.status.map { try bridged($0) }, tier: try query.tier.map { try bridged($0) },
            category: query.category?.rawValue,
            departmentId: try parseFilterID(query.departmentId, field: "departmentId"), overdue: query.overdue,
            source: try query.source.map { try bridged($0) },
            from: try query.from.map { try parseDay($0, field: "from") },
            to: try query.to.map { try parseDay($0, field: "to") }, ids: try parseIDBatch(query.ids))
        let page = try await gridEventService.list(
            filter: filter, cursor: query.cursor, limit: query.limit, context: context)
        return .ok(
            .init(
                body: .json(
                    .init(
                        items: CSVRowSink.divert(
                            try page.items.map { try .init($0, role: context.principal.role, today: context.today) }),
                        nextCursor: page.nextCursor))))
    }

    func listGridEventCategories(_ input: Operations.ListGridEventCategories.Input) async throws
        -> Operations.ListGridEventCategories.Output
    {
        let catalogue = try await gridEventService.catalogue(context: .current())
        return .ok(.init(body: .json(.init(items: try catalogue.map(Components.Schemas.GridEventCategory.init)))))
    }

    func updateGridEventCategory(_ input: Operations.UpdateGridEventCategory.Input) async throws
        -> Operations.UpdateGridEventCategory.Output
    {
        guard case .json(let body) = input.body else { throw DomainError.validation([]) }
        let saved = try await gridEventService.putCategory(
            GridEventCategoryUpdate(
                code: input.path.code.rawValue, nameZh: body.nameZh, nameEn: body.nameEn,
                defaultTier: try bridged(body.defaultTier), timeLimitDays: body.timeLimitDays,
                dayKind: try bridged(body.dayKind),
                departmentId: try parseFilterID(body.departmentId, field: "departmentId"),
                riskRequired: body.riskRequired ?? false, sensitive: body.sensitive ?? false),
            context: .current())
        setHeaders(version: saved.version)
        return .ok(.init(body: .json(try .init(saved))))
    }

    func getGridEventStats(_ input: Operations.GetGridEventStats.Input) async throws
        -> Operations.GetGridEventStats.Output
    {
        let stats = try await gridEventService.stats(
            areaId: try parseFilterID(input.query.areaId, field: "areaId"), context: .current())
        return .ok(.init(body: .json(.init(areaId: stats.areaId, statistics: stats.statistics))))
    }

    func getGridEvent(_ input: Operations.GetGridEvent.Input) async throws -> Operations.GetGridEvent.Output {
        let context = try CallContext.current()
        let found = try await gridEventService.get(
            try parseID(input.path.eventId, resource: "grid_event"), context: context)
        setHeaders(version: found.version)
        return .ok(.init(body: .json(try .init(found, role: context.principal.role, today: context.today))))
    }

    func transitionGridEvent(_ input: Operations.TransitionGridEvent.Input) async throws
        -> Operations.TransitionGridEvent.Output
    {
        guard case .json(let body) = input.body else { throw DomainError.validation([]) }
        let context = try CallContext.current()
        let command = GridEventCommand(
            action: try bridged(body.action), tier: try body.tier.map { try bridged($0) }, reason: body.reason,
            escalationReason: try body.escalationReason.map { try bridged($0) },
            intoEventId: try parseFilterID(body.intoEventId, field: "intoEventId"), resolution: body.resolution,
            reporterInformed: body.reporterInformed ?? false, riskLevel: body.riskLevel?.rawValue)
        let moved = try await gridEventService.transition(
            try parseID(input.path.eventId, resource: "grid_event"), command: command, context: context)
        return .ok(.init(body: .json(try .init(moved, role: context.principal.role, today: context.today))))
    }

    func createGridEventDispatch(_ input: Operations.CreateGridEventDispatch.Input) async throws
        -> Operations.CreateGridEventDispatch.Output
    {
        guard case .json(let body) = input.body else { throw DomainError.validation([]) }
        let context = try CallContext.current()
        let event = try await gridEventService.dispatch(
            try parseID(input.path.eventId, resource: "grid_event"),
            departmentId: try parseBodyID(body.departmentId, field: "departmentId"), lead: body.lead ?? true,
            authorityBasis: body.authorityBasis, dueOn: try body.dueOn.map { try parseDay($0, field: "dueOn") },
            context: context)
        return .created(.init(body: .json(try .init(event, role: context.principal.role, today: context.today))))
    }

    func transitionGridEventDispatch(_ input: Operations.TransitionGridEventDispatch.Input) async throws
        -> Operations.TransitionGridEventDispatch.Output
    {
        guard case .json(let body) = input.body else { throw DomainError.validation([]) }
        let context = try CallContext.current()
        let event = try await gridEventService.dispatchStep(
            try parseID(input.path.eventId, resource: "grid_event"),
            dispatchId: try parseID(input.path.dispatchId, resource: "grid_event_dispatch"),
            action: try bridged(body.action), reason: body.reason, note: body.note, outcome: body.outcome,
            actionsTaken: body.actionsTaken, context: context)
        return .ok(.init(body: .json(try .init(event, role: context.principal.role, today: context.today))))
    }

    func rateGridEvent(_ input: Operations.RateGridEvent.Input) async throws -> Operations.RateGridEvent.Output {
        guard case .json(let body) = input.body else { throw DomainError.validation([]) }
        let context = try CallContext.current()
        let event = try await gridEventService.rate(
            try parseID(input.path.eventId, resource: "grid_event"), rating: try bridged(body.rating),
            comment: body.comment, replyToken: body.replyToken, context: context)
        return .ok(.init(body: .json(try .init(event, role: context.principal.role, today: context.today))))
    }

    func referGridEventToMediation(_ input: Operations.ReferGridEventToMediation.Input) async throws
        -> Operations.ReferGridEventToMediation.Output
    {
        guard case .json(let body) = input.body else { throw DomainError.validation([]) }
        let context = try CallContext.current()
        let referred = try await gridEventService.referToMediation(
            try parseID(input.path.eventId, resource: "grid_event"),
            parties: try body.parties.map {
                NewMediationParty(
                    personId: try parseFilterID($0.personId, field: "parties/personId"), name: $0.name,
                    phone: $0.phone, role: $0.role.rawValue)
            },
            risk: try body.riskLevel.map { try parseEnum(MediationRisk.self, $0.rawValue, field: "riskLevel") } ?? .low,
            context: context)
        return .created(
            .init(
                body: .json(
                    .init(
                        event: try .init(referred.event, role: context.principal.role, today: context.today),
                        mediationCaseId: referred.caseId.lowercasedString))))
    }
}

extension GridEventLocation {
    /// The location of a report; a point's fields are checked by `NewGridEvent.validate`.
    init(_ location: Components.Schemas.GridEventLocation?) throws {
        self.init(
            buildingId: try parseFilterID(location?.buildingId, field: "location/buildingId"), unit: location?.unit,
            point: location?.point.map {
                GeoPoint(latitude: $0.latitude, longitude: $0.longitude, system: $0.system.rawValue)
            })
    }
}
