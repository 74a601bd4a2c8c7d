public import Postgres

/// The storage facade: the database client, the data keys, and the transaction a request's
/// writes share.
///
/// A write request runs in one transaction opened at the edge (with its idempotency record and
/// audit event); repositories reach it through `Store.transaction`. Outside a request (the CLI,
/// tests) `write` opens one of its own.
public struct Store: Sendable {
    /// The database client.
    public let client: PostgresClient
    /// Keys for personal data.
    public let keys: DataKeys

    /// The transaction of the current write request, if one is open.
    @TaskLocal public static var transaction: PostgresTransaction?

    /// Creates the facade.
    public init(client: PostgresClient, keys: DataKeys) {
        self.client = client
        self.keys = keys
    }

    /// Runs `body` in the request's transaction, or in a new one when there is none.
    public func write<Value: Sendable>(deadline: ContinuousClock.Instant, _ body: (PostgresTransaction) async throws -> Value) async throws -> Value {
        if let transaction = Store.transaction { return try await body(transaction) }
        return try await client.withTransaction(deadline: deadline) { transaction in
            try await Store.$transaction.withValue(transaction) { try await body(transaction) }
        }
    }

    /// Runs a read in `transaction` when one is given (a repository called mid-write), else as
    /// `read(_:deadline:)` does.
    public func read(_ query: PostgresQuery, in transaction: PostgresTransaction?, deadline: ContinuousClock.Instant) async throws -> PostgresRows {
        if let transaction { return try await transaction.query(query) }
        return try await read(query, deadline: deadline)
    }

    /// Runs a read: inside the request's transaction when one is open (so it sees its own
    /// writes), else on the pipelined read path.
    public func read(_ query: PostgresQuery, deadline: ContinuousClock.Instant) async throws -> PostgresRows {
        if let transaction = Store.transaction { return try await transaction.query(query) }
        return try await client.query(query, deadline: deadline)
    }
}
