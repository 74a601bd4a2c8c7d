import Foundation
import Governance
import GovernanceAPI
import HTTPTypes
import HummingbirdTesting
import Logging
import NIOCore
import Postgres
import Testing

/// The test cluster's streaming replica, when scripts/test started one.
let testReplicaURL = ProcessInfo.processInfo.environment["GRASSROOTS_TEST_READ_DATABASE_URL"]

/// Statistics read from a streaming replica of the test cluster (`GRASSROOTS_TEST_READ_DATABASE_URL`,
/// started by scripts/test with pg_basebackup) while it is fresh, from the primary when it lags
/// beyond the bound or is down, each fallback counted; every answer says how current it is.
/// Serialized: one test pauses the replica's replay.
@Suite(.serialized, .enabled(if: testReplicaURL != nil))
struct ReadReplicaTests {
    static var replicaURL: String? { testReplicaURL }

    static func configuration(replica url: String, maxLagMilliseconds: Int) -> AppConfiguration {
        var configuration = TestApp.configuration()
        configuration.readReplica = PostgresConfiguration(
            connectionString: url, transactionConnections: 1, pipelineConnections: 1,
            usePreparedStatements: TestApp.usePreparedStatements)
        configuration.readReplicaMaxLagMilliseconds = maxLagMilliseconds
        return configuration
    }

    /// Runs `body` with an application that reads the test replica while it is at most 60 s
    /// behind, and a client of the replica itself (to pause its replay, to wait for it).
    static func withReplicaApp(
        _ body: @Sendable (any TestClientProtocol, PostgresClient, PostgresClient) async throws -> Void
    ) async throws {
        let url = try #require(Self.replicaURL)
        let replica = PostgresClient(
            configuration: PostgresConfiguration(
                connectionString: url, transactionConnections: 1, pipelineConnections: 1),
            logger: .init(label: "replica"))
        defer { replica.close() }
        try await TestApp.withApp(configuration: Self.configuration(replica: url, maxLagMilliseconds: 60_000)) {
            client, database in try await body(client, database, replica)
        }
    }

