import Foundation
import Governance
import GovernanceStore
import HTTPTypes
import OpenAPIRuntime
import Synchronization

/// A `ServerTransport` that answers the contract's lists and statistics as CSV
/// (`Accept: text/csv` or `format=csv`) and hands everything else to the real router.
///
/// The export runs the operation itself — its middleware (authentication, scope) and handler —
/// once per page, so masks and permissions are exactly those of the JSON answer. The first page
/// runs before the answer starts, so a refusal is an ordinary problem; later pages run as the
/// client reads (the body is pulled), one page in memory at a time whatever the list's length.
/// A list's handler writes its page's rows straight to the export (`CSVRowSink`) instead of
/// into its JSON answer; any other answer is transcoded from its JSON (`CSVTranscoder`).
struct CSVExportingTransport<Base: ServerTransport>: ServerTransport {
    let base: Base

    /// The handler signature of a registered operation.
    typealias Handler =
        @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (
            HTTPResponse, HTTPBody?
        )

    func register(_ handler: @escaping Handler, method: HTTPRequest.Method, path: String) throws {
        guard method == .get, let export = csvExportTable[path] else {
            return try base.register(handler, method: method, path: path)
        }
        try base.register(
            { request, body, metadata in
                guard CSVNegotiation.wantsCSV(request) else { return try await handler(request, body, metadata) }
                return try await CSVExporter.export(export, request: request, metadata: metadata, handler: handler)
            }, method: method, path: path)
    }
}

/// Runs an export: the first page now, the rest as the body is read.
enum CSVExporter {
    /// The handler signature of a registered operation.
    typealias Handler =
        @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (
            HTTPResponse, HTTPBody?
        )

    /// The largest JSON page read into memory (a page of 100 rows is far below it).
    static let pageByteLimit = 16 * 1024 * 1024

    /// How long one page may take, renewed for every page of a long export.
    static let pageBudget = Duration.seconds(30)

    /// The rows read per page of an export. Each page's query waits for the page before it (its
    /// cursor) and is planned anew: with pages of 1,000 mediation cases the cores stood idle for
    /// 10–13 % of an export, with 4,000 for 4–6 %. A page of them is a few MB in memory.
    static let pageSize = 4000

    static func export(
        _ export: CSVExport, request: HTTPRequest, metadata: ServerRequestMetadata, handler: @escaping Handler
    ) async throws -> (HTTPResponse, HTTPBody?) {
        let state = RequestState.current ?? RequestState()
        // Every page reads the replica when it is fresh; the first page's `X-Data-As-Of` is the
        // export's.
        let scope = ReplicaReadScope()
        // The client's own `cursor` and `limit` shape the first page and are judged as in JSON
        // (an export from a cursor; a limit beyond 100 is still a 400); the export's larger pages
        // come after it, or from the start when the client gave none.
        let clientPaging = CSVNegotiation.rawQueryItems(request.path ?? "").contains {
            $0.name == "limit" || $0.name == "cursor"
        }
        let pages = CSVExportPages { cursor, announce in
            let sink = CSVRowSink(export)
            return try await withPageContext(
                state: state, scope: scope, limit: pageSize, announce: announce, sink: sink
            ) {
                state.continuingExport = true
                state.deadline = .now.advanced(by: pageBudget)
                let (response, body) = try await handler(
                    CSVNegotiation.pageRequest(request, cursor: cursor, paged: true), nil, metadata)
                guard response.status == .ok else { throw CSVExportError.pageRefused(response.status.code) }
                return CSVExportPage(json: try await collect(body), rows: sink.writtenRows)
            }
        }
        let firstSink = CSVRowSink(export)
        let (firstResponse, firstBody) = try await withPageContext(
            state: nil, scope: scope, limit: clientPaging ? nil : pageSize,
            announce: export.paged ? pages.announce : nil, sink: firstSink
        ) {
            try await handler(
                CSVNegotiation.pageRequest(request, cursor: nil, paged: export.paged && !clientPaging), nil, metadata)
        }
        guard firstResponse.status == .ok else { return (firstResponse, firstBody) }
        let first = CSVExportPage(json: try await collect(firstBody), rows: firstSink.writtenRows)
        var headers = firstResponse.headerFields
        for name in [HTTPField.Name.contentLength, .eTag, .contentType] { headers[name] = nil }
        headers[.contentType] = "text/csv; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"\(export.operationID).csv\""
        return (
            HTTPResponse(status: .ok, headerFields: headers),
            HTTPBody(
                CSVExportBody(export: export, first: first, pages: pages), length: .unknown, iterationBehavior: .single)
        )
    }

