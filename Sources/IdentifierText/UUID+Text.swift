public import struct Foundation.UUID

/// The text form of ids, written and read by hand: Foundation's `uuidString` goes through
/// `sprintf` and `UUID(uuidString:)` through `sscanf`, both on every row and every response.
extension UUID {
    /// Parses the 36-character hyphenated form, in either case; nil for anything else.
    public init?(text: some StringProtocol) {
        var bytes:
            (
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                UInt8
            ) =
                (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        let parsed = withUnsafeMutableBytes(of: &bytes) { output -> Bool in
            var utf8 = text.utf8.makeIterator()
            var position = 0
            var written = 0
            while let byte = utf8.next() {
                defer { position += 1 }
                if position == 8 || position == 13 || position == 18 || position == 23 {
                    guard byte == UInt8(ascii: "-") else { return false }
                    continue
                }
                guard position < 36, let high = Self.nibble(byte), let next = utf8.next(),
                    let low = Self.nibble(next)
                else { return false }
                position += 1
                output[written] = high << 4 | low
                written += 1
            }
            return position == 36 && written == 16
        }
        guard parsed else { return nil }
        self.init(uuid: bytes)
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
