import IdentifierText
import Postgres
import Testing

/// Names are found as a dictionary would find them, collisions and all.
@Suite struct NameTableTests {
    @Test func everyNameIsFoundAtItsFirstPosition() {
        // Enough names to fill slots that collide, some twice, some not ASCII, some long.
        var names = (0..<300).map { "column_\($0)" }
        names += ["id", "id", "", "名称", "a_rather_long_column_name_beyond_fifteen_bytes", "column_7"]
        let table = NameTable(positionsOf: names)
        var first: [String: Int] = [:]
        for (position, name) in names.enumerated() where first[name] == nil { first[name] = position }
        for (name, position) in first { #expect(table[name] == position, "\(name)") }
        for missing in ["ID", "column_300", "名", "column_7 ", "a_rather_long_column_name_beyond_fifteen_byte"] {
            #expect(table[missing] == nil, "\(missing)")
        }
        #expect(NameTable(positionsOf: [])["id"] == nil)
    }

    @Test func aResultsRowsDecodeByTheirColumnNames() async throws {
        let client = TestDatabase.makeClient()
        defer { client.close() }
        let rows = try await client.query(
            "SELECT 1 AS one, 'two' AS two, 3 AS one, NULL::text AS four", deadline: TestDatabase.deadline())
        #expect(try rows[0].decode("one", as: Int.self) == 1)
        #expect(try rows[0].decode("two", as: String.self) == "two")
        #expect(try rows[0].decode("four", as: String?.self) == nil)
        #expect(rows[0]["five"] == nil)
        #expect(throws: PostgresError.self) { try rows[0].decode("five", as: Int.self) }
    }
}
