import Foundation
import Governance
import GovernanceStore
import Postgres
import Testing

/// Issue 14: a case list reads each case's parties from the case's own `parties` column, which
/// triggers keep (migration 0045). After random writes of parties and signatures — a case
/// received with its parties in one statement, signatures added and cleared, consents, names and
/// phones rewritten one party or many at a time, parties removed — the column must equal the
/// aggregate the list used to make from the tables themselves, for every case.
@Suite struct MediationPartiesColumnTests {
    static func deadline() -> ContinuousClock.Instant { .now.advanced(by: .seconds(60)) }

    /// Cases whose column differs from their parties' aggregate, and cases that have parties.
    static func drift(_ database: PostgresClient) async throws -> (differing: Int, withParties: Int) {
        let rows = try await database.query(
            """
            SELECT count(*) FILTER (WHERE c.parties IS DISTINCT FROM live.parties) AS differing,
                   count(*) FILTER (WHERE live.parties IS NOT NULL) AS with_parties
            FROM mediation_case c
            CROSS JOIN LATERAL (
                SELECT array_agg(ARRAY[p.id::text, p.person_id::text, p.name, encode(p.phone_cipher, 'hex'), p.phone_masked,
                                       p.role, p.consented::text, g.method, g.signed_on::text, p.position::text]
                                 ORDER BY p.position, p.id)::text AS parties
                FROM mediation_party p
                LEFT JOIN mediation_agreement_signature g ON g.case_id = p.case_id AND g.party_id = p.id
                WHERE p.case_id = c.id) live
            """, deadline: deadline())
        let row = try #require(rows.first)
        return (try row.decode("differing", as: Int.self), try row.decode("with_parties", as: Int.self))
    }

    /// A grid that receives cases, through the repository as the service does.
    struct Desk {
        let database: PostgresClient
        let grid: (id: UUID, path: String)
        let repository: MediationRepository

        init(_ database: PostgresClient) async throws {
            self.database = database
            grid = try await MediationRepositoryTests.grid(database)
            repository = MediationRepository(
                store: Store(client: database, keys: DataKeys(masterKey: Data(repeating: 7, count: 32))))
        }

        /// Receives a case with its parties in one statement.
        func receive(_ parties: [(name: String, phone: String?, role: String)]) async throws -> UUID {
            let origin = Area(
                id: grid.id, parentId: nil, kind: .grid, name: "grid", code: nil, households: nil, population: nil,
                path: grid.path, version: 1, createdAt: Date(), updatedAt: Date())
            return try await database.withTransaction(deadline: MediationPartiesColumnTests.deadline()) { transaction in
                try await repository.insert(
                    NewMediationCase(
                        areaId: grid.id, source: "walk_in", category: "neighbour", description: "-", amount: nil,
                        risk: .low, complexity: .simple, parties: []),
                    origin: origin, level: .community, criticalStreetHours: 24,
                    parties: parties.map { (personId: nil, name: $0.name, phone: $0.phone, role: $0.role) },
                    in: transaction)
            }
        }
    }

