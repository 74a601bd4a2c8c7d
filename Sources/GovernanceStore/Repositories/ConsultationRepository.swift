public import Foundation
public import Governance
public import Postgres

/// Consultation bodies, catalogues and topics with their record (CON-1 – CON-12).
public struct ConsultationRepository: Sendable {
    let store: Store

    /// Creates the repository.
    public init(store: Store) { self.store = store }

    // MARK: Bodies and catalogues

    /// Records a consultation body.
    public func insertBody(
        area: Area, name: String, kind: ConsultationBody.Kind, establishedOn: CalendarDay,
        members: [ConsultationBody.Member], in transaction: PostgresTransaction
    ) async throws -> ConsultationBody {
        let id = Identifier.make()
        try await transaction.query(
            """
            INSERT INTO consultation_body (id, area_id, area_path, name, kind, established_on, members)
            VALUES (\(id), \(area.id), \(area.path)::ltree, \(name), \(kind), \(establishedOn)::date,
                    \(try jsonText(members))::jsonb)
            """)
        return ConsultationBody(
            id: id, areaId: area.id, name: name, kind: kind, establishedOn: establishedOn, members: members, version: 1)
    }

    /// One page of bodies in scope.
    public func listBodies(
        scopePath: String, areaPath: String?, after: UUID?, limit: Int, deadline: ContinuousClock.Instant
    ) async throws -> Page<ConsultationBody> {
        var query: PostgresQuery = """
            SELECT id, area_id, name, kind, established_on::text AS established_on, members::text AS members, version
            FROM consultation_body WHERE area_path <@ \(scopePath)::ltree
            """
        if let areaPath { query.append(" AND area_path <@ \(areaPath)::ltree") }
        if let after { query.append(" AND id > \(after)") }
        query.append(" ORDER BY id LIMIT \(limit + 1)")
        return try Page.keyset(
            try await store.read(query, deadline: deadline), limit: limit,
            decode: { row in
                ConsultationBody(
                    id: try row.decode("id"), areaId: try row.decode("area_id"), name: try row.decode("name"),
                    kind: try row.decode("kind"), establishedOn: try row.decode("established_on"),
                    members: try row.decodeJSON("members"), version: try row.decode("version"))
            }, cursor: { PageCursor.encode($0.id) })
    }

    /// Publishes the next version of an area's catalogue.
    public func insertCatalogue(
        area: Area, items: [CatalogueItem], publishedOn: CalendarDay, in transaction: PostgresTransaction
    ) async throws -> ConsultationCatalogue {
        let id = Identifier.make()
        let rows = try await transaction.query(
            """
            INSERT INTO consultation_catalogue (id, area_id, area_path, number, items, published_on)
            SELECT \(id), \(area.id), \(area.path)::ltree, coalesce(max(number), 0) + 1, \(try jsonText(items))::jsonb,
                   \(publishedOn)::date
            FROM consultation_catalogue WHERE area_id = \(area.id)
            RETURNING number
            """)
        return ConsultationCatalogue(
            id: id, areaId: area.id, number: try rows.first!.decode("number"), items: items, publishedOn: publishedOn)
    }

    /// An area's catalogue versions, newest first.
    public func catalogues(areaId: UUID, via route: ReadRoute) async throws -> [ConsultationCatalogue] {
        try await store.read(
            """
            SELECT id, area_id, number, items::text AS items, published_on::text AS published_on
            FROM consultation_catalogue WHERE area_id = \(areaId) ORDER BY number DESC LIMIT 100
            """, via: route
        ).map { row in
            ConsultationCatalogue(
                id: try row.decode("id"), areaId: try row.decode("area_id"), number: try row.decode("number"),
                items: try row.decodeJSON("items"), publishedOn: try row.decode("published_on"))
        }
    }

    // MARK: Topics

    static let columns = """
        t.id, t.owner_area_id, t.owner_path::text AS owner_path, t.owner_kind, to_json(t.community_ids)::text AS community_ids,
        t.title, t.description, t.category, t.proposer, t.proposer_count, t.technical, t.reserved_to_meeting,
        t.procedure_ref, t.flow, t.status, t.plan::text AS plan, t.plan_published_on::text AS plan_published_on,
        t.participants_notified_on::text AS participants_notified_on, t.result::text AS result,
        t.result_published_on::text AS result_published_on, t.meeting_decision_id, t.decision_passed,
        t.evaluation::text AS evaluation, t.closing_reason, t.version, t.created_at,
        (SELECT coalesce(json_agg(json_build_object('id', e.id, 'kind', e.kind, 'recordedOn', e.recorded_on,
                 'body', e.body) ORDER BY e.created_at, e.id), '[]')
           FROM consultation_entry e WHERE e.topic_id = t.id)::text AS entries
        """

