public import Foundation
public import Governance
public import Postgres

/// Grid events, their steps and dispatches, and the category catalogue.
public struct GridEventRepository: Sendable {
    let store: Store

    /// Creates the repository.
    public init(store: Store) { self.store = store }

    static let columns = """
        e.id, e.area_id, e.area_path::text AS area_path, e.level, e.level_path::text AS level_path, e.status, e.source,
        e.category, e.risk_level, e.description, e.building_id, e.unit, e.latitude, e.longitude, e.coordinate_system,
        e.reporter_person_id, e.reporter_name, e.reporter_phone_masked, e.anonymous, e.photo_ids::text AS photo_ids,
        e.due_on::text AS due_on, e.day_kind, e.due_calendar, e.accepted_on::text AS accepted_on, e.merged_into_id, e.mediation_case_id,
        e.reject_reason, e.resolution, e.resolved_at, e.rating, e.rating_comment, e.reopen_count, e.closed_reason,
        e.version, e.created_at,
        (SELECT coalesce(json_agg(json_build_object('id', d.id, 'departmentId', d.department_id, 'lead', d.lead,
                 'authorityBasis', d.authority_basis, 'dueOn', d.due_on, 'status', d.status, 'returnReason', d.return_reason,
                 'outcome', d.outcome, 'actionsTaken', d.actions_taken, 'dispatchedOn', d.dispatched_on,
                 'acceptedAt', extract(epoch FROM d.accepted_at), 'fedBackOn', d.fed_back_on, 'progressCount', d.progress_count)
                 ORDER BY d.created_at, d.id), '[]')
           FROM grid_event_dispatch d WHERE d.event_id = e.id)::text AS dispatches,
        (SELECT coalesce(json_agg(json_build_object('action', s.action, 'from', s.from_status, 'to', s.to_status,
                 'tier', s.level, 'actor', s.actor_token_id, 'note', s.note, 'at', extract(epoch FROM s.created_at))
                 ORDER BY s.created_at, s.id), '[]')
           FROM grid_event_step s WHERE s.event_id = e.id)::text AS steps,
        (SELECT coalesce(json_agg(m.id ORDER BY m.id), '[]') FROM grid_event m WHERE m.merged_into_id = e.id)::text AS merged
        """

    /// Who reads an event: every level from where it was found up; a department only what was
    /// dispatched to it.
    static func readable(_ scopePath: String, departmentId: UUID?) -> PostgresQuery {
        var query: PostgresQuery = " AND e.area_path <@ \(scopePath)::ltree"
        if let departmentId {
            query.append(
                " AND EXISTS (SELECT 1 FROM grid_event_dispatch rd WHERE rd.event_id = e.id AND rd.department_id = \(departmentId))"
            )
        }
        return query
    }

    /// Receives a report and records its first step; the reporter's phone is sealed.
    public func insert(
        _ new: NewGridEvent, area: Area, reporterName: String?, replyTokenHash: Data?, actor: UUID?,
        in transaction: PostgresTransaction
    ) async throws -> UUID {
        let id = Identifier.make()
        let point = new.location.point
        try await transaction.query(
            """
            WITH new_event AS (
                INSERT INTO grid_event (id, area_id, area_path, community_path, source, category, risk_level, description,
                    building_id, unit, latitude, longitude, coordinate_system, reporter_person_id, reporter_name,
                    reporter_phone_cipher, reporter_phone_masked, anonymous, photo_ids, reply_token_hash, reported_by_token_id)
                VALUES (\(id), \(area.id), \(area.path)::ltree, \(GridEventTier.community.path(from: area.path))::ltree,
                    \(new.source), \(new.category), \(new.riskLevel), \(new.description), \(new.location.buildingId)::uuid,
                    \(new.location.unit), \(point?.latitude)::double precision, \(point?.longitude)::double precision,
                    \(point?.system), \(new.reporterPersonId)::uuid, \(reporterName),
                    \(new.reporterPhone.map { store.keys.seal($0, in: .gridEventReporterPhone(id)) })::bytea,
                    \(new.reporterPhone.map(PhoneNumber.masked)), \(new.anonymous), \(new.photoIds)::text[],
                    \(replyTokenHash)::bytea, \(actor)::uuid)
                RETURNING id
            )
            INSERT INTO grid_event_step (id, event_id, action, from_status, to_status, actor_token_id, note)
            SELECT \(Identifier.make()), id, 'report', 'reported', 'reported', \(actor)::uuid, \(new.source) FROM new_event
            """)
        return id
    }

