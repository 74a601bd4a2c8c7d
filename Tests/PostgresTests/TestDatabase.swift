import Foundation
import Logging
import Postgres

/// The real PostgreSQL the tests run against, named by `GRASSROOTS_TEST_DATABASE_URL`
/// (scripts/test starts a private cluster and sets it).
enum TestDatabase {
    static var url: String {
        guard let url = ProcessInfo.processInfo.environment["GRASSROOTS_TEST_DATABASE_URL"] else {
            fatalError("GRASSROOTS_TEST_DATABASE_URL is not set: run the tests through scripts/test")
        }
        return url
    }

    static func configuration(
        transactionConnections: Int = 2, statementTimeoutMilliseconds: Int = 10_000, prepared: Bool = true
    ) -> PostgresConfiguration {
        PostgresConfiguration(
            connectionString: url, transactionConnections: transactionConnections, pipelineConnections: 1,
            statementTimeoutMilliseconds: statementTimeoutMilliseconds, usePreparedStatements: prepared)
    }

    /// A client the caller must close.
    static func makeClient(
        transactionConnections: Int = 2, statementTimeoutMilliseconds: Int = 10_000, prepared: Bool = true
    ) -> PostgresClient {
        PostgresClient(
            configuration: configuration(
                transactionConnections: transactionConnections,
                statementTimeoutMilliseconds: statementTimeoutMilliseconds,
                prepared: prepared),
            logger: Logger(label: "test"))
    }

    /// A deadline `seconds` from now.
    static func deadline(_ seconds: Double = 10) -> ContinuousClock.Instant {
        .now.advanced(by: .milliseconds(Int(seconds * 1000)))
    }

    /// A name unique to one test, for tables it creates.
    static func uniqueName(_ prefix: String) -> String {
        "\(prefix)_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased())"
    }
}
