import Foundation
import Governance
import GovernanceAPI
import GrassrootsClient
import HTTPTypes
import HummingbirdTesting
import Logging
import Postgres
import Testing

@Suite struct AuditLogTests {
    @Test func theAuditLogRefusesUpdatesAndDeletes() async throws {
        try await TestApp.withApp { _, database in
            for statement in [
                "UPDATE audit_event SET outcome = 'tampered'", "DELETE FROM audit_event", "TRUNCATE audit_event",
            ] {
                await #expect {
                    try await database.withTransaction(deadline: .now.advanced(by: .seconds(5))) {
                        try await $0.execute(unsafeSQL: statement)
                    }
                } throws: { ($0 as? PostgresError)?.sqlState == SQLState("42501") }
            }
        }
    }

    @Test func personalDataIsStoredEncryptedOnly() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let staff = try await tree.token(.staff, tree.street1)
            let idNumber = TestIDNumbers.make()
            let id = try await client.api(staff).createPerson(
                body: .json(
                    .init(
                        residenceAreaId: tree.grid1.idString, name: "加密", gender: .male, birthYear: 1960,
                        phone: "13912345678",
                        idNumber: idNumber))
            ).created.body.json.id
            let rows = try await database.query(
                "SELECT to_jsonb(p)::text AS row FROM person p WHERE id = \(UUID(uuidString: id)!)",
                deadline: .now.advanced(by: .seconds(5)))
            let stored = try rows[0].decode("row", as: String.self)
            #expect(!stored.contains(idNumber))
            #expect(!stored.contains("13912345678"))
        }
    }

    /// After the acts that carry personal data (registration, an intake with a party's phone, an
    /// exact search with an Idempotency-Key, a reveal), no table holds the values in clear:
    /// every row of every table is read back as text and searched.
    @Test func noTableHoldsAPhoneOrAnIDNumberInClear() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let staff = try await tree.token(.staff, tree.street1)
            let idNumber = TestIDNumbers.make()
            let phone = "139" + String(Int.random(in: 10_000_000...99_999_999))
            let partyPhone = "137" + String(Int.random(in: 10_000_000...99_999_999))
            let api = client.api(staff)
            let id = try await api.createPerson(
                body: .json(
                    .init(
                        residenceAreaId: tree.grid1.idString, name: "扫描", gender: .female, birthYear: 1975,
                        phone: phone, idNumber: idNumber))
            ).created.body.json.id
            _ = try await api.searchPeople(
                headers: .init(idempotencyKey: "scan-\(UUID())"), body: .json(.init(idNumber: idNumber))
            ).ok
            _ = try await api.revealPersonalData(path: .init(personId: id), query: .init(purpose: "扫描核对")).ok
            _ = try await api.createMediationCase(
                body: .json(
                    .init(
                        areaId: tree.community1.idString, source: .walkIn, category: .neighbour, description: "噪音",
                        riskLevel: .low,
                        parties: [
                            .init(name: "甲", phone: partyPhone, role: .applicant), .init(name: "乙", role: .respondent),
                        ])
                )
            ).created
            // Every row of every table, as text, searched on the server (a client of its own: the
            // shared test database grows with every run).
            var configuration = TestApp.configuration().database
            configuration.statementTimeoutMilliseconds = 120_000
            let scanner = PostgresClient(configuration: configuration, logger: Logger(label: "scan"))
            defer { scanner.close() }
            let deadline = ContinuousClock.now.advanced(by: .seconds(120))
            let tables = try await scanner.query(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename", deadline: deadline
            ).map { try $0.decode("tablename", as: String.self) }
            #expect(tables.contains("idempotency_record") && tables.contains("mediation_party"))
            for table in tables {
                let found = try await scanner.query(
                    """
                    SELECT count(*) AS n FROM \(unsafeSQL: table) t
                    WHERE strpos(to_jsonb(t)::text, \(idNumber)) > 0 OR strpos(to_jsonb(t)::text, \(idNumber.lowercased())) > 0
                       OR strpos(to_jsonb(t)::text, \(phone)) > 0 OR strpos(to_jsonb(t)::text, \(partyPhone)) > 0
                    """,
                    deadline: deadline)[0].decode("n", as: Int.self)
                #expect(found == 0, "\(table) holds a phone or ID number in clear")
            }
        }
    }
}
