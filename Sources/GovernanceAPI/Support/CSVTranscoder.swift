import Foundation
import Governance

/// JSON pages to CSV rows in one pass over the bytes: the rows' members are found where they
/// lie and written as cells, without building a value per member (an export is millions of
/// them). Cells read exactly as `CSVFormat.cell` writes them; an array or object cell is copied
/// when the page already wrote it that way (`canonicalJSON`), else goes through it.
struct CSVTranscoder {
    /// A column: its member, and for `parent.child` the nested member.
    struct Column {
        let member: [UInt8]
        let child: [UInt8]?
    }

    /// Where a value lies in the page.
    enum Value {
        case null
        case bool(Bool)
        case number(Range<Int>)
        case string(Range<Int>)
        case composite(Range<Int>)
    }

    /// A page that is not the JSON the operation answers.
    struct Malformed: Error {}

    let columns: [Column]
    let arrayKey: [UInt8]?

    init(_ export: CSVExport) {
        columns = export.columnPaths.map {
            Column(member: Array($0.member.utf8), child: $0.child.map { Array($0.utf8) })
        }
        arrayKey = export.arrayKey.map { Array($0.utf8) }
    }

    /// The CSV rows of one page, appended to `out` (its cursor is `nextCursor(of:)`'s).
    func transcode(_ json: [UInt8], into out: inout [UInt8]) throws {
        var reader = Reader(bytes: json)
        reader.skipSpace()
        guard reader.peek == UInt8(ascii: "{") else { return }
        guard let arrayKey else { return try writeRecord(&reader, into: &out) }
        try reader.members { key, reader in
            guard key == arrayKey[...], reader.peek == UInt8(ascii: "[") else {
                _ = try reader.value()
                return
            }
            try reader.elements { reader in
                if reader.peek == UInt8(ascii: "{") {
                    try writeRecord(&reader, into: &out)
                } else {
                    _ = try reader.value()
                }
            }
        }
    }

    /// A page's `nextCursor`, found by skipping its rows rather than writing them.
    func nextCursor(of json: [UInt8]) throws -> String? {
        var reader = Reader(bytes: json)
        reader.skipSpace()
        guard arrayKey != nil, reader.peek == UInt8(ascii: "{") else { return nil }
        var nextCursor: String?
        try reader.members { key, reader in
            let value = try reader.value()
            if key.elementsEqual("nextCursor".utf8), case .string(let range) = value {
                nextCursor = String(decoding: reader.unescaped(range), as: UTF8.self)
            }
        }
        return nextCursor
    }

