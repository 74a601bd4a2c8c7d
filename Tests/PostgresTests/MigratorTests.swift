import Foundation
import Logging
import Postgres
import Testing

/// Runs against a database of its own, since migrations touch `schema_migration`.
@Suite(.serialized) struct MigratorTests {
    static func withScratchDatabase(_ body: (PostgresClient) async throws -> Void) async throws {
        let admin = TestDatabase.makeClient()
        defer { admin.close() }
        let name = TestDatabase.uniqueName("migrator")
        _ = try await admin.query("CREATE DATABASE \(unsafeSQL: name)", deadline: TestDatabase.deadline())
        var configuration = TestDatabase.configuration()
        configuration.connectionString = TestDatabase.url.replacingOccurrences(
            of: #"/[A-Za-z0-9_]+(\?|$)"#, with: "/\(name)$1", options: .regularExpression)
        let client = PostgresClient(configuration: configuration, logger: .init(label: "test"))
        do {
            try await body(client)
        } catch {
            client.close()
            _ = try await admin.query(
                "DROP DATABASE \(unsafeSQL: name) WITH (FORCE)", deadline: TestDatabase.deadline())
            throw error
        }
        client.close()
        _ = try await admin.query("DROP DATABASE \(unsafeSQL: name) WITH (FORCE)", deadline: TestDatabase.deadline())
    }

    let first = Migration(version: 1, name: "first", sql: "CREATE TABLE one (id int); CREATE TABLE two (id int);")
    let second = Migration(version: 2, name: "second", sql: "ALTER TABLE one ADD COLUMN name text;")

    @Test func appliesOnceInOrderAndRecordsEach() async throws {
        try await Self.withScratchDatabase { client in
            let migrator = try Migrator(client: client, migrations: [second, first])
            #expect(try await migrator.appliedVersion(deadline: TestDatabase.deadline()) == 0)
            #expect(try await migrator.apply(deadline: TestDatabase.deadline()) == [1, 2])
            #expect(try await migrator.apply(deadline: TestDatabase.deadline()) == [])
            #expect(try await migrator.appliedVersion(deadline: TestDatabase.deadline()) == 2)
            try await migrator.verify(deadline: TestDatabase.deadline())
        }
    }

    @Test func concurrentStartsApplyEachMigrationOnce() async throws {
        try await Self.withScratchDatabase { client in
            let migrator = try Migrator(client: client, migrations: [first, second])
            let applied = try await withThrowingTaskGroup(of: [Int].self) { group in
                for _ in 0..<4 { group.addTask { try await migrator.apply(deadline: TestDatabase.deadline()) } }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            #expect(applied.sorted() == [1, 2])
        }
    }

    @Test func aChangedAppliedMigrationIsRefused() async throws {
        try await Self.withScratchDatabase { client in
            try await Migrator(client: client, migrations: [first]).apply(deadline: TestDatabase.deadline())
            let changed = Migration(
                version: 1, name: "first", sql: "CREATE TABLE one (id bigint); CREATE TABLE two (id int);")
            let migrator = try Migrator(client: client, migrations: [changed])
            await #expect(throws: MigrationError.checksumMismatch(1)) {
                try await migrator.apply(deadline: TestDatabase.deadline())
            }
            await #expect(throws: MigrationError.checksumMismatch(1)) {
                try await migrator.verify(deadline: TestDatabase.deadline())
            }
        }
    }

    @Test func pendingAndUnknownMigrationsAreReported() async throws {
        try await Self.withScratchDatabase { client in
            await #expect(throws: MigrationError.pending(1)) {
                try await Migrator(client: client, migrations: [first]).verify(deadline: TestDatabase.deadline())
            }
            try await Migrator(client: client, migrations: [first, second]).apply(deadline: TestDatabase.deadline())
            await #expect(throws: MigrationError.unknownApplied(2)) {
                try await Migrator(client: client, migrations: [first]).verify(deadline: TestDatabase.deadline())
            }
        }
    }

    @Test func aFailingMigrationLeavesNoTrace() async throws {
        try await Self.withScratchDatabase { client in
            let broken = Migration(version: 3, name: "broken", sql: "CREATE TABLE three (id int); SELECT 1 / 0;")
            let migrator = try Migrator(client: client, migrations: [first, broken])
            await #expect(throws: PostgresError.self) { try await migrator.apply(deadline: TestDatabase.deadline()) }
            #expect(try await migrator.appliedVersion(deadline: TestDatabase.deadline()) == 1)
            let rows = try await client.query(
                "SELECT to_regclass('three') IS NULL AS absent", deadline: TestDatabase.deadline())
            #expect(try rows[0].decode("absent", as: Bool.self))
        }
    }
}