    /// Runs one page's request as part of the export: with the export's replica scope, its page
    /// size, where to announce the next page's cursor, the sink its handler writes its rows to,
    /// and for a later page (read after the answer has begun) the request's own state.
    static func withPageContext<Value: Sendable>(
        state: RequestState?, scope: ReplicaReadScope, limit: Int?, announce: PageCursor.NextPageListener?,
        sink: CSVRowSink, _ body: () async throws -> Value
    ) async throws -> Value {
        try await RequestState.$current.withValue(state ?? RequestState.current) {
            try await ReplicaReadScope.$current.withValue(scope) {
                try await CSVRowSink.$current.withValue(sink) {
                    try await PageCursor.$announceNext.withValue(announce) {
                        try await PageCursor.$exportMaximumLimit.withValue(limit, operation: body)
                    }
                }
            }
        }
    }

    /// A page's JSON bytes.
    static func collect(_ body: HTTPBody?) async throws -> [UInt8] {
        guard let body else { return [] }
        return try await [UInt8](collecting: body, upTo: pageByteLimit)
    }
}

/// A later page of an export was refused (the token was revoked meanwhile, the data moved out
/// of scope): the CSV stops there and the connection is closed, so the file is visibly cut.
enum CSVExportError: Error {
    case pageRefused(Int)
}

/// One page of an export: the operation's JSON answer, and the rows its handler wrote to the
/// export's sink (`CSVRowSink`), if it did; its JSON then has no items left.
struct CSVExportPage: Sendable {
    /// The JSON answer (its `nextCursor`, and the items when they were not written as rows).
    let json: [UInt8]
    /// The rows written straight from the handler's items.
    let rows: [UInt8]
}

/// The CSV body: the byte-order mark and header with the first page, then a page per pull.
struct CSVExportBody: AsyncSequence, Sendable {
    typealias Element = ArraySlice<UInt8>

    let export: CSVExport
    let first: CSVExportPage
    let pages: CSVExportPages

    func makeAsyncIterator() -> Iterator { Iterator(body: self) }

    struct Iterator: AsyncIteratorProtocol {
        let body: CSVExportBody
        let transcoder: CSVTranscoder
        var started = false

        init(body: CSVExportBody) {
            self.body = body
            transcoder = CSVTranscoder(body.export)
        }

        mutating func next() async throws -> ArraySlice<UInt8>? {
            let page: CSVExportPage
            var chunk: [UInt8] = []
            if !started {
                started = true
                page = body.first
                chunk = CSVFormat.byteOrderMark + Array(CSVFormat.header(body.export.columns).utf8)
            } else if let nextPage = body.pages.takeFirst() {
                page = try await nextPage.value
            } else {
                return nil
            }
            // The page's own cursor decides which page follows: one read ahead on a cursor
            // announced by its query is kept when it is this one, else dropped; the page is asked
            // for here when no announcement started it. Either way before this page is written,
            // so that its query and encoding run beside the transcoding.
            if body.export.paged { body.pages.follow(try transcoder.nextCursor(of: page.json)) }
            chunk.reserveCapacity(chunk.count + page.json.count + page.rows.count)
            try transcoder.transcode(page.json, into: &chunk)
            chunk.append(contentsOf: page.rows)
            return ArraySlice(chunk)
        }
    }
}

/// The pages of an export read ahead of the client, in order, at most `ahead` at a time.
///
/// A page is asked for as soon as the query of the one before it knows where it ends
/// (`PageCursor.announceNext`), before that page's rows are decoded and encoded: one page's
/// query then runs beside another's encoding, on both cores. An announcement only starts a read;
/// the page's answer, with its own `nextCursor`, decides whether that read is the page that follows.
final class CSVExportPages: Sendable {
    /// Reads the page at a cursor, announcing the cursor after it.
    typealias Fetch = @Sendable (String, PageCursor.NextPageListener) async throws -> CSVExportPage

    /// Pages read ahead at most (each a page of rows, or of JSON, in memory).
    static let ahead = 2

