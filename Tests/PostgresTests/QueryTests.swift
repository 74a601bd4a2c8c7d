import Foundation
import Postgres
import Testing

@Suite struct QueryTests {
    static let hostileStrings = [
        "O'Reilly", "'; DROP TABLE area; --", "\"quoted\" \\backslash\\", "$1 $2 ::text", "张三 王五", "社区居委会 🏘️👩‍👩‍👧",
        "line\nbreak\ttab", "", " ", "%_*?", "{\"json\": [1, 2]}", "\u{202E}right-to-left",
    ]

    @Test(arguments: hostileStrings)
    func hostileStringsAreBoundNeverSpliced(value: String) async throws {
        let client = TestDatabase.makeClient()
        defer { client.close() }
        let rows = try await client.query(
            "SELECT \(value)::text AS echoed, length(\(value)::text) AS length", deadline: TestDatabase.deadline())
        #expect(try rows[0].decode("echoed", as: String.self) == value)
        #expect(try rows[0].decode("length", as: Int.self) == value.unicodeScalars.count)
    }

    /// An array is written as one literal byte by byte: quotes and backslashes escaped, every
    /// other character (emoji sequences, right-to-left marks) left as it is.
    @Test func hostileStringsSurviveAsOneArray() async throws {
        let client = TestDatabase.makeClient()
        defer { client.close() }
        let rows = try await client.query(
            """
            SELECT value, ordinality FROM unnest(\(Self.hostileStrings)::text[]) WITH ORDINALITY AS list(value, ordinality)
            ORDER BY ordinality
            """, deadline: TestDatabase.deadline())
        #expect(try rows.map { try $0.decode("value", as: String.self) } == Self.hostileStrings)
    }

