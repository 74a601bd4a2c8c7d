import Foundation

/// A place in the change feed: the writing transaction's id, then the change's sequence number.
/// Consumers hold it as an opaque cursor.
public struct ChangePosition: Sendable, Hashable, Comparable {
    /// The writing transaction (PostgreSQL `xid8`).
    public let transaction: UInt64
    /// The change's sequence number within the log.
    public let sequence: Int64

    /// The place before every change.
    public static let start = ChangePosition(transaction: 0, sequence: 0)

    /// Creates a position.
    public init(transaction: UInt64, sequence: Int64) {
        self.transaction = transaction
        self.sequence = sequence
    }

    /// After every change of transactions below `horizon` (all finished), before any other.
    public static func below(horizon: UInt64) -> ChangePosition {
        ChangePosition(transaction: max(horizon, 1) - 1, sequence: .max)
    }

    public static func < (lhs: ChangePosition, rhs: ChangePosition) -> Bool {
        (lhs.transaction, lhs.sequence) < (rhs.transaction, rhs.sequence)
    }

    /// The opaque cursor: `c1.` then base64url of "transaction:sequence".
    public var cursor: String {
        let text = Data("\(transaction):\(sequence)".utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return "c1." + text
    }

    /// Parses a cursor made by `cursor`; 422 for anything else.
    public init(cursor: String) throws(DomainError) {
        let invalid = DomainError.validation([
            .init(
                field: "since", code: "invalid_cursor",
                message: LocalizedText(zh: "游标无效。", en: "Not a cursor of this feed."))
        ])
        guard cursor.hasPrefix("c1."), cursor.count <= 64 else { throw invalid }
        var base64 = String(cursor.dropFirst(3)).replacingOccurrences(of: "-", with: "+")
            .replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64), let text = String(data: data, encoding: .utf8) else {
            throw invalid
        }
        let parts = text.split(separator: ":")
        guard parts.count == 2, let transaction = UInt64(parts[0]), let sequence = Int64(parts[1]), sequence >= 0 else {
            throw invalid
        }
        self.init(transaction: transaction, sequence: sequence)
    }
}
