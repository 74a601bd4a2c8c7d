public import Governance
public import Postgres

/// Who is acting, in which request, by which clock and until when: what services need for
/// scope, dates, deadlines and the audit log. Built at the edge, and free of HTTP.
public struct CallContext: Sendable {
    /// The caller.
    public let principal: Principal
    /// The operation (an `operationId`, or the command line's command), for the audit log.
    public let operationID: String
    /// The request id, for the audit log.
    public let requestID: String?
    /// When the work must be done; every database wait stops there.
    public let deadline: ContinuousClock.Instant
    /// The clock every date of an act is read from.
    public let clock: GovernanceClock
    /// The transaction the edge opened for this write request (with its idempotency record), if
    /// any; writes join it, so the change, its audit event and the stored response commit together.
    public let transaction: PostgresTransaction?

    /// Creates a context.
    public init(
        principal: Principal, operationID: String, requestID: String?, deadline: ContinuousClock.Instant,
        clock: GovernanceClock = .system,
        transaction: PostgresTransaction? = nil
    ) {
        self.principal = principal
        self.operationID = operationID
        self.requestID = requestID
        self.deadline = deadline
        self.clock = clock
        self.transaction = transaction
    }

    /// The caller's scope path.
    public var scopePath: String { principal.scopePath }

    /// What a write of this request records and joins.
    public var write: WriteContext {
        WriteContext(
            principal: principal, operationID: operationID, requestID: requestID, deadline: deadline,
            transaction: transaction)
    }

    /// Today in China Standard Time by this context's clock.
    public var today: CalendarDay { clock.today }
}

/// What one write records in the audit log and which transaction it joins: a request's
/// (`CallContext.write`) or the command line's, which acts without a token.
public struct WriteContext: Sendable {
    /// The acting principal; `nil` for the command line.
    public let principal: Principal?
    /// The operation or command.
    public let operationID: String
    /// The request id.
    public let requestID: String?
    /// When the work must be done.
    public let deadline: ContinuousClock.Instant
    /// The transaction to join, if the edge opened one.
    public let transaction: PostgresTransaction?

    /// Creates a write context.
    public init(
        principal: Principal?, operationID: String, requestID: String?, deadline: ContinuousClock.Instant,
        transaction: PostgresTransaction?
    ) {
        self.principal = principal
        self.operationID = operationID
        self.requestID = requestID
        self.deadline = deadline
        self.transaction = transaction
    }
}
