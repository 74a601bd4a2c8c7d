public import Foundation
public import Governance
public import Postgres

/// Self-governance meetings and their decisions (COM-18 – COM-21).
public struct MeetingRepository: Sendable {
    let store: Store

    /// Creates the repository.
    public init(store: Store) { self.store = store }

    static let columns = """
        m.id, m.area_id, m.area_path::text AS area_path, m.kind, m.basis, m.proposal_base, m.proposal_signatures,
        m.proposal_total, m.notice_on::text AS notice_on, m.held_on::text AS held_on, m.eligible, m.present, m.quorate,
        to_json(m.agenda)::text AS agenda, m.version, m.created_at,
        (SELECT coalesce(json_agg(json_build_object('id', d.id, 'item', d.item, 'text', d.text, 'yes', d.yes,
                 'no', d.no, 'abstain', d.abstain, 'passed', d.passed) ORDER BY d.created_at, d.id), '[]')
           FROM meeting_decision d WHERE d.meeting_id = m.id)::text AS decisions
        """

    /// Records a held meeting with its computed quorum.
    public func insert(
        _ new: NewMeeting, area: Area, eligible: Int, quorate: Bool, in transaction: PostgresTransaction
    ) async throws -> Meeting {
        let id = Identifier.make()
        try await transaction.query(
            """
            INSERT INTO meeting (id, area_id, area_path, kind, basis, proposal_base, proposal_signatures, proposal_total,
                                 notice_on, held_on, eligible, present, quorate, agenda)
            VALUES (\(id), \(area.id), \(area.path)::ltree, \(new.kind.rawValue), \(new.basis.rawValue),
                    \(new.proposal?.base.rawValue), \(new.proposal?.signatures), \(new.proposal?.total),
                    \(new.noticeOn)::date, \(new.heldOn)::date, \(eligible), \(new.present), \(quorate),
                    \(new.agenda)::text[])
            """)
        return try await find(id, scopePath: area.path, via: .transaction(transaction))!
    }

    /// The meeting `id` when its area lies in `scopePath`.
    public func find(_ id: UUID, scopePath: String, via route: ReadRoute, lock: Bool = false) async throws -> Meeting? {
        var query: PostgresQuery = """
            SELECT \(unsafeSQL: Self.columns) FROM meeting m WHERE m.id = \(id) AND m.area_path <@ \(scopePath)::ltree
            """
        if lock { query.append(" FOR UPDATE OF m") }
        return try await store.read(query, via: route).first.map(Self.meeting(from:))
    }

    /// One page of meetings in scope, in the order they were recorded.
    public func list(
        scopePath: String, areaPath: String?, kind: MeetingKind?, from: CalendarDay?, to: CalendarDay?,
        after: UUID?, limit: Int, deadline: ContinuousClock.Instant
    ) async throws -> Page<Meeting> {
        var query: PostgresQuery = """
            SELECT \(unsafeSQL: Self.columns) FROM meeting m WHERE m.area_path <@ \(scopePath)::ltree
            """
        if let areaPath { query.append(" AND m.area_path <@ \(areaPath)::ltree") }
        if let kind { query.append(" AND m.kind = \(kind.rawValue)") }
        if let from { query.append(" AND m.held_on >= \(from)::date") }
        if let to { query.append(" AND m.held_on <= \(to)::date") }
        if let after { query.append(" AND m.id > \(after)") }
        query.append(" ORDER BY m.id LIMIT \(limit + 1)")
        let rows = try await store.read(query, deadline: deadline)
        return try Page.keyset(
            rows, limit: limit, decode: Self.meeting(from:),
            cursor: { PageCursor.encode($0.id) })
    }

