import Foundation
import Governance
import GovernanceStore
import Logging
import Postgres
import Testing

/// Every constraint of the schema has a name of ours and an entry in `ConstraintViolations`, so
/// a violation maps to a refusal or is known to be a bug, never matched by an invented name.
@Suite struct ConstraintTableTests {
    static func withMigratedDatabase(_ body: (PostgresClient) async throws -> Void) async throws {
        guard let url = ProcessInfo.processInfo.environment["GRASSROOTS_TEST_DATABASE_URL"] else {
            Issue.record("GRASSROOTS_TEST_DATABASE_URL is not set: run the tests through scripts/test")
            return
        }
        let client = PostgresClient(
            configuration: PostgresConfiguration(
                connectionString: url, transactionConnections: 1, pipelineConnections: 1), logger: Logger(label: "test")
        )
        defer { client.close() }
        let migrator = try Migrator(client: client, migrations: try GovernanceMigrations.all())
        try await migrator.apply(deadline: .now.advanced(by: .seconds(60)))
        try await body(client)
    }

    /// Constraints and the unique indexes that stand for one (partial uniqueness).
    static func schemaConstraintNames(_ client: PostgresClient) async throws -> Set<String> {
        let rows = try await client.query(
            """
            SELECT conname AS name FROM pg_constraint
            WHERE connamespace = 'public'::regnamespace AND conrelid <> 'schema_migration'::regclass
            UNION
            SELECT i.relname FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_namespace n ON n.oid = i.relnamespace
            WHERE n.nspname = 'public' AND x.indisunique AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
              AND x.indrelid <> 'schema_migration'::regclass
            """, deadline: .now.advanced(by: .seconds(10)))
        // The migrator's own bookkeeping table belongs to the wrapper, not to the domain schema.
        return Set(try rows.map { try $0.decode("name", as: String.self) })
    }

    @Test func everyConstraintIsNamedByUs() async throws {
        try await Self.withMigratedDatabase { client in
            let invented = try await Self.schemaConstraintNames(client).filter {
                $0.range(of: #"_(pkey|fkey|key|check[0-9]*|excl)$"#, options: .regularExpression) != nil
            }
            #expect(invented.isEmpty, "constraints with names PostgreSQL invented: \(invented.sorted())")
        }
    }

    @Test func everyConstraintIsMappedAndEveryMappingExists() async throws {
        try await Self.withMigratedDatabase { client in
            let names = try await Self.schemaConstraintNames(client)
            let mapped = Set(ConstraintViolations.table.keys)
            #expect(names.subtracting(mapped).isEmpty, "unmapped: \(names.subtracting(mapped).sorted())")
            #expect(
                mapped.subtracting(names).isEmpty, "mapped but not in the schema: \(mapped.subtracting(names).sorted())"
            )
        }
    }

    @Test func aRefusalKeepsItsCodeAndAnInvariantStaysABug() {
        let duplicate = PostgresError(.server, sqlState: .uniqueViolation, constraint: "area_code_unique")
        #expect(ConstraintViolations.refusal(for: duplicate)?.code == "area.duplicate_code")
        let director = PostgresError(.server, sqlState: .uniqueViolation, constraint: "committee_member_one_director")
        #expect(ConstraintViolations.refusal(for: director)?.code == "committee.duplicate_director")
        let foreignKey = PostgresError(.server, sqlState: .foreignKeyViolation, constraint: "committee_area_id_fk")
        #expect(ConstraintViolations.refusal(for: foreignKey) == nil)
    }
}
