import IdentifierText

public import struct Foundation.UUID

/// One page of a keyset-paginated list.
public struct Page<Item: Sendable>: Sendable {
    /// The items, in the list's order.
    public let items: [Item]
    /// The cursor of the next page; `nil` on the last page.
    public let nextCursor: String?

    /// Creates a page.
    public init(items: [Item], nextCursor: String?) {
        self.items = items
        self.nextCursor = nextCursor
    }
}

/// The position after which the next page starts: the last item's key, opaque to clients.
///
/// Lists are ordered by time-ordered ids (or sequence numbers), so `WHERE key > cursor
/// ORDER BY key LIMIT n` costs the same at any depth.
public enum PageCursor {
    /// Encodes an id as a cursor.
    public static func encode(_ id: UUID) -> String {
        "i" + id.lowercasedString.replacingOccurrences(of: "-", with: "")
    }

    /// Encodes a sequence number as a cursor.
    public static func encode(_ sequence: Int64) -> String { "s\(sequence)" }

    /// Decodes an id cursor, refusing anything else with a field error on `cursor`.
    public static func decodeID(_ cursor: String?) throws(DomainError) -> UUID? {
        guard let cursor else { return nil }
        let hex = cursor.dropFirst()
        guard cursor.first == "i", hex.count == 32,
            hex.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) })
        else {
            throw invalid
        }
        let text =
            "\(hex.prefix(8))-\(hex.dropFirst(8).prefix(4))-\(hex.dropFirst(12).prefix(4))-\(hex.dropFirst(16).prefix(4))-\(hex.dropFirst(20))"
        guard let id = UUID(text: text) else { throw invalid }
        return id
    }

    /// Decodes a sequence cursor.
    public static func decodeSequence(_ cursor: String?) throws(DomainError) -> Int64? {
        guard let cursor else { return nil }
        guard cursor.first == "s", cursor.count <= 20, let value = Int64(cursor.dropFirst()), value >= 0 else {
            throw invalid
        }
        return value
    }

    /// The largest page: big enough for a screen or a sync batch, small enough that one call
    /// cannot export a community's residents (minimum necessary, PIPL Art. 6).
    public static let maximumLimit = 100

    /// The page size of a batch read of `ids` (all of them unless `value` says fewer), or of a
    /// plain page when there are none.
    public static func limit(_ value: Int?, batch ids: [UUID]?) throws(DomainError) -> Int {
        guard value == nil, let ids else { return try limit(value) }
        return max(1, min(ids.count, maximumLimit))
    }

    /// The largest page while a CSV export reads a list (set by the export only): an export
    /// streams the whole list anyway, and a page of a thousand rows costs a tenth of the round
    /// trips of ten pages of a hundred.
    @TaskLocal public static var exportMaximumLimit: Int?

    /// Told the next page's cursor as soon as a list's query knows it, before its rows are
    /// decoded and encoded (set by a CSV export only, which asks for that page meanwhile and
    /// checks the cursor against the answer's own `nextCursor`).
    @TaskLocal public static var announceNext: NextPageListener?

    /// Where a list announces its next page's cursor. A class around the closure: a task-local
    /// of a bare function type crashed the release build in `swift_task_localValuePush`.
    public final class NextPageListener: Sendable {
        /// Called with the cursor.
        public let announce: @Sendable (String) -> Void

        /// Creates a listener.
        public init(_ announce: @escaping @Sendable (String) -> Void) { self.announce = announce }
    }

    /// The page size asked for, 50 when absent; outside 1...`maximumLimit` is refused.
    public static func limit(_ value: Int?) throws(DomainError) -> Int {
        guard let value else { return 50 }
        guard (1...(exportMaximumLimit ?? maximumLimit)).contains(value) else {
            throw DomainError.validation([
                .init(
                    field: "limit", code: "out_of_range",
                    message: LocalizedText(zh: "取值须在 1 到 100 之间。", en: "Must be between 1 and 100."))
            ])
        }
        return value
    }

    private static var invalid: DomainError {
        DomainError.validation([
            .init(
                field: "cursor", code: "invalid_cursor",
                message: LocalizedText(zh: "分页游标无效。", en: "The cursor is not valid."))
        ])
    }
}
