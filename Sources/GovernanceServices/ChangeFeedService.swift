import Foundation
package import Governance
package import GovernanceStore

/// The change feed for data platforms: what changed in the caller's scope, in an order that
/// never lets a consumer's cursor pass a transaction still in flight, each change with the
/// resource as its read shows it to this caller (masked).
package struct ChangeFeedService: Sendable {
    let log: ChangeLogRepository
    let areas: AreaRepository
    let people: PersonRepository
    let departments: DepartmentRepository
    let events: GridEventRepository
    let cases: MediationRepository
    /// The next page of consumers draining the feed, read while they take in the last one.
    let readAhead = ChangeFeedReadAhead()

    /// Creates the service.
    package init(store: Store) {
        self.log = ChangeLogRepository(store: store)
        self.areas = AreaRepository(store: store)
        self.people = PersonRepository(store: store)
        self.departments = DepartmentRepository(store: store)
        self.events = GridEventRepository(store: store)
        self.cases = MediationRepository(store: store)
    }

    /// A resource as it is now.
    package enum Resource: Sendable {
        case area(Area)
        case person(Person)
        case department(Department)
        case gridEvent(GridEvent)
        case mediationCase(MediationCase)
    }

    /// A change with the resource it concerns; no resource for a tombstone, or when the
    /// resource has since been deleted or left the caller's scope.
    package struct Entry: Sendable {
        package let change: Change
        package let resource: Resource?
    }

    /// The largest page, and the default.
    package static let limits = (maximum: 1000, standard: 500)

    /// How often a long poll looks for new changes.
    static let pollInterval = Duration.milliseconds(250)

    /// One page after `since` (a cursor, `now` for the present, or nil for the oldest change
    /// kept). With `wait`, an empty page is held back until a change arrives or `wait` has passed
    /// (long polling, at most 30 s) when `since` is a cursor; each look at the log has the
    /// request's own time budget.
    package func page(
        since: String?, types: [ChangeResourceType]?, limit: Int?, wait: Duration? = nil, context: CallContext
    ) async throws -> (entries: [Entry], next: ChangePosition, hasMore: Bool) {
        let until = ContinuousClock.now.advanced(by: wait ?? .zero)
        let budget = ContinuousClock.now.duration(to: context.deadline)
        var deadline = context.deadline
        // An empty page read ahead is not served: the request reads again, and waits if asked to.
        if let since, let ahead = await readAhead.take(readAheadKey(since, types, limit, context)),
            !ahead.entries.isEmpty
        {
            if let asOf = ahead.dataAsOf { ReplicaReadScope.current?.record(asOf) }
            readAheadIfFull(next: ahead.next, hasMore: ahead.hasMore, types, limit, budget, context)
            return (ahead.entries, ahead.next, ahead.hasMore)
        }
        while true {
            let page = try await page(since: since, types: types, limit: limit, deadline: deadline, context: context)
            // Only a consumer following a cursor waits: a first read (no cursor, or `now`) answers at once.
            guard page.entries.isEmpty, !page.hasMore, let since, since != "now", ContinuousClock.now < until else {
                readAheadIfFull(next: page.next, hasMore: page.hasMore, types, limit, budget, context)
                return page
            }
            try await Task.sleep(until: min(ContinuousClock.now.advanced(by: Self.pollInterval), until))
            deadline = ContinuousClock.now.advanced(by: budget)
        }
    }

    /// After a full page (the consumer is catching up), starts reading the next one with the
    /// request's time budget, in a replica scope of its own when the request reads a replica.
    private func readAheadIfFull(
        next: ChangePosition, hasMore: Bool, _ types: [ChangeResourceType]?, _ limit: Int?, _ budget: Duration,
        _ context: CallContext
    ) {
        guard hasMore else { return }
        let cursor = next.cursor
        let readsReplica = ReplicaReadScope.current != nil
        readAhead.start(readAheadKey(cursor, types, limit, context)) {
            let scope = readsReplica ? ReplicaReadScope() : nil
            let page = try await ReplicaReadScope.$current.withValue(scope) {
                try await self.page(
                    since: cursor, types: types, limit: limit, deadline: .now.advanced(by: budget), context: context)
            }
            return ChangeFeedReadAhead.Page(
                entries: page.entries, next: page.next, hasMore: page.hasMore, dataAsOf: scope?.dataAsOf)
        }
    }

    private func readAheadKey(
        _ since: String, _ types: [ChangeResourceType]?, _ limit: Int?, _ context: CallContext
    ) -> ChangeFeedReadAhead.Key {
        ChangeFeedReadAhead.Key(
            tokenId: context.principal.tokenId, scopePath: context.scopePath, role: context.principal.role,
            departmentId: context.principal.departmentId, today: context.today, since: since, types: types,
            limit: limit)
    }

    private func page(
        since: String?, types: [ChangeResourceType]?, limit: Int?, deadline: ContinuousClock.Instant,
        context: CallContext
    ) async throws -> (entries: [Entry], next: ChangePosition, hasMore: Bool) {
        var validator = FieldValidator()
        validator.range("limit", limit, 1...Self.limits.maximum)
        try validator.check()
        let limit = limit ?? Self.limits.standard
        let readable = ChangeResourceType.allCases.filter { type in
            if case .roles(let roles) = OperationPermissions.access(for: type.listOperation) {
                return roles.contains(context.principal.role)
            }
            return false
        }
        if let types, let refused = types.first(where: { !readable.contains($0) }) {
            throw DomainError(
                .forbidden, code: "changes.type_forbidden",
                message: LocalizedText(
                    zh: "您的角色不能读取 \(refused.rawValue) 的变更。", en: "Your role may not read \(refused.rawValue) changes."))
        }
        let wanted = types ?? readable
        if since == "now" {
            let read = try await log.read(
                after: .start, scopePath: context.scopePath, types: wanted, limit: 0, deadline: deadline)
            return ([], .below(horizon: read.horizon), false)
        }
        let after = try since.map(ChangePosition.init(cursor:)) ?? .start
        let read = try await log.read(
            after: after, scopePath: context.scopePath, types: wanted, limit: limit, deadline: deadline)
        if since != nil, let purged = read.purgedThrough, after.transaction <= purged {
            throw ChangeFeed.cursorExpired(retentionDays: read.retentionDays)
        }
        let hasMore = read.changes.count == limit
        // A short page took everything below the horizon, so the cursor may move up to it even
        // when nothing in scope changed: an idle consumer's cursor does not age out.
        let next =
            hasMore ? read.changes[read.changes.count - 1].position : max(after, .below(horizon: read.horizon))
        let resources = try await current(read.changes, deadline: deadline, context: context)
        let entries = read.changes.map { change in
            Entry(
                change: change,
                resource: change.operation == .delete
                    ? nil : resources[ResourceKey(type: change.resourceType, id: change.resourceId)])
        }
        return (entries, next, hasMore)
    }

    private struct ResourceKey: Hashable {
        let type: ChangeResourceType
        let id: UUID
    }

    /// The changed resources as they are now, a batch read per type, the types concurrently.
    private func current(_ changes: [Change], deadline: ContinuousClock.Instant, context: CallContext) async throws
        -> [ResourceKey: Resource]
    {
        func ids(_ type: ChangeResourceType) -> [UUID]? {
            let ids = Array(
                Set(changes.filter { $0.resourceType == type && $0.operation == .upsert }.map(\.resourceId)))
            return ids.isEmpty ? nil : ids
        }
        let scope = context.scopePath
        let role = context.principal.role
        async let areaPage: [Area] =
            if let ids = ids(.area) {
                try await areas.list(
                    scopePath: scope, parentId: nil, kind: nil, ids: ids, after: nil, limit: ids.count,
                    deadline: deadline
                ).items
            } else { [] }
        async let personPage: [Person] =
            if let ids = ids(.person) {
                try await people.list(
                    scopePath: scope, filter: PersonFilter(ids: ids), reveal: false, after: nil, limit: ids.count,
                    deadline: deadline
                ).items.map { $0.visible(to: role) }
            } else { [] }
        async let departmentPage: [Department] =
            if let ids = ids(.department) {
                try await departments.list(
                    reach: .visibleFrom(scope), areaId: nil, ids: ids, after: nil, limit: ids.count,
                    deadline: deadline
                ).items
            } else { [] }
        async let eventPage: [GridEvent] =
            if let ids = ids(.gridEvent) {
                try await events.list(
                    scopePath: scope, departmentId: context.principal.departmentId, filter: GridEventFilter(ids: ids),
                    areaPath: nil, today: context.today, after: nil, limit: ids.count, deadline: deadline
                ).items
            } else { [] }
        // As the case list shows them: no party's phone revealed.
        async let casePage: [MediationCase] =
            if let ids = ids(.mediationCase) {
                try await cases.list(
                    scopePath: scope, filter: MediationCaseFilter(ids: ids), areaPath: nil, today: context.today,
                    revealFor: nil, after: nil, limit: ids.count, deadline: deadline
                ).items
            } else { [] }
        var resources: [ResourceKey: Resource] = [:]
        for area in try await areaPage { resources[ResourceKey(type: .area, id: area.id)] = .area(area) }
        for person in try await personPage { resources[ResourceKey(type: .person, id: person.id)] = .person(person) }
        for department in try await departmentPage {
            resources[ResourceKey(type: .department, id: department.id)] = .department(department)
        }
        for event in try await eventPage { resources[ResourceKey(type: .gridEvent, id: event.id)] = .gridEvent(event) }
        for item in try await casePage {
            resources[ResourceKey(type: .mediationCase, id: item.id)] = .mediationCase(item)
        }
        return resources
    }
}
