/// A PostgreSQL SQLSTATE error code (five characters), with the codes the service acts upon.
///
/// A struct rather than an enum so that any code the server sends can be carried, while the
/// ones we branch on have names.
public struct SQLState: Hashable, Sendable, CustomStringConvertible {
    /// The five-character code, e.g. `23505`.
    public let rawValue: String

    /// Wraps a raw SQLSTATE code.
    public init(_ rawValue: String) { self.rawValue = rawValue }

    /// `23505`: a unique index or constraint refused the row.
    public static let uniqueViolation = SQLState("23505")
    /// `23503`: a foreign key refused the row.
    public static let foreignKeyViolation = SQLState("23503")
    /// `23514`: a check constraint refused the row.
    public static let checkViolation = SQLState("23514")
    /// `23502`: a NOT NULL column received NULL.
    public static let notNullViolation = SQLState("23502")
    /// `23P01`: an exclusion constraint refused the row.
    public static let exclusionViolation = SQLState("23P01")
    /// `40001`: the transaction could not be serialised; retry it whole.
    public static let serializationFailure = SQLState("40001")
    /// `40P01`: the transaction was chosen as a deadlock victim; retry it whole.
    public static let deadlockDetected = SQLState("40P01")
    /// `57014`: the statement was cancelled, usually by `statement_timeout`.
    public static let queryCanceled = SQLState("57014")
    /// `55P03`: a lock could not be taken within `lock_timeout`.
    public static let lockNotAvailable = SQLState("55P03")
    /// `57P01`: the server terminated the backend (shutdown or `pg_terminate_backend`).
    public static let adminShutdown = SQLState("57P01")
    /// `22P02`: a value did not parse as its type.
    public static let invalidTextRepresentation = SQLState("22P02")
    /// A character the server cannot store, such as `\u0000` in `jsonb`.
    public static let untranslatableCharacter = SQLState("22P05")
    /// `25P02`: a statement was sent inside a transaction that had already failed.
    public static let inFailedTransaction = SQLState("25P02")

    /// `25006`: a write was sent to a read-only server (a standby after failover).
    public static let readOnlyTransaction = SQLState("25006")
    /// `25P03`: the server ended a transaction left idle too long.
    public static let idleInTransactionTimeout = SQLState("25P03")

    /// `42P01`: the relation does not exist (for example before the first migration).
    public static let undefinedTable = SQLState("42P01")

    /// Whether the whole transaction may be retried safely (serialisation failure or deadlock).
    public var isTransient: Bool { self == .serializationFailure || self == .deadlockDetected }

    /// Whether the code belongs to class 08 (connection exception) or is an administrative shutdown.
    public var isConnectionLoss: Bool { rawValue.hasPrefix("08") || rawValue.hasPrefix("57P") }

    public var description: String { rawValue }
}
