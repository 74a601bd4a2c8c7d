public import Foundation
public import Governance
public import Postgres

/// Village rules and community conventions, their versions and records (CNV-1 – CNV-8).
public struct ConventionRepository: Sendable {
    let store: Store

    /// Creates the repository.
    public init(store: Store) { self.store = store }

    static let columns = """
        c.id, c.area_id, c.area_path::text AS area_path, c.kind, c.name, c.body, c.deliberating_body,
        c.effective_on::text AS effective_on, c.clauses::text AS clauses, c.revises, c.consultation_topic_id,
        c.opinions_solicited_on::text AS opinions_solicited_on, c.opinion_note, c.status,
        c.legality_review::text AS legality_review, c.meeting_decision_id, c.authorisation_ref,
        c.adopted_on::text AS adopted_on, c.filed_with, c.filed_on::text AS filed_on,
        c.published_on::text AS published_on, c.version, c.created_at,
        (SELECT min(r.effective_on) FROM convention r WHERE r.revises = c.id AND r.status = 'adopted')::text
            AS superseded_on,
        (SELECT coalesce(json_agg(json_build_object('id', x.id, 'kind', x.kind, 'clause', x.clause,
                 'subjectName', x.subject_name, 'note', x.note, 'supervisorMemberId', x.supervisor_member_id,
                 'recordedOn', x.recorded_on) ORDER BY x.created_at, x.id), '[]')
           FROM convention_record x WHERE x.convention_id = c.id)::text AS records
        """

    /// Records a new draft (or a revision of `revises`).
    public func insert(
        kind: ConventionKind, draft: ConventionDraft, area: Area, revises: UUID?, consultationTopicId: UUID?,
        in transaction: PostgresTransaction
    ) async throws -> Convention {
        let id = Identifier.make()
        try await transaction.query(
            """
            INSERT INTO convention (id, area_id, area_path, kind, name, body, deliberating_body, effective_on, clauses,
                                    revises, consultation_topic_id, status)
            VALUES (\(id), \(area.id), \(area.path)::ltree, \(kind), \(draft.name), \(draft.body),
                    \(draft.deliberatingBody), \(draft.effectiveOn)::date, \(try jsonText(draft.clauses))::jsonb,
                    \(revises), \(consultationTopicId), 'drafting')
            """)
        return try await find(id, scopePath: area.path, via: .transaction(transaction))!
    }

    /// The convention `id` in scope.
    public func find(_ id: UUID, scopePath: String, via route: ReadRoute, lock: Bool = false) async throws
        -> Convention?
    {
        var query: PostgresQuery = """
            SELECT \(unsafeSQL: Self.columns) FROM convention c WHERE c.id = \(id) AND c.area_path <@ \(scopePath)::ltree
            """
        if lock { query.append(" FOR UPDATE OF c") }
        return try await store.read(query, via: route).first.map(Self.convention(from:))
    }

    /// One page of conventions in scope.
    public func list(
        scopePath: String, areaPath: String?, kind: ConventionKind?, after: UUID?, limit: Int,
        deadline: ContinuousClock.Instant
    ) async throws -> Page<Convention> {
        var query: PostgresQuery = """
            SELECT \(unsafeSQL: Self.columns) FROM convention c WHERE c.area_path <@ \(scopePath)::ltree
            """
        if let areaPath { query.append(" AND c.area_path <@ \(areaPath)::ltree") }
        if let kind { query.append(" AND c.kind = \(kind)") }
        if let after { query.append(" AND c.id > \(after)") }
        query.append(" ORDER BY c.id LIMIT \(limit + 1)")
        return try Page.keyset(
            try await store.read(query, deadline: deadline), limit: limit, decode: Self.convention(from:),
            cursor: { PageCursor.encode($0.id) })
    }

    /// Whether another adopted version of `kind` holds the area, not superseded and not
    /// `revises` (CNV-8). Two votes of the same area and kind wait for each other here, so two
    /// rival versions cannot both be adopted.
    public func anotherAdopted(
        areaId: UUID, kind: ConventionKind, excluding id: UUID, revises: UUID?, in transaction: PostgresTransaction
    ) async throws -> Bool {
        try await transaction.query(
            "SELECT pg_advisory_xact_lock(hashtextextended(\(areaId)::text || \(kind.rawValue), 0))")
        let rows = try await transaction.query(
            """
            SELECT EXISTS (
                SELECT 1 FROM convention c
                WHERE c.area_id = \(areaId) AND c.kind = \(kind) AND c.status = 'adopted' AND c.id <> \(id)
                  AND c.id IS DISTINCT FROM \(revises)
                  AND NOT EXISTS (SELECT 1 FROM convention r WHERE r.revises = c.id AND r.status = 'adopted')
            ) AS found
            """)
        return try rows.first?.decode("found") ?? false
    }

