import Foundation
import OpenAPIRuntime

/// A value as its `Encodable` conformance writes it, held as the JSON value the runtime's
/// encoder would make of it: what `CSVRowEncoder` writes an export's array and object cells
/// from, without a `JSONEncoder`.
///
/// Leaves follow `JSONEncoder` (dates through the runtime's `DateTranscoder`, `URL` as its
/// absolute string, `Data` as Base64, a float's description without a trailing `.0`), so that a
/// cell made from it reads as the cell `CSVTranscoder` makes from the JSON answer.
final class EncodedValue {
    /// What the value is; an array's elements and an object's members are held beside it.
    enum Kind {
        case null
        case bool(Bool)
        case number(String)
        case string(String)
        case array
        case object
    }

    /// An encodable that writes nothing at all is `{}`, as with `JSONEncoder`.
    var kind = Kind.object
    /// An array's elements, in order.
    var elements: [EncodedValue] = []
    /// An object's members, in the order they were encoded.
    var members: [(key: String, value: EncodedValue)] = []

    /// `value`, encoded with `dates` for its dates.
    static func encoding<T: Encodable>(_ value: T, dates: any DateTranscoder) throws -> EncodedValue {
        let encoded = EncodedValue()
        try encoded.set(value, dates: dates)
        return encoded
    }

    /// Makes this `value`, taking the types `JSONEncoder` treats apart before the value's own
    /// conformance.
    func set<T: Encodable>(_ value: T, dates: any DateTranscoder) throws {
        switch value {
        case let text as String: kind = .string(text)
        case let date as Date: kind = .string(try dates.encode(date))
        case let url as URL: kind = .string(url.absoluteString)
        case let data as Data: kind = .string(data.base64EncodedString())
        case let decimal as Decimal: kind = .number(decimal.description)
        default: try value.encode(to: EncodedValueEncoder(value: self, dates: dates))
        }
    }

    /// Makes this a float as `JSONEncoder` writes it; like it, refuses NaN and infinities.
    func setNumber<Float: BinaryFloatingPoint & CustomStringConvertible>(_ number: Float) throws {
        guard number.isFinite else {
            throw EncodingError.invalidValue(number, .init(codingPath: [], debugDescription: "not a JSON number"))
        }
        var text = number.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        kind = .number(text)
    }

    /// The value as one CSV cell, as `CSVTranscoder` writes the same value from JSON.
    func appendCell(into out: inout [UInt8]) throws {
        switch kind {
        case .null: return
        case .bool(let flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
        case .number(let text): out.append(contentsOf: text.utf8)
        case .string(let text): CSVTranscoder.appendText(text.utf8, into: &out)
        case .array, .object:
            var json: [UInt8] = []
            // JSON that is already canonical (`CSVTranscoder.canonicalJSON`) is the cell as it
            // is; anything else goes the transcoder's way.
            if appendJSON(into: &json) {
                CSVTranscoder.appendText(json, into: &out)
            } else {
                try CSVTranscoder.appendComposite(json[...], into: &out)
            }
        }
    }

    /// The value as compact JSON, object keys in byte order (the order `CSVTranscoder`'s copy
    /// of canonical JSON accepts), control characters as `\u` escapes. Returns whether the JSON
    /// is canonical as `CSVTranscoder.canonicalJSON` defines it: integers of at most 18 digits,
    /// no control characters, plain ASCII keys, none twice.
    @discardableResult
    func appendJSON(into out: inout [UInt8]) -> Bool {
        switch kind {
        case .null:
            out.append(contentsOf: "null".utf8)
            return true
        case .bool(let flag):
            out.append(contentsOf: (flag ? "true" : "false").utf8)
            return true
        case .number(let text):
            out.append(contentsOf: text.utf8)
            return Self.isCanonicalInteger(text)
        case .string(let text): return Self.appendJSONString(text, into: &out)
        case .array:
            var canonical = true
            out.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                canonical = element.appendJSON(into: &out) && canonical
            }
            out.append(UInt8(ascii: "]"))
            return canonical
        case .object:
            var canonical = true
            out.append(UInt8(ascii: "{"))
            let sorted = members.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            for (index, member) in sorted.enumerated() {
                if index > 0 {
                    out.append(UInt8(ascii: ","))
                    if !sorted[index - 1].key.utf8.lexicographicallyPrecedes(member.key.utf8) { canonical = false }
                }
                if !member.key.utf8.allSatisfy({ $0 < 0x80 && $0 != UInt8(ascii: "\\") && $0 != UInt8(ascii: "\"") }) {
                    canonical = false
                }
                canonical = Self.appendJSONString(member.key, into: &out) && canonical
                out.append(UInt8(ascii: ":"))
                canonical = member.value.appendJSON(into: &out) && canonical
            }
            out.append(UInt8(ascii: "}"))
            return canonical
        }
    }

    /// An integer as the runtime's encoder writes it and `canonicalJSON` copies it.
    private static func isCanonicalInteger(_ text: String) -> Bool {
        let digits = text.utf8.first == UInt8(ascii: "-") ? text.utf8.dropFirst() : text.utf8[...]
        guard (1...18).contains(digits.count), digits.allSatisfy({ (0x30...0x39).contains($0) }) else { return false }
        return digits.first != 0x30 || (digits.count == 1 && digits.count == text.utf8.count)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// A string in quotes; returns `false` when it holds a control character (written as a
    /// `\u` escape, which `canonicalJSON` leaves to the model).
    private static func appendJSONString(_ text: String, into out: inout [UInt8]) -> Bool {
        var canonical = true
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                out.append(UInt8(ascii: "\\"))
                out.append(byte)
            case 0..<0x20:
                canonical = false
                out.append(contentsOf: "\\u00".utf8)
                out.append(hexDigits[Int(byte >> 4)])
                out.append(hexDigits[Int(byte & 0x0F)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
        return canonical
    }
}
