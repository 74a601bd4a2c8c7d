import Foundation
import Logging
import Testing

@testable import Postgres

/// The read pipeline and the pool under faults: a late job, a failed prepare, a lost
/// transaction connection, and the pool's bookkeeping after many waits.
@Suite struct PipelineFaultTests {
    private static func outcome(_ body: @Sendable () async throws -> PostgresRows) async -> Result<
        PostgresRows, any Error
    > {
        do { return .success(try await body()) } catch { return .failure(error) }
    }

    private static func backendPID(_ client: PostgresClient) async throws -> Int {
        try await client.query("SELECT pg_backend_pid() AS pid", deadline: TestDatabase.deadline())[0]
            .decode("pid", as: Int.self)
    }

    @Test func oneLateJobInABatchFailsAloneAndTheConnectionStays() async throws {
        let client = TestDatabase.makeClient()
        defer { client.close() }
        let pid = try await Self.backendPID(client)
        // The blocker holds the worker while the late job and the quick ones queue up behind
        // it, so they leave together in the next batch, the late job at its head.
        async let blocker = Self.outcome {
            try await client.query("SELECT pg_sleep(0.3)", deadline: TestDatabase.deadline())
        }
        try await Task.sleep(for: .milliseconds(50))
        let started = ContinuousClock.now
        async let late = Self.outcome {
            try await client.query("SELECT pg_sleep(5)", deadline: TestDatabase.deadline(0.6))
        }
        try await Task.sleep(for: .milliseconds(20))
        let quick = await withTaskGroup(of: (Int, Result<PostgresRows, any Error>, Duration).self) { group in
            for number in 0..<10 {
                group.addTask {
                    let result = await Self.outcome {
                        try await client.query("SELECT \(number)::int AS n", deadline: TestDatabase.deadline(5))
                    }
                    return (number, result, started.duration(to: .now))
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        let lateResult = await late
        _ = try await blocker.get()

        #expect(throws: PostgresError.self) { try lateResult.get() }
        if case .failure(let error as PostgresError) = lateResult { #expect(error.kind == .timeout) }
        #expect(quick.count == 10)
        for (number, result, elapsed) in quick {
            #expect(try result.get()[0].decode("n", as: Int.self) == number)
            // Behind the late job for its deadline and the cancel, far from their own 5 s.
            #expect(elapsed < .seconds(2))
        }
        #expect(try await Self.backendPID(client) == pid, "the connection was kept")
    }

    @Test func aFailedPrepareDoesNotSpoilTheNamesOfLaterStatements() async throws {
        let client = TestDatabase.makeClient()
        defer { client.close() }
        let missing = TestDatabase.uniqueName("missing")
        // One batch: a prepare that fails (no such table) followed by a new statement.
        async let blocker = Self.outcome {
            try await client.query("SELECT pg_sleep(0.2)", deadline: TestDatabase.deadline())
        }
        try await Task.sleep(for: .milliseconds(50))
        async let failing = Self.outcome {
            try await client.query("SELECT * FROM \(unsafeSQL: missing)", deadline: TestDatabase.deadline())
        }
        try await Task.sleep(for: .milliseconds(10))
        async let second = Self.outcome {
            try await client.query("SELECT 'second'::text AS t", deadline: TestDatabase.deadline())
        }
        let failed = await failing
        _ = try await blocker.get()
        #expect(try await second.get()[0].decode("t", as: String.self) == "second")
        if case .failure(let error as PostgresError) = failed {
            #expect(error.sqlState == .undefinedTable)
        } else {
            Issue.record("the query of a missing table succeeded")
        }
        // A statement prepared after the failure gets a name of its own, and every statement
        // keeps working on the same connection.
        let pid = try await Self.backendPID(client)
        for round in 0..<3 {
            #expect(
                try await client.query(
                    "SELECT 'third'::text AS t, \(round)::int AS r", deadline: TestDatabase.deadline())[
                        0
                    ].decode("t", as: String.self) == "third")
            #expect(
                try await client.query("SELECT 'second'::text AS t", deadline: TestDatabase.deadline())[0].decode(
                    "t", as: String.self) == "second")
        }
        #expect(try await Self.backendPID(client) == pid)
    }

    @Test func aTransactionNeverContinuesOnANewConnection() async throws {
        let client = TestDatabase.makeClient(transactionConnections: 1)
        defer { client.close() }
        let table = TestDatabase.uniqueName("bound")
        try await client.withTransaction(deadline: TestDatabase.deadline()) {
            try await $0.execute(unsafeSQL: "CREATE TABLE \(table) (id int)")
        }
        let outcome = await Self.outcome {
            try await client.withTransaction(deadline: TestDatabase.deadline()) { transaction in
                let pid = try await transaction.query("SELECT pg_backend_pid() AS pid")[0].decode("pid", as: Int.self)
                try await transaction.query("INSERT INTO \(unsafeSQL: table) VALUES (1)")
                _ = try await client.query("SELECT pg_terminate_backend(\(pid))", deadline: TestDatabase.deadline())
                // Code that swallows the failure and goes on must not land in autocommit.
                _ = try? await transaction.query("INSERT INTO \(unsafeSQL: table) VALUES (2)")
                try await transaction.query("INSERT INTO \(unsafeSQL: table) VALUES (3)")
                return PostgresRows(columns: [], cells: [], commandTag: "")
            }
        }
        if case .failure(let error as PostgresError) = outcome {
            #expect(error.disposition == .unavailable)
        } else {
            Issue.record("a transaction that lost its connection succeeded: \(outcome)")
        }
        let rows = try await client.query(
            "SELECT count(*) AS n FROM \(unsafeSQL: table)", deadline: TestDatabase.deadline())
        #expect(try rows[0].decode("n", as: Int.self) == 0)
        // The pool's connection is replaced for the next transaction.
        try await client.withTransaction(deadline: TestDatabase.deadline()) {
            try await $0.query("INSERT INTO \(unsafeSQL: table) VALUES (4)")
        }
    }

    @Test func noWaiterBookkeepingOutlivesTenThousandWaitedAcquires() async throws {
        let pool = TransactionPool(
            configuration: TestDatabase.configuration(transactionConnections: 1), logger: Logger(label: "test"))
        defer { pool.close() }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    while pool.waitsRegistered < 10_000 {
                        let worker = try await pool.acquire(deadline: .now.advanced(by: .seconds(30)))
                        await Task.yield()
                        pool.release(worker)
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(pool.waitsRegistered >= 10_000)
        #expect(pool.waiterBookkeeping == 0)
        // A wait that times out leaves nothing behind either.
        let held = try await pool.acquire(deadline: .now.advanced(by: .seconds(5)))
        await #expect {
            try await pool.acquire(deadline: .now.advanced(by: .milliseconds(20)))
        } throws: { ($0 as? PostgresError)?.kind == .poolTimeout }
        pool.release(held)
        #expect(pool.waiterBookkeeping == 0)
    }

    @Test(arguments: [
        (PostgresError(.connectionLost), PostgresError.Disposition.unavailable),
        (PostgresError(.protocolViolation), .unavailable),
        (PostgresError(.server, sqlState: nil), .unavailable),
        (PostgresError(.server, sqlState: SQLState("08006")), .unavailable),
        (PostgresError(.server, sqlState: SQLState("57P01")), .unavailable),
        (PostgresError(.server, sqlState: SQLState("57P02")), .unavailable),
        (PostgresError(.server, sqlState: SQLState("57P03")), .unavailable),
        (PostgresError(.server, sqlState: SQLState("53300")), .unavailable),
        (PostgresError(.server, sqlState: .lockNotAvailable), .unavailable),
        (PostgresError(.server, sqlState: .queryCanceled), .unavailable),
        (PostgresError(.server, sqlState: .readOnlyTransaction), .unavailable),
        (PostgresError(.server, sqlState: .serializationFailure), .retryTransaction),
        (PostgresError(.server, sqlState: .deadlockDetected), .retryTransaction),
        (PostgresError(.commitInDoubt), .commitInDoubt),
        (PostgresError(.server, sqlState: .uniqueViolation), .conflict),
        (PostgresError(.server, sqlState: .untranslatableCharacter), .invalidParameter),
        (PostgresError(.invalidParameter), .invalidParameter),
        (PostgresError(.server, sqlState: SQLState("42703")), .defect),
        (PostgresError(.decoding), .defect),
    ])
    func everyFailureHasOneDisposition(error: PostgresError, expected: PostgresError.Disposition) {
        #expect(error.disposition == expected)
    }
}
