import Foundation
import IdentifierText
import OpenAPIRuntime

/// Writes a list's generated items straight as CSV rows, each cell exactly as `CSVTranscoder`
/// writes it from the JSON answer of the same items.
///
/// An export of a large list spent more time in `JSONEncoder` making each page and in reading
/// that JSON back than in anything else; this encoder skips both. Members that are no column
/// are not even encoded. Items are encoded through their own conformance, so what the JSON
/// would hide (masks, absent members) stays hidden.
struct CSVRowEncoder: Sendable {
    /// An item this encoder does not write as a row (it is not one object, or it encodes through
    /// nested containers): the items go the JSON way.
    struct NotARecord: Error {}

    /// Where a member's value goes: its own column, and for an object the columns of its
    /// members (`parent.child`, each a destination with a column only).
    struct Destination: Sendable {
        var column: Int?
        var children: NameTable<Destination>?
    }

    let columnCount: Int
    /// The destination of each member that has one (one lookup per member written).
    let destinations: NameTable<Destination>
    /// How dates are written: the runtime's transcoder (`Application+build`).
    let dates: any DateTranscoder

    init(_ export: CSVExport, dates: any DateTranscoder = LenientDateTranscoder()) {
        var columns: [String: Int] = [:]
        var children: [String: [(name: String, value: Destination)]] = [:]
        var members: [String] = []
        for (index, path) in export.columnPaths.enumerated() {
            if columns[path.member] == nil && children[path.member] == nil { members.append(path.member) }
            if let child = path.child {
                // Of a column named twice, the last is the one a member's value ends in.
                children[path.member, default: []].insert((child, Destination(column: index)), at: 0)
            } else {
                columns[path.member] = index
            }
        }
        let destinations = members.map { member in
            (member, Destination(column: columns[member], children: children[member].map(NameTable.init)))
        }
        columnCount = export.columns.count
        self.destinations = NameTable(destinations)
        self.dates = dates
    }

    /// The rows of `items`, appended to `out`.
    func append<Item: Encodable>(_ items: [Item], into out: inout [UInt8]) throws {
        let row = CSVRowCells(self)
        for item in items {
            row.reset()
            try item.encode(to: CSVRowItemEncoder(row: row, destinations: destinations))
            guard !row.needsJSON else { throw NotARecord() }
            row.write(into: &out)
        }
    }
}