    /// The event `id` as seen from `scopePath` (and by `departmentId` when the caller is one).
    public func find(
        _ id: UUID, scopePath: String, departmentId: UUID? = nil, via route: ReadRoute, lock: Bool = false
    ) async throws -> GridEvent? {
        var query: PostgresQuery = "SELECT \(unsafeSQL: Self.columns) FROM grid_event e WHERE e.id = \(id)"
        query.append(Self.readable(scopePath, departmentId: departmentId))
        if lock { query.append(" FOR UPDATE OF e") }
        return try await store.read(query, via: route).first.map(gridEvent(from:))
    }

    /// Whether an open event is past a deadline on `today`: its tier's, or an open dispatch's.
    static func overdue(on today: CalendarDay) -> PostgresQuery {
        """
        (e.status = 'handling' AND (\(today)::date > e.due_on OR EXISTS (
            SELECT 1 FROM grid_event_dispatch od WHERE od.event_id = e.id AND od.status IN ('pending', 'accepted')
              AND \(today)::date > od.due_on)))
        """
    }

    /// One page of events; every filter is part of the keyset query.
    public func list(
        scopePath: String, departmentId: UUID?, filter: GridEventFilter, areaPath: String?, today: CalendarDay,
        after: UUID?, limit: Int, deadline: ContinuousClock.Instant
    ) async throws -> Page<GridEvent> {
        var query: PostgresQuery = "SELECT \(unsafeSQL: Self.columns) FROM grid_event e WHERE true"
        query.append(Self.readable(scopePath, departmentId: departmentId))
        if let areaPath { query.append(" AND e.area_path <@ \(areaPath)::ltree") }
        if let status = filter.status { query.append(" AND e.status = \(status)") }
        if let tier = filter.tier { query.append(" AND e.level = \(tier)") }
        if let category = filter.category { query.append(" AND e.category = \(category)") }
        if let source = filter.source { query.append(" AND e.source = \(source)") }
        if let from = filter.from {
            query.append(" AND e.created_at >= (\(from)::date::timestamp AT TIME ZONE 'Asia/Shanghai')")
        }
        if let to = filter.to {
            query.append(" AND e.created_at < ((\(to)::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')")
        }
        if let department = filter.departmentId {
            query.append(
                " AND EXISTS (SELECT 1 FROM grid_event_dispatch fd WHERE fd.event_id = e.id AND fd.department_id = \(department))"
            )
        }
        if let ids = filter.ids { query.append(" AND e.id = ANY(\(ids)::uuid[])") }
        if let overdue = filter.overdue {
            query.append(" AND ")
            query.append(Self.overdue(on: today))
            query.append(" = \(overdue)::boolean")
        }
        if let after { query.append(" AND e.id > \(after)") }
        query.append(" ORDER BY e.id LIMIT \(limit + 1)")
        let rows = try await store.read(query, deadline: deadline)
        return try Page.keyset(rows, limit: limit, decode: gridEvent(from:), cursor: { PageCursor.encode($0.id) })
    }