    /// Writes a convention's state after a step.
    public func update(_ convention: Convention, in transaction: PostgresTransaction) async throws {
        let draft = convention.draft
        try await transaction.query(
            """
            UPDATE convention SET name = \(draft.name), body = \(draft.body), deliberating_body = \(draft.deliberatingBody),
                effective_on = \(draft.effectiveOn)::date, clauses = \(try jsonText(draft.clauses))::jsonb,
                consultation_topic_id = \(convention.consultationTopicId),
                opinions_solicited_on = \(convention.opinionsSolicitedOn)::date, opinion_note = \(convention.opinionNote),
                status = \(convention.storedStatus),
                legality_review = \(try convention.legalityReview.map(jsonText))::jsonb,
                meeting_decision_id = \(convention.meetingDecisionId), authorisation_ref = \(convention.authorisationRef),
                adopted_on = \(convention.adoptedOn)::date, filed_with = \(convention.filedWith),
                filed_on = \(convention.filedOn)::date, published_on = \(convention.publishedOn)::date,
                version = version + 1, updated_at = now()
            WHERE id = \(convention.id)
            """)
    }

    /// Appends an execution or supervision record.
    public func insertRecord(
        conventionId: UUID, _ record: NewConventionRecord, on day: CalendarDay, in transaction: PostgresTransaction
    ) async throws {
        try await transaction.query(
            """
            INSERT INTO convention_record (id, convention_id, kind, clause, subject_name, note, supervisor_member_id,
                                           recorded_on)
            VALUES (\(Identifier.make()), \(conventionId), \(record.kind), \(record.clause), \(record.subjectName),
                    \(record.note), \(record.supervisorMemberId), \(day)::date)
            """)
        try await transaction.query("UPDATE convention SET version = version + 1 WHERE id = \(conventionId)")
    }

    /// Versions under `areaPath` adopted, and of those filed (the convention statistics).
    public func counts(areaPath: String, deadline: ContinuousClock.Instant) async throws -> (adopted: Int, filed: Int) {
        let rows = try await store.read(
            """
            SELECT count(*) FILTER (WHERE status = 'adopted')::int AS adopted,
                   count(*) FILTER (WHERE status = 'adopted' AND filed_on IS NOT NULL)::int AS filed
            FROM convention WHERE area_path <@ \(areaPath)::ltree
            """, deadline: deadline)
        return (try rows.first?.decode("adopted") ?? 0, try rows.first?.decode("filed") ?? 0)
    }

    static func convention(from row: PostgresRow) throws -> Convention {
        Convention(
            id: try row.decode("id"), areaId: try row.decode("area_id"), areaPath: try row.decode("area_path"),
            kind: try row.decode("kind"),
            draft: ConventionDraft(
                name: try row.decode("name"), body: try row.decode("body"),
                deliberatingBody: try row.decode("deliberating_body"), effectiveOn: try row.decode("effective_on"),
                clauses: try row.decodeJSON("clauses")),
            revises: try row.decode("revises"), consultationTopicId: try row.decode("consultation_topic_id"),
            opinionsSolicitedOn: try row.decode("opinions_solicited_on"), opinionNote: try row.decode("opinion_note"),
            storedStatus: try row.decode("status"), legalityReview: try row.decodeOptionalJSON("legality_review"),
            meetingDecisionId: try row.decode("meeting_decision_id"),
            authorisationRef: try row.decode("authorisation_ref"), adoptedOn: try row.decode("adopted_on"),
            filedWith: try row.decode("filed_with"), filedOn: try row.decode("filed_on"),
            publishedOn: try row.decode("published_on"), supersededOn: try row.decode("superseded_on"),
            records: try row.decodeJSON("records", as: [RecordColumn].self).map {
                ConventionRecord(
                    id: $0.id, kind: ConventionRecordKind(rawValue: $0.kind) ?? .praise, clause: $0.clause,
                    subjectName: $0.subjectName, note: $0.note, supervisorMemberId: $0.supervisorMemberId,
                    recordedOn: $0.recordedOn)
            },
            version: try row.decode("version"), createdAt: try row.decode("created_at"))
    }
}

/// A record as the conventions' JSON column lists it.
private struct RecordColumn: Decodable {
    let id: UUID
    let kind: String
    let clause: Int?
    let subjectName: String?
    let note: String
    let supervisorMemberId: UUID?
    let recordedOn: CalendarDay
}