    @Test func theCasesPartiesColumnStaysEqualToItsPartiesAfterRandomWrites() async throws {
        try await FreshDatabase.with { database in
            let desk = try await Desk(database)
            var random = MediationRollupTests.SplitMix(state: 45)
            var cases: [UUID] = []
            let roles = ["applicant", "respondent", "third_party"]

            func receive() async throws {
                let parties = (0..<Int.random(in: 0...3, using: &random)).map { index in
                    (
                        name: "当事人\(index)", phone: Bool.random(using: &random) ? "1370000000\(index)" : nil,
                        role: roles[index % 3]
                    )
                }
                cases.append(try await desk.receive(parties))
            }
            for _ in 0..<4 { try await receive() }

            let writes: [(name: String, query: (UUID) -> PostgresQuery)] = [
                (
                    "a signature",
                    { id in
                        """
                        INSERT INTO mediation_agreement_signature (case_id, party_id, method, signed_on)
                        SELECT case_id, id, 'fingerprint', '2026-11-30' FROM mediation_party WHERE case_id = \(id)
                        ORDER BY position DESC LIMIT 1 ON CONFLICT DO NOTHING
                        """
                    }
                ),
                ("signatures cleared", { id in "DELETE FROM mediation_agreement_signature WHERE case_id = \(id)" }),
                (
                    "a signature's day",
                    { id in "UPDATE mediation_agreement_signature SET signed_on = '2026-12-01' WHERE case_id = \(id)" }
                ),
                (
                    "consents",
                    { id in
                        "UPDATE mediation_party SET consented = NOT coalesce(consented, false) WHERE case_id = \(id)"
                    }
                ),
                (
                    "a name",
                    { id in "UPDATE mediation_party SET name = name || '·' WHERE case_id = \(id) AND position = 0" }
                ),
                (
                    "phones resealed",
                    { id in
                        "UPDATE mediation_party SET phone_cipher = phone_cipher || '\\x00'::bytea WHERE case_id = \(id)"
                    }
                ),
                (
                    "every case's consents",
                    { _ in "UPDATE mediation_party SET consented = true WHERE consented IS NULL" }
                ),
                (
                    "a party without signature removed",
                    { id in
                        """
                        DELETE FROM mediation_party p WHERE p.id = (SELECT id FROM mediation_party WHERE case_id = \(id)
                                                                     ORDER BY position DESC LIMIT 1)
                          AND NOT EXISTS (SELECT 1 FROM mediation_agreement_signature g WHERE g.party_id = p.id)
                        """
                    }
                ),
                (
                    "a party added",
                    { id in
                        """
                        INSERT INTO mediation_party (id, case_id, name, role, position)
                        SELECT \(Identifier.make()), \(id), '第三人', 'third_party', coalesce(max(position) + 1, 0)
                        FROM mediation_party WHERE case_id = \(id)
                        """
                    }
                ),
            ]
            func apply(_ write: (name: String, query: (UUID) -> PostgresQuery), to caseId: UUID, _ step: String)
                async throws
            {
                _ = try await database.query(write.query(caseId), deadline: Self.deadline())
                let drift = try await Self.drift(database)
                #expect(drift.differing == 0, "\(step): \(write.name) on \(caseId)")
            }
            // Every write once, in order, on a case with three parties; then rounds of them in
            // random orders on random cases, new cases received between.
            let full = try await desk.receive(roles.map { (name: $0, phone: "13700000009", role: $0) })
            cases.append(full)
            for write in writes { try await apply(write, to: full, "in order") }
            for round in 0..<6 {
                try await receive()
                for write in writes.shuffled(using: &random) {
                    try await apply(write, to: cases[Int.random(in: 0..<cases.count, using: &random)], "round \(round)")
                }
            }
            let drift = try await Self.drift(database)
            #expect(drift.differing == 0 && drift.withParties >= 3)

            // What the list reads is the column: a name rewritten shows at once.
            let named = try #require(
                try await database.query(
                    "SELECT case_id FROM mediation_party WHERE position = 0 ORDER BY case_id LIMIT 1",
                    deadline: Self.deadline()
                ).first)
            let caseId = try named.decode("case_id", as: UUID.self)
            _ = try await database.query(
                "UPDATE mediation_party SET name = '改名' WHERE case_id = \(caseId) AND position = 0",
                deadline: Self.deadline())
            let page = try await desk.repository.list(
                scopePath: desk.grid.path, filter: MediationCaseFilter(ids: [caseId]), areaPath: nil,
                today: try #require(CalendarDay("2026-12-01")), revealFor: nil, after: nil, limit: 10,
                deadline: Self.deadline())
            #expect(page.items.first?.parties.first?.name == "改名")
        }
    }

    /// A writer that does not hold the case (a key rotation resealing phones) waits for one that
    /// does (a party signing): it must write the text with the signature that committed while it
    /// waited, not the one of the snapshot it began with.
    @Test func aWriterThatWaitedForTheCaseWritesWhatCommittedMeanwhile() async throws {
        try await FreshDatabase.with { database in
            let caseId = try await Desk(database).receive([
                (name: "甲", phone: "13700000001", role: "applicant"),
                (name: "乙", phone: "13700000002", role: "respondent"),
            ])
            async let signing: Void = database.withTransaction(deadline: Self.deadline()) { transaction in
                _ = try await transaction.query("SELECT id FROM mediation_case WHERE id = \(caseId) FOR UPDATE")
                _ = try await transaction.query(
                    """
                    INSERT INTO mediation_agreement_signature (case_id, party_id, method, signed_on)
                    SELECT case_id, id, 'signature', '2026-11-30' FROM mediation_party WHERE case_id = \(caseId) AND position = 0
                    """)
                // The resealing below starts meanwhile and waits for this case.
                try await Task.sleep(for: .milliseconds(600))
            }
            try await Task.sleep(for: .milliseconds(200))
            async let resealing: Void = database.withTransaction(deadline: Self.deadline()) { transaction in
                _ = try await transaction.query(
                    "UPDATE mediation_party SET phone_cipher = phone_cipher || '\\x00'::bytea WHERE case_id = \(caseId)"
                )
            }
            _ = try await (signing, resealing)
            let drift = try await Self.drift(database)
            #expect(drift.differing == 0 && drift.withParties == 1)
        }
    }
}
