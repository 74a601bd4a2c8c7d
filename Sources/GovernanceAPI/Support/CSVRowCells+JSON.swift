import Foundation
import OpenAPIRuntime

/// A value being written: a cell of its own, or a value inside an array or object cell.
struct CSVJSONFrame {
    enum Kind {
        case undecided
        case leaf
        case object
        case array
    }

    var kind = Kind.undecided
    /// Whether the value is a cell (else JSON inside one).
    let isCell: Bool
    /// Where its bytes begin.
    let start: Int
    /// An object's first member in `CSVRowCells.members`.
    let firstMember: Int
    /// The members or elements written so far.
    var count = 0
}

/// A member of an object being written: where its key's bytes lie and where its `"key":value`
/// begins (it ends where the next member's comma is, or at the end).
struct CSVJSONMember {
    let key: Range<Int>
    let start: Int
}

/// Values written as cells, and arrays and objects written as the JSON of their cell, the way
/// `CSVTranscoder` writes the same value from the runtime's JSON: compact, object keys in byte
/// order, the cell's quotes doubled as the JSON is written. A value is written by its own
/// conformance into the frames here, except the types `JSONEncoder` writes apart.
extension CSVRowCells {
    /// `value`, as a cell of its own or as JSON in the cell being written.
    func write<T: Encodable>(_ value: T, asCell: Bool) throws {
        // A metatype comparison first: a cast per member cost more than the rest of its writing.
        if T.self == String.self, let text = value as? String { return writeText(text, asCell: asCell) }
        if T.self == Date.self, let date = value as? Date {
            return writeText(try encoder.dates.encode(date), asCell: asCell)
        }
        if T.self == URL.self, let url = value as? URL { return writeText(url.absoluteString, asCell: asCell) }
        if T.self == Data.self, let data = value as? Data {
            return writeText(data.base64EncodedString(), asCell: asCell)
        }
        if T.self == Decimal.self, let decimal = value as? Decimal {
            return writeNumber(decimal.description, asCell: asCell)
        }
        let frame = open(asCell: asCell)
        try value.encode(to: CSVValueEncoder(row: self, frame: frame))
        try close(frame)
    }

    /// An encoder for what this one does not write (nested containers, an item that is no
    /// object): the page goes the JSON way, and what is written through it is dropped with it.
    func discardedEncoder() -> CSVValueEncoder {
        needsJSON = true
        return CSVValueEncoder(row: self, frame: open(asCell: false))
    }

    // MARK: Leaves

    func writeText(_ text: String, asCell: Bool) {
        if asCell { appendTextCell(text) } else { appendJSONString(text) }
    }

    /// A number's text; as JSON, canonical only as an integer the way the runtime writes one.
    func writeNumber(_ text: String, asCell: Bool) {
        bytes.append(contentsOf: text.utf8)
        if !asCell && !Self.isCanonicalInteger(text) { canonical = false }
    }

    func writeBool(_ flag: Bool) { bytes.append(contentsOf: (flag ? "true" : "false").utf8) }

    /// `null` in JSON; an empty cell.
    func writeNull(asCell: Bool) {
        if !asCell { bytes.append(contentsOf: "null".utf8) }
    }

    /// A float as `JSONEncoder` writes it; like it, refuses NaN and infinities.
    static func number<Float: BinaryFloatingPoint & CustomStringConvertible>(_ number: Float) throws -> String {
        guard number.isFinite else {
            throw EncodingError.invalidValue(number, .init(codingPath: [], debugDescription: "not a JSON number"))
        }
        var text = number.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text
    }

    /// An integer as the runtime's encoder writes it and `canonicalJSON` copies it.
    private static func isCanonicalInteger(_ text: String) -> Bool {
        let digits = text.utf8.first == UInt8(ascii: "-") ? text.utf8.dropFirst() : text.utf8[...]
        guard (1...18).contains(digits.count), digits.allSatisfy({ (0x30...0x39).contains($0) }) else { return false }
        return digits.first != 0x30 || (digits.count == 1 && digits.count == text.utf8.count)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// A JSON string with the cell's quotes doubled; a control character (a `\u` escape, which
    /// `canonicalJSON` leaves to the model) makes the cell not canonical.
    func appendJSONString(_ text: String) {
        bytes.append(0x22)
        bytes.append(0x22)
        // Most strings need no escape: copied whole. (A native string's bytes are contiguous; a
        // loop over them is several times faster than over its `utf8` view.)
        let copied =
            text.utf8.withContiguousStorageIfAvailable { utf8 in
                guard !utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) else { return false }
                bytes.append(contentsOf: utf8)
                return true
            } ?? false
        if !copied {
            for byte in text.utf8 {
                switch byte {
                case 0x22:
                    bytes.append(0x5C)
                    bytes.append(0x22)
                    bytes.append(0x22)
                case 0x5C:
                    bytes.append(0x5C)
                    bytes.append(0x5C)
                case 0..<0x20:
                    canonical = false
                    bytes.append(contentsOf: "\\u00".utf8)
                    bytes.append(Self.hexDigits[Int(byte >> 4)])
                    bytes.append(Self.hexDigits[Int(byte & 0x0F)])
                default: bytes.append(byte)
                }
            }
        }
        bytes.append(0x22)
        bytes.append(0x22)
    }

    /// A text cell (`CSVTranscoder.appendText`), from the string's contiguous bytes.
    func appendTextCell(_ text: String) {
        if text.utf8.withContiguousStorageIfAvailable({ CSVTranscoder.appendText($0, into: &bytes) }) == nil {
            CSVTranscoder.appendText(text.utf8, into: &bytes)
        }
    }

