/// How the wrapper connects and how many connections it keeps.
public struct PostgresConfiguration: Sendable {
    /// A libpq connection string or `postgresql://` URL. Its own settings win over the defaults below.
    public var connectionString: String
    /// Connections kept for transactions; each is held from `BEGIN` to `COMMIT`.
    public var transactionConnections: Int
    /// Connections in pipeline mode serving single-statement reads.
    public var pipelineConnections: Int
    /// Server-side `statement_timeout` of every session: no longer than a request's deadline,
    /// so no statement outlives the request that sent it. Transactions lower it to the time
    /// their caller has left.
    public var statementTimeoutMilliseconds: Int
    /// The longest a transaction's statement waits for a lock (`lock_timeout`), within its deadline.
    public var lockTimeoutMilliseconds: Int
    /// Whether statements are prepared once per connection (off behind PgBouncer in transaction mode).
    public var usePreparedStatements: Bool
    /// The most statements sent in one pipelined batch: a cap keeps both socket buffers from filling.
    public var maxPipelineBatch: Int
    /// `application_name` shown in `pg_stat_activity`, suffixed `/read` for pipelined
    /// connections and `/write` for transaction connections.
    public var applicationName: String

    /// Creates a configuration with defaults sized for a 2-core node.
    public init(
        connectionString: String,
        transactionConnections: Int = 8,
        pipelineConnections: Int = 2,
        statementTimeoutMilliseconds: Int = 5000,
        lockTimeoutMilliseconds: Int = 2000,
        usePreparedStatements: Bool = true,
        maxPipelineBatch: Int = 64,
        applicationName: String = "grassroots"
    ) {
        self.connectionString = connectionString
        self.transactionConnections = transactionConnections
        self.pipelineConnections = pipelineConnections
        self.statementTimeoutMilliseconds = statementTimeoutMilliseconds
        self.lockTimeoutMilliseconds = lockTimeoutMilliseconds
        self.usePreparedStatements = usePreparedStatements
        self.maxPipelineBatch = maxPipelineBatch
        self.applicationName = applicationName
    }

    /// The keyword/value pairs given to `PQconnectdbParams`, defaults first and the caller's
    /// connection string last (libpq lets later entries override earlier ones).
    func connectParameters(pipelined: Bool) -> [(String, String)] {
        [
            ("connect_timeout", "2"),
            // A dead peer is noticed in seconds: keepalives on an idle socket,
            // tcp_user_timeout on one with unacknowledged data.
            ("keepalives", "1"),
            ("keepalives_idle", "5"),
            ("keepalives_interval", "2"),
            ("keepalives_count", "3"),
            ("tcp_user_timeout", "5000"),
            ("application_name", applicationName + (pipelined ? "/read" : "/write")),
            (
                "options",
                // jit off: an API's statements are short, and the planner's cost estimate of a
                // statistics query over a city (lateral branches it cannot see are skipped) made
                // PostgreSQL spend 700 ms compiling one that runs in 60.
                "-c TimeZone=UTC -c DateStyle=ISO -c jit=off -c statement_timeout=\(statementTimeoutMilliseconds)"
                    + " -c idle_in_transaction_session_timeout=\(max(statementTimeoutMilliseconds * 2, 1000))"
            ),
            ("dbname", connectionString),
        ]
    }
}