    /// The members of the area's representative assembly on `day`: the body an assembly's
    /// quorum is counted on.
    public func assemblyMembers(areaId: UUID, on day: CalendarDay, in transaction: PostgresTransaction) async throws
        -> Int?
    {
        let rows = try await transaction.query(
            """
            SELECT c.id, (SELECT count(*) FROM committee_member cm WHERE cm.committee_id = c.id
                           AND cm.started_on <= \(day)::date AND (cm.ended_on IS NULL OR cm.ended_on >= \(day)::date)) AS members
            FROM committee c
            WHERE c.area_id = \(areaId) AND c.kind = 'representative_assembly'
              AND c.term_start <= \(day)::date AND c.term_end >= \(day)::date
            ORDER BY c.term_start DESC LIMIT 1
            """)
        return try rows.first?.decode("members", as: Int.self)
    }

    /// Records a decision.
    public func insertDecision(
        meetingId: UUID, item: String, text: String, yes: Int, no: Int, abstain: Int, passed: Bool,
        in transaction: PostgresTransaction
    ) async throws -> UUID {
        let id = Identifier.make()
        try await transaction.query(
            """
            INSERT INTO meeting_decision (id, meeting_id, item, text, yes, no, abstain, passed)
            VALUES (\(id), \(meetingId), \(item), \(text), \(yes), \(no), \(abstain), \(passed))
            """)
        try await transaction.query("UPDATE meeting SET version = version + 1 WHERE id = \(meetingId)")
        return id
    }

    static func meeting(from row: PostgresRow) throws -> Meeting {
        guard let kind = MeetingKind(rawValue: try row.decode("kind", as: String.self)),
            let basis = MeetingBasis(rawValue: try row.decode("basis", as: String.self))
        else { throw PostgresError(.decoding, column: "kind", detail: "unknown meeting field") }
        let proposal = try row.decode("proposal_base", as: String?.self).flatMap(ProposerBase.init(rawValue:)).map {
            MeetingProposal(
                base: $0, signatures: try row.decode("proposal_signatures"), total: try row.decode("proposal_total"))
        }
        return Meeting(
            id: try row.decode("id"), areaId: try row.decode("area_id"), areaPath: try row.decode("area_path"),
            kind: kind, basis: basis, proposal: proposal,
            noticeOn: try row.decode("notice_on", as: CalendarDay.self),
            heldOn: try row.decode("held_on", as: CalendarDay.self), eligible: try row.decode("eligible"),
            present: try row.decode("present"), quorate: try row.decode("quorate"),
            agenda: try row.decodeJSON("agenda", as: [String].self),
            decisions: try row.decodeJSON("decisions", as: [DecisionColumn].self).map {
                MeetingDecision(
                    id: $0.id, item: $0.item, text: $0.text, yes: $0.yes, no: $0.no, abstain: $0.abstain,
                    passed: $0.passed)
            },
            version: try row.decode("version"), createdAt: try row.decode("created_at"))
    }
}

/// A decision as the meetings' JSON column lists it.
private struct DecisionColumn: Decodable {
    let id: UUID
    let item: String
    let text: String
    let yes: Int
    let no: Int
    let abstain: Int
    let passed: Bool
}

extension MeetingRepository {
    /// A decision of a meeting held in `areaIds` and in scope: what a consultation topic or a
    /// convention links to (CON-9, CNV-3).
    public func findDecision(
        _ id: UUID, areaIds: [UUID], scopePath: String, in transaction: PostgresTransaction
    ) async throws -> (passed: Bool, kind: MeetingKind, heldOn: CalendarDay)? {
        let rows = try await transaction.query(
            """
            SELECT d.passed, m.kind, m.held_on::text AS held_on
            FROM meeting_decision d JOIN meeting m ON m.id = d.meeting_id
            WHERE d.id = \(id) AND m.area_id = ANY(\(areaIds)::uuid[]) AND m.area_path <@ \(scopePath)::ltree
            """)
        return try rows.first.map {
            (try $0.decode("passed"), try $0.decode("kind"), try $0.decode("held_on"))
        }
    }
}
