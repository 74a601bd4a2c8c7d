import Foundation
import Logging

/// An OS thread that owns one connection and runs the statements queued for it.
///
/// libpq calls block, so they run here: never on a NIO event loop and never on Swift's
/// cooperative pool. A thread per connection fed by a queue measured 20 % faster than
/// `NIOThreadPool` here (performance.md). In pipeline mode the thread drains its queue (up to
/// `maxPipelineBatch`) into one round trip, and each job still keeps its own deadline.
///
/// A lost connection is replaced off the request path: a pipelined worker reconnects in the
/// background with backoff, and while it has no connection the client sends reads elsewhere;
/// a statement that meets a worker inside its backoff fails at once instead of waiting.
final class ConnectionWorker: @unchecked Sendable {
    /// A worker whose round trip has run this long is passed over by the dispatcher.
    static let stallThreshold: Duration = .milliseconds(200)
    private static let firstBackoff: Duration = .milliseconds(50)
    private static let maxBackoff: Duration = .seconds(1)

    private let configuration: PostgresConfiguration
    private let pipelined: Bool
    private let logger: Logger
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var queue: [PostgresJob] = []
    private var stopping = false
    private var stopped = false
    private var connected = false
    private var inFlight = 0
    private var busySince: ContinuousClock.Instant?
    private var reconnectAt = ContinuousClock.now
    // Touched only by the worker thread.
    private var connection: PostgresConnection?
    private var backoff: Duration = .zero

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
        condition.withLock { queue.count }
    }

    /// What the dispatcher weighs: whether the worker can answer soon (connected, not stuck in
    /// a round trip) and how many statements it holds.
    var load: (available: Bool, pending: Int) {
        condition.withLock {
            let stalled = busySince.map { $0.duration(to: .now) > Self.stallThreshold } ?? false
            return (connected && !stalled, queue.count + inFlight)
        }
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
    func run(
        _ query: PostgresQuery, simple: Bool = false, use: PostgresJob.ConnectionUse = .any,
        deadline: ContinuousClock.Instant
    ) async throws -> PostgresRows {
        // Unsafe rather than checked: this is every query's path, and `complete` is called
        // exactly once per job by construction (process, shutdown or submit-after-stop).
        let result: Result<PostgresRows, PostgresError> = await withUnsafeContinuation { continuation in
            submit(
                PostgresJob(query: query, simple: simple, use: use, deadline: deadline) {
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
        if pipelined { _ = try? openConnection() }
        while true {
            condition.lock()
            var reconnectDue = false
            while queue.isEmpty, !stopping {
                // A pipelined worker without a connection reconnects on its own, off the request path.
                guard pipelined, connection == nil else {
                    condition.wait()
                    continue
                }
                let remaining = ContinuousClock.now.duration(to: reconnectAt)
                if remaining <= .zero {
                    reconnectDue = true
                    break
                }
                _ = condition.wait(until: Date(timeIntervalSinceNow: remaining.seconds))
            }
            if queue.isEmpty, stopping {
                connection?.close()
                connection = nil
                connected = false
                stopped = true
                condition.broadcast()
                condition.unlock()
                return
            }
            if reconnectDue, queue.isEmpty {
                condition.unlock()
                _ = try? openConnection()
                continue
            }
            let batchSize = pipelined ? min(queue.count, configuration.maxPipelineBatch) : 1
            let batch = Array(queue.prefix(batchSize))
            queue.removeFirst(batchSize)
            inFlight = batch.count
            busySince = .now
            condition.unlock()
            process(batch)
            condition.withLock {
                inFlight = 0
                busySince = nil
            }
        }
    }

    private func process(_ jobs: [PostgresJob]) {
        let now = ContinuousClock.now
        // A job whose caller has given up is never sent; a value C cannot carry is refused
        // before anything is sent, so the batch stays whole.
        let batch = jobs.filter { job in
            if job.deadline <= now {
                job.complete(.failure(PostgresError(.poolTimeout, detail: "the deadline passed in the queue")))
                return false
            }
            guard let offset = job.query.binds.firstIndex(where: { $0?.utf8.contains(0) ?? false }) else { return true }
            job.complete(.failure(PostgresError(.invalidParameter, detail: "parameter $\(offset + 1) contains NUL")))
            return false
        }
        guard !batch.isEmpty else { return }
        if pipelined {
            runPipelined(batch)
            return
        }
        for job in batch {
            do throws(PostgresError) {
                let connection = try usableConnection(for: job.use)
                job.complete(.success(try connection.execute(job.query, simple: job.simple, deadline: job.deadline)))
            } catch {
                if error.breaksConnection { discardConnection(after: error) }
                job.complete(.failure(error))
            }
        }
    }

    private func runPipelined(_ jobs: [PostgresJob]) {
        let connection: PostgresConnection
        do throws(PostgresError) {
            connection = try usableConnection(for: .any)
        } catch {
            jobs.forEach { $0.complete(.failure(error)) }
            return
        }
        let batch = PipelineBatch(jobs, cancel: { connection.requestCancel() }, sweepQueue: failExpiredQueuedJobs)
        do throws(PostgresError) {
            try connection.executePipeline(
                jobs.map(\.query), wait: Wait(until: batch.firstWaitEnd, extend: batch.extendWait),
                deliver: batch.deliver)
        } catch {
            discardConnection(after: error)
            batch.failRemaining(error)
        }
        if !batch.retry.isEmpty {
            condition.withLock { queue.insert(contentsOf: batch.retry, at: 0) }
        }
    }

    /// Answers the queued statements whose deadline passed while the thread was busy.
    private func failExpiredQueuedJobs() {
        let now = ContinuousClock.now
        let expired: [PostgresJob] = condition.withLock {
            guard queue.contains(where: { $0.deadline <= now }) else { return [] }
            let expired = queue.filter { $0.deadline <= now }
            queue.removeAll { $0.deadline <= now }
            return expired
        }
        for job in expired {
            job.complete(.failure(PostgresError(.poolTimeout, detail: "the deadline passed in the queue")))
        }
    }

    private func usableConnection(for use: PostgresJob.ConnectionUse) throws(PostgresError) -> PostgresConnection {
        if let connection, connection.isUsable(requireIdle: use == .idle) { return connection }
        guard use != .current else {
            throw PostgresError(.connectionLost, detail: "the transaction's connection was lost")
        }
        if connection != nil { discardConnection(after: PostgresError(.connectionLost, detail: "unusable")) }
        let due = condition.withLock { reconnectAt }
        guard ContinuousClock.now >= due else {
            throw PostgresError(.connectionFailed, detail: "the last connection attempt failed; waiting to retry")
        }
        return try openConnection()
    }

    /// Opens a connection; a failure schedules the next attempt with exponential backoff.
    @discardableResult
    private func openConnection() throws(PostgresError) -> PostgresConnection {
        do throws(PostgresError) {
            let fresh = try PostgresConnection(configuration: configuration, pipelined: pipelined)
            connection = fresh
            backoff = .zero
            condition.withLock {
                connected = true
                reconnectAt = .now
            }
            return fresh
        } catch {
            backoff = backoff == .zero ? Self.firstBackoff : min(backoff * 2, Self.maxBackoff)
            let retryAt = ContinuousClock.now.advanced(by: backoff)
            condition.withLock {
                connected = false
                reconnectAt = retryAt
            }
            throw error
        }
    }

    private func discardConnection(after error: PostgresError) {
        logger.warning("discarding database connection", metadata: ["error": "\(error)"])
        connection?.close()
        connection = nil
        condition.withLock { connected = false }
    }
}

extension Duration {
    /// The duration in seconds, as a `TimeInterval`.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