    private let fetch: Fetch
    private let queue = Mutex<[PrefetchedPage]>([])

    init(fetch: @escaping Fetch) { self.fetch = fetch }

    /// Where a page's query announces the next page's cursor: that page is read from then.
    var announce: PageCursor.NextPageListener { PageCursor.NextPageListener { [weak self] in self?.start($0) } }

    /// Starts reading the page at `cursor`, unless it is read already or `ahead` pages are.
    func start(_ cursor: String) {
        let fetch = self.fetch
        let announce = self.announce
        queue.withLock { queue in
            guard queue.count < Self.ahead, !queue.contains(where: { $0.cursor == cursor }) else { return }
            queue.append(PrefetchedPage(cursor: cursor) { try await fetch(cursor, announce) })
        }
    }

    /// The next page read, if any: the client's next chunk.
    func takeFirst() -> PrefetchedPage? {
        queue.withLock { $0.isEmpty ? nil : $0.removeFirst() }
    }

    /// Makes the read of the page at `cursor` (the one the last page's answer names; none after
    /// the last page) the next one, starting it if no announcement did. Reads before it were
    /// started on wrong announcements and are dropped; reads after it stay, each to be checked
    /// the same way when the page before it is taken.
    func follow(_ cursor: String?) {
        // A dropped read is cancelled as it goes (`PrefetchedPage.deinit`).
        queue.withLock { queue in
            if let index = queue.firstIndex(where: { $0.cursor == cursor }) {
                queue.removeFirst(index)
            } else {
                queue.removeAll()
            }
        }
        if let cursor { start(cursor) }
    }
}

/// A page being read ahead of the client; given up when the export is (the client went away).
final class PrefetchedPage: Sendable {
    /// The cursor the page starts after.
    let cursor: String
    let task: Task<CSVExportPage, any Error>

    init(cursor: String, _ read: @escaping @Sendable () async throws -> CSVExportPage) {
        self.cursor = cursor
        task = Task { try await read() }
    }

    /// The page.
    var value: CSVExportPage {
        get async throws { try await task.value }
    }

    deinit { task.cancel() }
}

/// When a request wants CSV, and the JSON request each page is read with.
enum CSVNegotiation {
    /// `format=csv`, or `text/csv` preferred in `Accept` (highest quality, first on a tie).
    static func wantsCSV(_ request: HTTPRequest) -> Bool {
        let query = queryItems(request)
        if let format = query.last(where: { $0.name == "format" }) { return format.value == "csv" }
        guard let accept = request.headerFields[.accept] else { return false }
        var best: (type: Substring, quality: Double)?
        for range in accept.split(separator: ",") {
            let parts = range.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let type = parts.first, !type.isEmpty else { continue }
            let quality =
                parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            if quality > (best?.quality ?? 0) { best = (Substring(type.lowercased()), quality) }
        }
        return best?.type == "text/csv"
    }

    /// The request as JSON: `format` dropped, and for a paged list the largest page from
    /// `cursor` (the first page when `nil`).
    static func pageRequest(_ request: HTTPRequest, cursor: String?, paged: Bool) -> HTTPRequest {
        var page = request
        page.headerFields[.accept] = "application/json"
        let path = request.path ?? ""
        let base = path.split(separator: "?", maxSplits: 1).first.map(String.init) ?? path
        var items = rawQueryItems(path).filter { $0.name != "format" }
        if paged {
            items.removeAll { $0.name == "cursor" || $0.name == "limit" }
            items.append(("limit", String(CSVExporter.pageSize)))
            if let cursor { items.append(("cursor", cursor)) }
        }
        page.path = items.isEmpty ? base : base + "?" + items.map { "\($0.name)=\($0.value)" }.joined(separator: "&")
        return page
    }

    /// The query's raw `name=value` pairs, as sent (still percent-encoded).
    static func rawQueryItems(_ path: String) -> [(name: String, value: String)] {
        guard let query = path.split(separator: "?", maxSplits: 1).dropFirst().first else { return [] }
        return query.split(separator: "&").map { pair in
            // Empty names and values are kept as sent (`=x`, `a=`): the handler judges them.
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
        }
    }

    static func queryItems(_ request: HTTPRequest) -> [URLQueryItem] {
        URLComponents(string: request.path ?? "")?.queryItems ?? []
    }
}
