import Synchronization

/// Where a CSV export takes the page a list's handler has just made, as CSV rows, instead of
/// through the page's JSON.
///
/// The export still runs the whole operation for each page (its middleware, its permission, its
/// handler's masks); only the last step changes: the handler passes its generated items through
/// `divert`, which writes them here and leaves the JSON answer with none, so the page is never
/// encoded to JSON and read back. Without an export (no sink), `divert` returns the items.
final class CSVRowSink: Sendable {
    /// The sink of the page being read for an export, if any.
    @TaskLocal static var current: CSVRowSink?

    private let encoder: CSVRowEncoder
    private let rows = Mutex<[UInt8]>([])

    init(_ export: CSVExport) { encoder = CSVRowEncoder(export) }

    /// The items a list's JSON answer carries: none while an export reads the page, their rows
    /// having been written to its sink; all of them otherwise, or when they cannot be rows
    /// (the export's transcoder then writes them from the JSON, the same cells).
    static func divert<Item: Encodable>(_ items: [Item]) -> [Item] {
        guard let sink = current else { return items }
        var written: [UInt8] = []
        do {
            try sink.encoder.append(items, into: &written)
        } catch {
            return items
        }
        sink.rows.withLock { $0.append(contentsOf: written) }
        return []
    }

    /// The rows written so far.
    var writtenRows: [UInt8] { rows.withLock { $0 } }
}
