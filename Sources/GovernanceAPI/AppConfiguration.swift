public import Foundation
public import GovernanceStore
public import Postgres

/// The service's settings, read from the environment.
public struct AppConfiguration: Sendable {
    /// Database settings (`DATABASE_URL`, `DATABASE_POOL_SIZE`, `DATABASE_PIPELINE_CONNECTIONS`,
    /// `DATABASE_STATEMENT_TIMEOUT_MS`, `DATABASE_LOCK_TIMEOUT_MS`, `DATABASE_PREPARED_STATEMENTS`).
    public var database: PostgresConfiguration
    /// A streaming replica for statistics, exports and the change feed (`DATABASE_READ_URL`,
    /// with `DATABASE_READ_PIPELINE_CONNECTIONS`); `nil`: everything reads the primary.
    public var readReplica: PostgresConfiguration?
    /// The replica is read while it lags the primary by at most this much
    /// (`DATABASE_READ_MAX_LAG_MS`, 10 s by default); beyond it reads fall back to the primary.
    public var readReplicaMaxLagMilliseconds: Int = 10_000
    /// Deadline for a whole request, database work included (`REQUEST_TIMEOUT_MS`).
    public var requestTimeoutMilliseconds: Int
    /// A connection that sends no complete request part for this long is closed
    /// (`HTTP_IDLE_TIMEOUT_MS`): idle keep-alive connections and slow-header clients alike.
    public var idleTimeoutMilliseconds: Int
    /// Requests per second per token (`RATE_LIMIT_PER_TOKEN`, bursts of twice that; 0: off).
    public var rateLimitPerToken: Int = 100
    /// Requests per second per client address (`RATE_LIMIT_PER_ADDRESS`, bursts of twice that;
    /// 0, the default: off). Behind a gateway every client shares the gateway's address, so it is
    /// for nodes that clients reach directly; failed authentications are limited per address
    /// either way.
    public var rateLimitPerAddress: Int = 0
    /// Browser origins allowed to call the API from their pages (`CORS_ALLOWED_ORIGINS`, exact
    /// `scheme://host[:port]` values separated by commas; none by default).
    public var corsAllowedOrigins: [String] = []
    /// Failed authentications per minute per client address before 429 (`AUTH_FAILURES_PER_MINUTE`).
    public var authFailuresPerMinute: Int = 30
    /// Largest accepted request body in bytes (`MAX_BODY_BYTES`).
    public var maxBodyBytes: Int
    /// `trace`, `debug`, `info`, `notice`, `warning`, `error` or `critical` (`LOG_LEVEL`).
    public var logLevel: String
    /// One access log line per this many successful, fast requests; failures and slow requests
    /// always get one (`ACCESS_LOG_SAMPLE`, 1 logs every request).
    public var accessLogSample: Int
    /// The 32-byte master key for personal data at rest (`GRASSROOTS_DATA_KEY`, base64).
    public var dataKey: Data
    /// Master keys replaced by `dataKey`, still read until `grassroots keys rotate` has rewritten
    /// what they sealed (`GRASSROOTS_PREVIOUS_DATA_KEYS`, base64, comma-separated).
    public var previousDataKeys: [Data] = []
    /// Serve even when `fsync`, `synchronous_commit` or `full_page_writes` is off
    /// (`GRASSROOTS_ALLOW_UNSAFE_DURABILITY=true`); never in production.
    public var allowUnsafeDurability: Bool

    /// Creates a configuration.
    public init(
        database: PostgresConfiguration, dataKey: Data, requestTimeoutMilliseconds: Int = 5000,
        idleTimeoutMilliseconds: Int = 10_000,
        maxBodyBytes: Int = 1 << 20,
        logLevel: String = "info", accessLogSample: Int = 10, allowUnsafeDurability: Bool = false
    ) {
        self.accessLogSample = accessLogSample
        self.database = database
        self.dataKey = dataKey
        self.requestTimeoutMilliseconds = requestTimeoutMilliseconds
        self.idleTimeoutMilliseconds = idleTimeoutMilliseconds
        self.maxBodyBytes = maxBodyBytes
        self.logLevel = logLevel
        self.allowUnsafeDurability = allowUnsafeDurability
    }

    /// Whether `text` is a serialised origin: `http` or `https`, a host, an optional port, nothing else.
    static func isOrigin(_ text: String) -> Bool {
        guard let url = URLComponents(string: text), let scheme = url.scheme, ["http", "https"].contains(scheme),
            let host = url.host, !host.isEmpty, !host.contains("*"), url.path.isEmpty, url.query == nil,
            url.fragment == nil, url.user == nil
        else { return false }
        return text == "\(scheme)://\(host)" + (url.port.map { ":\($0)" } ?? "")
    }

    /// The keys derived from `dataKey` and `previousDataKeys`.
    public var dataKeys: DataKeys { DataKeys(masterKey: dataKey, previousMasterKeys: previousDataKeys) }

    /// The problems found in the environment, all at once, so one run shows every fix needed.
    public struct Invalid: Error, CustomStringConvertible {
        /// One line per variable at fault.
        public let problems: [String]
        public var description: String {
            "invalid configuration:\n" + problems.map { "  - \($0)" }.joined(separator: "\n")
        }
    }