    /// PostgreSQL's own text output of arrays, read back: hostile strings, `NULL` against the
    /// text "NULL", and a two-dimensional array row after row.
    @Test func arraysPostgreSQLWritesAreReadBack() async throws {
        let client = TestDatabase.makeClient()
        defer { client.close() }
        let values: [String] = Self.hostileStrings + ["NULL", "", "{}", "a,b", " padded "]
        let rows = try await client.query(
            """
            SELECT \(values)::text[]::text AS flat,
                   ARRAY[ARRAY['x', NULL, 'NULL'], ARRAY[NULL, '"q"', '\\']]::text AS grid,
                   '{}'::text[]::text AS empty
            """, deadline: TestDatabase.deadline())
        let row = try #require(rows.first)
        #expect(PostgresTextArray.elements(try row.decode("flat", as: String.self)) == values)
        #expect(PostgresTextArray.parse(try row.decode("flat", as: String.self)) == values)
        #expect(
            PostgresTextArray.elements(try row.decode("grid", as: String.self)) == [
                "x", nil, "NULL", nil, "\"q\"", "\\",
            ])
        #expect(PostgresTextArray.elements(try row.decode("empty", as: String.self)) == [])
        for malformed in ["", "x", "{a", "{a}}", "{\"a}", "{a\"b\"}"] {
            #expect(PostgresTextArray.elements(malformed) == nil, "\(malformed)")
        }
    }

    @Test func hostileStringsSurviveAnInsertAndTheTableSurvivesThem() async throws {
        let client = TestDatabase.makeClient()
        defer { client.close() }
        let table = TestDatabase.uniqueName("hostile")
        try await client.withTransaction(deadline: TestDatabase.deadline()) { transaction in
            try await transaction.execute(unsafeSQL: "CREATE TABLE \(table) (id serial PRIMARY KEY, body text)")
            for value in Self.hostileStrings {
                try await transaction.query("INSERT INTO \(unsafeSQL: table) (body) VALUES (\(value))")
            }
        }
        let rows = try await client.query(
            "SELECT body FROM \(unsafeSQL: table) ORDER BY id", deadline: TestDatabase.deadline())
        #expect(try rows.map { try $0.decode("body", as: String.self) } == Self.hostileStrings)
        try await client.withTransaction(deadline: TestDatabase.deadline()) {
            try await $0.execute(unsafeSQL: "DROP TABLE \(table)")
        }
    }

    /// Every session reads days in UTC and ISO, and never compiles with JIT (700 ms of compiling
    /// for a city's statistics query that runs in 60), on the pipelined and the transaction
    /// connections alike.
    @Test func sessionsHaveTheServiceSettings() async throws {
        let client = TestDatabase.makeClient()
        defer { client.close() }
        let settings =
            "SELECT current_setting('TimeZone') AS zone, current_setting('DateStyle') AS style, current_setting('jit') AS jit"
        let read = try await client.query(PostgresQuery(unsafeSQL: settings), deadline: TestDatabase.deadline())
        let written = try await client.withTransaction(deadline: TestDatabase.deadline()) { transaction in
            try await transaction.query(PostgresQuery(unsafeSQL: settings))
        }
        for rows in [read, written] {
            #expect(try rows[0].decode("zone", as: String.self) == "UTC")
            #expect(try rows[0].decode("style", as: String.self).hasPrefix("ISO"))
            #expect(try rows[0].decode("jit", as: String.self) == "off")
        }
    }

    @Test func nullsRoundTripAsOptionals() async throws {
        let client = TestDatabase.makeClient()
        defer { client.close() }
        let missing: String? = nil
        let rows = try await client.query(
            "SELECT \(missing)::text AS absent, \(Optional("x"))::text AS present, NULL::int AS number",
            deadline: TestDatabase.deadline())
        #expect(try rows[0].decode("absent", as: String?.self) == nil)
        #expect(try rows[0].decode("present", as: String?.self) == "x")
        #expect(try rows[0].decode("number", as: Int?.self) == nil)
        #expect(throws: PostgresError.self) { try rows[0].decode("number", as: Int.self) }
    }

    @Test func largeTextRoundTrips() async throws {
        let client = TestDatabase.makeClient()
        defer { client.close() }
        let large = String(repeating: "基层治理 grassroots ", count: 60_000)
        let rows = try await client.query(
            "SELECT \(large)::text AS body, md5(\(large)::text) AS digest", deadline: TestDatabase.deadline())
        #expect(try rows[0].decode("body", as: String.self) == large)
    }

    @Test func aStringWithNULIsRefusedBeforeItIsSent() async throws {
        let client = TestDatabase.makeClient()
        defer { client.close() }
        await #expect {
            try await client.query("SELECT \("before\u{0}after")::text AS body", deadline: TestDatabase.deadline())
        } throws: { ($0 as? PostgresError)?.kind == .invalidParameter }
        let rows = try await client.query("SELECT 1 AS one", deadline: TestDatabase.deadline())
        #expect(try rows[0].decode("one", as: Int.self) == 1)
    }

    @Test func typedValuesRoundTrip() async throws {
        let client = TestDatabase.makeClient()
        defer { client.close() }
        let id = UUID()
        let date = Date(timeIntervalSince1970: 1_790_000_000.123456)
        let bytes = Data([0, 1, 2, 254, 255])
        let rows = try await client.query(
            """
            SELECT \(id)::uuid AS id, \(date)::timestamptz AS at, \(bytes)::bytea AS bytes, \(true)::bool AS flag,
                   \(Int64.max)::bigint AS big, \(["a", "b\"c", "d,e"])::text[] AS list, array_length(\(["a", "b\"c", "d,e"])::text[], 1) AS count
            """, deadline: TestDatabase.deadline())
        let row = rows[0]
        #expect(try row.decode("id", as: UUID.self) == id)
        #expect(try abs(row.decode("at", as: Date.self).timeIntervalSince(date)) < 0.000_001)
        #expect(try row.decode("bytes", as: Data.self) == bytes)
        #expect(try row.decode("flag", as: Bool.self))
        #expect(try row.decode("big", as: Int64.self) == .max)
        #expect(try row.decode("count", as: Int.self) == 3)
    }

    @Test(arguments: [true, false])
    func aFailingStatementInAPipelinedBatchFailsAlone(prepared: Bool) async throws {
        let client = TestDatabase.makeClient(prepared: prepared)
        defer { client.close() }
        let outcomes = await withTaskGroup(of: (Int, Result<Int, any Error>).self) { group in
            for index in 0..<200 {
                group.addTask {
                    do {
                        let query: PostgresQuery =
                            index % 50 == 7
                            ? "SELECT 1 / (\(index) - \(index)) AS value" : "SELECT \(index)::int AS value"
                        let rows = try await client.query(query, deadline: TestDatabase.deadline())
                        return (index, .success(try rows[0].decode("value", as: Int.self)))
                    } catch {
                        return (index, .failure(error))
                    }
                }
            }
            return await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
        }
        for (index, outcome) in outcomes {
            if index % 50 == 7 {
                #expect(throws: PostgresError.self) { try outcome.get() }
            } else {
                #expect(try outcome.get() == index)
            }
        }
    }

    @Test func uniqueViolationCarriesSQLStateAndConstraint() async throws {
        let client = TestDatabase.makeClient()
        defer { client.close() }
        let table = TestDatabase.uniqueName("uniq")
        try await client.withTransaction(deadline: TestDatabase.deadline()) {
            try await $0.execute(unsafeSQL: "CREATE TABLE \(table) (code text CONSTRAINT \(table)_code_key UNIQUE)")
        }
        try await client.withTransaction(deadline: TestDatabase.deadline()) {
            try await $0.query("INSERT INTO \(unsafeSQL: table) VALUES ('a')")
        }
        await #expect {
            try await client.withTransaction(deadline: TestDatabase.deadline()) {
                try await $0.query("INSERT INTO \(unsafeSQL: table) VALUES ('a')")
            }
        } throws: { error in
            let error = error as? PostgresError
            return error?.sqlState == .uniqueViolation && error?.constraint == "\(table)_code_key"
                && !(error?.description.contains("duplicate") ?? true)
        }
        try await client.withTransaction(deadline: TestDatabase.deadline()) {
            try await $0.execute(unsafeSQL: "DROP TABLE \(table)")
        }
    }

    @Test func appendingRenumbersPlaceholders() {
        var query: PostgresQuery = "SELECT * FROM t WHERE a = \(1)"
        query.append(" AND b = \("x") AND c = \(3)")
        #expect(query.sql == "SELECT * FROM t WHERE a = $1 AND b = $2 AND c = $3")
        #expect(query.binds == ["1", "x", "3"])
    }
}

