public import IdentifierText

/// The rows of one statement, copied out of libpq's result so the C result is freed at once.
public struct PostgresRows: Sendable, RandomAccessCollection {
    /// Column names in result order.
    public let columns: [String]
    /// The command tag, e.g. `INSERT 0 1`, `COMMIT`.
    public let commandTag: String
    @usableFromInline let cells: [String?]
    @usableFromInline let columnTable: NameTable<Int>

    init(columns: [String], cells: [String?], commandTag: String) {
        self.columns = columns
        self.cells = cells
        self.commandTag = commandTag
        self.columnTable = NameTable(positionsOf: columns)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { columns.isEmpty ? 0 : cells.count / columns.count }

    public subscript(position: Int) -> PostgresRow {
        PostgresRow(rows: self, offset: position * columns.count)
    }

    /// The number of rows a command touched, from its tag (`UPDATE 3` → 3), or the row count.
    public var affectedRows: Int {
        if let last = commandTag.split(separator: " ").last, let count = Int(last) { return count }
        return count
    }
}

/// One row of a result, decoded by column name.
public struct PostgresRow: Sendable {
    @usableFromInline let rows: PostgresRows
    @usableFromInline let offset: Int

    /// Decodes column `name` as `T`; the error names the column, never the value. Inlinable, so
    /// that each call is specialized where it is made: a list's row decodes some fifty columns,
    /// each through witness tables and generic metadata otherwise.
    @inlinable
    public func decode<T: PostgresDecodable>(_ name: String, as type: T.Type = T.self) throws(PostgresError) -> T {
        guard let column = rows.columnTable[name] else {
            throw PostgresError(.decoding, column: name, detail: "no column named \(name)")
        }
        do {
            return try T.decode(postgresText: rows.cells[offset + column])
        } catch {
            throw PostgresError(.decoding, column: name, detail: "column \(name): \(error.detail)")
        }
    }

    /// The raw text of column `name`, or `nil` for NULL or a missing column.
    public subscript(name: String) -> String? {
        guard let column = rows.columnTable[name] else { return nil }
        return rows.cells[offset + column]
    }
}
