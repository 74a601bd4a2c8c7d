import Foundation
import Governance
import GovernanceStore
import Synchronization

/// The page after a full one, read while the consumer takes that one in: a consumer draining
/// the feed asks for it next, and finds its query already answered.
///
/// A page read ahead is exactly the page a request would have been answered with at the moment
/// it was read: its changes lie below that moment's horizon and its resources are as they were
/// then. A change made since has a later position, so the consumer still meets it further on;
/// nothing is missed or seen twice. The page is only ever served to the token it was read for,
/// with the same types, limit and day, and only once.
final class ChangeFeedReadAhead: Sendable {
    /// What a page read ahead was read for: everything its answer depends on.
    struct Key: Hashable, Sendable {
        let tokenId: UUID
        let scopePath: String
        let role: Role
        let departmentId: UUID?
        let today: CalendarDay
        let since: String
        let types: [ChangeResourceType]?
        let limit: Int?
    }

    /// A page read ahead, with the moment a replica's data reflected when it was read there.
    struct Page: Sendable {
        let entries: [ChangeFeedService.Entry]
        let next: ChangePosition
        let hasMore: Bool
        let dataAsOf: Date?
    }

    private struct Pending: Sendable {
        let task: Task<Page, any Error>
        let startedAt: ContinuousClock.Instant
    }

    /// Pages kept at most; each is one consumer's next page.
    static let capacity = 16
    /// How long a page read ahead waits for its consumer before it is dropped as stale.
    static let lifetime = Duration.seconds(10)

    private let pending = Mutex<[Key: Pending]>([:])

    /// Creates an empty read-ahead.
    init() {}

    /// Starts reading the page for `key`, dropping pages that waited too long or, past the
    /// capacity, the oldest.
    func start(_ key: Key, read: @escaping @Sendable () async throws -> Page) {
        let task = Task { try await read() }
        pending.withLock { pending in
            let now = ContinuousClock.now
            pending = pending.filter { $0.value.startedAt.duration(to: now) < Self.lifetime }
            while pending.count >= Self.capacity,
                let oldest = pending.min(by: { $0.value.startedAt < $1.value.startedAt })
            {
                pending[oldest.key] = nil
            }
            pending[key] = Pending(task: task, startedAt: now)
        }
    }

    /// The page read ahead for `key`, taken so no other request is served it; `nil` when there is
    /// none, it waited too long, or its read failed (the request then reads afresh).
    func take(_ key: Key) async -> Page? {
        let taken = pending.withLock { $0.removeValue(forKey: key) }
        guard let taken, taken.startedAt.duration(to: .now) < Self.lifetime else { return nil }
        return try? await taken.task.value
    }
}
