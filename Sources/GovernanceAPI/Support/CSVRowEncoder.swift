import Foundation
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
        var children: [String: Destination]?
    }

    let columnCount: Int
    /// The destination of each member that has one (one lookup per member written).
    let destinations: [String: Destination]
    /// How dates are written: the runtime's transcoder (`Application+build`).
    let dates: any DateTranscoder

    init(_ export: CSVExport, dates: any DateTranscoder = LenientDateTranscoder()) {
        var destinations: [String: Destination] = [:]
        for (index, path) in export.columnPaths.enumerated() {
            if let child = path.child {
                var children = destinations[path.member]?.children ?? [:]
                children[child] = Destination(column: index)
                destinations[path.member, default: Destination()].children = children
            } else {
                destinations[path.member, default: Destination()].column = index
            }
        }
        columnCount = export.columns.count
        self.destinations = destinations
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
