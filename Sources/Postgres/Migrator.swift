/// Applies migrations in order, each in its own transaction, recorded in `schema_migration`.
///
/// Concurrent starts are safe: every transaction first takes the same advisory lock, then
/// re-reads what is applied. The semantics follow hummingbird-project/postgres-migrations.
public struct Migrator: Sendable {
    /// Arbitrary constant naming the advisory lock ("grassroots" in ASCII, truncated).
    static let advisoryLockKey: Int64 = 0x6772_6173_7372_6f6f
    private let client: PostgresClient
    private let migrations: [Migration]

    /// A migrator for `migrations` (any order; they are sorted by version).
    public init(client: PostgresClient, migrations: [Migration]) throws(MigrationError) {
        let sorted = migrations.sorted { $0.version < $1.version }
        for (previous, next) in zip(sorted, sorted.dropFirst()) where previous.version == next.version {
            throw .duplicateVersion(next.version)
        }
        self.client = client
        self.migrations = sorted
    }

    /// The newest version this build knows.
    public var latestVersion: Int { migrations.last?.version ?? 0 }

    /// Applies what is pending and returns the versions applied now.
    @discardableResult
    public func apply(deadline: ContinuousClock.Instant) async throws -> [Int] {
        var applied: [Int] = []
        for migration in migrations {
            // Concurrent starts queue on the migration lock for as long as they were given.
            let didApply = try await client.withTransaction(lockWait: .untilDeadline, deadline: deadline) {
                transaction in
                try await transaction.query("SELECT pg_advisory_xact_lock(\(Self.advisoryLockKey))")
                try await Self.createTable(transaction)
                let existing = try await transaction.query(
                    """
                    SELECT checksum = encode(sha256(convert_to(\(migration.sql), 'UTF8')), 'hex') AS same
                    FROM schema_migration WHERE version = \(migration.version)
                    """)
                if let row = existing.first {
                    guard try row.decode("same", as: Bool.self) else {
                        throw MigrationError.checksumMismatch(migration.version)
                    }
                    return false
                }
                try await transaction.execute(unsafeSQL: migration.sql)
                try await transaction.query(
                    """
                    INSERT INTO schema_migration (version, name, checksum)
                    VALUES (\(migration.version), \(migration.name), encode(sha256(convert_to(\(migration.sql), 'UTF8')), 'hex'))
                    """)
                return true
            }
            if didApply { applied.append(migration.version) }
        }
        try await verify(deadline: deadline)
        return applied
    }

    /// Checks that the database holds exactly this build's migrations, unchanged.
    public func verify(deadline: ContinuousClock.Instant) async throws {
        let rows = try await client.query(
            """
            SELECT to_regclass('schema_migration') IS NOT NULL AS present
            """, deadline: deadline)
        guard try rows.first?.decode("present", as: Bool.self) == true else {
            if let first = migrations.first { throw MigrationError.pending(first.version) }
            return
        }
        let applied = try await client.query(
            """
            SELECT m.version, m.checksum = encode(sha256(convert_to(d.sql, 'UTF8')), 'hex') AS same
            FROM schema_migration m
            LEFT JOIN unnest(\(migrations.map(\.version))::int[], \(migrations.map(\.sql))::text[]) AS d(version, sql)
              ON d.version = m.version
            ORDER BY m.version
            """, deadline: deadline)
        var appliedVersions: Set<Int> = []
        for row in applied {
            let version = try row.decode("version", as: Int.self)
            guard let same = try row.decode("same", as: Bool?.self) else {
                throw MigrationError.unknownApplied(version)
            }
            guard same else { throw MigrationError.checksumMismatch(version) }
            appliedVersions.insert(version)
        }
        if let missing = migrations.first(where: { !appliedVersions.contains($0.version) }) {
            throw MigrationError.pending(missing.version)
        }
    }

    /// The latest applied version, in one cheap read (for `/readyz`).
    public func appliedVersion(deadline: ContinuousClock.Instant) async throws -> Int {
        try await Self.appliedVersion(client: client, deadline: deadline)
    }

    /// The latest applied version on `client`'s database; 0 before the first migration.
    public static func appliedVersion(client: PostgresClient, deadline: ContinuousClock.Instant) async throws -> Int {
        let rows: PostgresRows
        do {
            rows = try await client.query(
                "SELECT coalesce(max(version), 0) AS version FROM schema_migration", deadline: deadline)
        } catch let error as PostgresError where error.sqlState == .undefinedTable {
            return 0
        }
        return try rows.first?.decode("version", as: Int.self) ?? 0
    }

    private static func createTable(_ transaction: PostgresTransaction) async throws {
        try await transaction.execute(
            unsafeSQL: """
                CREATE TABLE IF NOT EXISTS schema_migration (
                    version integer PRIMARY KEY,
                    name text NOT NULL,
                    checksum text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                )
                """)
    }
}
