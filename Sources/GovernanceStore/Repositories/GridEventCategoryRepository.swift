public import Foundation
public import Governance
public import Postgres

/// The grid-event category catalogue: the defaults, and each city's own entries over them.
public struct GridEventCategoryRepository: Sendable {
    let store: Store

    /// Creates the repository.
    public init(store: Store) { self.store = store }

    static let columns = """
        code, name_zh, name_en, default_tier, time_limit_days, day_kind, department_id, risk_required, sensitive,
        city_path::text AS city_path, version
        """

    /// The catalogue in force for `cityPath` (its entries, the defaults where it has none), by code.
    public func catalogue(cityPath: String?, via route: ReadRoute) async throws -> [GridEventCategory] {
        try await entries(cityPath: cityPath, code: nil, via: route)
    }

    /// One entry in force for `cityPath`.
    public func find(_ code: String, cityPath: String?, via route: ReadRoute) async throws -> GridEventCategory? {
        try await entries(cityPath: cityPath, code: code, via: route).first
    }

    private func entries(cityPath: String?, code: String?, via route: ReadRoute) async throws -> [GridEventCategory] {
        var query: PostgresQuery = """
            SELECT DISTINCT ON (code) \(unsafeSQL: Self.columns) FROM grid_event_category
            WHERE (city_path IS NULL OR city_path = \(cityPath ?? "")::ltree)
            """
        if let code { query.append(" AND code = \(code)") }
        query.append(" ORDER BY code, city_path IS NULL")
        return try await store.read(query, via: route).map(GridEventCategory.init(row:))
    }

    /// Writes a city's entry for `code` (a new one, or a new version of it).
    public func put(
        code: String, cityPath: String, nameZh: String, nameEn: String, defaultTier: GridEventTier,
        timeLimitDays: Int, dayKind: DayKind, departmentId: UUID?, riskRequired: Bool, sensitive: Bool,
        in transaction: PostgresTransaction
    ) async throws -> GridEventCategory {
        let rows = try await transaction.query(
            """
            INSERT INTO grid_event_category (id, city_path, code, name_zh, name_en, default_tier, time_limit_days, day_kind,
                department_id, risk_required, sensitive)
            VALUES (\(Identifier.make()), \(cityPath)::ltree, \(code), \(nameZh), \(nameEn), \(defaultTier), \(timeLimitDays),
                \(dayKind), \(departmentId)::uuid, \(riskRequired), \(sensitive))
            ON CONFLICT ((coalesce(city_path, ''::ltree)), code) DO UPDATE SET
                name_zh = EXCLUDED.name_zh, name_en = EXCLUDED.name_en, default_tier = EXCLUDED.default_tier,
                time_limit_days = EXCLUDED.time_limit_days, day_kind = EXCLUDED.day_kind,
                department_id = EXCLUDED.department_id, risk_required = EXCLUDED.risk_required,
                sensitive = EXCLUDED.sensitive, version = grid_event_category.version + 1
            RETURNING \(unsafeSQL: Self.columns)
            """)
        return try GridEventCategory(row: rows[0])
    }
}

extension GridEventCategory {
    init(row: PostgresRow) throws {
        self.init(
            code: try row.decode("code"), nameZh: try row.decode("name_zh"), nameEn: try row.decode("name_en"),
            defaultTier: try row.decode("default_tier"), timeLimitDays: try row.decode("time_limit_days"),
            dayKind: try row.decode("day_kind"), departmentId: try row.decode("department_id"),
            riskRequired: try row.decode("risk_required"), sensitive: try row.decode("sensitive"),
            cityPath: try row.decode("city_path"), version: try row.decode("version"))
    }
}
