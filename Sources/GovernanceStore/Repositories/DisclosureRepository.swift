public import Foundation
public import Governance
public import Postgres

/// The disclosure board (DIS-1 – DIS-6): append-only publications.
public struct DisclosureRepository: Sendable {
    let store: Store

    /// Creates the repository.
    public init(store: Store) { self.store = store }

    static let columns = """
        d.id, d.area_id, d.area_path::text AS area_path, d.category, d.title, d.period_from::text AS period_from,
        d.period_to::text AS period_to, d.content, d.finance_lines::text AS finance_lines,
        to_json(d.channels)::text AS channels, d.major, d.occurred_on::text AS occurred_on,
        d.published_on::text AS published_on, d.take_down_on::text AS take_down_on, d.reviewer_member_id,
        d.reviewed_on::text AS reviewed_on, d.corrects, d.source_type, d.source_id, d.created_at
        """

    /// Publishes an item today.
    public func insert(
        _ new: NewDisclosure, area: Area, publishedOn: CalendarDay, source: (type: String, id: UUID)? = nil,
        in transaction: PostgresTransaction
    ) async throws -> Disclosure {
        let id = Identifier.make()
        try await transaction.query(
            """
            INSERT INTO disclosure (id, area_id, area_path, category, title, period_from, period_to, content,
                finance_lines, channels, major, occurred_on, published_on, take_down_on, reviewer_member_id, reviewed_on,
                corrects, source_type, source_id)
            VALUES (\(id), \(area.id), \(area.path)::ltree, \(new.category), \(new.title), \(new.periodFrom)::date,
                    \(new.periodTo)::date, \(new.content), \(try jsonText(new.financeLines))::jsonb,
                    \(new.channels.map(\.rawValue))::text[], \(new.major), \(new.occurredOn)::date,
                    \(publishedOn)::date, \(new.takeDownOn)::date, \(new.reviewerMemberId), \(new.reviewedOn)::date,
                    \(new.corrects), \(source?.type), \(source?.id))
            """)
        return try await find(id, scopePath: area.path, via: .transaction(transaction))!
    }

    /// The item `id` in scope.
    public func find(_ id: UUID, scopePath: String, via route: ReadRoute) async throws -> Disclosure? {
        try await store.read(
            """
            SELECT \(unsafeSQL: Self.columns) FROM disclosure d WHERE d.id = \(id) AND d.area_path <@ \(scopePath)::ltree
            """, via: route
        ).first.map(Self.disclosure(from:))
    }

    /// One page of items in scope, newest first by id order (keyset).
    public func list(
        scopePath: String, areaPath: String?, category: DisclosureCategory?, onBoardOn: CalendarDay?, after: UUID?,
        limit: Int, deadline: ContinuousClock.Instant
    ) async throws -> Page<Disclosure> {
        var query: PostgresQuery = """
            SELECT \(unsafeSQL: Self.columns) FROM disclosure d WHERE d.area_path <@ \(scopePath)::ltree
            """
        if let areaPath { query.append(" AND d.area_path <@ \(areaPath)::ltree") }
        if let category { query.append(" AND d.category = \(category)") }
        if let onBoardOn {
            query.append(" AND (d.take_down_on IS NULL OR d.take_down_on >= \(onBoardOn)::date)")
        }
        if let after { query.append(" AND d.id > \(after)") }
        query.append(" ORDER BY d.id LIMIT \(limit + 1)")
        return try Page.keyset(
            try await store.read(query, deadline: deadline), limit: limit, decode: Self.disclosure(from:),
            cursor: { PageCursor.encode($0.id) })
    }

