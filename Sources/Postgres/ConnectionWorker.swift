import Foundation
import Logging

/// A statement waiting for a worker thread, with the continuation that receives its outcome.
struct PostgresJob: Sendable {
    let query: PostgresQuery
    let simple: Bool
    /// Reconnect first unless the connection is idle (used for `BEGIN`).
    let requireIdle: Bool
    let deadline: ContinuousClock.Instant
    let complete: @Sendable (Result<PostgresRows, PostgresError>) -> Void
}

/// An OS thread that owns one connection and runs the statements queued for it.
///
/// libpq calls block, so they run here: never on a NIO event loop and never on Swift's
/// cooperative pool. A thread per connection fed by a queue measured 20 % faster than
/// `NIOThreadPool` here (performance.md). In pipeline mode the thread drains its whole queue
/// (up to `maxPipelineBatch`) into one round trip.
final class ConnectionWorker: @unchecked Sendable {
    private let configuration: PostgresConfiguration
    private let pipelined: Bool
    private let logger: Logger
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var queue: [PostgresJob] = []
    private var stopping = false
    private var stopped = false
    // Touched only by the worker thread.
    private var connection: PostgresConnection?

    init(configuration: PostgresConfiguration, pipelined: Bool, name: String, logger: Logger) {
        self.configuration = configuration
        self.pipelined = pipelined
        self.logger = logger
        let thread = Thread { [self] in run() }
        thread.name = name
        thread.start()
    }

    /// Statements queued and not yet taken by the thread.
    var queuedCount: Int {
        condition.lock()
        defer { condition.unlock() }
        return queue.count
    }

    /// Queues a statement; fails it at once when the worker is shutting down.
    func submit(_ job: PostgresJob) {
        condition.lock()
        if stopping {
            condition.unlock()
            job.complete(.failure(PostgresError(.shutdown, detail: "client is shutting down")))
            return
        }
        queue.append(job)
        condition.signal()
        condition.unlock()
    }

    /// Runs one statement on this worker's connection.
    func run(_ query: PostgresQuery, simple: Bool = false, requireIdle: Bool = false, deadline: ContinuousClock.Instant)
        async throws -> PostgresRows
    {
        // Unsafe rather than checked: this is every query's path, and `complete` is called
        // exactly once per job by construction (process, shutdown or submit-after-stop).
        let result: Result<PostgresRows, PostgresError> = await withUnsafeContinuation { continuation in
            submit(
                PostgresJob(query: query, simple: simple, requireIdle: requireIdle, deadline: deadline) {
                    continuation.resume(returning: $0)
                })
        }
        return try result.get()
    }

    /// Finishes the queued work, closes the connection and ends the thread.
    func shutdown() {
        condition.lock()
        stopping = true
        condition.broadcast()
        while !stopped { condition.wait() }
        condition.unlock()
    }

    private func run() {
        while true {
            condition.lock()
            while queue.isEmpty, !stopping { condition.wait() }
            if queue.isEmpty, stopping {
                connection?.close()
                connection = nil
                stopped = true
                condition.broadcast()
                condition.unlock()
                return
            }
            let batchSize = pipelined ? min(queue.count, configuration.maxPipelineBatch) : 1
            let batch = Array(queue.prefix(batchSize))
            queue.removeFirst(batchSize)
            condition.unlock()
            process(batch)
        }
    }

    private func process(_ jobs: [PostgresJob]) {
        // A value C cannot carry is refused before anything is sent, so the batch stays whole.
        let batch = jobs.filter { job in
            guard let offset = job.query.binds.firstIndex(where: { $0?.utf8.contains(0) ?? false }) else { return true }
            job.complete(.failure(PostgresError(.invalidParameter, detail: "parameter $\(offset + 1) contains NUL")))
            return false
        }
        guard !batch.isEmpty else { return }
        let connection: PostgresConnection
        do throws(PostgresError) {
            connection = try usableConnection(requireIdle: batch.contains { $0.requireIdle })
        } catch {
            batch.forEach { $0.complete(.failure(error)) }
            return
        }
        if pipelined {
            let deadline = batch.map(\.deadline).min() ?? .now
            do throws(PostgresError) {
                let outcomes = try connection.executePipeline(batch.map(\.query), deadline: deadline)
                for (job, outcome) in zip(batch, outcomes) { job.complete(outcome) }
            } catch {
                discardConnection(after: error)
                batch.forEach { $0.complete(.failure(error)) }
            }
            return
        }
        for job in batch {
            do throws(PostgresError) {
                job.complete(.success(try connection.execute(job.query, simple: job.simple, deadline: job.deadline)))
            } catch {
                if error.breaksConnection { discardConnection(after: error) }
                job.complete(.failure(error))
            }
        }
    }

    private func usableConnection(requireIdle: Bool) throws(PostgresError) -> PostgresConnection {
        if let connection, connection.isUsable(requireIdle: requireIdle) { return connection }
        connection?.close()
        connection = nil
        let fresh = try PostgresConnection(configuration: configuration, pipelined: pipelined)
        connection = fresh
        return fresh
    }

    private func discardConnection(after error: PostgresError) {
        logger.warning("discarding database connection", metadata: ["error": "\(error)"])
        connection?.close()
        connection = nil
    }
}
