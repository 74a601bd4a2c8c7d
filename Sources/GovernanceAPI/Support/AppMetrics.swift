import GovernanceStore
import NIOConcurrencyHelpers
import Postgres
import Prometheus
import Synchronization

/// The Prometheus registry of the service: request count and latency by operation and status,
/// and the database pool's figures.
///
/// A registry of its own, not the global `MetricsSystem`, so tests can build many applications
/// in one process.
final class AppMetrics: Sendable {
    private struct Key: Hashable {
        let operation: String
        let status: Int
    }

    let registry = PrometheusCollectorRegistry()
    /// Bearer tokens looked up in the database (cache misses).
    let tokenLookups = Atomic<Int>(0)
    /// Bearer tokens refused without a database read: malformed, a failed checksum, or known
    /// not to be live.
    let tokensRefusedUnread = Atomic<Int>(0)
    // The registry's own lookup hashes label arrays under its lock on every call; the handles
    // are cached per (operation, status), a small bounded set.
    private let handles = NIOLockedValueBox<[Key: (Counter, DurationHistogram)]>([:])
    private let buckets: [Duration] = [
        .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
        .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5),
        .seconds(10),
    ]

    /// Reads that preferred the replica, by who served them.
    private let replicaReads = NIOLockedValueBox<[String: Counter]>([:])

    /// Counts a read that preferred the replica: served by it (`nil`), or by the primary and why.
    func recordReplicaRead(_ fallback: ReadReplica.Fallback?) {
        let source = fallback.map { "primary_\($0.rawValue)" } ?? "replica"
        let counter = replicaReads.withLockedValue { counters in
            if let cached = counters[source] { return cached }
            let made = registry.makeCounter(
                descriptor: MetricNameDescriptor(
                    metricName: "db_replica_reads", unitName: "total",
                    helpText:
                        "Reads that preferred the read replica, by who served them (primary_lagging, primary_unavailable: fallbacks)."
                ),
                labels: [("served_by", source)])
            counters[source] = made
            return made
        }
        counter.increment()
    }

    /// Counts one answered request and records its latency.
    func recordRequest(operation: String, status: Int, duration: Duration) {
        let key = Key(operation: operation, status: status)
        let (counter, histogram) = handles.withLockedValue { handles in
            if let cached = handles[key] { return cached }
            let labels = [("operation", operation), ("status", String(status))]
            let made = (
                registry.makeCounter(
                    descriptor: MetricNameDescriptor(
                        metricName: "http_requests", unitName: "total",
                        helpText: "Requests answered, by operation and status."),
                    labels: labels),
                registry.makeDurationHistogram(
                    descriptor: MetricNameDescriptor(
                        metricName: "http_request_duration", unitName: "seconds",
                        helpText: "Request latency, by operation and status."),
                    labels: labels, buckets: buckets)
            )
            handles[key] = made
            return made
        }
        counter.increment()
        histogram.record(duration)
    }

    /// The exposition text, with the pool's figures read at this moment.
    func render(pool: PostgresClient.Statistics) -> [UInt8] {
        func gauge(_ name: String, _ help: String, _ value: Int) {
            registry.makeGauge(descriptor: MetricNameDescriptor(metricName: name, unitName: "", helpText: help)).set(
                Double(value))
        }
        gauge("db_pool_connections_in_use", "Transaction connections lent out.", pool.inUse)
        gauge("db_pool_connections_idle", "Transaction connections free.", pool.idle)
        gauge("db_pool_waiters", "Requests waiting for a transaction connection.", pool.waiting)
        gauge("db_pipeline_queued", "Reads queued for the pipelined connections.", pool.pipelineQueued)
        gauge("log_lines_dropped", "Log lines dropped because standard output fell behind.", LogQueue.shared.dropped)
        gauge("auth_token_lookups", "Bearer tokens looked up in the database.", tokenLookups.load(ordering: .relaxed))
        gauge(
            "auth_tokens_refused_unread", "Bearer tokens refused without a database read.",
            tokensRefusedUnread.load(ordering: .relaxed))
        return registry.emitToBuffer()
    }
}
