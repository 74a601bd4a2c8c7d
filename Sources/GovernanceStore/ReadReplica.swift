public import Foundation
public import Postgres
import Synchronization

/// A streaming replica that statistics, exports and the change feed read from when it is fresh
/// enough (`DATABASE_READ_URL`), with the primary as the fallback.
///
/// Freshness is checked at most once a second and shared by every read: the primary's WAL
/// position against the replica's replay position. A replica that has replayed everything is
/// current whatever its last transaction's age (an idle primary writes nothing); one that lags
/// is used while its last replayed transaction is younger than `maxLag`. Down, lagging further
/// or unreachable, reads go to the primary and `onFallback` counts why.
public final class ReadReplica: Sendable {
    /// Why a read went to the primary.
    public enum Fallback: String, Sendable, CaseIterable {
        /// The replica has not replayed what the primary wrote `maxLag` ago.
        case lagging
        /// The replica did not answer (down, unreachable, not a standby).
        case unavailable
    }

    /// What a check found.
    public struct Freshness: Sendable {
        /// Whether reads may go to the replica.
        public let usable: Bool
        /// The moment the replica's data reflects (`X-Data-As-Of`): now when it has replayed
        /// everything, else its last replayed commit; the primary's now on a fallback.
        public let asOf: Date
        /// Why not, when not usable.
        public let fallback: Fallback?
    }

    /// The replica's client.
    public let client: PostgresClient
    /// The largest lag at which the replica is still read.
    public let maxLag: Duration
    /// Told of every read: `nil` when the replica served it, else why the primary did.
    let onRead: @Sendable (Fallback?) -> Void
    private let cached = Mutex<(checkedAt: ContinuousClock.Instant, freshness: Freshness)?>(nil)
    /// How long a check holds.
    static let checkInterval = Duration.seconds(1)

    /// Creates the replica's reader.
    public init(client: PostgresClient, maxLag: Duration, onRead: @escaping @Sendable (Fallback?) -> Void = { _ in }) {
        self.client = client
        self.maxLag = maxLag
        self.onRead = onRead
    }

    /// Whether reads that prefer the replica may use it now (checked at most once a second).
    public func freshness(primary: PostgresClient, deadline: ContinuousClock.Instant) async -> Freshness {
        if let (checkedAt, freshness) = cached.withLock({ $0 }), checkedAt.duration(to: .now) < Self.checkInterval {
            return freshness
        }
        let freshness = await check(primary: primary, deadline: deadline)
        cached.withLock { $0 = (.now, freshness) }
        return freshness
    }

    /// Forgets the last check (tests that move the replica).
    public func forget() { cached.withLock { $0 = nil } }

    private func check(primary: PostgresClient, deadline: ContinuousClock.Instant) async -> Freshness {
        // A check never holds a read up for long: a replica that does not answer within a
        // second is as good as down for this second.
        let checkDeadline = min(deadline, .now.advanced(by: .seconds(1)))
        guard
            let position = try? await primary.query(
                "SELECT pg_current_wal_lsn()::text AS lsn, now() AS now", deadline: checkDeadline
            ).first,
            let lsn = try? position.decode("lsn", as: String.self),
            let primaryNow = try? position.decode("now", as: Date.self)
        else {
            // The primary itself is in trouble: the read will find out on its own.
            return Freshness(usable: false, asOf: Date(), fallback: .unavailable)
        }
        guard
            let row = try? await client.query(
                """
                SELECT pg_is_in_recovery() AS standby,
                       coalesce(pg_wal_lsn_diff(pg_last_wal_replay_lsn(), \(lsn)::pg_lsn) >= 0, false) AS caught_up,
                       pg_last_xact_replay_timestamp() AS replayed, now() AS now
                """, deadline: checkDeadline
            ).first,
            (try? row.decode("standby", as: Bool.self)) == true
        else { return Freshness(usable: false, asOf: primaryNow, fallback: .unavailable) }
        if (try? row.decode("caught_up", as: Bool.self)) == true {
            return Freshness(usable: true, asOf: (try? row.decode("now", as: Date.self)) ?? primaryNow, fallback: nil)
        }
        guard let replayed = try? row.decode("replayed", as: Date?.self) else {
            return Freshness(usable: false, asOf: primaryNow, fallback: .lagging)
        }
        let lag = primaryNow.timeIntervalSince(replayed)
        guard lag <= maxLag / .seconds(1) else {
            return Freshness(usable: false, asOf: primaryNow, fallback: .lagging)
        }
        return Freshness(usable: true, asOf: replayed, fallback: nil)
    }
}

/// Marks the reads of one request as served from the replica when it is fresh (statistics,
/// exports, the change feed), and gathers the moment their data reflects for `X-Data-As-Of`.
public final class ReplicaReadScope: Sendable {
    private let earliest = Mutex<Date?>(nil)

    /// The scope of the request the current task serves; `nil`: reads go to the primary.
    @TaskLocal public static var current: ReplicaReadScope?

    /// Creates an empty scope.
    public init() {}

    /// The oldest moment any read of the request reflected; `nil` before the first read.
    public var dataAsOf: Date? { earliest.withLock { $0 } }

    /// Notes that a read of the request reflected the data as of `date`.
    package func record(_ date: Date) { earliest.withLock { $0 = min($0 ?? date, date) } }
}
