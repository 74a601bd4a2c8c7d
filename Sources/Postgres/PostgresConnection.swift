import CLibPQ
import Foundation
import Glibc

/// One libpq connection in non-blocking mode, so every wait is bounded by a deadline.
///
/// libpq's contract: a `PGconn` must not be used by two threads at once. An instance belongs to
/// exactly one `ConnectionWorker` thread and is never shared, which is why it is not `Sendable`.
final class PostgresConnection {
    private var handle: OpaquePointer?
    private var preparedNames: [String: String] = [:]
    /// Numbers prepared-statement names. Never reused, even when a failed prepare is forgotten:
    /// a name derived from the cache's size would collide with a live one (42P05).
    private var nextStatementNumber = 0
    private let usePreparedStatements: Bool
    let pipelined: Bool

    /// The most prepared statements kept per connection; beyond it statements go unnamed.
    private static let preparedCacheLimit = 512

    /// Connects (blocking, bounded by `connect_timeout`) and switches to non-blocking mode.
    init(configuration: PostgresConfiguration, pipelined: Bool) throws(PostgresError) {
        self.usePreparedStatements = configuration.usePreparedStatements
        self.pipelined = pipelined
        let parameters = configuration.connectParameters(pipelined: pipelined)
        let keywords = parameters.map { strdup($0.0) } + [nil]
        let values = parameters.map { strdup($0.1) } + [nil]
        defer {
            keywords.forEach { free($0) }
            values.forEach { free($0) }
        }
        let connection = keywords.map { UnsafePointer($0) }.withUnsafeBufferPointer { keywordBuffer in
            values.map { UnsafePointer($0) }.withUnsafeBufferPointer { valueBuffer in
                PQconnectdbParams(keywordBuffer.baseAddress, valueBuffer.baseAddress, 1)
            }
        }
        guard let connection else { throw PostgresError(.connectionFailed, detail: "out of memory") }
        // Every handle is finished exactly once, a failed one included.
        guard PQstatus(connection) == CONNECTION_OK else {
            let message = String(cString: PQerrorMessage(connection))
            PQfinish(connection)
            throw PostgresError(.connectionFailed, detail: message)
        }
        // Server notices ("relation already exists, skipping") are not errors; libpq would
        // print them to stderr, outside the JSON log.
        PQsetNoticeProcessor(connection, { _, _ in }, nil)
        guard PQsetnonblocking(connection, 1) == 0 else {
            PQfinish(connection)
            throw PostgresError(.connectionFailed, detail: "cannot enter non-blocking mode")
        }
        if pipelined, PQenterPipelineMode(connection) != 1 {
            PQfinish(connection)
            throw PostgresError(.connectionFailed, detail: "cannot enter pipeline mode")
        }
        handle = connection
    }

    deinit { close() }

    /// Closes the socket; safe to call more than once.
    func close() {
        if let handle { PQfinish(handle) }
        handle = nil
    }

    /// Whether the connection can take a new statement: open, and outside any transaction
    /// when `requireIdle` is set (a connection returned mid-transaction is never reused).
    func isUsable(requireIdle: Bool) -> Bool {
        guard let handle, PQstatus(handle) == CONNECTION_OK else { return false }
        return !requireIdle || pipelined || PQtransactionStatus(handle) == PQTRANS_IDLE
    }

    /// Runs one statement and waits for its result until `deadline`.
    ///
    /// `simple` uses the simple query protocol (no parameters, several statements allowed), as
    /// migrations and transaction control need.
    func execute(_ query: PostgresQuery, simple: Bool, deadline: ContinuousClock.Instant) throws(PostgresError)
        -> PostgresRows
    {
        guard let handle else { throw PostgresError(.connectionLost, detail: "connection closed") }
        let wait = Wait(until: deadline)
        if simple {
            guard PQsendQuery(handle, query.sql) == 1 else { throw connectionError(.connectionLost) }
            try flush(wait)
            return try collectResults(wait)
        }
        if let name = try preparedName(for: query, wait: wait) {
            try sendPrepared(name, query)
        } else {
            try sendUnnamed(query)
        }
        try flush(wait)
        return try collectResults(wait)
    }

