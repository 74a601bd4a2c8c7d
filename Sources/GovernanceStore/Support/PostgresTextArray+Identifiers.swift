import Foundation
import IdentifierText
import Postgres

extension PostgresTextArray {
    /// The ids of a `uuid[]`'s text output (elements that are not ids are left out).
    static func uuids(_ text: String) -> [UUID] { parse(text).compactMap { UUID(text: $0) } }
}
