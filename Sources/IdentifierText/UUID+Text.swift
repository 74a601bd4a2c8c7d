public import struct Foundation.UUID
public import typealias Foundation.uuid_t

/// The text form of ids, written and read by hand: Foundation's `uuidString` goes through
/// `sprintf` and `UUID(uuidString:)` through `sscanf`, both on every row and every response.
extension UUID {
    /// Parses the 36-character hyphenated form, in either case; nil for anything else.
    public init?(text: some StringProtocol) { self.init(text: String(text)) }

    /// Parses the 36-character hyphenated form of a string, in either case; nil for anything else.
    public init?(text: String) {
        // From the string's contiguous bytes: the generic parser ran through protocol witnesses
        // from other modules, and the feed spent a twentieth of its time there.
        var string = text
        guard let uuid = string.withUTF8({ Self.parse($0) }) else { return nil }
        self.init(uuid: uuid)
    }

    private static func parse(_ text: UnsafeBufferPointer<UInt8>) -> uuid_t? {
        guard text.count == 36, text[8] == UInt8(ascii: "-"), text[13] == UInt8(ascii: "-"),
            text[18] == UInt8(ascii: "-"), text[23] == UInt8(ascii: "-")
        else { return nil }
        var bytes: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        let parsed = withUnsafeMutableBytes(of: &bytes) { output -> Bool in
            var position = 0
            for index in 0..<16 {
                if position == 8 || position == 13 || position == 18 || position == 23 { position += 1 }
                guard let high = nibble(text[position]), let low = nibble(text[position + 1]) else { return false }
                output[index] = high << 4 | low
                position += 2
            }
            return true
        }
        return parsed ? bytes : nil
    }

    /// The id as the API and the database write it: lower-case hexadecimal with hyphens.
    public var lowercasedText: String {
        withUnsafeBytes(of: uuid) { bytes in
            String(unsafeUninitializedCapacity: 36) { output in
                var index = 0
                for (offset, byte) in bytes.enumerated() {
                    if offset == 4 || offset == 6 || offset == 8 || offset == 10 {
                        output[index] = UInt8(ascii: "-")
                        index += 1
                    }
                    index = LowercaseHex.write(byte, into: output, at: index)
                }
                return index
            }
        }
    }

    private static func nibble(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
