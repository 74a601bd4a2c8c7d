import Synchronization

/// Which requests get an access log line: every failed or slow one, and one in `oneIn` of the
/// rest. `/metrics` counts every request; the sample keeps the log's cost per request small
/// (a line for every read cost 12 % of read throughput on this machine, performance.md).
final class AccessLogSampler: Sendable {
    /// A request at least this slow is always logged.
    static let slow: Duration = .milliseconds(500)

    private let oneIn: Int
    private let counter = Atomic<Int>(0)

    /// Logs one in `oneIn` successful, fast requests (1: every request).
    init(oneIn: Int) { self.oneIn = max(oneIn, 1) }

    /// Whether this request gets a line.
    func shouldLog(status: Int, duration: Duration) -> Bool {
        if status >= 400 || duration >= Self.slow || oneIn == 1 { return true }
        return counter.add(1, ordering: .relaxed).newValue % oneIn == 0
    }
}
