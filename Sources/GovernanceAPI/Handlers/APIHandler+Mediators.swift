import Foundation
import Governance
import GovernanceOpenAPI
import GovernanceServices
import GovernanceStore

// Mediators as people: posts at a level, their trainings and their end (MED-4, MED-22).
extension APIHandler {
    func createMediator(_ input: Operations.CreateMediator.Input) async throws -> Operations.CreateMediator.Output {
        guard case .json(let body) = input.body else { throw DomainError.validation([]) }
        let context = try CallContext.current()
        let mediator = try await mediatorService.create(
            NewMediator(
                personId: try parseBodyID(body.personId, field: "personId"),
                areaId: try parseBodyID(body.areaId, field: "areaId"),
                committeeId: try parseFilterID(body.committeeId, field: "committeeId"),
                kind: try parseEnum(MediatorKind.self, body.kind.rawValue, field: "kind"),
                employment: try parseEnum(MediatorEmployment.self, body.employment.rawValue, field: "employment"),
                engagedOn: try body.engagedOn.map { try parseDay($0, field: "engagedOn") },
                engagedUntil: try body.engagedUntil.map { try parseDay($0, field: "engagedUntil") }),
            context: context)
        setHeaders(version: mediator.version, location: "/v1/mediators/\(mediator.id.lowercasedString)")
        return .created(.init(body: .json(try .init(mediator, role: context.principal.role, today: context.today))))
    }

    func listMediators(_ input: Operations.ListMediators.Input) async throws -> Operations.ListMediators.Output {
        let context = try CallContext.current()
        let page = try await mediatorService.list(
            areaId: try parseFilterID(input.query.areaId, field: "areaId"),
            employment: try input.query.employment.map {
                try parseEnum(MediatorEmployment.self, $0.rawValue, field: "employment")
            },
            activeOn: try input.query.activeOn.map { try parseDay($0, field: "activeOn") },
            cursor: input.query.cursor, limit: input.query.limit, context: context)
        return .ok(
            .init(
                body: .json(
                    .init(
                        items: CSVRowSink.divert(
                            try page.items.map { try .init($0, role: context.principal.role, today: context.today) }),
                        nextCursor: page.nextCursor))))
    }

    func getMediator(_ input: Operations.GetMediator.Input) async throws -> Operations.GetMediator.Output {
        let context = try CallContext.current()
        let mediator = try await mediatorService.get(
            try parseID(input.path.mediatorId, resource: "mediator"), context: context)
        setHeaders(version: mediator.version)
        return .ok(.init(body: .json(try .init(mediator, role: context.principal.role, today: context.today))))
    }

    func endMediatorPost(_ input: Operations.EndMediatorPost.Input) async throws -> Operations.EndMediatorPost.Output {
        guard case .json(let body) = input.body else { throw DomainError.validation([]) }
        let context = try CallContext.current()
        let ended = try await mediatorService.end(
            try parseID(input.path.mediatorId, resource: "mediator"), reason: body.reason, context: context)
        return .ok(.init(body: .json(try .init(ended, role: context.principal.role, today: context.today))))
    }

    func addMediatorTraining(_ input: Operations.AddMediatorTraining.Input) async throws
        -> Operations.AddMediatorTraining.Output
    {
        guard case .json(let body) = input.body else { throw DomainError.validation([]) }
        let context = try CallContext.current()
        let trained = try await mediatorService.train(
            try parseID(input.path.mediatorId, resource: "mediator"),
            training: MediatorTraining(
                trainedOn: try parseDay(body.trainedOn, field: "trainedOn"), hours: body.hours, topic: body.topic),
            context: context)
        return .created(.init(body: .json(try .init(trained, role: context.principal.role, today: context.today))))
    }
}
