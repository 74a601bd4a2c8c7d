public import Foundation
public import Postgres

/// `Idempotency-Key` records (Stripe's semantics, IETF draft): per token, the request's
/// fingerprint and the response it got, written in the request's own transaction.
public struct IdempotencyStore: Sendable {
    let store: Store

    /// Creates the repository.
    public init(store: Store) { self.store = store }

    /// What a reservation found.
    public enum Reservation: Sendable {
        /// The key is new: go on, and `complete` it in the same transaction.
        case fresh
        /// The same request was answered before: replay this response.
        case replay(status: Int, headers: [String: String], body: Data)
        /// The key was used for a different request.
        case mismatch
        /// The first request with this key is still running.
        case inProgress
    }

    /// Claims `key` for this token in `transaction`. A concurrent request holding the same key
    /// is not waited for (the short lock timeout turns the wait into `.inProgress`).
    public func reserve(tokenId: UUID, key: String, fingerprint: Data, in transaction: PostgresTransaction) async throws
        -> Reservation
    {
        try await transaction.query("SET LOCAL lock_timeout = '200ms'")
        let inserted: PostgresRows
        do {
            inserted = try await transaction.query(
                """
                INSERT INTO idempotency_record (token_id, key, fingerprint) VALUES (\(tokenId), \(key), \(fingerprint))
                ON CONFLICT (token_id, key) DO NOTHING
                RETURNING 1 AS fresh
                """)
        } catch let error as PostgresError where error.sqlState == .lockNotAvailable {
            return .inProgress
        }
        // Back to the transaction's own bound: 0 would let a later statement wait without end.
        try await transaction.execute(unsafeSQL: "SET LOCAL lock_timeout = \(transaction.lockTimeoutMilliseconds)")
        if !inserted.isEmpty { return .fresh }
        let rows = try await transaction.query(
            """
            SELECT fingerprint, status, response_headers::text AS headers, response_cipher FROM idempotency_record
            WHERE token_id = \(tokenId) AND key = \(key)
            """)
        guard let row = rows.first else { return .inProgress }
        guard Crypto.constantTimeEqual(try row.decode("fingerprint", as: Data.self), fingerprint) else {
            return .mismatch
        }
        guard let status = try row.decode("status", as: Int?.self),
            let sealed = try row.decode("response_cipher", as: Data?.self),
            let body = store.keys.cipher.open(sealed)
        else { return .inProgress }
        let headersText = try row.decode("headers", as: String?.self) ?? "{}"
        let headers = (try? JSONDecoder().decode([String: String].self, from: Data(headersText.utf8))) ?? [:]
        return .replay(status: status, headers: headers, body: body)
    }

    /// Stores the response of a fresh key, encrypted, in the same transaction as the effect.
    public func complete(
        tokenId: UUID, key: String, status: Int, headers: [String: String], body: Data,
        in transaction: PostgresTransaction
    ) async throws {
        let headersJSON = try jsonText(headers)
        try await transaction.query(
            """
            UPDATE idempotency_record SET status = \(status), response_headers = \(headersJSON)::jsonb,
                   response_cipher = \(store.keys.cipher.seal(body))
            WHERE token_id = \(tokenId) AND key = \(key)
            """)
    }

    /// Deletes records older than `age` (at least 24 h are kept).
    @discardableResult
    public func purge(olderThan age: Duration = .seconds(48 * 3600), deadline: ContinuousClock.Instant) async throws
        -> Int
    {
        let seconds = max(age.components.seconds, 24 * 3600)
        let rows = try await store.client.withTransaction(deadline: deadline) { transaction in
            try await transaction.query(
                "DELETE FROM idempotency_record WHERE created_at < now() - make_interval(secs => \(Int(seconds)))")
        }
        return rows.affectedRows
    }
}
