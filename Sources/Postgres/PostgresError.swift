/// An error from the PostgreSQL wrapper.
///
/// `description` is deliberately generic so that an error that reaches a response or a log line
/// by accident never carries SQL, values or server text; `debugDescription` has the details, for
/// logs that are known to be safe.
public struct PostgresError: Error, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// What went wrong, in the categories callers branch on.
    public struct Kind: Hashable, Sendable, CustomStringConvertible {
        fileprivate enum Base: String, Sendable {
            case connectionFailed, connectionLost, server, timeout, poolTimeout, commitRolledBack,
                commitInDoubt, invalidParameter, decoding, shutdown, protocolViolation
        }
        fileprivate let base: Base
        /// A connection to the server could not be opened.
        public static let connectionFailed = Kind(base: .connectionFailed)
        /// An open connection broke while a statement was under way.
        public static let connectionLost = Kind(base: .connectionLost)
        /// The server answered with an error; see `sqlState`.
        public static let server = Kind(base: .server)
        /// The caller's deadline passed before the server answered; the connection was discarded.
        public static let timeout = Kind(base: .timeout)
        /// No pooled connection became free before the caller's deadline.
        public static let poolTimeout = Kind(base: .poolTimeout)
        /// `COMMIT` was answered with `ROLLBACK`: the transaction had failed and nothing was written.
        public static let commitRolledBack = Kind(base: .commitRolledBack)
        /// The connection failed after `COMMIT` was sent: the outcome is unknown.
        public static let commitInDoubt = Kind(base: .commitInDoubt)
        /// A value could not be sent as a parameter (for example a string containing NUL).
        public static let invalidParameter = Kind(base: .invalidParameter)
        /// A column could not be decoded as the requested type.
        public static let decoding = Kind(base: .decoding)
        /// The client is shutting down.
        public static let shutdown = Kind(base: .shutdown)
        /// The server's answer did not have the expected shape.
        public static let protocolViolation = Kind(base: .protocolViolation)
        public var description: String { base.rawValue }
    }

    /// The category of the failure.
    public let kind: Kind
    /// The SQLSTATE the server sent, for `.server` errors.
    public let sqlState: SQLState?
    /// The constraint the server named, for integrity violations.
    public let constraint: String?
    /// The column the server named, if any.
    public let column: String?
    /// Server or libpq text: for logs only, never for responses.
    public let detail: String

    /// Creates an error; `detail` is kept out of `description`.
    public init(
        _ kind: Kind, sqlState: SQLState? = nil, constraint: String? = nil, column: String? = nil, detail: String = ""
    ) {
        self.kind = kind
        self.sqlState = sqlState
        self.constraint = constraint
        self.column = column
        self.detail = detail
    }

    /// Whether the failure means the connection can no longer be trusted.
    public var breaksConnection: Bool {
        switch kind {
        case .connectionFailed, .connectionLost, .timeout, .commitInDoubt, .protocolViolation: true
        case .server: sqlState?.isConnectionLoss ?? false
        default: false
        }
    }

    public var description: String {
        var text = "PostgresError(\(kind)"
        if let sqlState { text += ", sqlState: \(sqlState)" }
        if let constraint { text += ", constraint: \(constraint)" }
        return text + ")"
    }

    public var debugDescription: String {
        description + (detail.isEmpty ? "" : " — \(detail)")
    }
}