    /// Reads the configuration from `environment`, reporting every missing or invalid variable.
    public static func fromEnvironment(_ environment: [String: String]) throws(Invalid) -> AppConfiguration {
        var problems: [String] = []
        func integer(_ name: String, default value: Int, range: ClosedRange<Int>) -> Int {
            guard let text = environment[name], !text.isEmpty else { return value }
            guard let parsed = Int(text), range.contains(parsed) else {
                problems.append(
                    "\(name) must be an integer in \(range.lowerBound)...\(range.upperBound), got \"\(text)\"")
                return value
            }
            return parsed
        }
        func boolean(_ name: String, default value: Bool) -> Bool {
            guard let text = environment[name], !text.isEmpty else { return value }
            switch text.lowercased() {
            case "1", "true", "yes", "on": return true
            case "0", "false", "no", "off": return false
            default:
                problems.append("\(name) must be true or false, got \"\(text)\"")
                return value
            }
        }
        let url = environment["DATABASE_URL"] ?? ""
        if url.isEmpty { problems.append("DATABASE_URL is not set (e.g. postgresql://user@127.0.0.1:5432/grassroots)") }
        let logLevel = environment["LOG_LEVEL"].flatMap { $0.isEmpty ? nil : $0.lowercased() } ?? "info"
        if !["trace", "debug", "info", "notice", "warning", "error", "critical"].contains(logLevel) {
            problems.append(
                "LOG_LEVEL must be one of trace, debug, info, notice, warning, error, critical, got \"\(logLevel)\"")
        }
        let requestTimeout = integer("REQUEST_TIMEOUT_MS", default: 5000, range: 100...600_000)
        let database = PostgresConfiguration(
            connectionString: url,
            transactionConnections: integer("DATABASE_POOL_SIZE", default: 8, range: 1...500),
            pipelineConnections: integer("DATABASE_PIPELINE_CONNECTIONS", default: 2, range: 1...64),
            // No statement outlives the request that sent it.
            statementTimeoutMilliseconds: integer(
                "DATABASE_STATEMENT_TIMEOUT_MS", default: requestTimeout, range: 100...600_000),
            lockTimeoutMilliseconds: integer("DATABASE_LOCK_TIMEOUT_MS", default: 2000, range: 10...600_000),
            usePreparedStatements: boolean("DATABASE_PREPARED_STATEMENTS", default: true)
        )
        let dataKey = environment["GRASSROOTS_DATA_KEY"].flatMap(DataKeys.masterKey(base64:))
        if dataKey == nil {
            problems.append("GRASSROOTS_DATA_KEY must be 32 random bytes in base64 (e.g. `openssl rand -base64 32`)")
        }
        var previousDataKeys: [Data] = []
        for text in (environment["GRASSROOTS_PREVIOUS_DATA_KEYS"] ?? "").split(separator: ",")
        where !text.trimmingCharacters(in: .whitespaces).isEmpty {
            guard let key = DataKeys.masterKey(base64: String(text)) else {
                problems.append("GRASSROOTS_PREVIOUS_DATA_KEYS must be base64 32-byte keys separated by commas")
                break
            }
            previousDataKeys.append(key)
        }
        var configuration = AppConfiguration(
            database: database, dataKey: dataKey ?? Data(count: 32),
            requestTimeoutMilliseconds: requestTimeout,
            idleTimeoutMilliseconds: integer("HTTP_IDLE_TIMEOUT_MS", default: 10_000, range: 500...600_000),
            maxBodyBytes: integer("MAX_BODY_BYTES", default: 1 << 20, range: 1024...(64 << 20)),
            logLevel: logLevel,
            accessLogSample: integer("ACCESS_LOG_SAMPLE", default: 10, range: 1...1_000_000),
            allowUnsafeDurability: boolean("GRASSROOTS_ALLOW_UNSAFE_DURABILITY", default: false)
        )
        if let readURL = environment["DATABASE_READ_URL"], !readURL.isEmpty {
            configuration.readReplica = PostgresConfiguration(
                connectionString: readURL, transactionConnections: 1,
                pipelineConnections: integer("DATABASE_READ_PIPELINE_CONNECTIONS", default: 2, range: 1...64),
                statementTimeoutMilliseconds: database.statementTimeoutMilliseconds,
                lockTimeoutMilliseconds: database.lockTimeoutMilliseconds,
                usePreparedStatements: database.usePreparedStatements)
        }
        configuration.readReplicaMaxLagMilliseconds = integer(
            "DATABASE_READ_MAX_LAG_MS", default: 10_000, range: 0...3_600_000)
        var origins: [String] = []
        for text in (environment["CORS_ALLOWED_ORIGINS"] ?? "").split(separator: ",") {
            let origin = text.trimmingCharacters(in: .whitespaces)
            guard !origin.isEmpty else { continue }
            guard Self.isOrigin(origin) else {
                problems.append(
                    "CORS_ALLOWED_ORIGINS takes exact origins like https://portal.example.gov.cn (no path, no wildcard), got \"\(origin)\""
                )
                continue
            }
            origins.append(origin)
        }
        var configured = configuration
        configured.corsAllowedOrigins = origins
        configured.previousDataKeys = previousDataKeys
        configured.rateLimitPerToken = integer("RATE_LIMIT_PER_TOKEN", default: 100, range: 0...1_000_000)
        configured.rateLimitPerAddress = integer("RATE_LIMIT_PER_ADDRESS", default: 0, range: 0...1_000_000)
        configured.authFailuresPerMinute = integer("AUTH_FAILURES_PER_MINUTE", default: 30, range: 1...1_000_000)
        if !problems.isEmpty { throw Invalid(problems: problems) }
        return configured
    }
}
