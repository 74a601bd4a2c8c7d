import Foundation
import GovernanceStore
import Logging
import Postgres
import Testing

/// A database of its own for one test: created beside the test database, migrated, dropped
/// afterwards, so store tests own every row they read (no shared root area, no neighbours).
enum FreshDatabase {
    static var baseURL: String? { ProcessInfo.processInfo.environment["GRASSROOTS_TEST_DATABASE_URL"] }

    static func client(_ url: String) -> PostgresClient {
        PostgresClient(
            configuration: PostgresConfiguration(
                connectionString: url, transactionConnections: 2, pipelineConnections: 1),
            logger: Logger(label: "store-test"))
    }

    /// Runs `body` with a client of a new database, migrated through `version` (all when nil).
    static func with(migratedThrough version: Int? = nil, _ body: (PostgresClient) async throws -> Void) async throws {
        guard let base = baseURL, let slash = base.lastIndex(of: "/") else {
            Issue.record("GRASSROOTS_TEST_DATABASE_URL is not set: run the tests through scripts/test")
            return
        }
        let name = "store_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let query = base[slash...].firstIndex(of: "?").map { String(base[$0...]) } ?? ""
        let admin = client(base)
        defer { admin.close() }
        let deadline = ContinuousClock.now.advanced(by: .seconds(60))
        _ = try await admin.query("CREATE DATABASE \(unsafeSQL: name)", deadline: deadline)
        let database = client(String(base[...slash]) + name + query)
        do {
            let migrator = try Migrator(
                client: database, migrations: try GovernanceMigrations.all().filter { $0.version <= version ?? .max })
            try await migrator.apply(deadline: deadline)
            try await body(database)
        } catch {
            database.close()
            _ = try? await admin.query("DROP DATABASE \(unsafeSQL: name) WITH (FORCE)", deadline: deadline)
            throw error
        }
        database.close()
        _ = try await admin.query("DROP DATABASE \(unsafeSQL: name) WITH (FORCE)", deadline: deadline)
    }
}
