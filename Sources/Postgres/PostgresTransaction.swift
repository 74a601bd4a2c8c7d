/// The statements of one open transaction, all on the connection it holds.
///
/// Handed to the closure of `PostgresClient.withTransaction`; it must not escape it.
public struct PostgresTransaction: Sendable {
    let worker: ConnectionWorker
    /// The deadline every statement of the transaction shares.
    public let deadline: ContinuousClock.Instant

    /// Runs one parameterised statement inside the transaction.
    @discardableResult
    public func query(_ query: PostgresQuery) async throws -> PostgresRows {
        try await worker.run(query, use: .current, deadline: deadline)
    }

    /// Runs SQL text with the simple protocol (several statements, no parameters): migrations.
    @discardableResult
    public func execute(unsafeSQL sql: String) async throws -> PostgresRows {
        try await worker.run(PostgresQuery(unsafeSQL: sql), simple: true, use: .current, deadline: deadline)
    }
}
