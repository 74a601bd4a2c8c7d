import IdentifierText

/// The `Encoder` an item is encoded with (and an object member whose members are columns
/// `parent.child`): its one keyed container fills the row.
struct CSVRowItemEncoder: Encoder {
    let row: CSVRowCells
    /// Where its members go.
    let destinations: NameTable<CSVRowEncoder.Destination>

    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(CSVRowContainer<Key>(row: row, destinations: destinations))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        row.discardedEncoder().unkeyedContainer()
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        row.discardedEncoder().singleValueContainer()
    }
}

/// An item's members, each written to its column (if it has one).
struct CSVRowContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let row: CSVRowCells
    let destinations: NameTable<CSVRowEncoder.Destination>

    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil(forKey key: Key) {
        if let destination = destinations[key.stringValue] { row.setNull(destination) }
    }

    mutating func encode(_ value: Bool, forKey key: Key) { literal(value ? "true" : "false", key) }
    mutating func encode(_ value: String, forKey key: Key) {
        if let destination = destinations[key.stringValue] { row.setText(value, destination) }
    }
    mutating func encode(_ value: Double, forKey key: Key) throws { literal(try CSVRowCells.number(value), key) }
    mutating func encode(_ value: Float, forKey key: Key) throws { literal(try CSVRowCells.number(value), key) }
    mutating func encode(_ value: Int, forKey key: Key) { literal(String(value), key) }
    mutating func encode(_ value: Int8, forKey key: Key) { literal(String(value), key) }
    mutating func encode(_ value: Int16, forKey key: Key) { literal(String(value), key) }
    mutating func encode(_ value: Int32, forKey key: Key) { literal(String(value), key) }
    mutating func encode(_ value: Int64, forKey key: Key) { literal(String(value), key) }
    mutating func encode(_ value: UInt, forKey key: Key) { literal(String(value), key) }
    mutating func encode(_ value: UInt8, forKey key: Key) { literal(String(value), key) }
    mutating func encode(_ value: UInt16, forKey key: Key) { literal(String(value), key) }
    mutating func encode(_ value: UInt32, forKey key: Key) { literal(String(value), key) }
    mutating func encode(_ value: UInt64, forKey key: Key) { literal(String(value), key) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        if let destination = destinations[key.stringValue] { try row.setValue(value, destination) }
    }

    private func literal(_ text: String, _ key: Key) {
        if let destination = destinations[key.stringValue] { row.setLiteral(text, destination) }
    }

    // Generated items encode nested values as values; anything else goes the JSON way.
    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        row.discardedEncoder().container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        row.discardedEncoder().unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { row.discardedEncoder() }

    mutating func superEncoder(forKey key: Key) -> any Encoder { row.discardedEncoder() }
}