    /// Sends a batch in pipeline mode with a sync after each statement, so an error aborts only
    /// its own statement, and hands each statement's outcome to `deliver` as soon as it is read.
    ///
    /// `wait` bounds every wait; when it runs out, its `extend` decides whether to go on (the
    /// worker answers late jobs and cancels the running one there). Throws only when the
    /// connection itself failed or the wait was given up; outcomes already delivered stand.
    func executePipeline(
        _ queries: [PostgresQuery], wait: Wait, deliver: (Int, Result<PostgresRows, PostgresError>) -> Void
    ) throws(PostgresError) {
        guard let handle else { throw PostgresError(.connectionLost, detail: "connection closed") }
        var preparedInBatch = [Bool](repeating: false, count: queries.count)
        for (offset, query) in queries.enumerated() {
            if usePreparedStatements {
                if let name = preparedNames[query.sql] {
                    try sendPrepared(name, query)
                } else if preparedNames.count < Self.preparedCacheLimit {
                    let name = newStatementName()
                    guard PQsendPrepare(handle, name, query.sql, Int32(query.binds.count), nil) == 1 else {
                        throw connectionError(.connectionLost)
                    }
                    preparedNames[query.sql] = name
                    preparedInBatch[offset] = true
                    try sendPrepared(name, query)
                } else {
                    try sendUnnamed(query)
                }
            } else {
                try sendUnnamed(query)
            }
            guard PQpipelineSync(handle) == 1 else { throw connectionError(.connectionLost) }
        }
        try flush(wait)
        for (offset, query) in queries.enumerated() {
            var failure: PostgresError?
            if preparedInBatch[offset] {
                do throws(PostgresError) {
                    _ = try collectResults(wait)
                } catch  where !error.breaksConnection {
                    failure = error
                    // A failed prepare must not be remembered, or the name would be used again.
                    preparedNames[query.sql] = nil
                }
            }
            var outcome: Result<PostgresRows, PostgresError>
            do throws(PostgresError) {
                outcome = .success(try collectResults(wait))
            } catch  where !error.breaksConnection {
                outcome = .failure(failure ?? error)
            }
            if let failure { outcome = .failure(failure) }
            try awaitSync(wait)
            deliver(offset, outcome)
        }
    }

    /// Asks the server to cancel the statement it is running on this connection, from a thread
    /// of its own (`PQcancel` opens a connection and blocks). The statement then fails with
    /// 57014 and the connection stays usable; a cancel that arrives after the statement ended
    /// may hit the next one, which the caller must be ready to run again.
    func requestCancel() {
        guard let handle, let cancel = PQgetCancel(handle) else { return }
        let box = CancelHandle(cancel)
        let thread = Thread {
            var buffer = [CChar](repeating: 0, count: 256)
            _ = PQcancel(box.pointer, &buffer, Int32(buffer.count))
            PQfreeCancel(box.pointer)
        }
        thread.name = "pg-cancel"
        thread.start()
    }

    // MARK: - Sending

    private func newStatementName() -> String {
        nextStatementNumber += 1
        return "s\(nextStatementNumber)"
    }

    private func preparedName(for query: PostgresQuery, wait: Wait) throws(PostgresError) -> String? {
        guard usePreparedStatements, let handle else { return nil }
        if let name = preparedNames[query.sql] { return name }
        guard preparedNames.count < Self.preparedCacheLimit else { return nil }
        let name = newStatementName()
        guard PQsendPrepare(handle, name, query.sql, Int32(query.binds.count), nil) == 1 else {
            throw connectionError(.connectionLost)
        }
        try flush(wait)
        _ = try collectResults(wait)
        preparedNames[query.sql] = name
        return name
    }

    private func sendPrepared(_ name: String, _ query: PostgresQuery) throws(PostgresError) {
        let sent = try withParameters(query.binds) { handle, count, values in
            PQsendQueryPrepared(handle, name, count, values, nil, nil, 0)
        }
        guard sent == 1 else { throw connectionError(.connectionLost) }
    }

