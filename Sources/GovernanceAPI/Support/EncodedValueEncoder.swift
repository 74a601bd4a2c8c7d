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

    private func member(_ key: some CodingKey) -> EncodedValue {
        let member = EncodedValue()
        object.members.append((key.stringValue, member))
        return member
    }

    mutating func encodeNil(forKey key: Key) { member(key).kind = .null }
    mutating func encode(_ value: Bool, forKey key: Key) { member(key).kind = .bool(value) }
    mutating func encode(_ value: String, forKey key: Key) { member(key).kind = .string(value) }
    mutating func encode(_ value: Double, forKey key: Key) throws { try member(key).setNumber(value) }
    mutating func encode(_ value: Float, forKey key: Key) throws { try member(key).setNumber(value) }
    mutating func encode(_ value: Int, forKey key: Key) { member(key).kind = .number(String(value)) }
    mutating func encode(_ value: Int8, forKey key: Key) { member(key).kind = .number(String(value)) }
    mutating func encode(_ value: Int16, forKey key: Key) { member(key).kind = .number(String(value)) }
    mutating func encode(_ value: Int32, forKey key: Key) { member(key).kind = .number(String(value)) }
    mutating func encode(_ value: Int64, forKey key: Key) { member(key).kind = .number(String(value)) }
    mutating func encode(_ value: UInt, forKey key: Key) { member(key).kind = .number(String(value)) }
    mutating func encode(_ value: UInt8, forKey key: Key) { member(key).kind = .number(String(value)) }
    mutating func encode(_ value: UInt16, forKey key: Key) { member(key).kind = .number(String(value)) }
    mutating func encode(_ value: UInt32, forKey key: Key) { member(key).kind = .number(String(value)) }
    mutating func encode(_ value: UInt64, forKey key: Key) { member(key).kind = .number(String(value)) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try member(key).set(value, dates: dates)
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

    private func element() -> EncodedValue {
        let element = EncodedValue()
        array.elements.append(element)
        return element
    }

    mutating func encodeNil() { element().kind = .null }
    mutating func encode(_ value: Bool) { element().kind = .bool(value) }
    mutating func encode(_ value: String) { element().kind = .string(value) }
    mutating func encode(_ value: Double) throws { try element().setNumber(value) }
    mutating func encode(_ value: Float) throws { try element().setNumber(value) }
    mutating func encode(_ value: Int) { element().kind = .number(String(value)) }
    mutating func encode(_ value: Int8) { element().kind = .number(String(value)) }
    mutating func encode(_ value: Int16) { element().kind = .number(String(value)) }
    mutating func encode(_ value: Int32) { element().kind = .number(String(value)) }
    mutating func encode(_ value: Int64) { element().kind = .number(String(value)) }
    mutating func encode(_ value: UInt) { element().kind = .number(String(value)) }
    mutating func encode(_ value: UInt8) { element().kind = .number(String(value)) }
    mutating func encode(_ value: UInt16) { element().kind = .number(String(value)) }
    mutating func encode(_ value: UInt32) { element().kind = .number(String(value)) }
    mutating func encode(_ value: UInt64) { element().kind = .number(String(value)) }

    mutating func encode<T: Encodable>(_ value: T) throws { try element().set(value, dates: dates) }

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
    mutating func encode(_ value: Double) throws { try self.value.setNumber(value) }
    mutating func encode(_ value: Float) throws { try self.value.setNumber(value) }
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
