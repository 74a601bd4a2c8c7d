public import Foundation
import IdentifierText

/// Time-ordered ids (UUID version 7): new rows sort last, so keyset pages follow creation
/// order and index inserts stay local.
public enum Identifier {
    /// A new version-7 UUID for the system clock's current time.
    public static func make() -> UUID { make(now: GovernanceClock.system.now()) }

    /// A new version-7 UUID for `now`.
    public static func make(now: Date) -> UUID {
        var bytes = [UInt8](repeating: 0, count: 16)
        var generator = SystemRandomNumberGenerator()
        for index in 6..<16 { bytes[index] = UInt8.random(in: 0...255, using: &generator) }
        let milliseconds = UInt64(max(0, now.timeIntervalSince1970 * 1000))
        for index in 0..<6 { bytes[index] = UInt8(truncatingIfNeeded: milliseconds >> (8 * (5 - UInt64(index)))) }
        bytes[6] = (bytes[6] & 0x0f) | 0x70
        bytes[8] = (bytes[8] & 0x3f) | 0x80
        return UUID(
            uuid: (
                bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
            ))
    }
}

extension UUID {
    /// The id as the API writes it: lower-case hexadecimal with hyphens.
    public var lowercasedString: String { lowercasedText }
}
