import Foundation
import Governance
import GovernanceStore
import Postgres
import Testing

/// Retention: changes older than the feed keeps are deleted, whole transactions at a time, and
/// the purge horizon moves to the newest transaction purged (what a 410 is decided by).
@Suite struct ChangeLogPurgeTests {
    static func deadline() -> ContinuousClock.Instant { .now.advanced(by: .seconds(30)) }

    @Test func changesOlderThanTheRetentionGoAndTheHorizonMovesToTheNewestPurged() async throws {
        try await FreshDatabase.with { database in
            let store = Store(client: database, keys: DataKeys(masterKey: Data(repeating: 3, count: 32)))
            let grid = try await MediationRepositoryTests.grid(database)
            // The grid chain's inserts wrote five changes; age three of them (the first three transactions).
            // Ordered by the xid8 column, not its text (an alias named `xid` would sort "1001" before "990").
            let rows = try await database.query(
                "SELECT seq, xid::text AS xid_text FROM change_log ORDER BY change_log.xid, seq",
                deadline: Self.deadline())
            #expect(rows.count == 5)
            let aged = try rows.prefix(3).map { try $0.decode("seq", as: Int64.self) }
            _ = try await database.query(
                "UPDATE change_log SET changed_at = now() - interval '31 days' WHERE seq = ANY(\(aged)::bigint[])",
                deadline: Self.deadline())
            let repository = ChangeLogRepository(store: store)
            // Whole transactions go: every change of a transaction up to the third one's.
            let newestAged = UInt64(try rows[2].decode("xid_text", as: String.self)) ?? 0
            let purgeable = try rows.filter {
                UInt64(try $0.decode("xid_text", as: String.self)) ?? 0 <= newestAged
            }.count
            #expect(purgeable >= 3)
            #expect(try await repository.purge(deadline: Self.deadline()) == purgeable)
            // The feed serves a change once every older transaction of the cluster has finished;
            // other tests' transactions (fresh databases migrating, a transaction held on
            // purpose) may hold that back a while.
            let remaining = rows.count - purgeable
            var read = try await repository.read(
                after: .start, scopePath: "a0", types: ChangeResourceType.allCases, limit: 100,
                deadline: Self.deadline())
            let waited = ContinuousClock.now.advanced(by: .seconds(60))
            while read.changes.count < remaining, ContinuousClock.now < waited {
                try await Task.sleep(for: .milliseconds(50))
                read = try await repository.read(
                    after: .start, scopePath: "a0", types: ChangeResourceType.allCases, limit: 100,
                    deadline: Self.deadline())
            }
            #expect(read.changes.count == remaining)
            #expect(read.changes.last?.resourceId == grid.id)
            #expect(read.purgedThrough == newestAged)
            #expect(read.retentionDays == 30)
            #expect(try await repository.purge(deadline: Self.deadline()) == 0)

            // The root city's profile sets the retention: a change 11 days old stays under the
            // national 30 days and goes under the city's 10.
            let next = try rows[purgeable].decode("seq", as: Int64.self)
            _ = try await database.query(
                "UPDATE change_log SET changed_at = now() - interval '11 days' WHERE seq = \(next)",
                deadline: Self.deadline())
            #expect(try await repository.purge(deadline: Self.deadline()) == 0)
            _ = try await database.query(
                """
                INSERT INTO rule_profile_override (area_id, parameter, value)
                SELECT id, 'changeRetentionDays', 10 FROM area WHERE parent_id IS NULL
                """, deadline: Self.deadline())
            #expect(try await repository.purge(deadline: Self.deadline()) >= 1)
            let after = try await repository.read(
                after: .start, scopePath: "a0", types: ChangeResourceType.allCases, limit: 100,
                deadline: Self.deadline())
            #expect(after.retentionDays == 10)
            #expect(!after.changes.contains { $0.position.sequence == next })
        }
    }
}