    /// The public list (Open311): newest first, no scope but the city; rejected and merged
    /// reports are left out.
    public func publicList(_ filter: GridEventPublicFilter, deadline: ContinuousClock.Instant) async throws
        -> [GridEvent]
    {
        var query: PostgresQuery = """
            SELECT \(unsafeSQL: Self.columns) FROM grid_event e
            WHERE e.status NOT IN ('rejected', 'merged') AND e.created_at >= \(filter.from)
            """
        if let cityPath = filter.cityPath { query.append(" AND e.area_path <@ \(cityPath)::ltree") }
        if let ids = filter.ids { query.append(" AND e.id = ANY(\(ids)::uuid[])") }
        if let category = filter.category { query.append(" AND e.category = \(category)") }
        if let to = filter.to { query.append(" AND e.created_at < \(to)") }
        if let open = filter.open {
            query.append(" AND (e.status IN ('reported', 'handling', 'resolved')) = \(open)::boolean")
        }
        query.append(" ORDER BY e.created_at DESC, e.id LIMIT \(GridEventPublicFilter.maximumCount)")
        return try await store.read(query, deadline: deadline).map(gridEvent(from:))
    }

    /// One event for the public view, whatever its city.
    public func publicFind(_ id: UUID, deadline: ContinuousClock.Instant) async throws -> GridEvent? {
        let query: PostgresQuery = """
            SELECT \(unsafeSQL: Self.columns) FROM grid_event e
            WHERE e.id = \(id) AND e.status NOT IN ('rejected', 'merged')
            """
        return try await store.read(query, deadline: deadline).first.map(gridEvent(from:))
    }

    /// Applies a change the domain decided and records the step with its actor.
    public func apply(
        _ id: UUID, _ change: GridEventChange, from status: GridEventStatus, actor: UUID?,
        in transaction: PostgresTransaction
    ) async throws {
        var query: PostgresQuery = "UPDATE grid_event SET version = version + 1, updated_at = now()"
        if let status = change.status { query.append(", status = \(status)") }
        if let tier = change.tier, let path = change.levelPath {
            query.append(", level = \(tier), level_path = \(path)::ltree")
        }
        if let dueOn = change.dueOn { query.append(", due_on = \(dueOn)::date") }
        if let dayKind = change.dayKind { query.append(", day_kind = \(dayKind)") }
        if let calendar = change.dueCalendar { query.append(", due_calendar = \(calendar)") }
        if let acceptedOn = change.acceptedOn { query.append(", accepted_on = \(acceptedOn)::date") }
        if let riskLevel = change.riskLevel { query.append(", risk_level = \(riskLevel)") }
        if let merged = change.mergedIntoId { query.append(", merged_into_id = \(merged)") }
        if let reason = change.rejectReason { query.append(", reject_reason = \(reason)") }
        if let resolution = change.resolution { query.append(", resolution = \(resolution)") }
        if change.resolvedNow { query.append(", resolved_at = now()") }
        if let rating = change.rating {
            query.append(", rating = \(rating), rating_comment = \(change.ratingComment)")
        }
        if change.reopened { query.append(", reopen_count = reopen_count + 1, resolution = NULL, resolved_at = NULL") }
        if let reason = change.closedReason { query.append(", closed_reason = \(reason), closed_at = now()") }
        query.append(" WHERE id = \(id)")
        try await transaction.query(query)
        try await recordStep(
            id, action: change.action, from: status, to: change.status ?? status, tier: change.tier, actor: actor,
            note: change.note, in: transaction)
    }

    /// Records one step of an event's lifecycle.
    public func recordStep(
        _ id: UUID, action: String, from: GridEventStatus, to: GridEventStatus, tier: GridEventTier?, actor: UUID?,
        note: String?, in transaction: PostgresTransaction
    ) async throws {
        try await transaction.query(
            """
            INSERT INTO grid_event_step (id, event_id, action, from_status, to_status, level, actor_token_id, note)
            VALUES (\(Identifier.make()), \(id), \(action), \(from), \(to), \(tier), \(actor)::uuid, \(note))
            """)
    }

