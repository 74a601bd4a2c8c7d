import Foundation
import Governance
import GovernanceStore
import Postgres
import Testing

/// What the store does to grid events on its own: closing resolved events nobody rated.
@Suite struct GridEventRepositoryTests {
    static func deadline() -> ContinuousClock.Instant { .now.advanced(by: .seconds(30)) }

    /// A resolved event of `grid`, resolved `daysAgo` days ago.
    static func resolved(_ database: PostgresClient, grid: (id: UUID, path: String), daysAgo: Int) async throws -> UUID
    {
        let id = Identifier.make()
        _ = try await database.query(
            """
            INSERT INTO grid_event (id, area_id, area_path, community_path, level, level_path, status, source, category,
                                    description, resolution, resolved_at)
            VALUES (\(id), \(grid.id), \(grid.path)::ltree, subpath(\(grid.path)::ltree, 0, 4), 'community',
                    subpath(\(grid.path)::ltree, 0, 4), 'resolved', 'grid_patrol', 'other', 'd', 'r',
                    now() - make_interval(days => \(daysAgo)))
            """, deadline: deadline())
        return id
    }

    @Test func resolvedEventsNobodyRatedCloseAfterTheRatingDaysEVT7() async throws {
        try await FreshDatabase.with { database in
            let store = Store(client: database, keys: DataKeys(masterKey: Data(repeating: 3, count: 32)))
            let grid = try await MediationRepositoryTests.grid(database)
            let late = try await Self.resolved(database, grid: grid, daysAgo: GridEvent.ratingDays + 1)
            let recent = try await Self.resolved(database, grid: grid, daysAgo: GridEvent.ratingDays - 1)
            let repository = GridEventRepository(store: store)
            #expect(
                try await repository.closeUnrated(olderThanDays: GridEvent.ratingDays, deadline: Self.deadline()) == 1)
            let closed = try #require(
                try await repository.find(late, scopePath: "a0", via: .pipeline(deadline: Self.deadline())))
            #expect(closed.status == .closed && closed.closedReason == "rating_timeout")
            #expect(closed.steps.last?.action == "close" && closed.steps.last?.note == "rating_timeout")
            let open = try #require(
                try await repository.find(recent, scopePath: "a0", via: .pipeline(deadline: Self.deadline())))
            #expect(open.status == .resolved)
            #expect(
                try await repository.closeUnrated(olderThanDays: GridEvent.ratingDays, deadline: Self.deadline()) == 0)
        }
    }
}
