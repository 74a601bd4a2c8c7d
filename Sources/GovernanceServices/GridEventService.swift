package import Foundation
package import Governance
package import GovernanceStore
import Postgres

/// Grid events (网格事件): report → community compiles → tiered handling → street dispatch →
/// department feedback → resolution → the reporter's rating (domain-rules.md §3.6, GRID-12, MED-21).
package struct GridEventService: Sendable {
    let store: Store
    let areas: AreaRepository
    let people: PersonRepository
    let grid: GridRepository
    let departments: DepartmentRepository
    let events: GridEventRepository
    let categories: GridEventCategoryRepository
    let mediationIntake: MediationService
    let calendars: WorkingCalendarRepository

    /// Creates the service.
    package init(store: Store) {
        self.store = store
        self.areas = AreaRepository(store: store)
        self.people = PersonRepository(store: store)
        self.grid = GridRepository(store: store)
        self.departments = DepartmentRepository(store: store)
        self.events = GridEventRepository(store: store)
        self.categories = GridEventCategoryRepository(store: store)
        self.mediationIntake = MediationService(store: store)
        self.calendars = WorkingCalendarRepository(store: store)
    }

    /// Day counting with the loaded calendars of the event's city, for this year and the next
    /// (no time limit runs longer).
    private func handlingDays(for event: GridEvent, today: CalendarDay, in transaction: PostgresTransaction)
        async throws -> HandlingDays
    {
        try await calendars.handlingDays(forAreaAt: event.areaPath, years: today.year...today.year + 1, in: transaction)
    }

    /// Receives a report. The answer carries the event's reply token once: the app that reported
    /// rates the outcome with it. `unassessedRisk` stands in for a hazard's risk level where the
    /// channel cannot ask for one (Open311): the community re-assesses it when it accepts.
    package func create(_ new: NewGridEvent, unassessedRisk: String? = nil, context: CallContext) async throws -> (
        event: GridEvent, replyToken: String
    ) {
        let replyToken = "r1." + Crypto.base64URL(Crypto.randomBytes(24))
        let event = try await store.audited(context.write) { transaction in
            var new = new
            guard let area = try await areas.findForShare(new.areaId, scopePath: context.scopePath, in: transaction)
            else { throw DomainError.notFound("area") }
            try new.checkArea(area.kind)
            guard
                let category = try await categories.find(
                    new.category, cityPath: AreaPath.city(of: area.path), via: .transaction(transaction))
            else { throw Self.unknownCategory }
            if category.riskRequired, new.riskLevel == nil { new.riskLevel = unassessedRisk }
            try new.validate(category: category)
            var reporterName = new.reporterName
            if let personId = new.reporterPersonId {
                guard
                    let person = try await people.find(
                        personId, scopePath: context.scopePath, reveal: false, deadline: context.deadline)
                else { throw DomainError.notFound("person") }
                reporterName = reporterName ?? person.name
                if new.source == .gridPatrol {
                    try NewGridEvent.checkPatrolReporter(
                        holdsPost: try await grid.holdsActivePost(personId, around: area.path, in: transaction))
                }
            }
            if let buildingId = new.location.buildingId {
                guard
                    try await grid.findBuilding(
                        buildingId, scopePath: GridEventTier.community.path(from: area.path),
                        via: .transaction(transaction)) != nil
                else { throw DomainError.notFound("building") }
            }
            let id = try await events.insert(
                new, area: area, reporterName: reporterName,
                replyTokenHash: Crypto.sha256(Data(replyToken.utf8)), actor: context.principal.tokenId,
                in: transaction)
            return AuditedChange(
                try await reloaded(id, context: context, in: transaction), resourceType: "grid_event", resourceId: id,
                areaPath: area.path,
                summary: ["source": JSONValue(new.source.rawValue), "category": .string(new.category)])
        }
        return (event, replyToken)
    }

    /// The event `id` as the caller may read it.
    package func get(_ id: UUID, context: CallContext) async throws -> GridEvent {
        guard
            let found = try await events.find(
                id, scopePath: context.scopePath, departmentId: context.principal.departmentId,
                via: .pipeline(deadline: context.deadline))
        else { throw DomainError.notFound("grid_event") }
        return found
    }

    /// One page of the events the caller may read; every filter runs in the keyset query.
    package func list(filter: GridEventFilter, cursor: String?, limit: Int?, context: CallContext) async throws
        -> Page<GridEvent>
    {
        try filter.validate()
        var areaPath: String?
        if let areaId = filter.areaId {
            guard let area = try await areas.find(areaId, scopePath: context.scopePath, deadline: context.deadline)
            else { throw DomainError.notFound("area") }
            areaPath = area.path
        }
        return try await events.list(
            scopePath: context.scopePath, departmentId: context.principal.departmentId, filter: filter,
            areaPath: areaPath, today: context.today, after: try PageCursor.decodeID(cursor),
            limit: try PageCursor.limit(limit, batch: filter.ids), deadline: context.deadline)
    }

    /// A step of the lifecycle by the community or street handling the event.
    package func transition(_ id: UUID, command: GridEventCommand, context: CallContext) async throws -> GridEvent {
        try command.validate()
        return try await changed(id, context: context) { current, transaction in
            let category = try await category(of: current, in: transaction)
            let days = try await handlingDays(for: current, today: context.today, in: transaction)
            switch command.action {
            case .accept:
                return try current.decideAccept(
                    tier: command.tier, riskLevel: command.riskLevel, category: category, today: context.today,
                    days: days)
            case .reject:
                return try current.decideReject(reason: command.reason)
            case .merge:
                guard let targetId = command.intoEventId else { throw DomainError.required("intoEventId") }
                guard
                    let target = try await events.find(
                        targetId, scopePath: context.scopePath, via: .transaction(transaction), lock: true)
                else { throw DomainError.notFound("grid_event") }
                return try current.decideMerge(into: target)
            case .escalate:
                return try current.decideEscalation(
                    reason: command.escalationReason, note: command.reason, to: command.tier, category: category,
                    today: context.today, days: days)
            case .resolve:
                return try current.decideResolution(command.resolution)
            case .close:
                return try current.decideClose(reason: command.reason, reporterInformed: command.reporterInformed)
            }
        }
    }

    /// The street sends the event to a department with the authority it rests on and a deadline (EVT-5).
    package func dispatch(
        _ id: UUID, departmentId: UUID, lead: Bool, authorityBasis: String, dueOn: CalendarDay?, context: CallContext
    ) async throws -> GridEvent {
        try await store.audited(context.write) { transaction in
            let current = try await handled(id, context: context, in: transaction)
            let category = try await category(of: current, in: transaction)
            let due = try current.decideDispatch(
                authorityBasis: authorityBasis, dueOn: dueOn, category: category, today: context.today,
                days: try await handlingDays(for: current, today: context.today, in: transaction))
            guard
                try await departments.find(
                    departmentId, reach: .visibleFrom(current.levelPath ?? current.communityPath),
                    via: .transaction(transaction)) != nil
            else { throw DomainError.notFound("department") }
            let dispatchId = try await events.insertDispatch(
                eventId: id, departmentId: departmentId, lead: lead, authorityBasis: authorityBasis, dueOn: due.dueOn,
                today: context.today, in: transaction)
            try await events.recordStep(
                id, action: "dispatch", from: current.status, to: current.status, tier: current.tier,
                actor: context.principal.tokenId, note: departmentId.uuidString.lowercased(), in: transaction)
            return AuditedChange(
                try await reloaded(id, context: context, in: transaction), resourceType: "grid_event_dispatch",
                resourceId: dispatchId, areaPath: current.levelPath ?? current.communityPath,
                summary: ["department": JSONValue(departmentId), "dueOn": .string(due.dueOn.description)])
        }
    }

    /// A department's step on a dispatch to it: take on, return, progress, feedback (EVT-6).
    package func dispatchStep(
        _ id: UUID, dispatchId: UUID, action: GridEventDispatchAction, reason: String?, note: String?,
        outcome: String?, actionsTaken: String?, context: CallContext
    ) async throws -> GridEvent {
        try await store.audited(context.write) { transaction in
            guard
                let current = try await events.find(
                    id, scopePath: context.scopePath, departmentId: context.principal.departmentId,
                    via: .transaction(transaction), lock: true),
                let dispatch = current.dispatches.first(where: { $0.id == dispatchId }),
                dispatch.departmentId == context.principal.departmentId
            else { throw DomainError.notFound("grid_event_dispatch") }
            let change = try dispatch.decide(
                action, reason: reason, note: note, outcome: outcome, actionsTaken: actionsTaken, today: context.today)
            try await events.applyDispatch(dispatchId, change, eventId: id, in: transaction)
            try await events.recordStep(
                id, action: "dispatch_\(action.rawValue)", from: current.status, to: current.status,
                tier: current.tier, actor: context.principal.tokenId, note: change.note, in: transaction)
            var summary: [String: JSONValue] = ["action": .string(action.rawValue)]
            if let fedBack = change.fedBackOn { summary["onTime"] = .bool(fedBack <= dispatch.dueOn) }
            return AuditedChange(
                try await reloaded(id, context: context, in: transaction), resourceType: "grid_event_dispatch",
                resourceId: dispatchId, areaPath: current.areaPath, summary: summary)
        }
    }

    /// The reporter's rating (EVT-7): an app with the event's reply token, or staff recording a call.
    package func rate(
        _ id: UUID, rating: GridEventRating, comment: String?, replyToken: String?, context: CallContext
    ) async throws -> GridEvent {
        var validator = FieldValidator()
        validator.length("comment", comment, max: 1000)
        validator.length("replyToken", replyToken, max: 100)
        try validator.check()
        let needsReplyToken = [.reporterApp, .gridWorker].contains(context.principal.role)
        return try await store.audited(context.write) { transaction in
            guard
                let current = try await events.find(
                    id, scopePath: context.scopePath, via: .transaction(transaction), lock: true)
            else { throw DomainError.notFound("grid_event") }
            if needsReplyToken || replyToken != nil {
                let stored = try await events.replyTokenHash(id, in: transaction)
                guard let replyToken, let stored,
                    Crypto.constantTimeEqual(Crypto.sha256(Data(replyToken.utf8)), stored)
                else {
                    throw DomainError(
                        .forbidden, code: "grid_event.reply_token_mismatch",
                        message: LocalizedText(
                            zh: "评价须附上报送时返回的回复令牌。", en: "A rating carries the reply token returned with the report."))
                }
            }
            let category = try await category(of: current, in: transaction)
            let change = try current.decideRating(
                rating, comment: comment, category: category, today: context.today,
                days: try await handlingDays(for: current, today: context.today, in: transaction))
            try await events.apply(
                id, change, from: current.status, actor: context.principal.tokenId, in: transaction)
            return AuditedChange(
                try await reloaded(id, context: context, in: transaction), resourceType: "grid_event", resourceId: id,
                areaPath: current.areaPath,
                summary: ["rating": .string(rating.rawValue), "reopened": .bool(change.reopened)])
        }
    }

    /// A dispute becomes a mediation case in one call, linked both ways (EVT-10, MED-9).
    package func referToMediation(
        _ id: UUID, parties: [NewMediationParty], risk: MediationRisk, context: CallContext
    ) async throws -> (event: GridEvent, caseId: UUID) {
        try await store.audited(context.write) { transaction in
            let current = try await handled(id, context: context, in: transaction)
            let change = try current.decideReferral()
            let intake = NewMediationCase(
                areaId: current.areaId, source: current.source == .gridPatrol ? "grid_patrol" : "referral",
                category: current.category == GridEventCategory.dispute ? "neighbour" : "other",
                description: current.description, amount: nil, risk: risk,
                complexity: current.tier == .street ? .complex : .general, parties: parties)
            try intake.validate()
            guard
                let origin = try await areas.findForShare(current.areaId, scopePath: "", in: transaction)
            else { throw DomainError.notFound("area") }
            let caseId = try await mediationIntake.receive(intake, origin: origin, context: context, in: transaction).id
            try await events.linkMediationCase(caseId, eventId: id, in: transaction)
            var step = change
            step.note = caseId.uuidString.lowercased()
            try await events.apply(id, step, from: current.status, actor: context.principal.tokenId, in: transaction)
            return AuditedChange(
                (try await reloaded(id, context: context, in: transaction), caseId), resourceType: "grid_event",
                resourceId: id, areaPath: current.areaPath, summary: ["mediationCase": JSONValue(caseId)])
        }
    }

    /// The figures of a subtree (a department's: of what was dispatched to it).
    package func stats(areaId: UUID?, context: CallContext) async throws -> (
        areaId: UUID, statistics: GridEventStatistics
    ) {
        var areaPath = context.scopePath
        var resolvedId = context.principal.scopeAreaId
        if let areaId {
            guard let area = try await areas.find(areaId, scopePath: context.scopePath, deadline: context.deadline)
            else { throw DomainError.notFound("area") }
            areaPath = area.path
            resolvedId = area.id
        }
        return (
            resolvedId,
            try await events.statistics(
                areaPath: areaPath, departmentId: context.principal.departmentId, today: context.today,
                deadline: context.deadline)
        )
    }

    /// The catalogue in force for the caller's city.
    package func catalogue(context: CallContext) async throws -> [GridEventCategory] {
        try await categories.catalogue(
            cityPath: AreaPath.city(of: context.scopePath), via: .pipeline(deadline: context.deadline))
    }

    /// The catalogue for a city by its area id, for the public Open311 face; the defaults without one.
    package func publicCatalogue(cityId: UUID?, deadline: ContinuousClock.Instant) async throws -> [GridEventCategory] {
        var cityPath: String?
        if let cityId {
            guard let city = try await areas.find(cityId, scopePath: "", deadline: deadline), city.kind == .city
            else { throw DomainError.notFound("jurisdiction") }
            cityPath = city.path
        }
        return try await categories.catalogue(cityPath: cityPath, via: .pipeline(deadline: deadline))
    }

    /// The public list for Open311 (`jurisdiction_id` is a city's area id).
    package func publicList(
        cityId: UUID?, ids: [UUID]?, category: String?, from: Date?, to: Date?, open: Bool?, now: Date,
        deadline: ContinuousClock.Instant
    ) async throws -> (events: [GridEvent], sensitive: Set<String>) {
        var cityPath: String?
        if let cityId {
            guard let city = try await areas.find(cityId, scopePath: "", deadline: deadline), city.kind == .city
            else { throw DomainError.notFound("jurisdiction") }
            cityPath = city.path
        }
        let window = Double(GridEventPublicFilter.defaultWindowDays) * 86_400
        async let found = events.publicList(
            GridEventPublicFilter(
                cityPath: cityPath, ids: ids, category: category, from: from ?? now.addingTimeInterval(-window),
                to: to, open: open),
            deadline: deadline)
        async let sensitive = sensitiveCategories(cityPath: cityPath, deadline: deadline)
        return (try await found, try await sensitive)
    }

    /// The categories whose text public views leave out.
    private func sensitiveCategories(cityPath: String?, deadline: ContinuousClock.Instant) async throws -> Set<String> {
        Set(
            try await categories.catalogue(cityPath: cityPath, via: .pipeline(deadline: deadline)).filter(\.sensitive)
                .map(\.code))
    }

    /// One event for the public view.
    package func publicGet(_ id: UUID, deadline: ContinuousClock.Instant) async throws -> (
        event: GridEvent, sensitive: Bool
    ) {
        guard let found = try await events.publicFind(id, deadline: deadline) else {
            throw DomainError.notFound("service_request")
        }
        let sensitive = try await sensitiveCategories(cityPath: AreaPath.city(of: found.areaPath), deadline: deadline)
        return (found, sensitive.contains(found.category))
    }

    /// A city's admin replaces a catalogue entry for the city.
    package func putCategory(_ entry: GridEventCategoryUpdate, context: CallContext) async throws -> GridEventCategory {
        try GridEventCategory.checkEditor(scopePath: context.scopePath)
        try GridEventCategory.validate(nameZh: entry.nameZh, nameEn: entry.nameEn, timeLimitDays: entry.timeLimitDays)
        guard GridEventCategory.codes.contains(entry.code) else { throw Self.unknownCategory }
        guard let cityPath = AreaPath.city(of: context.scopePath) else { throw DomainError.notFound("area") }
        return try await store.audited(context.write) { transaction in
            if let departmentId = entry.departmentId {
                guard
                    try await departments.find(departmentId, reach: .within(cityPath), via: .transaction(transaction))
                        != nil
                else { throw DomainError.notFound("department") }
            }
            let saved = try await categories.put(
                code: entry.code, cityPath: cityPath, nameZh: entry.nameZh, nameEn: entry.nameEn,
                defaultTier: entry.defaultTier, timeLimitDays: entry.timeLimitDays, dayKind: entry.dayKind,
                departmentId: entry.departmentId, riskRequired: entry.riskRequired, sensitive: entry.sensitive,
                in: transaction)
            return AuditedChange(
                saved, resourceType: "grid_event_category", resourceId: nil, areaPath: cityPath,
                summary: [
                    "code": .string(entry.code), "timeLimitDays": .int(entry.timeLimitDays),
                    "dayKind": .string(entry.dayKind.rawValue),
                ])
        }
    }

    static let unknownCategory = DomainError.validation([
        .init(
            field: "category", code: "unknown_category",
            message: LocalizedText(zh: "事件分类不在目录中。", en: "Not a category of the catalogue."))
    ])

    // MARK: The one write path of an event

    /// Load the event the caller's level handles, locked → decide → apply with its step → audit → reload.
    private func changed(
        _ id: UUID, context: CallContext,
        decide: (GridEvent, PostgresTransaction) async throws -> GridEventChange
    ) async throws -> GridEvent {
        try await store.audited(context.write) { transaction in
            let current = try await handled(id, context: context, in: transaction)
            let change = try await decide(current, transaction)
            try await events.apply(id, change, from: current.status, actor: context.principal.tokenId, in: transaction)
            return AuditedChange(
                try await reloaded(id, context: context, in: transaction), resourceType: "grid_event", resourceId: id,
                areaPath: current.levelPath ?? current.communityPath,
                summary: [
                    "action": .string(change.action), "from": .string(current.status.rawValue),
                    "to": .string((change.status ?? current.status).rawValue),
                ])
        }
    }

    /// The event, locked, when the caller's level handles it: lower levels keep read access only.
    private func handled(_ id: UUID, context: CallContext, in transaction: PostgresTransaction) async throws
        -> GridEvent
    {
        guard
            let found = try await events.find(
                id, scopePath: context.scopePath, via: .transaction(transaction), lock: true)
        else { throw DomainError.notFound("grid_event") }
        try found.checkHandled(by: context.principal)
        return found
    }

    private func reloaded(_ id: UUID, context: CallContext, in transaction: PostgresTransaction) async throws
        -> GridEvent
    {
        guard let found = try await events.find(id, scopePath: "", via: .transaction(transaction)) else {
            throw DomainError.notFound("grid_event")
        }
        return found
    }

    private func category(of event: GridEvent, in transaction: PostgresTransaction) async throws -> GridEventCategory {
        guard
            let category = try await categories.find(
                event.category, cityPath: AreaPath.city(of: event.areaPath), via: .transaction(transaction))
        else { throw Self.unknownCategory }
        return category
    }
}
