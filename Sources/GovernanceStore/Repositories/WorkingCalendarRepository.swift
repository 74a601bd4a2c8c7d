import Foundation
public import Governance
public import Postgres

/// The working-day calendars each city loads, a year at a time.
public struct WorkingCalendarRepository: Sendable {
    let store: Store

    /// Creates the repository.
    public init(store: Store) { self.store = store }

    static let columns = "year, holidays::text AS holidays, working_weekends::text AS working_weekends, version"

    /// The calendars of `cityPath` for `years` that are loaded.
    public func find(cityPath: String, years: [Int], via route: ReadRoute) async throws -> [WorkingCalendar] {
        let rows = try await store.read(
            """
            SELECT \(unsafeSQL: Self.columns) FROM working_calendar
            WHERE city_path = \(cityPath)::ltree AND year = ANY(\(years)::integer[]) ORDER BY year
            """, via: route)
        return try rows.map(WorkingCalendar.init(row:))
    }

    /// Day counting for an area at `areaPath`: its city's loaded calendars for `years`, Monday
    /// to Friday where none is loaded (and outside any city).
    public func handlingDays(forAreaAt areaPath: String, years: ClosedRange<Int>, in transaction: PostgresTransaction)
        async throws -> HandlingDays
    {
        guard let cityPath = AreaPath.city(of: areaPath) else { return .weekdaysOnly }
        return HandlingDays(
            calendars: try await find(cityPath: cityPath, years: Array(years), via: .transaction(transaction)))
    }

    /// Loads (or replaces) a year's calendar of `cityPath`.
    public func put(_ calendar: WorkingCalendar, cityPath: String, in transaction: PostgresTransaction) async throws
        -> WorkingCalendar
    {
        let rows = try await transaction.query(
            """
            INSERT INTO working_calendar (city_path, year, holidays, working_weekends)
            VALUES (\(cityPath)::ltree, \(calendar.year), \(calendar.holidays.sorted().map(\.description))::date[],
                    \(calendar.workingWeekends.sorted().map(\.description))::date[])
            ON CONFLICT (city_path, year) DO UPDATE SET holidays = EXCLUDED.holidays,
                working_weekends = EXCLUDED.working_weekends, version = working_calendar.version + 1, updated_at = now()
            RETURNING \(unsafeSQL: Self.columns)
            """)
        return try WorkingCalendar(row: rows[0])
    }
}

extension WorkingCalendar {
    init(row: PostgresRow) throws {
        func days(_ column: String) throws -> Set<CalendarDay> {
            Set(PostgresTextArray.parse(try row.decode(column, as: String.self)).compactMap { CalendarDay($0) })
        }
        self.init(
            year: try row.decode("year"), holidays: try days("holidays"), workingWeekends: try days("working_weekends"),
            version: try row.decode("version"))
    }
}