    /// Records a proposed topic.
    public func insertTopic(
        _ new: NewConsultationTopic, owner: Area, reservedToMeeting: Bool, in transaction: PostgresTransaction
    ) async throws -> ConsultationTopic {
        let id = Identifier.make()
        try await transaction.query(
            """
            INSERT INTO consultation_topic (id, owner_area_id, owner_path, owner_kind, community_ids, title, description,
                category, proposer, proposer_count, technical, reserved_to_meeting, procedure_ref, flow, status)
            VALUES (\(id), \(owner.id), \(owner.path)::ltree, \(owner.kind), \(new.communityIds)::uuid[], \(new.title),
                    \(new.description), \(new.category), \(new.proposer), \(new.proposerCount), \(new.technical),
                    \(reservedToMeeting), \(new.procedureRef), \(ConsultationRules.flow(ownerKind: owner.kind)),
                    'proposed')
            """)
        return try await findTopic(id, scopePath: owner.path, via: .transaction(transaction))!
    }

    /// The topic `id` when its owner lies in `scopePath`.
    public func findTopic(_ id: UUID, scopePath: String, via route: ReadRoute, lock: Bool = false) async throws
        -> ConsultationTopic?
    {
        var query: PostgresQuery = """
            SELECT \(unsafeSQL: Self.columns) FROM consultation_topic t
            WHERE t.id = \(id) AND t.owner_path <@ \(scopePath)::ltree
            """
        if lock { query.append(" FOR UPDATE OF t") }
        return try await store.read(query, via: route).first.map(Self.topic(from:))
    }

    /// One page of topics in scope.
    public func listTopics(
        scopePath: String, areaPath: String?, status: ConsultationStatus?, after: UUID?, limit: Int,
        deadline: ContinuousClock.Instant
    ) async throws -> Page<ConsultationTopic> {
        var query: PostgresQuery = """
            SELECT \(unsafeSQL: Self.columns) FROM consultation_topic t WHERE t.owner_path <@ \(scopePath)::ltree
            """
        if let areaPath { query.append(" AND t.owner_path <@ \(areaPath)::ltree") }
        if let status { query.append(" AND t.status = \(status)") }
        if let after { query.append(" AND t.id > \(after)") }
        query.append(" ORDER BY t.id LIMIT \(limit + 1)")
        return try Page.keyset(
            try await store.read(query, deadline: deadline), limit: limit, decode: Self.topic(from:),
            cursor: { PageCursor.encode($0.id) })
    }

    /// The published topics concerning a community: the public board (no token).
    public func publicTopics(communityId: UUID, after: UUID?, limit: Int, deadline: ContinuousClock.Instant)
        async throws -> Page<ConsultationTopic>
    {
        var query: PostgresQuery = """
            SELECT \(unsafeSQL: Self.columns) FROM consultation_topic t
            WHERE t.community_ids @> ARRAY[\(communityId)]::uuid[]
              AND t.status NOT IN ('proposed', 'selected', 'declined', 'withdrawn')
            """
        if let after { query.append(" AND t.id > \(after)") }
        query.append(" ORDER BY t.id LIMIT \(limit + 1)")
        return try Page.keyset(
            try await store.read(query, deadline: deadline), limit: limit, decode: Self.topic(from:),
            cursor: { PageCursor.encode($0.id) })
    }

    /// Writes a topic's state after a step.
    public func updateTopic(_ topic: ConsultationTopic, in transaction: PostgresTransaction) async throws {
        try await transaction.query(
            """
            UPDATE consultation_topic SET status = \(topic.status), plan = \(try topic.plan.map(jsonText))::jsonb,
                plan_published_on = \(topic.planPublishedOn)::date,
                participants_notified_on = \(topic.participantsNotifiedOn)::date,
                result = \(try topic.result.map(jsonText))::jsonb, result_published_on = \(topic.resultPublishedOn)::date,
                meeting_decision_id = \(topic.meetingDecisionId), decision_passed = \(topic.decisionPassed),
                evaluation = \(try topic.evaluation.map(jsonText))::jsonb, closing_reason = \(topic.closingReason),
                version = version + 1, updated_at = now()
            WHERE id = \(topic.id)
            """)
    }

