/// A statement waiting for a worker thread, with the continuation that receives its outcome.
struct PostgresJob: Sendable {
    /// Which connection the statement may run on.
    enum ConnectionUse: Sendable, Equatable {
        /// Any open connection, a new one if there is none: pipelined reads.
        case any
        /// An idle connection, opened now if needed: `BEGIN`.
        case idle
        /// Only the connection the transaction began on. A transaction never moves to a new
        /// connection: its statements would run in autocommit and `COMMIT` would mean nothing.
        case current
    }

    let query: PostgresQuery
    let simple: Bool
    let use: ConnectionUse
    let deadline: ContinuousClock.Instant
    let complete: @Sendable (Result<PostgresRows, PostgresError>) -> Void
}
