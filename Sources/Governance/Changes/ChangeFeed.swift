/// The change feed's rules: what a page is, how long changes are kept, and the answer to a
/// cursor older than that.
public enum ChangeFeed {
    /// The answer to a cursor whose changes have partly been purged: the consumer must take a
    /// fresh snapshot (the list endpoints) and follow the feed from a new cursor. Changes are
    /// kept `retentionDays` (the root city's `changeRetentionDays`).
    public static func cursorExpired(retentionDays: Int) -> DomainError {
        DomainError(
            .gone, code: "changes.cursor_expired",
            message: LocalizedText(
                zh: "游标已超过保留期（\(retentionDays) 天），部分变更已清除：请重新全量同步后从新游标继续。",
                en:
                    "The cursor is older than the \(retentionDays)-day retention and changes after it were purged: take a new snapshot and follow from a fresh cursor."
            ))
    }
}

/// One page of the feed.
public struct ChangePage: Sendable {
    /// The changes, in feed order.
    public let changes: [Change]
    /// Where the next page starts.
    public let next: ChangePosition
    /// Whether more changes were already there when this page was read.
    public let hasMore: Bool

    /// Creates a page.
    public init(changes: [Change], next: ChangePosition, hasMore: Bool) {
        self.changes = changes
        self.next = next
        self.hasMore = hasMore
    }
}
