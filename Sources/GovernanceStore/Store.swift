public import Foundation
public import Governance
public import Postgres

/// The storage facade: the database client, the data keys, and the one route by which writes
/// reach a transaction.
///
/// A write request runs in one transaction opened at the edge (with its idempotency record);
/// it reaches services in `CallContext.transaction`, and `audited`, the one public write
/// path, joins it. Outside a request (the command line, tests) it opens one of its own.
/// Reads name their route (`ReadRoute`): a write's transaction, or the pipelined read path.
public struct Store: Sendable {
    /// The database client.
    public let client: PostgresClient
    /// Keys for personal data.
    public let keys: DataKeys
    /// The streaming replica that reads in a `ReplicaReadScope` prefer, if one is configured.
    public let replica: ReadReplica?
    /// The audit log every write appends to.
    public var auditLog: AuditLog { AuditLog(store: self) }

    /// Creates the facade.
    public init(client: PostgresClient, keys: DataKeys, replica: ReadReplica? = nil) {
        self.client = client
        self.keys = keys
        self.replica = replica
    }

    /// Runs `body` in the context's transaction, or in a new one when there is none. A
    /// violated constraint becomes the refusal `ConstraintViolations` names for it.
    func write<Value: Sendable>(_ context: WriteContext, _ body: (PostgresTransaction) async throws -> Value)
        async throws -> Value
    {
        do {
            if let transaction = context.transaction { return try await body(transaction) }
            return try await client.withTransaction(deadline: context.deadline) { transaction in
                try await body(transaction)
            }
        } catch let error as PostgresError {
            throw ConstraintViolations.refusal(for: error) ?? error
        }
    }

    /// The one shape of every audited write: `body` loads in scope, lets the domain decide,
    /// applies the change and returns the result with what the audit log records of it; the
    /// event is appended in the same transaction.
    public func audited<Value: Sendable>(
        _ context: WriteContext, _ body: (PostgresTransaction) async throws -> AuditedChange<Value>
    ) async throws -> Value {
        try await write(context) { transaction in
            let change = try await body(transaction)
            try await auditLog.append(
                AuditLog.Entry(
                    principal: context.principal, operationId: context.operationID, resourceType: change.resourceType,
                    resourceId: change.resourceId, areaPath: change.areaPath, requestId: context.requestID,
                    summary: change.summary),
                in: transaction)
            return change.value
        }
    }

    /// Runs a read by the route the caller names: inside a write's transaction (it sees that
    /// write's changes and locks), or on the pipelined read path with a deadline.
    public func read(_ query: PostgresQuery, via route: ReadRoute) async throws -> PostgresRows {
        switch route {
        case .transaction(let transaction): try await transaction.query(query)
        case .pipeline(let deadline): try await read(query, deadline: deadline)
        }
    }

    /// Runs a read on the pipelined read path: the replica's, in a `ReplicaReadScope` while the
    /// replica is fresh enough, else the primary's.
    public func read(_ query: PostgresQuery, deadline: ContinuousClock.Instant) async throws -> PostgresRows {
        guard let scope = ReplicaReadScope.current else { return try await client.query(query, deadline: deadline) }
        guard let replica else {
            scope.record(Date())
            return try await client.query(query, deadline: deadline)
        }
        let freshness = await replica.freshness(primary: client, deadline: deadline)
        if freshness.usable {
            do {
                let rows = try await replica.client.query(query, deadline: deadline)
                scope.record(freshness.asOf)
                replica.onRead(nil)
                return rows
            } catch let error as PostgresError where error.kind != .decoding && error.kind != .invalidParameter {
                // Gone between the check and the read, or a query cancelled by replay
                // (conflict with recovery): the primary answers, and the next read checks again.
                replica.forget()
                replica.onRead(.unavailable)
            }
        } else {
            replica.onRead(freshness.fallback ?? .unavailable)
        }
        scope.record(Date())
        return try await client.query(query, deadline: deadline)
    }
}

/// Where a read that may run inside a write goes; always named by the caller, never implied.
public enum ReadRoute: Sendable {
    /// Inside a write's transaction.
    case transaction(PostgresTransaction)
    /// On the pipelined read path, answered by `deadline`.
    case pipeline(deadline: ContinuousClock.Instant)
}

/// The result of an audited write and what the audit log records of it.
public struct AuditedChange<Value: Sendable>: Sendable {
    /// What the write returns to its caller.
    public let value: Value
    /// The kind of resource changed (`area`, `mediation_case`, …).
    public let resourceType: String
    /// The resource changed.
    public let resourceId: UUID?
    /// Its area path (the audit log is scoped by it).
    public let areaPath: String
    /// Names and non-personal values of what changed.
    public let summary: [String: JSONValue]

    /// Creates the result of an audited write.
    public init(_ value: Value, resourceType: String, resourceId: UUID?, areaPath: String, summary: [String: JSONValue])
    {
        self.value = value
        self.resourceType = resourceType
        self.resourceId = resourceId
        self.areaPath = areaPath
        self.summary = summary
    }
}
