public import Postgres

/// The server settings without which an acknowledged write could be lost.
///
/// A process kill cannot reveal `fsync=off` (the page cache survives it), so the service reads
/// the settings at start and refuses to serve when one is off (reliability.md §3.2).
public enum DurabilityCheck {
    /// The names of the settings that are off, e.g. `["fsync"]`; empty when all is well.
    public static func unsafeSettings(client: PostgresClient, deadline: ContinuousClock.Instant) async throws
        -> [String]
    {
        let rows = try await client.query(
            """
            SELECT name FROM pg_settings
            WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes') AND setting = 'off'
            ORDER BY name
            """, deadline: deadline)
        return try rows.map { try $0.decode("name", as: String.self) }
    }
}
