/// The `Encoder` a value is written with, as a cell of its own or as JSON inside an array or
/// object cell: its containers write into its frame of the row (`CSVRowCells+JSON`).
struct CSVValueEncoder: Encoder {
    let row: CSVRowCells
    /// The value's frame in `row.frames`.
    let frame: Int

    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        row.beginContainer(frame, .object)
        return KeyedEncodingContainer(CSVObjectContainer<Key>(row: row, frame: frame))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        row.beginContainer(frame, .array)
        return CSVArrayContainer(row: row, frame: frame)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        CSVSingleValueContainer(row: row, frame: frame)
    }
}

/// An object's members, as JSON.
struct CSVObjectContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let row: CSVRowCells
    let frame: Int

    var codingPath: [any CodingKey] { [] }

    private func number(_ text: String, _ key: Key) {
        row.beginMember(frame, key.stringValue)
        row.writeNumber(text, asCell: false)
    }

    mutating func encodeNil(forKey key: Key) {
        row.beginMember(frame, key.stringValue)
        row.writeNull(asCell: false)
    }

    mutating func encode(_ value: Bool, forKey key: Key) {
        row.beginMember(frame, key.stringValue)
        row.writeBool(value)
    }

    mutating func encode(_ value: String, forKey key: Key) {
        row.beginMember(frame, key.stringValue)
        row.appendJSONString(value)
    }

    mutating func encode(_ value: Double, forKey key: Key) throws { number(try CSVRowCells.number(value), key) }
    mutating func encode(_ value: Float, forKey key: Key) throws { number(try CSVRowCells.number(value), key) }
    mutating func encode(_ value: Int, forKey key: Key) { number(String(value), key) }
    mutating func encode(_ value: Int8, forKey key: Key) { number(String(value), key) }
    mutating func encode(_ value: Int16, forKey key: Key) { number(String(value), key) }
    mutating func encode(_ value: Int32, forKey key: Key) { number(String(value), key) }
    mutating func encode(_ value: Int64, forKey key: Key) { number(String(value), key) }
    mutating func encode(_ value: UInt, forKey key: Key) { number(String(value), key) }
    mutating func encode(_ value: UInt8, forKey key: Key) { number(String(value), key) }
    mutating func encode(_ value: UInt16, forKey key: Key) { number(String(value), key) }
    mutating func encode(_ value: UInt32, forKey key: Key) { number(String(value), key) }
    mutating func encode(_ value: UInt64, forKey key: Key) { number(String(value), key) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        row.beginMember(frame, key.stringValue)
        try row.write(value, asCell: false)
    }

    // A nested container stays open beside its parent's next members, which bytes written in
    // order cannot hold: such a value goes the JSON way.
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

/// An array's elements, as JSON.
struct CSVArrayContainer: UnkeyedEncodingContainer {
    let row: CSVRowCells
    let frame: Int

    var codingPath: [any CodingKey] { [] }
    private(set) var count = 0

    private mutating func element() {
        row.beginElement(frame)
        count += 1
    }

    private mutating func number(_ text: String) {
        element()
        row.writeNumber(text, asCell: false)
    }

    mutating func encodeNil() {
        element()
        row.writeNull(asCell: false)
    }

    mutating func encode(_ value: Bool) {
        element()
        row.writeBool(value)
    }

    mutating func encode(_ value: String) {
        element()
        row.appendJSONString(value)
    }

    mutating func encode(_ value: Double) throws { number(try CSVRowCells.number(value)) }
    mutating func encode(_ value: Float) throws { number(try CSVRowCells.number(value)) }
    mutating func encode(_ value: Int) { number(String(value)) }
    mutating func encode(_ value: Int8) { number(String(value)) }
    mutating func encode(_ value: Int16) { number(String(value)) }
    mutating func encode(_ value: Int32) { number(String(value)) }
    mutating func encode(_ value: Int64) { number(String(value)) }
    mutating func encode(_ value: UInt) { number(String(value)) }
    mutating func encode(_ value: UInt8) { number(String(value)) }
    mutating func encode(_ value: UInt16) { number(String(value)) }
    mutating func encode(_ value: UInt32) { number(String(value)) }
    mutating func encode(_ value: UInt64) { number(String(value)) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        element()
        try row.write(value, asCell: false)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<
        NestedKey
    > {
        row.discardedEncoder().container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { row.discardedEncoder().unkeyedContainer() }

    mutating func superEncoder() -> any Encoder { row.discardedEncoder() }
}

/// A value that is one leaf (or whose encoding is another value's).
struct CSVSingleValueContainer: SingleValueEncodingContainer {
    let row: CSVRowCells
    let frame: Int

    var codingPath: [any CodingKey] { [] }

    private func number(_ text: String) {
        if let asCell = row.beginLeaf(frame) { row.writeNumber(text, asCell: asCell) }
    }

    mutating func encodeNil() {
        if let asCell = row.beginLeaf(frame) { row.writeNull(asCell: asCell) }
    }

    mutating func encode(_ value: Bool) {
        if row.beginLeaf(frame) != nil { row.writeBool(value) }
    }

    mutating func encode(_ value: String) {
        if let asCell = row.beginLeaf(frame) { row.writeText(value, asCell: asCell) }
    }

    mutating func encode(_ value: Double) throws { number(try CSVRowCells.number(value)) }
    mutating func encode(_ value: Float) throws { number(try CSVRowCells.number(value)) }
    mutating func encode(_ value: Int) { number(String(value)) }
    mutating func encode(_ value: Int8) { number(String(value)) }
    mutating func encode(_ value: Int16) { number(String(value)) }
    mutating func encode(_ value: Int32) { number(String(value)) }
    mutating func encode(_ value: Int64) { number(String(value)) }
    mutating func encode(_ value: UInt) { number(String(value)) }
    mutating func encode(_ value: UInt8) { number(String(value)) }
    mutating func encode(_ value: UInt16) { number(String(value)) }
    mutating func encode(_ value: UInt32) { number(String(value)) }
    mutating func encode(_ value: UInt64) { number(String(value)) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        // The other value is written in this one's place.
        if let asCell = row.beginLeaf(frame) { try row.write(value, asCell: asCell) }
    }
}
