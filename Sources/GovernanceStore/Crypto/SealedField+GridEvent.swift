public import Foundation
import IdentifierText

extension SealedField {
    /// A grid event reporter's phone.
    public static func gridEventReporterPhone(_ id: UUID) -> SealedField {
        SealedField(table: "grid_event", column: "reporter_phone_cipher", row: id.lowercasedText)
    }
}
