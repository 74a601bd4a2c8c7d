import Governance
import Postgres

extension Page {
    /// A page from rows fetched with `LIMIT limit + 1`: the extra row only says that a next
    /// page exists, and the last item kept gives its cursor.
    static func keyset(
        _ rows: PostgresRows, limit: Int, decode: (PostgresRow) throws -> Item, cursor: (Item) -> String
    ) throws -> Page<Item> {
        if rows.count > limit, let listener = PageCursor.announceNext {
            listener.announce(cursor(try decode(rows[limit - 1])))
        }
        let items = try rows.prefix(limit).map(decode)
        return Page(items: items, nextCursor: rows.count > limit ? items.last.map(cursor) : nil)
    }
}