    private func sendUnnamed(_ query: PostgresQuery) throws(PostgresError) {
        let sent = try withParameters(query.binds) { handle, count, values in
            PQsendQueryParams(handle, query.sql, count, nil, values, nil, nil, 0)
        }
        guard sent == 1 else { throw connectionError(.connectionLost) }
    }

    /// Copies the binds into C strings for the duration of one call. A NUL inside a value would
    /// silently truncate it in C, so it is refused instead.
    private func withParameters(
        _ binds: [String?],
        _ body: (OpaquePointer, Int32, UnsafePointer<UnsafePointer<CChar>?>?) -> Int32
    ) throws(PostgresError) -> Int32 {
        guard let handle else { throw PostgresError(.connectionLost, detail: "connection closed") }
        var pointers: [UnsafeMutablePointer<CChar>?] = []
        pointers.reserveCapacity(binds.count)
        defer { pointers.forEach { free($0) } }
        for (offset, bind) in binds.enumerated() {
            guard let bind else {
                pointers.append(nil)
                continue
            }
            if bind.utf8.contains(0) {
                throw PostgresError(.invalidParameter, detail: "parameter $\(offset + 1) contains NUL")
            }
            pointers.append(strdup(bind))
        }
        return pointers.map { UnsafePointer($0) }.withUnsafeBufferPointer { buffer in
            body(handle, Int32(binds.count), buffer.baseAddress)
        }
    }

    // MARK: - Waiting

    /// Pushes everything queued to the socket, reading as needed so the server never blocks on us.
    private func flush(_ wait: Wait) throws(PostgresError) {
        guard let handle else { throw PostgresError(.connectionLost, detail: "connection closed") }
        while true {
            let pending = PQflush(handle)
            if pending == 0 { return }
            if pending < 0 { throw connectionError(.connectionLost) }
            let readable = try self.wait(forWrite: true, wait)
            if readable, PQconsumeInput(handle) == 0 { throw connectionError(.connectionLost) }
        }
    }

    /// Reads the results of one statement up to libpq's NULL separator; the first error wins.
    private func collectResults(_ wait: Wait) throws(PostgresError) -> PostgresRows {
        guard let handle else { throw PostgresError(.connectionLost, detail: "connection closed") }
        var rows: PostgresRows?
        var failure: PostgresError?
        while let result = try nextResult(wait) {
            defer { PQclear(result) }
            switch PQresultStatus(result) {
            case PGRES_TUPLES_OK, PGRES_COMMAND_OK, PGRES_EMPTY_QUERY:
                rows = Self.copyRows(result)
            case PGRES_PIPELINE_ABORTED:
                failure = failure ?? PostgresError(.server, sqlState: .inFailedTransaction, detail: "pipeline aborted")
            case PGRES_FATAL_ERROR, PGRES_NONFATAL_ERROR, PGRES_BAD_RESPONSE:
                failure = failure ?? Self.serverError(result, connection: handle)
            default:
                failure = failure ?? PostgresError(.protocolViolation, detail: "unexpected result status")
            }
        }
        if let failure { throw failure }
        guard let rows else { throw PostgresError(.protocolViolation, detail: "no result") }
        return rows
    }

    /// Reads the `PGRES_PIPELINE_SYNC` that closes each statement's segment of a batch.
    private func awaitSync(_ wait: Wait) throws(PostgresError) {
        guard let result = try nextResult(wait) else {
            throw PostgresError(.protocolViolation, detail: "missing pipeline sync")
        }
        defer { PQclear(result) }
        guard PQresultStatus(result) == PGRES_PIPELINE_SYNC else {
            throw PostgresError(.protocolViolation, detail: "expected pipeline sync")
        }
    }

    /// The next result, waiting on the socket without ever blocking past the deadline.
    private func nextResult(_ wait: Wait) throws(PostgresError) -> OpaquePointer? {
        guard let handle else { throw PostgresError(.connectionLost, detail: "connection closed") }
        while PQisBusy(handle) != 0 {
            _ = try self.wait(forWrite: false, wait)
            if PQconsumeInput(handle) == 0 { throw connectionError(.connectionLost) }
        }
        let result = PQgetResult(handle)
        if result == nil, PQstatus(handle) != CONNECTION_OK { throw connectionError(.connectionLost) }
        return result
    }