    /// Waits until the replica has replayed what the primary has written so far.
    static func caughtUp(_ primary: PostgresClient, _ replica: PostgresClient) async throws {
        let deadline = ContinuousClock.now.advanced(by: .seconds(20))
        let lsn: String = try await primary.query(
            "SELECT pg_current_wal_lsn()::text AS lsn", deadline: deadline
        ).first!.decode("lsn")
        while ContinuousClock.now < deadline {
            let done: Bool = try await replica.query(
                "SELECT pg_wal_lsn_diff(pg_last_wal_replay_lsn(), \(lsn)::pg_lsn) >= 0 AS done", deadline: deadline
            ).first!.decode("done")
            if done { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("the replica did not catch up within 20 s")
    }

    static func metricsText(_ client: any TestClientProtocol) async throws -> String {
        try await client.execute(uri: "/metrics", method: .get) { String(buffer: $0.body) }
    }

    static func received(_ client: any TestClientProtocol, _ tree: TestTree, token: String) async throws -> (
        value: Double?, asOf: String?
    ) {
        let response = try await client.send(
            .get, "/v1/stats/mediation_cases_received?areaId=\(tree.district.idString)", token: token)
        #expect(response.status == .ok, "\(response.text)")
        let row = (response.json["rows"] as? [[String: Any]])?.first
        return (row?["value"] as? Double, response.headers[HTTPField.Name("X-Data-As-Of")!])
    }

    static func addCase(_ client: any TestClientProtocol, _ tree: TestTree) async throws {
        let created = try await client.send(
            .post, "/v1/mediation/cases", token: try await tree.token(.staff, tree.district),
            json: [
                "areaId": tree.grid1.idString, "source": "walk_in", "category": "other", "description": "纠纷",
                "riskLevel": "low",
                "parties": [["name": "甲", "role": "applicant"], ["name": "乙", "role": "respondent"]],
            ])
        #expect(created.status == .created, "\(created.text)")
    }

    /// A lagging replica (replay paused) is read while within the bound — the figure is its
    /// older one, and `X-Data-As-Of` says so — and left for the primary beyond it.
    @Test func aLaggingReplicaIsReadWithinTheBoundAndLeftBeyondIt() async throws {
        try await Self.withReplicaApp { client, database, replica in
            let tree = try await TestTree.make(database)
            let analyst = try await tree.token(.analyst, tree.district)
            try await Self.addCase(client, tree)
            try await Self.caughtUp(database, replica)
            let fresh = try await Self.received(client, tree, token: analyst)
            #expect(fresh.value == 1 && fresh.asOf != nil)
            #expect(try await Self.metricsText(client).contains("db_replica_reads_total{served_by=\"replica\"}"))

            _ = try await replica.query("SELECT pg_wal_replay_pause()", deadline: .now.advanced(by: .seconds(5)))
            do {
                try await Self.addCase(client, tree)
                // The check of a second ago still holds; past it, the replica is found lagging
                // but within 60 s: still read, still 1, and older than now.
                try await Task.sleep(for: .milliseconds(1100))
                let stale = try await Self.received(client, tree, token: analyst)
                #expect(stale.value == 1)
                let asOf = try #require(stale.asOf.flatMap { try? Date($0, strategy: .iso8601) })
                #expect(asOf < Date())
            } catch {
                _ = try? await replica.query("SELECT pg_wal_replay_resume()", deadline: .now.advanced(by: .seconds(5)))
                throw error
            }
            // The same replica under a bound of 0: the primary answers, with both cases.
            let url = try #require(Self.replicaURL)
            try await TestApp.withApp(configuration: Self.configuration(replica: url, maxLagMilliseconds: 0)) {
                strict, _ in
                let primary = try await Self.received(strict, tree, token: analyst)
                #expect(primary.value == 2 && primary.asOf != nil)
                #expect(
                    try await Self.metricsText(strict).contains(
                        "db_replica_reads_total{served_by=\"primary_lagging\"}"))
            }
            _ = try await replica.query("SELECT pg_wal_replay_resume()", deadline: .now.advanced(by: .seconds(5)))
            try await Self.caughtUp(database, replica)
        }
    }

    /// A feed page read ahead (after a full one) was read from the replica too, and the answer
    /// that serves it says how current it is, as a page read on request does.
    @Test func aFeedPageReadAheadSaysHowCurrentItIs() async throws {
        try await Self.withReplicaApp { client, database, replica in
            let tree = try await TestTree.make(database)
            let staff = try await tree.token(.staff, tree.district)
            let start = try await client.send(.get, "/v1/changes?since=now", token: staff)
            var cursor = try #require(start.json["nextCursor"] as? String)
            try await Self.addCase(client, tree)
            try await Self.addCase(client, tree)
            try await Self.caughtUp(database, replica)
            var cases = 0
            var stamped = 0
            var pages = 0
            let deadline = ContinuousClock.now.advanced(by: .seconds(30))
            while cases < 2, ContinuousClock.now < deadline {
                let page = try await client.send(.get, "/v1/changes?since=\(cursor)&limit=1", token: staff)
                #expect(page.status == .ok, "\(page.text)")
                cursor = try #require(page.json["nextCursor"] as? String)
                let items = page.json["items"] as? [[String: Any]] ?? []
                cases += items.filter { $0["type"] as? String == "mediation_case" }.count
                pages += 1
                if page.headers[HTTPField.Name("X-Data-As-Of")!] != nil { stamped += 1 }
                if items.isEmpty { try await Task.sleep(for: .milliseconds(50)) }
            }
            #expect(cases == 2)
            #expect(stamped == pages)
        }
    }

    /// A replica that is down costs nothing but a counted fallback: the primary answers.
    @Test func aReplicaThatIsDownFallsBackToThePrimary() async throws {
        try await TestApp.withApp(
            configuration: Self.configuration(
                replica: "postgresql://postgres@127.0.0.1:1/none?sslmode=disable&connect_timeout=1",
                maxLagMilliseconds: 10_000)
        ) { client, database in
            let tree = try await TestTree.make(database)
            try await Self.addCase(client, tree)
            let answer = try await Self.received(client, tree, token: try await tree.token(.analyst, tree.district))
            #expect(answer.value == 1 && answer.asOf != nil)
            #expect(
                try await Self.metricsText(client).contains("db_replica_reads_total{served_by=\"primary_unavailable\"}")
            )
        }
    }
}
