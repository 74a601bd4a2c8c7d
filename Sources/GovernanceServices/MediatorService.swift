package import Foundation
package import Governance
package import GovernanceStore
import Postgres

/// Mediators as people (MED-4, MED-5, MED-22): posts at a level, their trainings, their end by
/// recall or dismissal.
package struct MediatorService: Sendable {
    let store: Store
    let areas: AreaRepository
    let people: PersonRepository
    let mediators: MediatorRepository

    /// Creates the service.
    package init(store: Store) {
        self.store = store
        self.areas = AreaRepository(store: store)
        self.people = PersonRepository(store: store)
        self.mediators = MediatorRepository(store: store)
    }

    /// Gives a person a mediation post at a community, street or district in scope: an adult
    /// (MED-4, from the ID number's birth date, never shown), a member of the named mediation
    /// committee when `kind` is member.
    package func create(_ new: NewMediator, context: CallContext) async throws -> Mediator {
        try await store.audited(context.write) { transaction in
            guard let area = try await areas.findForShare(new.areaId, scopePath: context.scopePath, in: transaction)
            else { throw DomainError.notFound("area") }
            try MediatorRules.checkLevel(area.kind)
            guard
                let person = try await people.find(
                    new.personId, scopePath: context.scopePath, reveal: true, deadline: context.deadline)
            else { throw DomainError.notFound("person") }
            let engagedOn = try MediatorRules.check(
                new, birthDate: ResidentIDNumber.birthDate(of: person.idNumber), today: context.today)
            if let committeeId = new.committeeId,
                try await !mediators.isMediationCommittee(committeeId, areaId: area.id, in: transaction)
            {
                throw DomainError.notFound("committee")  // the level's mediation committee, or nothing
            }
            if new.kind == .member, let committeeId = new.committeeId {
                guard
                    try await mediators.sitsOnMediationCommittee(
                        personId: person.id, committeeId: committeeId, areaId: area.id, today: context.today,
                        in: transaction)
                else {
                    throw DomainError(
                        .unprocessable, code: "mediation.not_a_committee_member",
                        message: LocalizedText(
                            zh: "此人不是该级人民调解委员会的在任委员。",
                            en: "The person is not a serving member of this level's mediation committee."))
                }
            }
            let mediator = try await mediators.insert(new, engagedOn: engagedOn, area: area, in: transaction)
            return AuditedChange(
                mediator, resourceType: "mediator", resourceId: mediator.id, areaPath: area.path,
                summary: [
                    "personId": JSONValue(person.id), "kind": .string(new.kind.rawValue),
                    "employment": .string(new.employment.rawValue),
                ])
        }
    }

    /// The post `id` in scope.
    package func get(_ id: UUID, context: CallContext) async throws -> Mediator {
        guard
            let found = try await mediators.find(
                id, scopePath: context.scopePath, via: .pipeline(deadline: context.deadline))
        else { throw DomainError.notFound("mediator") }
        return found
    }

    /// One page of posts in scope.
    package func list(
        areaId: UUID?, employment: MediatorEmployment?, activeOn: CalendarDay?, cursor: String?, limit: Int?,
        context: CallContext
    ) async throws -> Page<Mediator> {
        var areaPath: String?
        if let areaId {
            guard let area = try await areas.find(areaId, scopePath: context.scopePath, deadline: context.deadline)
            else { throw DomainError.notFound("area") }
            areaPath = area.path
        }
        return try await mediators.list(
            scopePath: context.scopePath, areaPath: areaPath, employment: employment, activeOn: activeOn,
            after: try PageCursor.decodeID(cursor), limit: try PageCursor.limit(limit), deadline: context.deadline)
    }

    /// MED-22: recall (a member) or dismissal (an engaged mediator) with its reason, today; the
    /// post's assignments to open cases end with it.
    package func end(_ id: UUID, reason: String, context: CallContext) async throws -> Mediator {
        try await store.audited(context.write) { transaction in
            guard
                let found = try await mediators.find(
                    id, scopePath: context.scopePath, via: .transaction(transaction), lock: true)
            else { throw DomainError.notFound("mediator") }
            try MediatorRules.checkEnd(found, reason: reason)
            let released = try await mediators.end(id, reason: reason, on: context.today, in: transaction)
            guard
                let ended = try await mediators.find(id, scopePath: context.scopePath, via: .transaction(transaction))
            else { throw DomainError.notFound("mediator") }
            return AuditedChange(
                ended, resourceType: "mediator", resourceId: id, areaPath: found.areaPath,
                summary: ["end": .string(found.endKind), "releasedCases": .int(released)])
        }
    }

    /// Records a training the mediator attended (not after today).
    package func train(_ id: UUID, training: MediatorTraining, context: CallContext) async throws -> Mediator {
        var validator = FieldValidator()
        validator.range("hours", training.hours, 1...200)
        validator.length("topic", training.topic, max: 200)
        validator.notBlank("topic", training.topic)
        validator.statedDay("trainedOn", training.trainedOn, today: context.today)
        try validator.check()
        return try await store.audited(context.write) { transaction in
            guard
                let found = try await mediators.find(
                    id, scopePath: context.scopePath, via: .transaction(transaction), lock: true)
            else { throw DomainError.notFound("mediator") }
            try await mediators.addTraining(training, mediatorId: id, in: transaction)
            guard
                let trained = try await mediators.find(id, scopePath: context.scopePath, via: .transaction(transaction))
            else { throw DomainError.notFound("mediator") }
            return AuditedChange(
                trained, resourceType: "mediator", resourceId: id, areaPath: found.areaPath,
                summary: ["trainedOn": .string(training.trainedOn.description), "hours": .int(training.hours)])
        }
    }
}