    /// What the timeliness report reads of an area's items overlapping `[from, to]`, and whether
    /// it has ever published its rules and procedures (DIS-1, DIS-3).
    public func timelinessItems(areaId: UUID, from: CalendarDay, to: CalendarDay, deadline: ContinuousClock.Instant)
        async throws -> (items: [DisclosureTimeliness.Item], hasProcedureItem: Bool)
    {
        let rows = try await store.read(
            """
            SELECT category, period_from::text AS period_from, period_to::text AS period_to,
                   published_on::text AS published_on, major, occurred_on::text AS occurred_on
            FROM disclosure
            WHERE area_id = \(areaId)
              AND ((period_from <= \(to)::date AND period_to >= \(from)::date) OR category = 'rules_procedures'
                   OR (major AND published_on BETWEEN \(from)::date AND \(to)::date))
            LIMIT 20000
            """, deadline: deadline)
        let items = try rows.map { row in
            DisclosureTimeliness.Item(
                category: try row.decode("category"), periodFrom: try row.decode("period_from"),
                periodTo: try row.decode("period_to"), publishedOn: try row.decode("published_on"),
                major: try row.decode("major"), occurredOn: try row.decode("occurred_on"))
        }
        return (items, items.contains { $0.category == .rulesProcedures })
    }

    /// Whether the committee member `memberId` serves on the supervision committee of `areaId`
    /// on `day` (DIS-5, CNV-7).
    public func servesOnSupervision(
        memberId: UUID, areaId: UUID, on day: CalendarDay, in transaction: PostgresTransaction
    ) async throws -> Bool {
        let rows = try await transaction.query(
            """
            SELECT EXISTS (
                SELECT 1 FROM committee_member m JOIN committee c ON c.id = m.committee_id
                WHERE m.id = \(memberId) AND c.area_id = \(areaId) AND c.kind = 'supervision_committee'
                  AND m.started_on <= \(day)::date AND (m.ended_on IS NULL OR m.ended_on >= \(day)::date)
            ) AS serves
            """)
        return try rows.first?.decode("serves") ?? false
    }

    /// Communities and villages under `areaPath` with the quarters of `year` up to today that
    /// they covered with a general publication: (due, covered) community-quarters.
    public func quarterCoverage(areaPath: String, year: Int, today: CalendarDay, deadline: ContinuousClock.Instant)
        async throws -> (due: Int, covered: Int)
    {
        let rows = try await store.read(
            """
            WITH quarters AS (
                SELECT q::date AS starts, (q + interval '3 months' - interval '1 day')::date AS ends
                FROM generate_series(make_date(\(year), 1, 1), make_date(\(year), 10, 1), interval '3 months') q
            ), due AS (
                SELECT a.id, q.starts, q.ends FROM area a CROSS JOIN quarters q
                WHERE a.path <@ \(areaPath)::ltree AND a.kind IN ('community', 'village') AND q.ends < \(today)::date
            )
            SELECT count(*)::int AS due,
                   count(*) FILTER (WHERE EXISTS (
                       SELECT 1 FROM disclosure d WHERE d.area_id = due.id AND d.category <> 'finance'
                         AND d.period_from <= due.ends AND d.period_to >= due.starts))::int AS covered
            FROM due
            """, deadline: deadline)
        return (try rows.first?.decode("due") ?? 0, try rows.first?.decode("covered") ?? 0)
    }

    static func disclosure(from row: PostgresRow) throws -> Disclosure {
        Disclosure(
            id: try row.decode("id"), areaId: try row.decode("area_id"), areaPath: try row.decode("area_path"),
            category: try row.decode("category"), title: try row.decode("title"),
            periodFrom: try row.decode("period_from"), periodTo: try row.decode("period_to"),
            content: try row.decode("content"), financeLines: try row.decodeJSON("finance_lines"),
            channels: try row.decodeJSON("channels", as: [String].self).compactMap(DisclosureChannel.init(rawValue:)),
            major: try row.decode("major"), occurredOn: try row.decode("occurred_on"),
            publishedOn: try row.decode("published_on"), takeDownOn: try row.decode("take_down_on"),
            reviewerMemberId: try row.decode("reviewer_member_id"), reviewedOn: try row.decode("reviewed_on"),
            corrects: try row.decode("corrects"), sourceType: try row.decode("source_type"),
            sourceId: try row.decode("source_id"), createdAt: try row.decode("created_at"))
    }
}