    /// One object as one row.
    private func writeRecord(_ reader: inout Reader, into out: inout [UInt8]) throws {
        var cells = [Value](repeating: .null, count: columns.count)
        try reader.members { key, reader in
            let start = reader.position
            let value = try reader.value()
            for (index, column) in columns.enumerated() where column.member[...] == key {
                guard let child = column.child else {
                    cells[index] = value
                    continue
                }
                guard case .composite = value, reader.bytes[start] == UInt8(ascii: "{") else { continue }
                var nested = Reader(bytes: reader.bytes, position: start)
                try nested.members { childKey, nested in
                    let childValue = try nested.value()
                    if childKey == child[...] { cells[index] = childValue }
                }
            }
        }
        for (index, cell) in cells.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            try write(cell, from: reader, into: &out)
        }
        out.append(contentsOf: [0x0D, 0x0A])
    }

    /// One cell, as `CSVFormat.cell` writes it.
    private func write(_ value: Value, from reader: Reader, into out: inout [UInt8]) throws {
        switch value {
        case .null: return
        case .bool(let flag): out.append(contentsOf: flag ? Array("true".utf8) : Array("false".utf8))
        case .number(let range): out.append(contentsOf: reader.bytes[range])
        case .string(let range): Self.appendText(reader.unescaped(range), into: &out)
        case .composite(let range): try Self.appendComposite(reader.bytes[range], into: &out)
        }
    }

    /// A text cell from its UTF-8 bytes, as `CSVFormat.escape` writes it: `'` before a formula.
    static func appendText(_ text: some Collection<UInt8>, into out: inout [UInt8]) {
        let formula = text.first.map { CSVFormat.formulaStartBytes.contains($0) } ?? false
        appendEscaped(text, prefix: formula ? UInt8(ascii: "'") : nil, into: &out)
    }

    /// An array or object cell from its JSON, as `CSVFormat.cell` writes it.
    static func appendComposite(_ json: ArraySlice<UInt8>, into out: inout [UInt8]) throws {
        if let canonical = canonicalJSON(json) {
            appendEscaped(canonical, prefix: nil, into: &out)
            return
        }
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(json))
        out.append(contentsOf: Array(CSVFormat.cell(value).utf8))
    }

    /// A cell's bytes as `CSVFormat.escape` writes them: after `prefix`, quoted (quotes doubled)
    /// when they hold a comma, a quote or a line break.
    private static func appendEscaped(_ text: some Collection<UInt8>, prefix: UInt8?, into out: inout [UInt8]) {
        let quoted = text.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0D || $0 == 0x0A }
        if quoted { out.append(0x22) }
        if let prefix { out.append(prefix) }
        guard quoted else {
            out.append(contentsOf: text)
            return
        }
        // Runs between quotes are copied whole; each quote is doubled.
        var rest = text[...]
        while let quote = rest.firstIndex(of: 0x22) {
            out.append(contentsOf: rest[..<quote])
            out.append(contentsOf: [0x22, 0x22])
            rest = rest[rest.index(after: quote)...]
        }
        out.append(contentsOf: rest)
        out.append(0x22)
    }

    /// A cursor over JSON bytes that finds values without decoding them.
    struct Reader {
        let bytes: [UInt8]
        var position = 0

        var peek: UInt8? { position < bytes.count ? bytes[position] : nil }

        mutating func skipSpace() {
            while position < bytes.count,
                bytes[position] == 0x20 || bytes[position] == 0x0A || bytes[position] == 0x0D || bytes[position] == 0x09
            {
                position += 1
            }
        }

        mutating func expect(_ byte: UInt8) throws {
            skipSpace()
            guard peek == byte else { throw Malformed() }
            position += 1
        }

        /// Each member of the object here: `body` reads (or skips) its value.
        mutating func members(_ body: (ArraySlice<UInt8>, inout Reader) throws -> Void) throws {
            try expect(UInt8(ascii: "{"))
            skipSpace()
            if peek == UInt8(ascii: "}") {
                position += 1
                return
            }
            while true {
                skipSpace()
                guard case .string(let keyRange) = try value() else { throw Malformed() }
                try expect(UInt8(ascii: ":"))
                skipSpace()
                try body(unescapedSlice(keyRange), &self)
                skipSpace()
                guard let next = peek else { throw Malformed() }
                position += 1
                if next == UInt8(ascii: "}") { return }
                guard next == UInt8(ascii: ",") else { throw Malformed() }
            }
        }

        /// Each element of the array here.
        mutating func elements(_ body: (inout Reader) throws -> Void) throws {
            try expect(UInt8(ascii: "["))
            skipSpace()
            if peek == UInt8(ascii: "]") {
                position += 1
                return
            }
            while true {
                skipSpace()
                try body(&self)
                skipSpace()
                guard let next = peek else { throw Malformed() }
                position += 1
                if next == UInt8(ascii: "]") { return }
                guard next == UInt8(ascii: ",") else { throw Malformed() }
            }
        }

        /// The value here, passed over.
        mutating func value() throws -> Value {
            skipSpace()
            guard let first = peek else { throw Malformed() }
            let start = position
            switch first {
            case UInt8(ascii: "\""):
                position += 1
                while position < bytes.count, bytes[position] != 0x22 {
                    position += bytes[position] == 0x5C ? 2 : 1
                }
                guard position < bytes.count else { throw Malformed() }
                position += 1
                return .string(start + 1..<position - 1)
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                try skipComposite()
                return .composite(start..<position)
            case UInt8(ascii: "t"):
                position += 4
                return .bool(true)
            case UInt8(ascii: "f"):
                position += 5
                return .bool(false)
            case UInt8(ascii: "n"):
                position += 4
                return .null
            default:
                while position < bytes.count, Self.numberBytes.contains(bytes[position]) { position += 1 }
                guard position > start else { throw Malformed() }
                return .number(start..<position)
            }
        }

        static let numberBytes = Set("-+.eE0123456789".utf8)

        /// Passes an object or array, strings inside included.
        mutating func skipComposite() throws {
            var depth = 0
            repeat {
                guard position < bytes.count else { throw Malformed() }
                switch bytes[position] {
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
                case 0x22:
                    position += 1
                    while position < bytes.count, bytes[position] != 0x22 {
                        position += bytes[position] == 0x5C ? 2 : 1
                    }
                default: break
                }
                position += 1
            } while depth > 0
        }

        /// A string's bytes with its escapes resolved; the slice itself when it has none.
        func unescapedSlice(_ range: Range<Int>) -> ArraySlice<UInt8> {
            bytes[range].contains(0x5C) ? ArraySlice(unescaped(range)) : bytes[range]
        }

        /// A string's UTF-8 bytes with its escapes resolved.
        func unescaped(_ range: Range<Int>) -> [UInt8] {
            guard bytes[range].contains(0x5C) else { return Array(bytes[range]) }
            var out: [UInt8] = []
            out.reserveCapacity(range.count)
            var index = range.lowerBound
            var pendingHigh: UInt32?
            while index < range.upperBound {
                let byte = bytes[index]
                guard byte == 0x5C, index + 1 < range.upperBound else {
                    out.append(byte)
                    index += 1
                    continue
                }
                let escape = bytes[index + 1]
                index += 2
                switch escape {
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "u"):
                    guard index + 4 <= range.upperBound,
                        let code = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16)
                    else { break }
                    index += 4
                    if (0xD800..<0xDC00).contains(code) {
                        pendingHigh = code
                        continue
                    }
                    var scalarValue = code
                    if let high = pendingHigh, (0xDC00..<0xE000).contains(code) {
                        scalarValue = 0x10000 + ((high - 0xD800) << 10) + (code - 0xDC00)
                    }
                    pendingHigh = nil
                    if let scalar = Unicode.Scalar(scalarValue) { out.append(contentsOf: Array(String(scalar).utf8)) }
                default: out.append(escape)
                }
            }
            return out
        }
    }
}
