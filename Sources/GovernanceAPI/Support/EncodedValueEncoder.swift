import Foundation
import OpenAPIRuntime

/// The `Encoder` that fills an `EncodedValue`: each container writes into the value it was
/// asked of, nested values into new members or elements.
struct EncodedValueEncoder: Encoder {
    /// The value being written.
    let value: EncodedValue
    /// How dates are written (the runtime's).
    let dates: any DateTranscoder

    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        // A second request for the same object adds to it, as `JSONEncoder` does.
        if case .object = value.kind {} else { value.kind = .object }
        if value.members.isEmpty { value.members.reserveCapacity(8) }
        return KeyedEncodingContainer(EncodedObjectContainer<Key>(object: value, dates: dates))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .array = value.kind {} else { value.kind = .array }
        return EncodedArrayContainer(array: value, dates: dates)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        EncodedSingleValueContainer(value: value, dates: dates)
    }
}

/// An object's members.
struct EncodedObjectContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let object: EncodedValue
    let dates: any DateTranscoder

    var codingPath: [any CodingKey] { [] }

    private func add(_ key: some CodingKey, _ leaf: EncodedValue.Kind) {
        object.members.append((key.stringValue, .leaf(leaf)))
    }

    /// A member that is a container of its own (or is written through an encoder).
    private func member(_ key: some CodingKey) -> EncodedValue {
        let member = EncodedValue()
        object.members.append((key.stringValue, .container(member)))
        return member
    }

    mutating func encodeNil(forKey key: Key) { add(key, .null) }
    mutating func encode(_ value: Bool, forKey key: Key) { add(key, .bool(value)) }
    mutating func encode(_ value: String, forKey key: Key) { add(key, .string(value)) }
    mutating func encode(_ value: Double, forKey key: Key) throws { add(key, try EncodedValue.number(value)) }
    mutating func encode(_ value: Float, forKey key: Key) throws { add(key, try EncodedValue.number(value)) }
    mutating func encode(_ value: Int, forKey key: Key) { add(key, .number(String(value))) }
    mutating func encode(_ value: Int8, forKey key: Key) { add(key, .number(String(value))) }
    mutating func encode(_ value: Int16, forKey key: Key) { add(key, .number(String(value))) }
    mutating func encode(_ value: Int32, forKey key: Key) { add(key, .number(String(value))) }
    mutating func encode(_ value: Int64, forKey key: Key) { add(key, .number(String(value))) }
    mutating func encode(_ value: UInt, forKey key: Key) { add(key, .number(String(value))) }
    mutating func encode(_ value: UInt8, forKey key: Key) { add(key, .number(String(value))) }
    mutating func encode(_ value: UInt16, forKey key: Key) { add(key, .number(String(value))) }
    mutating func encode(_ value: UInt32, forKey key: Key) { add(key, .number(String(value))) }
    mutating func encode(_ value: UInt64, forKey key: Key) { add(key, .number(String(value))) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        object.members.append((key.stringValue, try EncodedValue.child(value, dates: dates)))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        EncodedValueEncoder(value: member(key), dates: dates).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        EncodedValueEncoder(value: member(key), dates: dates).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        EncodedValueEncoder(value: member(SuperKey()), dates: dates)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        EncodedValueEncoder(value: member(key), dates: dates)
    }

    /// The key `JSONEncoder` gives a keyless super encoder.
    private struct SuperKey: CodingKey {
        var stringValue: String { "super" }
        var intValue: Int? { nil }
        init() {}
        init?(stringValue: String) { nil }
        init?(intValue: Int) { nil }
    }
}

/// An array's elements.
struct EncodedArrayContainer: UnkeyedEncodingContainer {
    let array: EncodedValue
    let dates: any DateTranscoder

    var codingPath: [any CodingKey] { [] }
    var count: Int { array.elements.count }

    private func add(_ leaf: EncodedValue.Kind) { array.elements.append(.leaf(leaf)) }

    /// An element that is a container of its own (or is written through an encoder).
    private func element() -> EncodedValue {
        let element = EncodedValue()
        array.elements.append(.container(element))
        return element
    }

    mutating func encodeNil() { add(.null) }
    mutating func encode(_ value: Bool) { add(.bool(value)) }
    mutating func encode(_ value: String) { add(.string(value)) }
    mutating func encode(_ value: Double) throws { add(try EncodedValue.number(value)) }
    mutating func encode(_ value: Float) throws { add(try EncodedValue.number(value)) }
    mutating func encode(_ value: Int) { add(.number(String(value))) }
    mutating func encode(_ value: Int8) { add(.number(String(value))) }
    mutating func encode(_ value: Int16) { add(.number(String(value))) }
    mutating func encode(_ value: Int32) { add(.number(String(value))) }
    mutating func encode(_ value: Int64) { add(.number(String(value))) }
    mutating func encode(_ value: UInt) { add(.number(String(value))) }
    mutating func encode(_ value: UInt8) { add(.number(String(value))) }
    mutating func encode(_ value: UInt16) { add(.number(String(value))) }
    mutating func encode(_ value: UInt32) { add(.number(String(value))) }
    mutating func encode(_ value: UInt64) { add(.number(String(value))) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        array.elements.append(try EncodedValue.child(value, dates: dates))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<
        NestedKey
    > {
        EncodedValueEncoder(value: element(), dates: dates).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        EncodedValueEncoder(value: element(), dates: dates).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { EncodedValueEncoder(value: element(), dates: dates) }
}

/// A value that is one leaf (or whose encoding is another value's).
struct EncodedSingleValueContainer: SingleValueEncodingContainer {
    let value: EncodedValue
    let dates: any DateTranscoder

    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() { value.kind = .null }
    mutating func encode(_ value: Bool) { self.value.kind = .bool(value) }
    mutating func encode(_ value: String) { self.value.kind = .string(value) }
    mutating func encode(_ value: Double) throws { self.value.kind = try EncodedValue.number(value) }
    mutating func encode(_ value: Float) throws { self.value.kind = try EncodedValue.number(value) }
    mutating func encode(_ value: Int) { self.value.kind = .number(String(value)) }
    mutating func encode(_ value: Int8) { self.value.kind = .number(String(value)) }
    mutating func encode(_ value: Int16) { self.value.kind = .number(String(value)) }
    mutating func encode(_ value: Int32) { self.value.kind = .number(String(value)) }
    mutating func encode(_ value: Int64) { self.value.kind = .number(String(value)) }
    mutating func encode(_ value: UInt) { self.value.kind = .number(String(value)) }
    mutating func encode(_ value: UInt8) { self.value.kind = .number(String(value)) }
    mutating func encode(_ value: UInt16) { self.value.kind = .number(String(value)) }
    mutating func encode(_ value: UInt32) { self.value.kind = .number(String(value)) }
    mutating func encode(_ value: UInt64) { self.value.kind = .number(String(value)) }

    mutating func encode<T: Encodable>(_ value: T) throws { try self.value.set(value, dates: dates) }
}
