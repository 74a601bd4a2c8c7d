/// A list or object cell copied from the page's bytes instead of decoded and encoded again,
/// when the bytes already are what `CSVFormat.cell` would write: the service's pages are compact
/// with sorted keys, so a case's nested lists (its parties, its actions) are copied as they lie.
/// Anything else (whitespace, keys out of order, a fraction or exponent, a `\u` escape) returns
/// `nil`, and the cell goes the model's way.
extension CSVTranscoder {
    /// The JSON of the composite value `bytes` as the model writes it (`\/` unescaped), or `nil`.
    static func canonicalJSON(_ bytes: ArraySlice<UInt8>) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        // Per open container: whether it is an object, whether a key comes next, the last key.
        var open: [(object: Bool, keyNext: Bool, lastKey: ArraySlice<UInt8>?)] = []
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                open.append((byte == UInt8(ascii: "{"), byte == UInt8(ascii: "{"), nil))
                out.append(byte)
                index += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                guard open.popLast() != nil else { return nil }
                out.append(byte)
                index += 1
            case UInt8(ascii: ","):
                if open.last?.object == true { open[open.count - 1].keyNext = true }
                out.append(byte)
                index += 1
            case UInt8(ascii: ":"):
                out.append(byte)
                index += 1
            case UInt8(ascii: "\""):
                guard let end = stringEnd(bytes, from: index + 1) else { return nil }
                let content = bytes[(index + 1)..<end]
                if let top = open.last, top.object, top.keyNext {
                    // A key: plain ASCII (byte order is then the encoder's order), after the last.
                    guard content.allSatisfy({ $0 < 0x80 && $0 != UInt8(ascii: "\\") }) else { return nil }
                    if let last = top.lastKey, !last.lexicographicallyPrecedes(content) { return nil }
                    open[open.count - 1].keyNext = false
                    open[open.count - 1].lastKey = content
                    out.append(contentsOf: bytes[index...end])
                } else {
                    guard appendString(content, to: &out) else { return nil }
                }
                index = end + 1
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                guard let end = integerEnd(bytes, from: index) else { return nil }
                out.append(contentsOf: bytes[index..<end])
                index = end
            case UInt8(ascii: "a")...UInt8(ascii: "z"):
                var end = index
                while end < bytes.endIndex, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(bytes[end]) { end += 1 }
                let word = bytes[index..<end]
                guard
                    word.elementsEqual("true".utf8) || word.elementsEqual("false".utf8)
                        || word.elementsEqual("null".utf8)
                else { return nil }
                out.append(contentsOf: word)
                index = end
            default:
                return nil
            }
        }
        return open.isEmpty ? out : nil
    }

    /// The index of the quote closing a string whose content starts at `start`.
    private static func stringEnd(_ bytes: ArraySlice<UInt8>, from start: Int) -> Int? {
        var end = start
        while end < bytes.endIndex, bytes[end] != UInt8(ascii: "\"") {
            end += bytes[end] == UInt8(ascii: "\\") ? 2 : 1
        }
        return end < bytes.endIndex ? end : nil
    }

    /// A string value in quotes with `\/` written as `/`; `false` for a `\u` escape, which the
    /// model may write otherwise.
    private static func appendString(_ content: ArraySlice<UInt8>, to out: inout [UInt8]) -> Bool {
        out.append(UInt8(ascii: "\""))
        var index = content.startIndex
        while index < content.endIndex {
            let byte = content[index]
            guard byte == UInt8(ascii: "\\"), index + 1 < content.endIndex else {
                out.append(byte)
                index += 1
                continue
            }
            let escaped = content[index + 1]
            if escaped == UInt8(ascii: "u") { return false }
            if escaped != UInt8(ascii: "/") { out.append(byte) }
            out.append(escaped)
            index += 2
        }
        out.append(UInt8(ascii: "\""))
        return true
    }

    /// The end of an integer the model writes the same way (no leading zero, no minus zero, at
    /// most 18 digits); `nil` for a fraction, an exponent or anything else.
    private static func integerEnd(_ bytes: ArraySlice<UInt8>, from start: Int) -> Int? {
        var end = start
        if bytes[end] == UInt8(ascii: "-") { end += 1 }
        let digits = end
        while end < bytes.endIndex, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[end]) { end += 1 }
        let count = end - digits
        guard count > 0, count <= 18, bytes[digits] != UInt8(ascii: "0") || count == 1,
            !(bytes[digits] == UInt8(ascii: "0") && digits > start)
        else { return nil }
        if end < bytes.endIndex, [UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E")].contains(bytes[end]) {
            return nil
        }
        return end
    }
}
