public import Foundation
public import Governance
public import Postgres

/// The append-only audit log (操作留痕): one event per write, in the write's transaction.
public struct AuditLog: Sendable {
    let store: Store

    /// Creates the repository.
    public init(store: Store) { self.store = store }

    /// What an event records besides the time and sequence number.
    public struct Entry: Sendable {
        /// The acting principal; `nil` for the CLI.
        public var principal: Principal?
        /// The operationId or CLI command.
        public var operationId: String
        /// The resource type.
        public var resourceType: String
        /// The resource id.
        public var resourceId: UUID?
        /// The resource's area path.
        public var areaPath: String
        /// The request id.
        public var requestId: String?
        /// What changed: names and non-personal values only.
        public var summary: [String: JSONValue]

        /// Creates an entry.
        public init(
            principal: Principal?, operationId: String, resourceType: String, resourceId: UUID?, areaPath: String,
            requestId: String?,
            summary: [String: JSONValue]
        ) {
            self.principal = principal
            self.operationId = operationId
            self.resourceType = resourceType
            self.resourceId = resourceId
            self.areaPath = areaPath
            self.requestId = requestId
            self.summary = summary
        }
    }

    /// Events of `operationIds` recorded for `tokenId` since the start of `day` (UTC+8), counted
    /// after taking a transaction lock on the token and the operations: concurrent acts of one
    /// token are counted one after the other, so a daily cap cannot be overrun by racing requests.
    public func countToday(
        operationIds: [String], tokenId: UUID, day: CalendarDay, in transaction: PostgresTransaction
    ) async throws -> Int {
        let operations = operationIds.joined(separator: ",")
        try await transaction.query(
            "SELECT pg_advisory_xact_lock(hashtext(\(tokenId)::text), hashtext(\(operations)::text))")
        let rows = try await transaction.query(
            """
            SELECT count(*) AS n FROM audit_event
            WHERE token_id = \(tokenId) AND operation_id = ANY(string_to_array(\(operations)::text, ','))
              AND at >= (\(day)::date::timestamp AT TIME ZONE 'Asia/Shanghai')
            """)
        return try rows.first?.decode("n", as: Int.self) ?? 0
    }

    /// Appends an event in `transaction`, so it commits or rolls back with the change.
    public func append(_ entry: Entry, in transaction: PostgresTransaction) async throws {
        let summary = JSONValue.object(entry.summary).canonicalText
        try await transaction.query(
            """
            INSERT INTO audit_event (token_id, role, operation_id, resource_type, resource_id, area_path, request_id, summary)
            VALUES (\(entry.principal?.tokenId), \(entry.principal?.role.rawValue ?? "cli"), \(entry.operationId), \(entry.resourceType),
                    \(entry.resourceId), \(entry.areaPath)::ltree, \(entry.requestId), \(summary)::jsonb)
            """)
    }

    /// One page of the events in `scope`, oldest first.
    public func list(scope: Principal, query: AuditQuery, after: Int64?, limit: Int, deadline: ContinuousClock.Instant)
        async throws -> Page<AuditEvent>
    {
        var sql: PostgresQuery = """
            SELECT seq, at, token_id, role, operation_id, resource_type, resource_id, area_path::text AS area_path, outcome, request_id,
                   summary::text AS summary
            FROM audit_event
            WHERE area_path <@ \(scope.scopePath)::ltree AND seq > \(after ?? 0)
            """
        // Only the filters given reach the statement, so each combination gets a plan of its own.
        if let resourceType = query.resourceType { sql.append(" AND resource_type = \(resourceType)") }
        if let resourceId = query.resourceId { sql.append(" AND resource_id = \(resourceId)") }
        if let tokenId = query.tokenId { sql.append(" AND token_id = \(tokenId)") }
        if let from = query.from { sql.append(" AND at >= \(from)") }
        if let to = query.to { sql.append(" AND at < \(to)") }
        sql.append(" ORDER BY seq LIMIT \(limit + 1)")
        let rows = try await store.read(sql, deadline: deadline)
        return try Page.keyset(
            rows, limit: limit, decode: Self.event(from:), cursor: { PageCursor.encode($0.sequence) })
    }

    static func event(from row: PostgresRow) throws -> AuditEvent {
        AuditEvent(
            sequence: try row.decode("seq"), at: try row.decode("at"), tokenId: try row.decode("token_id"),
            role: try row.decode("role"),
            operationId: try row.decode("operation_id"), resourceType: try row.decode("resource_type"),
            resourceId: try row.decode("resource_id"), areaPath: try row.decode("area_path"),
            outcome: try row.decode("outcome"),
            requestId: try row.decode("request_id"), summaryJSON: try row.decode("summary"))
    }
}
