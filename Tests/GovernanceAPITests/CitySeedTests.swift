import Foundation
import Governance
import GovernanceServices
import GovernanceStore
import Logging
import Postgres
import Testing

/// `grassroots seed --city` on databases of its own: the shape asked for, the same city from the
/// same seed number, nothing added twice by a second run, and a database with another city
/// refused.
@Suite struct CitySeedTests {
    /// A fresh, migrated database beside the test database, dropped after `body`.
    static func withFreshDatabase(_ body: (PostgresClient) async throws -> Void) async throws {
        let name = "grassroots_city_\(UInt32.random(in: 0...UInt32.max))"
        let admin = PostgresClient(
            configuration: PostgresConfiguration(
                connectionString: TestApp.databaseURL, transactionConnections: 1, pipelineConnections: 1),
            logger: Logger(label: "test"))
        defer { admin.close() }
        let deadline = { ContinuousClock.now.advanced(by: .seconds(60)) }
        _ = try await admin.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"), deadline: deadline())
        let url = TestApp.databaseURL.replacingOccurrences(
            of: #"/[^/?]+(\?|$)"#, with: "/\(name)$1", options: .regularExpression)
        let client = PostgresClient(
            configuration: PostgresConfiguration(
                connectionString: url, transactionConnections: 2, pipelineConnections: 1),
            logger: Logger(label: "test"))
        do {
            try await Migrator(client: client, migrations: try GovernanceMigrations.all()).apply(deadline: deadline())
            try await body(client)
        } catch {
            client.close()
            _ = try? await admin.query(
                PostgresQuery(unsafeSQL: "DROP DATABASE \(name) WITH (FORCE)"), deadline: deadline())
            throw error
        }
        client.close()
        _ = try await admin.query(PostgresQuery(unsafeSQL: "DROP DATABASE \(name) WITH (FORCE)"), deadline: deadline())
    }

    static var shape: CitySeedRepository.Shape {
        var shape = CitySeedRepository.Shape()
        shape.districts = 2
        shape.streetsPerDistrict = 2
        shape.communitiesPerStreet = 3
        shape.gridsPerCommunity = 2
        shape.residentsPerGrid = 9
        shape.casesPerGrid = 4
        return shape
    }

    /// Counts and a digest of what the seed decided (ids, names, sizes, choices), which must not
    /// depend on the run.
    static func fingerprint(_ client: PostgresClient) async throws -> [String: String] {
        let row = try await client.query(
            """
            SELECT (SELECT count(*) FROM area)::text AS areas, (SELECT count(*) FROM person)::text AS people,
                   (SELECT count(*) FROM committee)::text AS committees,
                   (SELECT count(*) FROM committee_member)::text AS members,
                   (SELECT count(*) FROM election_tally)::text AS tallies,
                   (SELECT count(*) FROM grid_assignment)::text AS posts,
                   (SELECT count(*) FROM mediation_case)::text AS cases,
                   (SELECT count(*) FROM mediation_party)::text AS parties,
                   (SELECT md5(string_agg(id || name || kind || coalesce(households, 0), ',' ORDER BY id)) FROM area) AS area_digest,
                   (SELECT md5(string_agg(id || name || gender || birth_year || id_number_masked || phone_masked, ','
                                          ORDER BY id)) FROM person) AS person_digest,
                   (SELECT md5(string_agg(id || status || category || created_at::date, ',' ORDER BY id))
                    FROM mediation_case) AS case_digest,
                   (SELECT md5(string_agg(id::text || case_id || name || role || position, ',' ORDER BY id))
                    FROM mediation_party) AS party_digest
            """, deadline: .now.advanced(by: .seconds(30)))
        let first = try #require(row.first)
        var values: [String: String] = [:]
        for name in [
            "areas", "people", "committees", "members", "tallies", "posts", "cases", "area_digest", "person_digest",
            "case_digest", "parties", "party_digest",
        ] {
            values[name] = try first.decode(name, as: String.self)
        }
        return values
    }

    @Test func theSameSeedGivesTheSameCityAndASecondRunAddsNothing() async throws {
        let today = GovernanceClock.system.today
        var fingerprints: [[String: String]] = []
        for _ in 0..<2 {
            try await Self.withFreshDatabase { client in
                let seeder = CitySeeder(store: Store(client: client, keys: DataKeys(masterKey: TestApp.dataKey)))
                _ = try await seeder.seed(42, shape: Self.shape, today: today, progress: { _ in })
                let first = try await Self.fingerprint(client)
                // 1 city, 2 districts, 4 streets, 12 communities (4 villages), 24 grids.
                #expect(first["areas"] == "43" && first["people"] == "216" && first["cases"] == "96")
                #expect(first["parties"] == "192")
                // Parties written before their cases: each case took its parties' text as it was
                // inserted (migration 0045).
                let cached = try #require(
                    try await client.query(
                        """
                        SELECT count(*) FILTER (WHERE parties IS NOT NULL) AS listed,
                               count(*) FILTER (WHERE parties IS DISTINCT FROM mediation_case_parties(id)) AS differing
                        FROM mediation_case
                        """, deadline: .now.advanced(by: .seconds(30))
                    ).first)
                #expect(try cached.decode("listed", as: Int.self) == 96)
                #expect(try cached.decode("differing", as: Int.self) == 0)
                #expect(first["committees"].flatMap(Int.init).map { (12...24).contains($0) } == true)
                #expect(first["members"] == "84" && first["tallies"] == "24" && first["posts"] == "48")
                _ = try await seeder.seed(42, shape: Self.shape, today: today, progress: { _ in })
                #expect(try await Self.fingerprint(client) == first)
                // Another seed number is another city, and the tree has one.
                await #expect(throws: CitySeedError.self) {
                    try await seeder.seed(43, shape: Self.shape, today: today, progress: { _ in })
                }
                fingerprints.append(first)
            }
        }
        #expect(fingerprints[0] == fingerprints[1])
    }
}