    /// Sends the event to a department; a second open dispatch to the same one is refused by the database.
    public func insertDispatch(
        eventId: UUID, departmentId: UUID, lead: Bool, authorityBasis: String, dueOn: CalendarDay,
        today: CalendarDay, in transaction: PostgresTransaction
    ) async throws -> UUID {
        let id = Identifier.make()
        try await transaction.query(
            """
            INSERT INTO grid_event_dispatch (id, event_id, department_id, lead, authority_basis, due_on, dispatched_on)
            VALUES (\(id), \(eventId), \(departmentId), \(lead), \(authorityBasis), \(dueOn)::date, \(today)::date)
            """)
        try await transaction.query(
            "UPDATE grid_event SET version = version + 1, updated_at = now() WHERE id = \(eventId)")
        return id
    }

    /// Applies a department's step on its dispatch.
    public func applyDispatch(
        _ id: UUID, _ change: GridEventDispatchChange, eventId: UUID, in transaction: PostgresTransaction
    ) async throws {
        var query: PostgresQuery =
            "UPDATE grid_event_dispatch SET progress_count = progress_count + \(change.progress ? 1 : 0)"
        if let status = change.status { query.append(", status = \(status)") }
        if let reason = change.returnReason { query.append(", return_reason = \(reason)") }
        if let outcome = change.outcome { query.append(", outcome = \(outcome)") }
        if let actions = change.actionsTaken { query.append(", actions_taken = \(actions)") }
        if change.acceptedNow { query.append(", accepted_at = now()") }
        if let day = change.fedBackOn { query.append(", fed_back_on = \(day)::date") }
        query.append(" WHERE id = \(id) AND event_id = \(eventId)")
        try await transaction.query(query)
        try await transaction.query(
            "UPDATE grid_event SET version = version + 1, updated_at = now() WHERE id = \(eventId)")
    }

    /// The stored hash of an event's reply token, if it has one.
    public func replyTokenHash(_ id: UUID, in transaction: PostgresTransaction) async throws -> Data? {
        try await transaction.query("SELECT reply_token_hash FROM grid_event WHERE id = \(id)").first?.decode(
            "reply_token_hash", as: Data?.self)
    }

    /// Links an event and the mediation case it became, both ways.
    public func linkMediationCase(_ caseId: UUID, eventId: UUID, in transaction: PostgresTransaction) async throws {
        try await transaction.query(
            """
            WITH linked AS (UPDATE grid_event SET mediation_case_id = \(caseId) WHERE id = \(eventId))
            UPDATE mediation_case SET grid_event_id = \(eventId) WHERE id = \(caseId)
            """)
    }

    /// Closes resolved events nobody rated within `days` (EVT-7's timeout); returns how many.
    public func closeUnrated(olderThanDays days: Int, deadline: ContinuousClock.Instant) async throws -> Int {
        try await store.client.withTransaction(deadline: deadline) { transaction in
            let rows = try await transaction.query(
                """
                WITH closed AS (
                    UPDATE grid_event SET status = 'closed', closed_reason = 'rating_timeout', closed_at = now(),
                           version = version + 1, updated_at = now()
                    WHERE status = 'resolved' AND resolved_at < now() - make_interval(days => \(days))
                    RETURNING id
                ), steps AS (
                    INSERT INTO grid_event_step (id, event_id, action, from_status, to_status, note)
                    SELECT gen_random_uuid(), id, 'close', 'resolved', 'closed', 'rating_timeout' FROM closed
                )
                SELECT count(*) AS n FROM closed
                """)
            return try rows[0].decode("n", as: Int.self)
        }
    }