    /// Appends an entry to a topic's record.
    public func insertEntry(
        topicId: UUID, _ content: ConsultationEntry.Content, on day: CalendarDay, in transaction: PostgresTransaction
    ) async throws {
        let (kind, body): (String, String) =
            switch content {
            case .session(let session): ("session", try jsonText(session))
            case .assessment(let assessment): ("assessment", try jsonText(assessment))
            case .progress(let progress): ("progress", try jsonText(progress))
            }
        try await transaction.query(
            """
            INSERT INTO consultation_entry (id, topic_id, kind, recorded_on, body)
            VALUES (\(Identifier.make()), \(topicId), \(kind), \(day)::date, \(body)::jsonb)
            """)
    }

    /// Topics under `areaPath` by status and by planned form (the consultation statistics).
    public func counts(areaPath: String, deadline: ContinuousClock.Instant) async throws -> (
        byStatus: [String: Int], byForm: [String: Int]
    ) {
        let rows = try await store.read(
            """
            SELECT 'status' AS axis, status AS key, count(*)::int AS n FROM consultation_topic
             WHERE owner_path <@ \(areaPath)::ltree GROUP BY status
            UNION ALL
            SELECT 'form', plan->>'form', count(*)::int FROM consultation_topic
             WHERE owner_path <@ \(areaPath)::ltree AND plan ? 'form' GROUP BY plan->>'form'
            """, deadline: deadline)
        var byStatus: [String: Int] = [:]
        var byForm: [String: Int] = [:]
        for row in rows {
            let key: String = try row.decode("key")
            if try row.decode("axis", as: String.self) == "status" {
                byStatus[key] = try row.decode("n")
            } else {
                byForm[key] = try row.decode("n")
            }
        }
        return (byStatus, byForm)
    }

    static func topic(from row: PostgresRow) throws -> ConsultationTopic {
        ConsultationTopic(
            id: try row.decode("id"), ownerAreaId: try row.decode("owner_area_id"),
            ownerPath: try row.decode("owner_path"), ownerKind: try row.decode("owner_kind"),
            communityIds: try row.decodeJSON("community_ids"), title: try row.decode("title"),
            description: try row.decode("description"), category: try row.decode("category"),
            proposer: try row.decode("proposer"), proposerCount: try row.decode("proposer_count"),
            technical: try row.decode("technical"), reservedToMeeting: try row.decode("reserved_to_meeting"),
            procedureRef: try row.decode("procedure_ref"), flow: try row.decode("flow"),
            status: try row.decode("status"),
            plan: try row.decodeOptionalJSON("plan"), planPublishedOn: try row.decode("plan_published_on"),
            participantsNotifiedOn: try row.decode("participants_notified_on"),
            result: try row.decodeOptionalJSON("result"), resultPublishedOn: try row.decode("result_published_on"),
            meetingDecisionId: try row.decode("meeting_decision_id"), decisionPassed: try row.decode("decision_passed"),
            evaluation: try row.decodeOptionalJSON("evaluation"), closingReason: try row.decode("closing_reason"),
            entries: try row.decodeJSON("entries", as: [EntryColumn].self).map(\.entry),
            version: try row.decode("version"), createdAt: try row.decode("created_at"))
    }
}

/// An entry as the topics' JSON column lists it.
private struct EntryColumn: Decodable {
    let entry: ConsultationEntry

    enum Keys: String, CodingKey { case id, kind, recordedOn, body }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        let content: ConsultationEntry.Content =
            switch try container.decode(String.self, forKey: .kind) {
            case "session": .session(try container.decode(ConsultationSession.self, forKey: .body))
            case "assessment": .assessment(try container.decode(ConsultationAssessment.self, forKey: .body))
            default: .progress(try container.decode(ConsultationProgress.self, forKey: .body))
            }
        entry = ConsultationEntry(
            id: try container.decode(UUID.self, forKey: .id),
            recordedOn: try container.decode(CalendarDay.self, forKey: .recordedOn), content: content)
    }
}
