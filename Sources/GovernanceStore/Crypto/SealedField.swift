public import Foundation
import IdentifierText

/// Where a ciphertext is stored: table, column and row. It is authenticated with the value
/// (AES-GCM associated data), so a ciphertext copied to another row or column does not open.
public struct SealedField: Sendable, Equatable {
    /// The table.
    public let table: String
    /// The column.
    public let column: String
    /// The row's key in text.
    public let row: String

    /// A place in the schema.
    public init(table: String, column: String, row: String) {
        self.table = table
        self.column = column
        self.row = row
    }

    var associatedData: Data { Data("\(table).\(column):\(row)".utf8) }

    /// A person's phone.
    public static func personPhone(_ id: UUID) -> SealedField {
        SealedField(table: "person", column: "phone_cipher", row: id.lowercasedText)
    }

    /// A person's ID number.
    public static func personIdNumber(_ id: UUID) -> SealedField {
        SealedField(table: "person", column: "id_number_cipher", row: id.lowercasedText)
    }

    /// A mediation party's phone.
    public static func mediationPartyPhone(_ id: UUID) -> SealedField {
        SealedField(table: "mediation_party", column: "phone_cipher", row: id.lowercasedText)
    }

    /// The stored response of an idempotency record, keyed by token and key.
    public static func idempotencyResponse(tokenId: UUID, key: String) -> SealedField {
        SealedField(table: "idempotency_record", column: "response_cipher", row: "\(tokenId.lowercasedText)/\(key)")
    }
}
