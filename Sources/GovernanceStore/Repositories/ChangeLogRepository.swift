import Foundation
public import Governance
import Postgres

/// The change log the feed reads (migration 0013 writes it by trigger).
public struct ChangeLogRepository: Sendable {
    let store: Store

    /// Creates the repository.
    public init(store: Store) { self.store = store }

    /// One read of the log: the changes after `after` in scope, and where the log stands.
    public struct Read: Sendable {
        /// The changes, in feed order.
        public let changes: [Change]
        /// The oldest transaction still in flight when read: every change below it is final.
        public let horizon: UInt64
        /// The newest purged transaction, if any was purged.
        public let purgedThrough: UInt64?
        /// Days changes are kept (the root city's `changeRetentionDays`).
        public let retentionDays: Int
    }

    /// The days changes are kept: the root city's profile value of `changeRetentionDays`, or
    /// the national default. The log is one for the whole tree, so only the root's value counts.
    static let retentionDays = """
        coalesce((SELECT rule_parameter(r.path, 'changeRetentionDays', \(RuleParameter.changeRetentionDays.nationalDefault(lawVersion: 2026)))
                  FROM area r WHERE r.parent_id IS NULL ORDER BY r.created_at, r.id LIMIT 1),
                 \(RuleParameter.changeRetentionDays.nationalDefault(lawVersion: 2026)))
        """

    /// Up to `limit` changes after `after` of the given types whose area lies in `scopePath`,
    /// only from transactions below the horizon — in one round trip.
    public func read(
        after: ChangePosition, scopePath: String, types: [ChangeResourceType], limit: Int,
        deadline: ContinuousClock.Instant
    ) async throws -> Read {
        let rows = try await store.read(
            """
            WITH meta AS (
                SELECT pg_snapshot_xmin(pg_current_snapshot()) AS horizon,
                       (SELECT purged_through FROM change_log_horizon) AS purged,
                       \(unsafeSQL: Self.retentionDays) AS retention_days
            )
            SELECT meta.horizon::text AS horizon, meta.purged::text AS purged, meta.retention_days, c.seq,
                   c.xid::text AS xid,
                   c.resource_type, c.resource_id, c.area_id, c.op, c.version, c.changed_at
            FROM meta LEFT JOIN LATERAL (
                SELECT * FROM change_log
                WHERE xid < meta.horizon AND (xid, seq) > (\(String(after.transaction))::xid8, \(after.sequence)::bigint)
                  AND area_path <@ \(scopePath)::ltree AND resource_type = ANY(\(types.map(\.rawValue))::text[])
                ORDER BY xid, seq
                LIMIT \(limit)
            ) c ON true
            """, deadline: deadline)
        guard let first = rows.first, let horizon = UInt64(try first.decode("horizon", as: String.self)) else {
            throw PostgresError(.decoding, column: "horizon", detail: "no snapshot horizon")
        }
        let purged = try first.decode("purged", as: String?.self).flatMap(UInt64.init)
        var changes: [Change] = []
        for row in rows {
            guard let sequence = try row.decode("seq", as: Int64?.self) else { continue }
            guard let transaction = UInt64(try row.decode("xid", as: String.self)),
                let type = ChangeResourceType(rawValue: try row.decode("resource_type", as: String.self)),
                let operation = ChangeOperation(rawValue: try row.decode("op", as: String.self))
            else { throw PostgresError(.decoding, column: "resource_type", detail: "unknown change") }
            changes.append(
                Change(
                    position: ChangePosition(transaction: transaction, sequence: sequence), resourceType: type,
                    resourceId: try row.decode("resource_id"), areaId: try row.decode("area_id"),
                    operation: operation, version: try row.decode("version"),
                    changedAt: try row.decode("changed_at")))
        }
        return Read(
            changes: changes, horizon: horizon, purgedThrough: purged,
            retentionDays: try first.decode("retention_days"))
    }

    /// Deletes the changes of transactions up to the newest one with a change older than the
    /// retention (`retentionDays`), and moves the purge horizon there; returns how many were
    /// deleted.
    @discardableResult
    public func purge(deadline: ContinuousClock.Instant) async throws -> Int {
        let rows = try await store.client.withTransaction(deadline: deadline) { transaction in
            try await transaction.query(
                """
                WITH cutoff AS (
                    SELECT max(xid) AS xid FROM change_log
                    WHERE changed_at < now() - make_interval(days => \(unsafeSQL: Self.retentionDays))
                ), deleted AS (
                    DELETE FROM change_log WHERE xid <= (SELECT xid FROM cutoff) RETURNING 1
                ), marked AS (
                    INSERT INTO change_log_horizon (singleton, purged_through)
                    SELECT true, xid FROM cutoff WHERE xid IS NOT NULL
                    ON CONFLICT (singleton) DO UPDATE
                    SET purged_through = greatest(change_log_horizon.purged_through, EXCLUDED.purged_through)
                    RETURNING 1
                )
                SELECT (SELECT count(*) FROM deleted) AS deleted, (SELECT count(*) FROM marked) AS marked
                """)
        }
        return try rows[0].decode("deleted", as: Int.self)
    }
}