    // MARK: Frames

    /// A new value at the end of the bytes.
    func open(asCell: Bool) -> Int {
        if asCell { canonical = true }
        frames.append(CSVJSONFrame(isCell: asCell, start: bytes.count, firstMember: members.count))
        return frames.count - 1
    }

    /// Makes `frame` an object or an array (`kind`); asked again for the same kind, it is the same
    /// container, as with `JSONEncoder`.
    func beginContainer(_ frame: Int, _ kind: CSVJSONFrame.Kind) {
        guard frames.indices.contains(frame) else { return needsJSON = true }
        switch frames[frame].kind {
        case .undecided:
            frames[frame].kind = kind
            bytes.append(kind == .object ? UInt8(ascii: "{") : UInt8(ascii: "["))
        case kind: return
        default: needsJSON = true
        }
    }

    /// Makes `frame` one leaf; whether it is a cell, or `nil` when it cannot be written.
    func beginLeaf(_ frame: Int) -> Bool? {
        guard frames.indices.contains(frame), case .undecided = frames[frame].kind else {
            needsJSON = true
            return nil
        }
        frames[frame].kind = .leaf
        return frames[frame].isCell
    }

    /// Writes a member's key; its value follows.
    func beginMember(_ frame: Int, _ key: String) {
        guard frames.indices.contains(frame), case .object = frames[frame].kind else { return needsJSON = true }
        if frames[frame].count > 0 { bytes.append(UInt8(ascii: ",")) }
        frames[frame].count += 1
        let start = bytes.count
        // Keys other than plain ASCII are left to the model, as `canonicalJSON` leaves them.
        if key.utf8.contains(where: { $0 >= 0x80 || $0 == 0x22 || $0 == 0x5C }) { canonical = false }
        appendJSONString(key)
        members.append(CSVJSONMember(key: start + 2..<bytes.count - 2, start: start))
        bytes.append(UInt8(ascii: ":"))
    }

    /// Starts an element; its value follows.
    func beginElement(_ frame: Int) {
        guard frames.indices.contains(frame), case .array = frames[frame].kind else { return needsJSON = true }
        if frames[frame].count > 0 { bytes.append(UInt8(ascii: ",")) }
        frames[frame].count += 1
    }

    /// Ends the innermost value, `frame`.
    func close(_ frame: Int) throws {
        guard frame == frames.count - 1 else { return needsJSON = true }
        let value = frames.removeLast()
        switch value.kind {
        // A value that writes nothing is `{}`, as with `JSONEncoder`.
        case .undecided: bytes.append(contentsOf: "{}".utf8)
        case .leaf: return
        case .array: bytes.append(UInt8(ascii: "]"))
        case .object: closeObject(value)
        }
        if value.isCell { try finishCell(from: value.start) }
    }

    /// Ends an object: its members were written in the order they came, which is key order or
    /// is made so here.
    private func closeObject(_ object: CSVJSONFrame) {
        let first = object.firstMember
        defer { members.removeSubrange(first...) }
        var inOrder = true
        for index in (first + 1)..<max(first + 1, members.count)
        where !bytes[members[index - 1].key].lexicographicallyPrecedes(bytes[members[index].key]) {
            inOrder = false
            break
        }
        guard !inOrder else { return bytes.append(UInt8(ascii: "}")) }
        order.removeAll(keepingCapacity: true)
        order.append(contentsOf: first..<members.count)
        // A key written twice keeps its last value, as with `JSONEncoder`: equal keys stay in
        // the order they came, and all but the last are left out.
        func precedes(_ one: Int, _ other: Int) -> Bool {
            let (oneKey, otherKey) = (bytes[members[one].key], bytes[members[other].key])
            return oneKey.lexicographicallyPrecedes(otherKey) || (oneKey.elementsEqual(otherKey) && one < other)
        }
        order.sort(by: precedes)
        scratch.removeAll(keepingCapacity: true)
        scratch.append(UInt8(ascii: "{"))
        for (position, member) in order.enumerated() {
            if position + 1 < order.count,
                bytes[members[member].key].elementsEqual(bytes[members[order[position + 1]].key])
            {
                continue
            }
            if scratch.count > 1 { scratch.append(UInt8(ascii: ",")) }
            let end = member + 1 < members.count ? members[member + 1].start - 1 : bytes.count
            scratch.append(contentsOf: bytes[members[member].start..<end])
        }
        scratch.append(UInt8(ascii: "}"))
        bytes.replaceSubrange(object.start..., with: scratch)
    }

    /// Makes the array or object JSON from `start` its cell, as `CSVTranscoder.appendComposite`
    /// writes the same JSON.
    private func finishCell(from start: Int) throws {
        if canonical {
            // Its quotes are doubled already; canonical JSON holds no line break.
            if bytes[start...].contains(where: { $0 == 0x22 || $0 == 0x2C }) {
                bytes.insert(0x22, at: start)
                bytes.append(0x22)
            }
            return
        }
        // The JSON itself (each quote once), the transcoder's way.
        scratch.removeAll(keepingCapacity: true)
        var index = start
        while index < bytes.count {
            scratch.append(bytes[index])
            index += bytes[index] == 0x22 ? 2 : 1
        }
        bytes.removeSubrange(start...)
        try CSVTranscoder.appendComposite(scratch[...], into: &bytes)
    }
}
