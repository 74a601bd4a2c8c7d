/// The jobs of one pipelined round trip, each answered by its own deadline.
///
/// Results arrive in order, so a slow statement holds back those behind it. When a job's
/// deadline passes it is answered at once (503 upstream) and its result, when it comes, is
/// dropped; when the late job is the one the server is running, it is cancelled so the others
/// go on over the same connection. Only a server that ignores the cancel for `cancelGrace`
/// (a frozen backend) costs the connection.
final class PipelineBatch {
    /// How long a cancelled statement may take to stop before the connection is given up.
    static let cancelGrace: Duration = .seconds(1)
    /// The longest single wait: statements queued behind the batch are checked this often, so
    /// one whose deadline passes is answered then, not when the batch ends.
    static let sweepInterval: Duration = .milliseconds(100)

    let jobs: [PostgresJob]
    /// Jobs that met a cancel meant for an earlier one; they were rolled back and run again.
    private(set) var retry: [PostgresJob] = []
    private var answered: [Bool]
    /// The job whose results are being read.
    private var head = 0
    private var cancelledHead: Int?
    private var cancelGraceEnd: ContinuousClock.Instant?
    private var cancelSent = false
    private let cancel: () -> Void
    private let sweepQueue: () -> Void

    /// `cancel` asks the server to stop the statement it is running on the batch's connection;
    /// `sweepQueue` answers the statements queued behind the batch whose deadline passed.
    init(_ jobs: [PostgresJob], cancel: @escaping () -> Void, sweepQueue: @escaping () -> Void = {}) {
        precondition(!jobs.isEmpty, "a batch has at least one job")
        self.jobs = jobs
        self.answered = [Bool](repeating: false, count: jobs.count)
        self.cancel = cancel
        self.sweepQueue = sweepQueue
    }

    /// The end of the first wait: the first job deadline, or the first sweep of the queue.
    var firstWaitEnd: ContinuousClock.Instant {
        min(jobs.map(\.deadline).min() ?? .now, ContinuousClock.now.advanced(by: Self.sweepInterval))
    }

    /// Hands the outcome of job `index` to its caller, unless the job was already answered.
    func deliver(_ index: Int, _ outcome: Result<PostgresRows, PostgresError>) {
        head = index + 1
        if cancelledHead == index {
            cancelledHead = nil
            cancelGraceEnd = nil
        }
        guard !answered[index] else { return }
        answered[index] = true
        if case .failure(let error) = outcome, error.sqlState == .queryCanceled, cancelSent,
            jobs[index].deadline > .now
        {
            retry.append(jobs[index])
            return
        }
        jobs[index].complete(outcome)
    }

    /// Called when a wait ran out: answers every job whose deadline passed, cancels the running
    /// statement if it is one of them, and returns how long to keep waiting, or nil to give up.
    func extendWait() -> ContinuousClock.Instant? {
        sweepQueue()
        let now = ContinuousClock.now
        for index in head..<jobs.count where !answered[index] && jobs[index].deadline <= now {
            answered[index] = true
            jobs[index].complete(
                .failure(PostgresError(.timeout, detail: "no answer from the server before the deadline")))
        }
        if let end = cancelGraceEnd, now >= end { return nil }
        if head < jobs.count, answered[head], cancelledHead != head {
            cancelledHead = head
            cancelSent = true
            cancelGraceEnd = now.advanced(by: Self.cancelGrace)
            cancel()
        }
        let open = (head..<jobs.count).lazy.filter { !self.answered[$0] }.map { self.jobs[$0].deadline }.min()
        guard let next = [cancelGraceEnd, open].compactMap({ $0 }).min() else { return nil }
        return min(next, now.advanced(by: Self.sweepInterval))
    }

    /// Fails every job not answered yet (the connection broke under them).
    func failRemaining(_ error: PostgresError) {
        for index in jobs.indices where !answered[index] {
            answered[index] = true
            jobs[index].complete(.failure(error))
        }
    }
}
