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
    /// An item that is not one object (a row needs members): the items go the JSON way.
    struct NotARecord: Error {}

    /// Where a member's value goes: its own column, and for an object the columns of its
    /// members (`parent.child`).
    struct Destination: Sendable {
        var column: Int?
        var children: [String: Int]?
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
                destinations[path.member, default: Destination()].children =
                    (destinations[path.member]?.children ?? [:])
                    .merging([child: index]) { _, new in new }
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
            try item.encode(to: CSVRowItemEncoder(row: row))
            guard !row.notARecord else { throw NotARecord() }
            row.write(into: &out)
        }
    }
}

/// One row's cells while its item is encoded: each cell's bytes in one buffer, in the order the
/// members come, and written out in the columns' order.
final class CSVRowCells {
    let encoder: CSVRowEncoder
    private var bytes: [UInt8] = []
    private var cells: [Range<Int>?]
    /// Set when the item asked for something other than one keyed container.
    var notARecord = false

    init(_ encoder: CSVRowEncoder) {
        self.encoder = encoder
        cells = Array(repeating: nil, count: encoder.columnCount)
        bytes.reserveCapacity(4096)
    }

    func reset() {
        bytes.removeAll(keepingCapacity: true)
        for index in cells.indices { cells[index] = nil }
    }

    /// Sets a column's cell to what `write` appends (the last value of a member wins, as in the
    /// transcoder).
    private func setCell(_ column: Int, _ write: (inout [UInt8]) throws -> Void) rethrows {
        let start = bytes.count
        try write(&bytes)
        cells[column] = start..<bytes.count
    }

    func setNull(_ key: String) {
        if let column = encoder.destinations[key]?.column { cells[column] = nil }
    }

    func setText(_ text: String, _ key: String) {
        guard let column = encoder.destinations[key]?.column else { return }
        setCell(column) { CSVTranscoder.appendText(text.utf8, into: &$0) }
    }

    func setLiteral(_ text: String, _ key: String) {
        guard let column = encoder.destinations[key]?.column else { return }
        setCell(column) { $0.append(contentsOf: text.utf8) }
    }

    func setValue<T: Encodable>(_ value: T, _ key: String) throws {
        guard let destination = encoder.destinations[key] else { return }
        // A leaf (a text, a date, a number) is no object: `child` builds one for arrays and objects only.
        let encoded = try EncodedValue.child(value, dates: encoder.dates)
        if let column = destination.column { try setCell(column) { try encoded.appendCell(into: &$0) } }
        guard let children = destination.children, case .container(let object) = encoded, case .object = object.kind
        else { return }
        for member in object.members {
            if let child = children[member.key] { try setCell(child) { try member.value.appendCell(into: &$0) } }
        }
    }

    /// The row, CRLF-terminated.
    func write(into out: inout [UInt8]) {
        for (index, cell) in cells.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            if let cell { out.append(contentsOf: bytes[cell]) }
        }
        out.append(contentsOf: [0x0D, 0x0A])
    }
}

/// The `Encoder` an item is encoded with: its one keyed container fills the row.
struct CSVRowItemEncoder: Encoder {
    let row: CSVRowCells

    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(CSVRowContainer<Key>(row: row))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        row.notARecord = true
        return EncodedValueEncoder(value: EncodedValue(), dates: row.encoder.dates).unkeyedContainer()
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        row.notARecord = true
        return EncodedValueEncoder(value: EncodedValue(), dates: row.encoder.dates).singleValueContainer()
    }
}

/// An item's members, each written to its column (if it has one).
struct CSVRowContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let row: CSVRowCells

    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil(forKey key: Key) { row.setNull(key.stringValue) }
    mutating func encode(_ value: Bool, forKey key: Key) { row.setLiteral(value ? "true" : "false", key.stringValue) }
    mutating func encode(_ value: String, forKey key: Key) { row.setText(value, key.stringValue) }
    mutating func encode(_ value: Double, forKey key: Key) throws { try row.setValue(value, key.stringValue) }
    mutating func encode(_ value: Float, forKey key: Key) throws { try row.setValue(value, key.stringValue) }
    mutating func encode(_ value: Int, forKey key: Key) { row.setLiteral(String(value), key.stringValue) }
    mutating func encode(_ value: Int8, forKey key: Key) { row.setLiteral(String(value), key.stringValue) }
    mutating func encode(_ value: Int16, forKey key: Key) { row.setLiteral(String(value), key.stringValue) }
    mutating func encode(_ value: Int32, forKey key: Key) { row.setLiteral(String(value), key.stringValue) }
    mutating func encode(_ value: Int64, forKey key: Key) { row.setLiteral(String(value), key.stringValue) }
    mutating func encode(_ value: UInt, forKey key: Key) { row.setLiteral(String(value), key.stringValue) }
    mutating func encode(_ value: UInt8, forKey key: Key) { row.setLiteral(String(value), key.stringValue) }
    mutating func encode(_ value: UInt16, forKey key: Key) { row.setLiteral(String(value), key.stringValue) }
    mutating func encode(_ value: UInt32, forKey key: Key) { row.setLiteral(String(value), key.stringValue) }
    mutating func encode(_ value: UInt64, forKey key: Key) { row.setLiteral(String(value), key.stringValue) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try row.setValue(value, key.stringValue)
    }

    // Generated items encode nested values as values; anything else goes the JSON way.
    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        row.notARecord = true
        return EncodedValueEncoder(value: EncodedValue(), dates: row.encoder.dates).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        row.notARecord = true
        return EncodedValueEncoder(value: EncodedValue(), dates: row.encoder.dates).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        row.notARecord = true
        return EncodedValueEncoder(value: EncodedValue(), dates: row.encoder.dates)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        row.notARecord = true
        return EncodedValueEncoder(value: EncodedValue(), dates: row.encoder.dates)
    }
}
