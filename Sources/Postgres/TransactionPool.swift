import Logging
import NIOConcurrencyHelpers

/// The connections reserved for transactions, lent out one transaction at a time.
///
/// The wait for a free connection is bounded by the caller's deadline, so an exhausted pool
/// answers `.poolTimeout` (→ 503) instead of queueing without end.
final class TransactionPool: Sendable {
    private struct State {
        var idle: [ConnectionWorker]
        var waiters: [UInt64: CheckedContinuation<ConnectionWorker, any Error>] = [:]
        var waiterOrder: [UInt64] = []
        var nextWaiter: UInt64 = 0
        /// Waiters whose deadline passed before they were registered.
        var expired: Set<UInt64> = []
        var closed = false
    }

    private let workers: [ConnectionWorker]
    private let state: NIOLockedValueBox<State>

    init(configuration: PostgresConfiguration, logger: Logger) {
        let workers = (0..<max(configuration.transactionConnections, 1)).map {
            ConnectionWorker(configuration: configuration, pipelined: false, name: "pg-tx-\($0)", logger: logger)
        }
        self.workers = workers
        self.state = NIOLockedValueBox(State(idle: workers))
    }

    /// Connections lent out, idle, and callers waiting for one.
    var statistics: (inUse: Int, idle: Int, waiting: Int) {
        state.withLockedValue { ($0.closed ? 0 : workers.count - $0.idle.count, $0.idle.count, $0.waiters.count) }
    }

    /// Takes a connection, waiting at most until `deadline`.
    func acquire(deadline: ContinuousClock.Instant) async throws -> ConnectionWorker {
        enum Immediate { case worker(ConnectionWorker), closed, wait }
        let immediate: Immediate = state.withLockedValue { state in
            if state.closed { return .closed }
            if let worker = state.idle.popLast() { return .worker(worker) }
            return .wait
        }
        switch immediate {
        case .worker(let worker): return worker
        case .closed: throw PostgresError(.shutdown, detail: "pool closed")
        case .wait: break
        }
        let id = state.withLockedValue { state in
            state.nextWaiter += 1
            return state.nextWaiter
        }
        let timeout = Task { [state] in
            try? await Task.sleep(until: deadline, clock: .continuous)
            let continuation: CheckedContinuation<ConnectionWorker, any Error>? = state.withLockedValue { state in
                state.waiterOrder.removeAll { $0 == id }
                guard let continuation = state.waiters.removeValue(forKey: id) else {
                    state.expired.insert(id)
                    return nil
                }
                return continuation
            }
            continuation?.resume(
                throwing: PostgresError(.poolTimeout, detail: "no free connection before the deadline"))
        }
        defer {
            timeout.cancel()
            state.withLockedValue { _ = $0.expired.remove(id) }
        }
        return try await withCheckedThrowingContinuation { continuation in
            enum Registration { case worker(ConnectionWorker), expired, waiting }
            let registration: Registration = state.withLockedValue { state in
                if let worker = state.idle.popLast() { return .worker(worker) }
                if state.expired.contains(id) || state.closed { return .expired }
                state.waiters[id] = continuation
                state.waiterOrder.append(id)
                return .waiting
            }
            switch registration {
            case .worker(let worker): continuation.resume(returning: worker)
            case .expired:
                continuation.resume(
                    throwing: PostgresError(.poolTimeout, detail: "no free connection before the deadline"))
            case .waiting: break
            }
        }
    }

    /// Returns a connection, handing it straight to the longest waiter if there is one.
    func release(_ worker: ConnectionWorker) {
        let waiter: CheckedContinuation<ConnectionWorker, any Error>? = state.withLockedValue { state in
            while !state.waiterOrder.isEmpty {
                let id = state.waiterOrder.removeFirst()
                if let continuation = state.waiters.removeValue(forKey: id) { return continuation }
            }
            state.idle.append(worker)
            return nil
        }
        waiter?.resume(returning: worker)
    }

    /// Fails every waiter and stops the threads once their work is done.
    func close() {
        let waiters = state.withLockedValue { state in
            state.closed = true
            defer {
                state.waiters = [:]
                state.waiterOrder = []
            }
            return Array(state.waiters.values)
        }
        waiters.forEach { $0.resume(throwing: PostgresError(.shutdown, detail: "pool closed")) }
        workers.forEach { $0.shutdown() }
    }
}
