public import Logging
import NIOConcurrencyHelpers

/// The service's access to PostgreSQL: pipelined single-statement reads, and transactions on
/// connections of their own.
///
/// Reads go through few connections in libpq pipeline mode (17.9k req/s against 7.9k for a
/// thread pool on this machine, performance.md); transactions hold a connection from `BEGIN`
/// to `COMMIT` so a slow statement never stalls a batch of reads.
public final class PostgresClient: Sendable {
    /// The isolation level of a transaction.
    public enum Isolation: String, Sendable {
        case readCommitted = "READ COMMITTED"
        case repeatableRead = "REPEATABLE READ"
        case serializable = "SERIALIZABLE"
    }

    /// How long a transaction's statements may wait for a lock.
    public enum LockWait: Sendable {
        /// `lockTimeoutMilliseconds` of the configuration, within the deadline: request work.
        case configured
        /// Until the deadline: work that must queue behind others, such as migrations.
        case untilDeadline
    }

    /// Pool figures for `/metrics`.
    public struct Statistics: Sendable {
        /// Transaction connections lent out.
        public let inUse: Int
        /// Transaction connections free.
        public let idle: Int
        /// Callers waiting for a transaction connection.
        public let waiting: Int
        /// Reads queued on the pipelined connections.
        public let pipelineQueued: Int
    }

    /// The configuration the client was made with.
    public let configuration: PostgresConfiguration
    private let pipelines: [ConnectionWorker]
    private let pool: TransactionPool
    private let nextPipeline = NIOLockedValueBox(0)
    private let closed = NIOLockedValueBox(false)

    /// Starts the worker threads; connections open lazily on first use.
    public init(configuration: PostgresConfiguration, logger: Logger) {
        self.configuration = configuration
        self.pipelines = (0..<max(configuration.pipelineConnections, 1)).map {
            ConnectionWorker(configuration: configuration, pipelined: true, name: "pg-pipeline-\($0)", logger: logger)
        }
        self.pool = TransactionPool(configuration: configuration, logger: logger)
    }

    /// Current pool figures.
    public var statistics: Statistics {
        let pool = pool.statistics
        return Statistics(
            inUse: pool.inUse, idle: pool.idle, waiting: pool.waiting,
            pipelineQueued: pipelines.reduce(0) { $0 + $1.queuedCount })
    }

    /// Runs one statement outside any transaction through the pipelined read path.
    ///
    /// Use it for reads; a write that must be atomic with others belongs in `withTransaction`.
    public func query(_ query: PostgresQuery, deadline: ContinuousClock.Instant) async throws -> PostgresRows {
        try await pipelineWorker().run(query, deadline: deadline)
    }

    /// The pipelined worker for the next read: the least loaded of those connected and not
    /// stuck in a round trip (a frozen backend holds one worker, not the node), scanning from a
    /// rotating start so equal loads share the work.
    private func pipelineWorker() -> ConnectionWorker {
        if pipelines.count == 1 { return pipelines[0] }
        let start = nextPipeline.withLockedValue { value in
            value = (value + 1) % pipelines.count
            return value
        }
        var best = pipelines[start]
        var bestLoad = best.load
        for step in 1..<pipelines.count {
            let candidate = pipelines[(start + step) % pipelines.count]
            let load = candidate.load
            if (load.available && !bestLoad.available)
                || (load.available == bestLoad.available && load.pending < bestLoad.pending)
            {
                best = candidate
                bestLoad = load
            }
        }
        return best
    }

    /// Runs `body` in a transaction: `BEGIN`, the closure, then `COMMIT`, or `ROLLBACK` when it throws.
    ///
    /// Returns only after the server answered `COMMIT` with the tag `COMMIT`: a transaction that
    /// had failed is answered `ROLLBACK`, and that is thrown as `.commitRolledBack`, never
    /// returned as success. A connection lost after `COMMIT` was sent is `.commitInDoubt`.
    @discardableResult
    public func withTransaction<Value: Sendable>(
        isolation: Isolation = .readCommitted,
        lockWait: LockWait = .configured,
        deadline: ContinuousClock.Instant,
        _ body: (PostgresTransaction) async throws -> Value
    ) async throws -> Value {
        if closed.withLockedValue({ $0 }) { throw PostgresError(.shutdown, detail: "client closed") }
        let worker = try await pool.acquire(deadline: deadline)
        defer { pool.release(worker) }
        // The server gives up no later than the caller: statements by the remaining deadline,
        // lock waits by the shorter lock timeout. Both are integers formatted here, never input.
        let remaining = max(Int(ContinuousClock.now.duration(to: deadline).seconds * 1000), 1)
        let lockTimeout = lockWait == .untilDeadline ? remaining : min(remaining, configuration.lockTimeoutMilliseconds)
        let transaction = PostgresTransaction(worker: worker, deadline: deadline)
        _ = try await worker.run(
            PostgresQuery(
                unsafeSQL: "BEGIN ISOLATION LEVEL \(isolation.rawValue); SET LOCAL statement_timeout = \(remaining);"
                    + " SET LOCAL lock_timeout = \(lockTimeout)"),
            simple: true, use: .idle, deadline: deadline)
        let value: Value
        do {
            value = try await body(transaction)
        } catch {
            // The closure's error is the one that matters; a failed ROLLBACK only means the
            // connection is gone, and the worker replaces it before the next BEGIN.
            _ = try? await worker.run("ROLLBACK", simple: true, use: .current, deadline: deadline)
            throw error
        }
        let commit: PostgresRows
        do {
            commit = try await worker.run("COMMIT", simple: true, use: .current, deadline: deadline)
        } catch let error as PostgresError where error.breaksConnection {
            throw PostgresError(.commitInDoubt, detail: error.detail)
        }
        guard commit.commandTag == "COMMIT" else {
            throw PostgresError(.commitRolledBack, detail: "COMMIT answered \(commit.commandTag)")
        }
        return value
    }

    /// Stops taking work, lets queued statements finish, and closes every connection.
    public func close() {
        let wasClosed = closed.withLockedValue { value in
            defer { value = true }
            return value
        }
        guard !wasClosed else { return }
        pool.close()
        pipelines.forEach { $0.shutdown() }
    }
}
