/// The elements of an array in PostgreSQL's text output (`{a,"b c",NULL}`, or `{{a,b},{c,d}}`
/// for two dimensions, read row after row).
///
/// A list column aggregated as `array_agg(ARRAY[…])` costs PostgreSQL a fraction of the same
/// rows built as JSON objects (`json_build_object` escapes and names every member of every
/// row), and is read here without a JSON decoder.
public enum PostgresTextArray {
    /// The elements of a one-dimensional array without `NULL`s (`text[]` of names, days, ids);
    /// none when `text` is not an array.
    public static func parse(_ text: String) -> [String] { elements(text)?.compactMap { $0 } ?? [] }

    /// The elements in order, `nil` for an unquoted `NULL`; `nil` when `text` is not an array.
    public static func elements(_ text: String) -> [String?]? {
        var text = text
        return text.withUTF8 { elements(bytes: $0) }
    }

    private static func elements(bytes: UnsafeBufferPointer<UInt8>) -> [String?]? {
        guard bytes.first == UInt8(ascii: "{"), bytes.last == UInt8(ascii: "}") else { return nil }
        var elements: [String?] = []
        var index = 0
        var depth = 0
        var expectsElement = false
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "{"):
                depth += 1
                expectsElement = true
                index += 1
            case UInt8(ascii: "}"):
                depth -= 1
                expectsElement = false
                index += 1
            case UInt8(ascii: ","):
                expectsElement = true
                index += 1
            case UInt8(ascii: "\""):
                guard expectsElement else { return nil }
                var element: [UInt8] = []
                index += 1
                while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
                    if bytes[index] == UInt8(ascii: "\\") { index += 1 }
                    guard index < bytes.count else { return nil }
                    element.append(bytes[index])
                    index += 1
                }
                guard index < bytes.count else { return nil }
                index += 1
                elements.append(String(decoding: element, as: UTF8.self))
                expectsElement = false
            default:
                guard expectsElement else { return nil }
                let start = index
                while index < bytes.count, bytes[index] != UInt8(ascii: ","), bytes[index] != UInt8(ascii: "}") {
                    // PostgreSQL quotes an element holding a quote, a brace or a backslash.
                    guard bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "{") else { return nil }
                    index += 1
                }
                let element = UnsafeBufferPointer(rebasing: bytes[start..<index])
                elements.append(element.elementsEqual("NULL".utf8) ? nil : String(decoding: element, as: UTF8.self))
                expectsElement = false
            }
            guard depth >= 0 else { return nil }
        }
        return depth == 0 ? elements : nil
    }
}