    /// Polls the socket; returns whether it is readable. A frozen server keeps TCP alive, so
    /// only the wait's bound limits it (reliability.md §3.3).
    private func wait(forWrite: Bool, _ wait: Wait) throws(PostgresError) -> Bool {
        guard let handle else { throw PostgresError(.connectionLost, detail: "connection closed") }
        let socket = PQsocket(handle)
        guard socket >= 0 else { throw connectionError(.connectionLost) }
        while true {
            var remaining = ContinuousClock.now.duration(to: wait.until)
            if remaining <= .zero {
                guard let later = wait.extend?(), later > .now else {
                    throw PostgresError(.timeout, detail: "no answer from the server before the deadline")
                }
                wait.until = later
                remaining = ContinuousClock.now.duration(to: later)
            }
            let milliseconds = Int32(
                clamping: remaining.components.seconds * 1000 + remaining.components.attoseconds / 1_000_000_000_000_000
                    + 1)
            var descriptor = pollfd(fd: socket, events: Int16(POLLIN) | (forWrite ? Int16(POLLOUT) : 0), revents: 0)
            let ready = poll(&descriptor, 1, milliseconds)
            if ready > 0 { return descriptor.revents & Int16(POLLIN | POLLERR | POLLHUP) != 0 }
            if ready < 0, errno != EINTR { throw connectionError(.connectionLost) }
        }
    }

    // MARK: - Results and errors

    private func connectionError(_ kind: PostgresError.Kind) -> PostgresError {
        guard let handle else { return PostgresError(kind, detail: "connection closed") }
        return PostgresError(kind, detail: String(cString: PQerrorMessage(handle)))
    }

    private static func serverError(_ result: OpaquePointer, connection: OpaquePointer) -> PostgresError {
        func field(_ code: Int32) -> String? {
            guard let value = PQresultErrorField(result, code) else { return nil }
            return String(cString: value)
        }
        let sqlState = field(CLibPQDiagSQLState).map(SQLState.init)
        let message = field(CLibPQDiagMessagePrimary) ?? String(cString: PQresultErrorMessage(result))
        // Errors the server sends always carry a SQLSTATE; one without is libpq's own report
        // that the connection broke ("server closed the connection unexpectedly"), sometimes
        // before PQstatus says so.
        let kind: PostgresError.Kind = sqlState == nil ? .connectionLost : .server
        return PostgresError(
            kind,
            sqlState: sqlState,
            constraint: field(CLibPQDiagConstraintName),
            column: field(CLibPQDiagColumnName),
            detail: message
        )
    }

    private static func copyRows(_ result: OpaquePointer) -> PostgresRows {
        let rowCount = Int(PQntuples(result))
        let columnCount = Int(PQnfields(result))
        var columns: [String] = []
        columns.reserveCapacity(columnCount)
        for column in 0..<columnCount {
            columns.append(String(cString: PQfname(result, Int32(column))))
        }
        var cells: [String?] = []
        cells.reserveCapacity(rowCount * columnCount)
        for row in 0..<rowCount {
            for column in 0..<columnCount {
                if PQgetisnull(result, Int32(row), Int32(column)) == 1 {
                    cells.append(nil)
                } else {
                    cells.append(String(cString: PQgetvalue(result, Int32(row), Int32(column))))
                }
            }
        }
        let tag = PQcmdStatus(result).map { String(cString: $0) } ?? ""
        return PostgresRows(columns: columns, cells: cells, commandTag: tag)
    }
}

/// A `PGcancel` handed to the thread that sends the cancel request; libpq documents it as safe
/// to use from any thread, independently of its connection.
private struct CancelHandle: @unchecked Sendable {
    let pointer: OpaquePointer
    init(_ pointer: OpaquePointer) { self.pointer = pointer }
}
