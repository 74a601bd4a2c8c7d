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

    /// A member or an element: a leaf held as it is (most are: no object per leaf), or an array
    /// or object of its own.
    enum Child {
        case leaf(Kind)
        case container(EncodedValue)

        /// The child as one CSV cell.
        func appendCell(into out: inout [UInt8]) throws {
            switch self {
            case .leaf(let kind): EncodedValue.appendLeafCell(kind, into: &out)
            case .container(let value): try value.appendCell(into: &out)
            }
        }

        /// The child as JSON; whether it is canonical (`appendJSON`).
        func appendJSON(into out: inout [UInt8]) -> Bool {
            switch self {
            case .leaf(let kind): EncodedValue.appendLeafJSON(kind, into: &out)
            case .container(let value): value.appendJSON(into: &out)
            }
        }
    }

    /// An encodable that writes nothing at all is `{}`, as with `JSONEncoder`.
    var kind = Kind.object
    /// An array's elements, in order.
    var elements: [Child] = []
    /// An object's members, in the order they were encoded.
    var members: [(key: String, value: Child)] = []

    /// `value`, encoded with `dates` for its dates: the types `JSONEncoder` treats apart first,
    /// then the value's own conformance.
    static func child<T: Encodable>(_ value: T, dates: any DateTranscoder) throws -> Child {
        switch value {
        case let text as String: return .leaf(.string(text))
        case let date as Date: return .leaf(.string(try dates.encode(date)))
        case let url as URL: return .leaf(.string(url.absoluteString))
        case let data as Data: return .leaf(.string(data.base64EncodedString()))
        case let decimal as Decimal: return .leaf(.number(decimal.description))
        default:
            let encoded = EncodedValue()
            try value.encode(to: EncodedValueEncoder(value: encoded, dates: dates))
            switch encoded.kind {
            case .array, .object: return .container(encoded)
            default: return .leaf(encoded.kind)
            }
        }
    }

    /// Makes this `value` (a value whose encoding is another value's).
    func set<T: Encodable>(_ value: T, dates: any DateTranscoder) throws {
        switch try Self.child(value, dates: dates) {
        case .leaf(let leaf): kind = leaf
        case .container(let container):
            kind = container.kind
            elements = container.elements
            members = container.members
        }
    }

    /// A float as `JSONEncoder` writes it; like it, refuses NaN and infinities.
    static func number<Float: BinaryFloatingPoint & CustomStringConvertible>(_ number: Float) throws -> Kind {
        guard number.isFinite else {
            throw EncodingError.invalidValue(number, .init(codingPath: [], debugDescription: "not a JSON number"))
        }
        var text = number.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        return .number(text)
    }

    /// The value as one CSV cell, as `CSVTranscoder` writes the same value from JSON.
    func appendCell(into out: inout [UInt8]) throws {
        switch kind {
        case .array, .object:
            var json: [UInt8] = []
            // JSON that is already canonical (`CSVTranscoder.canonicalJSON`) is the cell as it
            // is; anything else goes the transcoder's way.
            if appendJSON(into: &json) {
                CSVTranscoder.appendText(json, into: &out)
            } else {
                try CSVTranscoder.appendComposite(json[...], into: &out)
            }
        default: Self.appendLeafCell(kind, into: &out)
        }
    }

    /// A leaf as one CSV cell.
    static func appendLeafCell(_ kind: Kind, into out: inout [UInt8]) {
        switch kind {
        case .null, .array, .object: return
        case .bool(let flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
        case .number(let text): out.append(contentsOf: text.utf8)
        case .string(let text): CSVTranscoder.appendText(text.utf8, into: &out)
        }
    }

    /// The value as compact JSON, object keys in byte order (the order `CSVTranscoder`'s copy
    /// of canonical JSON accepts), control characters as `\u` escapes. Returns whether the JSON
    /// is canonical as `CSVTranscoder.canonicalJSON` defines it: integers of at most 18 digits,
    /// no control characters, plain ASCII keys, none twice.
    @discardableResult
    func appendJSON(into out: inout [UInt8]) -> Bool {
        switch kind {
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
            // Sorted where they are: a value is written once.
            members.sort { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            for (index, member) in members.enumerated() {
                if index > 0 {
                    out.append(UInt8(ascii: ","))
                    if !members[index - 1].key.utf8.lexicographicallyPrecedes(member.key.utf8) { canonical = false }
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
        default: return Self.appendLeafJSON(kind, into: &out)
        }
    }

    /// A leaf as JSON; whether it is canonical.
    static func appendLeafJSON(_ kind: Kind, into out: inout [UInt8]) -> Bool {
        switch kind {
        case .null, .array, .object:
            out.append(contentsOf: "null".utf8)
            return true
        case .bool(let flag):
            out.append(contentsOf: (flag ? "true" : "false").utf8)
            return true
        case .number(let text):
            out.append(contentsOf: text.utf8)
            return isCanonicalInteger(text)
        case .string(let text): return appendJSONString(text, into: &out)
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
        out.append(UInt8(ascii: "\""))
        // Most strings need no escape: copied whole.
        guard text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else {
            out.append(contentsOf: text.utf8)
            out.append(UInt8(ascii: "\""))
            return true
        }
        var canonical = true
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
