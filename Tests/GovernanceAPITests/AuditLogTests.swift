import Foundation
import Governance
import GrassrootsClient
import HTTPTypes
import HummingbirdTesting
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
}