@Suite struct TimestampTests {
    @Test(arguments: [0.0, 1_790_000_000, 951_782_400, -86_400.5, 4_102_444_799])
    func wholeSecondFormattingAgreesWithTheFullFormatter(seconds: Double) {
        let date = Date(timeIntervalSince1970: seconds)
        let full = PostgresTimestamp.format(Date(timeIntervalSince1970: seconds.rounded(.down)))
        #expect(PostgresTimestamp.formatSeconds(date) == String(full.prefix(19)) + "Z")
        #expect(
            PostgresTimestamp.parse(PostgresTimestamp.formatSeconds(date))
                == Date(timeIntervalSince1970: seconds.rounded(.down)))
    }

    @Test(arguments: [
        "2026-11-23T23:01:11Z", "2026-11-23 23:01:11.5+08", "2026-11-23T23:01:11-22:02", "0588-02-02T14:48:42.64+01:17",
    ])
    func rfc3339AndPostgresTextParse(text: String) {
        #expect(PostgresTimestamp.parse(text) != nil)
    }

    @Test(arguments: [
        "2026-13-01T00:00:00Z", "2026-11-23", "2026-11-23T25:00:00Z", "2026-11-23T23:01:11+0800x",
        "2026-11-23T23:01:11Q",
    ])
    func malformedTimestampsAreRefused(text: String) {
        #expect(PostgresTimestamp.parse(text) == nil)
    }
}
