import Foundation
import Governance

/// One operation's CSV export: where its rows are in the JSON answer and which columns they
/// have (generated from the contract into `csvExportTable`).
struct CSVExport: Sendable {
    /// The operation.
    let operationID: String
    /// The answer's array of rows (`items`, `rows`); `nil` when the whole answer is one row.
    let arrayKey: String?
    /// Whether the list pages with `cursor`/`nextCursor`: the export follows every page.
    let paged: Bool
    /// The columns, `name` or `parent.child`, in the contract's order.
    let columns: [String]

    /// Each column as the member it reads and, for `parent.child`, the nested member.
    var columnPaths: [(member: String, child: String?)] {
        columns.map { name in
            guard let dot = name.firstIndex(of: ".") else { return (name, nil) }
            return (String(name[..<dot]), String(name[name.index(after: dot)...]))
        }
    }
}

/// RFC 4180 CSV cells from JSON values (`CSVTranscoder` writes whole pages): CRLF rows, quoted where needed, text cells that a spreadsheet
/// would run as a formula prefixed with `'` (OWASP CSV injection), numbers left as numbers.
enum CSVFormat {
    /// The UTF-8 byte-order mark, so that spreadsheet software reads Chinese as UTF-8.
    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// The header row.
    static func header(_ columns: [String]) -> String {
        columns.map { escape($0, isText: true) }.joined(separator: ",") + "\r\n"
    }

    /// One cell: empty for absent and null, JSON for arrays and objects.
    static func cell(_ value: JSONValue?) -> String {
        switch value {
        case nil, .null?: return ""
        case .bool(let flag)?: return flag ? "true" : "false"
        case .int(let number)?: return String(number)
        case .double(let number)?: return escape(String(number), isText: false)
        case .string(let text)?: return escape(text, isText: true)
        case .array?, .object?:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let json = (try? encoder.encode(value)).flatMap { String(data: $0, encoding: .utf8) } ?? ""
            return escape(json, isText: false)
        }
    }

    /// Characters that make a spreadsheet read a text cell as a formula (OWASP).
    static let formulaStarts: Set<Character> = ["=", "+", "-", "@", "\t", "\r"]

    /// The same, as the first byte of a UTF-8 cell.
    static let formulaStartBytes: Set<UInt8> = Set("=+-@\t\r".utf8)

    /// Quotes a cell when it holds a comma, a quote or a line break, after prefixing a text
    /// that starts like a formula.
    static func escape(_ raw: String, isText: Bool) -> String {
        var text = raw
        if isText, let first = text.first, formulaStarts.contains(first) { text = "'" + text }
        // Bytes, not characters: each byte looked for is ASCII, which UTF-8 never uses inside
        // another character, and "\r\n" is one character but two bytes. Foundation's
        // `replacingOccurrences` was the most expensive call of a case export.
        guard text.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0D || $0 == 0x0A }) else { return text }
        var quoted: [UInt8] = [0x22]
        quoted.reserveCapacity(text.utf8.count + 8)
        for byte in text.utf8 {
            if byte == 0x22 { quoted.append(0x22) }
            quoted.append(byte)
        }
        quoted.append(0x22)
        return String(decoding: quoted, as: UTF8.self)
    }
}
