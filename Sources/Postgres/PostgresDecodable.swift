import IdentifierText

public import struct Foundation.Data
public import struct Foundation.Date
public import struct Foundation.UUID

/// A value that can be read from a text-format column.
public protocol PostgresDecodable: Sendable {
    /// Decodes the column's text; `nil` is SQL NULL. Throws when the text is not of this type.
    static func decode(postgresText text: String?) throws(PostgresError) -> Self
}

/// The decoding of a non-optional type from its non-NULL text.
public protocol PostgresNonNullDecodable: PostgresDecodable {
    /// Parses the text, or returns `nil` when it is not of this type.
    init?(nonNullPostgresText text: String)
}

extension PostgresNonNullDecodable {
    @inlinable
    public static func decode(postgresText text: String?) throws(PostgresError) -> Self {
        guard let text else { throw PostgresError(.decoding, detail: "unexpected NULL for \(Self.self)") }
        guard let value = Self(nonNullPostgresText: text) else {
            throw PostgresError(.decoding, detail: "column text is not a \(Self.self)")
        }
        return value
    }
}

extension Optional: PostgresDecodable where Wrapped: PostgresDecodable {
    @inlinable
    public static func decode(postgresText text: String?) throws(PostgresError) -> Self {
        guard let text else { return nil }
        return try Wrapped.decode(postgresText: text)
    }
}

extension String: PostgresNonNullDecodable {
    public init?(nonNullPostgresText text: String) { self = text }
}

extension Int: PostgresNonNullDecodable {
    public init?(nonNullPostgresText text: String) { self.init(text) }
}

extension Int64: PostgresNonNullDecodable {
    public init?(nonNullPostgresText text: String) { self.init(text) }
}

extension Int32: PostgresNonNullDecodable {
    public init?(nonNullPostgresText text: String) { self.init(text) }
}

extension Double: PostgresNonNullDecodable {
    public init?(nonNullPostgresText text: String) { self.init(text) }
}

extension Bool: PostgresNonNullDecodable {
    public init?(nonNullPostgresText text: String) {
        switch text {
        case "t", "true": self = true
        case "f", "false": self = false
        default: return nil
        }
    }
}

extension UUID: PostgresNonNullDecodable {
    public init?(nonNullPostgresText text: String) { self.init(text: text) }
}

extension Date: PostgresNonNullDecodable {
    public init?(nonNullPostgresText text: String) {
        guard let date = PostgresTimestamp.parse(text) else { return nil }
        self = date
    }
}

extension Data: PostgresNonNullDecodable {
    /// Parses `bytea` hex output (`\x0a1b…`).
    public init?(nonNullPostgresText text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count >= 2, bytes[0] == UInt8(ascii: "\\"), bytes[1] == UInt8(ascii: "x"), bytes.count % 2 == 0
        else {
            return nil
        }
        var data = Data(capacity: (bytes.count - 2) / 2)
        var index = 2
        while index < bytes.count {
            guard let high = Self.hexValue(bytes[index]), let low = Self.hexValue(bytes[index + 1]) else { return nil }
            data.append(high << 4 | low)
            index += 2
        }
        self = data
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