    private func gridEvent(from row: PostgresRow) throws -> GridEvent {
        let latitude = try row.decode("latitude", as: Double?.self)
        let longitude = try row.decode("longitude", as: Double?.self)
        let system = try row.decode("coordinate_system", as: String?.self)
        var point: GeoPoint?
        if let latitude, let longitude, let system {
            point = GeoPoint(latitude: latitude, longitude: longitude, system: system)
        }
        let anonymous: Bool = try row.decode("anonymous")
        let personId = try row.decode("reporter_person_id", as: UUID?.self)
        let name = try row.decode("reporter_name", as: String?.self)
        let phone = try row.decode("reporter_phone_masked", as: String?.self)
        let reporter =
            anonymous || (personId == nil && name == nil && phone == nil)
            ? nil : GridEventReporter(personId: personId, name: name, phoneMasked: phone)
        let dispatches = try row.decodeJSON("dispatches", as: [DispatchColumn].self).map {
            try $0.dispatch()
        }
        let steps = try row.decodeJSON("steps", as: [StepColumn].self).map { try $0.step() }
        return GridEvent(
            id: try row.decode("id"), areaId: try row.decode("area_id"), areaPath: try row.decode("area_path"),
            tier: try row.decode("level"), levelPath: try row.decode("level_path"), status: try row.decode("status"),
            source: try row.decode("source"), category: try row.decode("category"),
            riskLevel: try row.decode("risk_level"), description: try row.decode("description"),
            location: GridEventLocation(
                buildingId: try row.decode("building_id"), unit: try row.decode("unit"), point: point),
            reporter: reporter, anonymous: anonymous,
            photoIds: PostgresTextArray.parse(try row.decode("photo_ids", as: String.self)),
            dueOn: try row.decode("due_on"), dayKind: try row.decode("day_kind"),
            dueCalendar: try row.decode("due_calendar"),
            acceptedOn: try row.decode("accepted_on"), mergedIntoId: try row.decode("merged_into_id"),
            mergedReportIds: try row.decodeJSON("merged", as: [UUID].self),
            mediationCaseId: try row.decode("mediation_case_id"), rejectReason: try row.decode("reject_reason"),
            resolution: try row.decode("resolution"), resolvedAt: try row.decode("resolved_at"),
            rating: try row.decode("rating"), ratingComment: try row.decode("rating_comment"),
            reopenCount: try row.decode("reopen_count"), closedReason: try row.decode("closed_reason"),
            dispatches: dispatches, steps: steps, version: try row.decode("version"),
            createdAt: try row.decode("created_at"))
    }
}

/// A dispatch as the events' JSON column lists it.
private struct DispatchColumn: Decodable {
    let id: UUID
    let departmentId: UUID
    let lead: Bool
    let authorityBasis: String
    let dueOn: String
    let status: String
    let returnReason: String?
    let outcome: String?
    let actionsTaken: String?
    let dispatchedOn: String
    let acceptedAt: Double?
    let fedBackOn: String?
    let progressCount: Int

    func dispatch() throws -> GridEventDispatch {
        guard let due = CalendarDay(dueOn), let dispatched = CalendarDay(dispatchedOn),
            let state = GridEventDispatch.Status(rawValue: status)
        else { throw PostgresError(.decoding, column: "dispatches", detail: "unknown dispatch field") }
        return GridEventDispatch(
            id: id, departmentId: departmentId, lead: lead, authorityBasis: authorityBasis, dueOn: due, status: state,
            returnReason: returnReason, outcome: outcome, actionsTaken: actionsTaken, dispatchedOn: dispatched,
            acceptedAt: acceptedAt.map(Date.init(timeIntervalSince1970:)),
            fedBackOn: fedBackOn.flatMap { CalendarDay($0) },
            progressCount: progressCount)
    }
}

/// A step as the events' JSON column lists it.
private struct StepColumn: Decodable {
    let action: String
    let from: String
    let to: String
    let tier: String?
    let actor: UUID?
    let note: String?
    let at: Double

    func step() throws -> GridEventStep {
        guard let fromStatus = GridEventStatus(rawValue: from), let toStatus = GridEventStatus(rawValue: to) else {
            throw PostgresError(.decoding, column: "steps", detail: "unknown step status")
        }
        return GridEventStep(
            action: action, from: fromStatus, to: toStatus, tier: tier.flatMap(GridEventTier.init(rawValue:)),
            actorTokenId: actor, note: note, at: Date(timeIntervalSince1970: at))
    }
}
