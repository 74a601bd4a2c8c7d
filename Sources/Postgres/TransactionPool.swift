import Logging
import NIOConcurrencyHelpers

/// The connections reserved for transactions, lent out one transaction at a time.
///
/// The wait for a free connection is bounded by the caller's deadline, so an exhausted pool
/// answers `.poolTimeout` (→ 503) instead of queueing without end. A waiter is registered with
/// its continuation and its timer under one lock; whichever of `release` and the timer takes
/// it first resumes it and the other finds nothing, so no bookkeeping outlives the wait.
final class TransactionPool: Sendable {
    private struct Waiter {
        let continuation: CheckedContinuation<ConnectionWorker, any Error>
        var timer: Task<Void, Never>?
    }

    private struct State {
        var idle: [ConnectionWorker]
        var waiters: [UInt64: Waiter] = [:]
        var waiterOrder: [UInt64] = []
        var nextWaiter: UInt64 = 0
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

    /// Entries kept for waiters (their registrations and queue positions): zero when nobody
    /// waits, whatever happened before (tests).
    var waiterBookkeeping: Int {
        state.withLockedValue { $0.waiters.count + $0.waiterOrder.count }
    }

    /// Waits registered since the pool was made (tests).
    var waitsRegistered: UInt64 {
        state.withLockedValue { $0.nextWaiter }
    }

    /// Takes a connection, waiting at most until `deadline`.
    func acquire(deadline: ContinuousClock.Instant) async throws -> ConnectionWorker {
        try await withCheckedThrowingContinuation { continuation in
            enum Registration { case worker(ConnectionWorker), closed, waiting(UInt64) }
            let registration: Registration = state.withLockedValue { state in
                if state.closed { return .closed }
                if let worker = state.idle.popLast() { return .worker(worker) }
                state.nextWaiter += 1
                let id = state.nextWaiter
                state.waiters[id] = Waiter(continuation: continuation)
                state.waiterOrder.append(id)
                return .waiting(id)
            }
            switch registration {
            case .worker(let worker):
                continuation.resume(returning: worker)
            case .closed:
                continuation.resume(throwing: PostgresError(.shutdown, detail: "pool closed"))
            case .waiting(let id):
                let timer = Task { [state] in
                    guard (try? await Task.sleep(until: deadline, clock: .continuous)) != nil else { return }
                    let expired: Waiter? = state.withLockedValue { state in
                        guard let waiter = state.waiters.removeValue(forKey: id) else { return nil }
                        state.waiterOrder.removeAll { $0 == id }
                        return waiter
                    }
                    expired?.continuation.resume(
                        throwing: PostgresError(.poolTimeout, detail: "no free connection before the deadline"))
                }
                let served = state.withLockedValue { state in
                    guard state.waiters[id] != nil else { return true }
                    state.waiters[id]?.timer = timer
                    return false
                }
                if served { timer.cancel() }
            }
        }
    }

    /// Returns a connection, handing it straight to the longest waiter if there is one.
    func release(_ worker: ConnectionWorker) {
        let waiter: Waiter? = state.withLockedValue { state in
            while !state.waiterOrder.isEmpty {
                let id = state.waiterOrder.removeFirst()
                if let waiter = state.waiters.removeValue(forKey: id) { return waiter }
            }
            state.idle.append(worker)
            return nil
        }
        guard let waiter else { return }
        waiter.timer?.cancel()
        waiter.continuation.resume(returning: worker)
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
        for waiter in waiters {
            waiter.timer?.cancel()
            waiter.continuation.resume(throwing: PostgresError(.shutdown, detail: "pool closed"))
        }
        workers.forEach { $0.shutdown() }
    }
}
