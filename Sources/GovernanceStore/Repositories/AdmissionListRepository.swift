public import Foundation
public import Governance
public import Postgres

/// Published versions of the admitted lists (ADM-1).
public struct AdmissionListRepository: Sendable {
    let store: Store

    /// Creates the repository.
    public init(store: Store) { self.store = store }

    static let columns = """
        v.id, v.area_id, v.year, v.version, v.published_on::text AS published_on,
        (SELECT coalesce(json_agg(json_build_object('id', a.id, 'category', a.category) ORDER BY a.id), '[]')
           FROM admission_list_item li JOIN admission_application a ON a.id = li.application_id
          WHERE li.version_id = v.id)::text AS items
        """

    /// Publishes the next version of `year`'s lists of `area` in one statement: every admitted
    /// item whose target lies in the area and which runs during the year.
    public func publish(area: Area, year: Int, on day: CalendarDay, in transaction: PostgresTransaction)
        async throws -> AdmissionListVersion
    {
        let id = Identifier.make()
        try await transaction.query(
            """
            WITH version AS (
                INSERT INTO admission_list_version (id, area_id, area_path, year, version, published_on)
                SELECT \(id), \(area.id), \(area.path)::ltree, \(year),
                       coalesce(max(version), 0) + 1, \(day)::date
                FROM admission_list_version WHERE area_id = \(area.id) AND year = \(year)
                RETURNING id
            )
            INSERT INTO admission_list_item (version_id, application_id)
            SELECT \(id), a.id FROM admission_application a
            WHERE a.status = 'admitted' AND a.area_path <@ \(area.path)::ltree
              AND a.starts_on <= make_date(\(year), 12, 31) AND a.ends_on >= make_date(\(year), 1, 1)
            """)
        let rows = try await transaction.query(
            "SELECT \(unsafeSQL: Self.columns) FROM admission_list_version v WHERE v.id = \(id)")
        return try Self.version(from: rows[0])
    }

    /// One page of published versions in scope, optionally of one area and year, newest first
    /// within an area and year.
    public func list(
        scopePath: String, areaId: UUID?, year: Int?, after: UUID?, limit: Int, deadline: ContinuousClock.Instant
    ) async throws -> Page<AdmissionListVersion> {
        // A community sees the lists of the district and city above it, as a district sees its own.
        var query: PostgresQuery = """
            SELECT \(unsafeSQL: Self.columns) FROM admission_list_version v
            WHERE (v.area_path <@ \(scopePath)::ltree OR v.area_path @> \(scopePath)::ltree)
            """
        if let areaId { query.append(" AND v.area_id = \(areaId)") }
        if let year { query.append(" AND v.year = \(year)") }
        if let after { query.append(" AND v.id > \(after)") }
        query.append(" ORDER BY v.id LIMIT \(limit + 1)")
        let rows = try await store.read(query, deadline: deadline)
        return try Page.keyset(rows, limit: limit, decode: Self.version(from:), cursor: { PageCursor.encode($0.id) })
    }

    static func version(from row: PostgresRow) throws -> AdmissionListVersion {
        AdmissionListVersion(
            id: try row.decode("id"), areaId: try row.decode("area_id"), year: try row.decode("year"),
            version: try row.decode("version"), publishedOn: try row.decode("published_on", as: CalendarDay.self),
            items: try row.decodeJSON("items", as: [ItemColumn].self).compactMap { item in
                AdmissionCategory(rawValue: item.category).map { (item.id, $0) }
            })
    }
}

/// A listed item as the versions' JSON column lists it.
private struct ItemColumn: Decodable {
    let id: UUID
    let category: String
}
