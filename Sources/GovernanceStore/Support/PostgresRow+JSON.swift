import Foundation
import Postgres

extension PostgresRow {
    /// Decodes a `json`/`jsonb` column (selected as text) into a `Decodable` value; malformed
    /// JSON is a decoding error, never a silently empty value.
    func decodeJSON<Value: Decodable>(_ column: String, as type: Value.Type = Value.self) throws -> Value {
        try Self.decodeJSONText(try decode(column, as: String.self), column: column)
    }

    /// The same for an array column. Most lists' nested arrays are empty (a case page has three
    /// per row): those need no decoder, nor the cast a generic value would need to be `[]`.
    func decodeJSON<Element: Decodable>(_ column: String, as type: [Element].Type = [Element].self) throws
        -> [Element]
    {
        let text = try decode(column, as: String.self)
        return text == "[]" ? [] : try Self.decodeJSONText(text, column: column)
    }

    private static func decodeJSONText<Value: Decodable>(_ text: String, column: String) throws -> Value {
        do {
            return try JSONDecoder().decode(Value.self, from: Data(text.utf8))
        } catch {
            throw PostgresError(.decoding, column: column, detail: "column is not the JSON expected")
        }
    }
}

/// JSON text for a `jsonb` parameter, keys sorted so equal values bind equal text.
func jsonText(_ value: some Encodable) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
}

extension PostgresRow {
    /// Decodes a nullable `json`/`jsonb` column (selected as text); SQL NULL is nil.
    func decodeOptionalJSON<Value: Decodable>(_ column: String, as type: Value.Type = Value.self) throws -> Value? {
        guard try decode(column, as: String?.self) != nil else { return nil }
        return try decodeJSON(column, as: type)
    }
}
