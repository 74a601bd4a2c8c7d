import IdentifierText

public import struct Foundation.Data
public import struct Foundation.Date
public import struct Foundation.UUID

/// A value that can be sent as a text-format parameter.
///
/// Each type spells its own text form explicitly: there is no `String(describing:)` fallback.
public protocol PostgresEncodable: Sendable {
    /// The value in PostgreSQL's text input format.
    var postgresText: String { get }
}

extension String: PostgresEncodable {
    public var postgresText: String { self }
}

extension Substring: PostgresEncodable {
    public var postgresText: String { String(self) }
}

extension Int: PostgresEncodable {
    public var postgresText: String { String(self) }
}

extension Int32: PostgresEncodable {
    public var postgresText: String { String(self) }
}

extension Int64: PostgresEncodable {
    public var postgresText: String { String(self) }
}

extension Double: PostgresEncodable {
    public var postgresText: String { String(self) }
}

extension Bool: PostgresEncodable {
    public var postgresText: String { self ? "t" : "f" }
}

extension UUID: PostgresEncodable {
    public var postgresText: String { lowercasedText }
}

extension Date: PostgresEncodable {
    /// ISO 8601 in UTC with microseconds, which `timestamptz` input accepts exactly.
    public var postgresText: String { PostgresTimestamp.format(self) }
}

extension Data: PostgresEncodable {
    /// `bytea` hex input format.
    public var postgresText: String { LowercaseHex.string(self, prefix: "\\x") }
}

extension Array: PostgresEncodable where Element: PostgresEncodable {
    /// Array literal with every element quoted and escaped: `{"a","b\"c"}`.
    public var postgresText: String {
        // Bytes, not characters: the feed binds a thousand ids per page, and walking them as
        // grapheme clusters was a noticeable share of it. Both bytes escaped are ASCII, which
        // UTF-8 never uses inside another character.
        var text: [UInt8] = [UInt8(ascii: "{")]
        text.reserveCapacity(count * 40 + 2)
        for (offset, element) in enumerated() {
            if offset > 0 { text.append(UInt8(ascii: ",")) }
            text.append(UInt8(ascii: "\""))
            for byte in element.postgresText.utf8 {
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { text.append(UInt8(ascii: "\\")) }
                text.append(byte)
            }
            text.append(UInt8(ascii: "\""))
        }
        text.append(UInt8(ascii: "}"))
        return String(decoding: text, as: UTF8.self)
    }
}
