import Foundation
import Postgres
import Testing

@Suite struct TransactionTests {
    struct Refusal: Error {}

    @Test func aThrownErrorRollsEverythingBack() async throws {
        let client = TestDatabase.makeClient()
        defer { client.close() }
        let table = TestDatabase.uniqueName("rollback")
        try await client.withTransaction(deadline: TestDatabase.deadline()) {
            try await $0.execute(unsafeSQL: "CREATE TABLE \(table) (id int)")
        }
        await #expect(throws: Refusal.self) {
            try await client.withTransaction(deadline: TestDatabase.deadline()) { transaction in
                try await transaction.query("INSERT INTO \(unsafeSQL: table) VALUES (1)")
                throw Refusal()
            }
        }
        let rows = try await client.query(
            "SELECT count(*) AS n FROM \(unsafeSQL: table)", deadline: TestDatabase.deadline())
        #expect(try rows[0].decode("n", as: Int.self) == 0)
    }

    @Test func commitAnsweredWithRollbackIsAnErrorNotASuccess() async throws {
        let client = TestDatabase.makeClient()
        defer { client.close() }
        let table = TestDatabase.uniqueName("aborted")
        try await client.withTransaction(deadline: TestDatabase.deadline()) {
            try await $0.execute(unsafeSQL: "CREATE TABLE \(table) (id int)")
        }
        await #expect {
            try await client.withTransaction(deadline: TestDatabase.deadline()) { transaction in
                try await transaction.query("INSERT INTO \(unsafeSQL: table) VALUES (1)")
                // A swallowed failure leaves the transaction aborted; COMMIT then answers ROLLBACK.
                _ = try? await transaction.query("SELECT 1 / 0")
            }
        } throws: { ($0 as? PostgresError)?.kind == .commitRolledBack }
        let rows = try await client.query(
            "SELECT count(*) AS n FROM \(unsafeSQL: table)", deadline: TestDatabase.deadline())
        #expect(try rows[0].decode("n", as: Int.self) == 0)
    }

    @Test func statementTimeoutCancelsASlowStatement() async throws {
        let client = TestDatabase.makeClient(statementTimeoutMilliseconds: 200)
        defer { client.close() }
        await #expect {
            try await client.query("SELECT pg_sleep(3)", deadline: TestDatabase.deadline())
        } throws: { ($0 as? PostgresError)?.sqlState == .queryCanceled }
        let rows = try await client.query("SELECT 2 AS two", deadline: TestDatabase.deadline())
        #expect(try rows[0].decode("two", as: Int.self) == 2)
    }

    @Test func theCallersDeadlineBoundsTheWaitAndTheStatementIsCancelled() async throws {
        let client = TestDatabase.makeClient()
        defer { client.close() }
        let pid = try await client.query("SELECT pg_backend_pid() AS pid", deadline: TestDatabase.deadline())[0]
            .decode("pid", as: Int.self)
        let started = ContinuousClock.now
        await #expect {
            try await client.query("SELECT pg_sleep(5)", deadline: TestDatabase.deadline(0.3))
        } throws: { ($0 as? PostgresError)?.kind == .timeout }
        #expect(started.duration(to: .now) < .seconds(2))
        let rows = try await client.query(
            "SELECT 3 AS three, pg_backend_pid() AS pid", deadline: TestDatabase.deadline())
        #expect(try rows[0].decode("three", as: Int.self) == 3)
        // The late statement was cancelled on the server; the connection stays for the others.
        #expect(try rows[0].decode("pid", as: Int.self) == pid)
    }

    @Test func killedConnectionsAreReplaced() async throws {
        let client = TestDatabase.makeClient(transactionConnections: 1)
        defer { client.close() }
        let killer = TestDatabase.makeClient()
        defer { killer.close() }
        let pipelinePID = try await client.query("SELECT pg_backend_pid() AS pid", deadline: TestDatabase.deadline())[0]
            .decode("pid", as: Int.self)
        let transactionPID = try await client.withTransaction(deadline: TestDatabase.deadline()) {
            try await $0.query("SELECT pg_backend_pid() AS pid")[0].decode("pid", as: Int.self)
        }
        for pid in [pipelinePID, transactionPID] {
            let killed = try await killer.query(
                "SELECT pg_terminate_backend(\(pid)) AS killed", deadline: TestDatabase.deadline())
            #expect(try killed[0].decode("killed", as: Bool.self))
        }
        // The first use after the kill may fail (the socket is found dead only when used); the
        // next one must run on a fresh connection.
        _ = try? await client.query("SELECT 1", deadline: TestDatabase.deadline())
        _ = try? await client.withTransaction(deadline: TestDatabase.deadline()) { try await $0.query("SELECT 1") }
        let newPipelinePID = try await client.query(
            "SELECT pg_backend_pid() AS pid", deadline: TestDatabase.deadline())[0].decode("pid", as: Int.self)
        let newTransactionPID = try await client.withTransaction(deadline: TestDatabase.deadline()) {
            try await $0.query("SELECT pg_backend_pid() AS pid")[0].decode("pid", as: Int.self)
        }
        #expect(newPipelinePID != pipelinePID)
        #expect(newTransactionPID != transactionPID)
    }

    @Test func anExhaustedPoolAnswersWithinTheDeadline() async throws {
        let client = TestDatabase.makeClient(transactionConnections: 1)
        defer { client.close() }
        let holding = Task {
            try await client.withTransaction(deadline: TestDatabase.deadline()) {
                try await $0.query("SELECT pg_sleep(1.5)")
            }
        }
        try await Task.sleep(for: .milliseconds(200))
        let started = ContinuousClock.now
        await #expect {
            try await client.withTransaction(deadline: TestDatabase.deadline(0.3)) { try await $0.query("SELECT 1") }
        } throws: { ($0 as? PostgresError)?.kind == .poolTimeout }
        #expect(started.duration(to: .now) < .seconds(1))
        _ = try await holding.value
        #expect(client.statistics.waiting == 0)
    }

    @Test func noStatementOfATransactionOutlivesItsDeadlineOnTheServer() async throws {
        let client = TestDatabase.makeClient(statementTimeoutMilliseconds: 60_000)
        defer { client.close() }
        let marker = TestDatabase.uniqueName("abandoned")
        await #expect(throws: PostgresError.self) {
            try await client.withTransaction(deadline: TestDatabase.deadline(0.4)) {
                try await $0.query("SELECT pg_sleep(5) AS \(unsafeSQL: marker)")
            }
        }
        // SET LOCAL statement_timeout gave the server the time the caller had left.
        try await Task.sleep(for: .milliseconds(400))
        let running = try await client.query(
            """
            SELECT count(*) AS n FROM pg_stat_activity
            WHERE state = 'active' AND pid <> pg_backend_pid() AND query LIKE '%' || \(marker) || '%'
            """,
            deadline: TestDatabase.deadline())
        #expect(try running[0].decode("n", as: Int.self) == 0)
    }
}
