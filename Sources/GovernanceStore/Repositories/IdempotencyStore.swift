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

    /// Claims `key` for this token in `transaction`, in one round trip. A concurrent request
    /// holding the same key is not waited for: the claim is a transaction-scoped advisory lock
    /// on (token, key), tried without waiting, and a lock held elsewhere is `.inProgress`. Every
    /// claim takes the lock before inserting, so the insert never waits on an uncommitted twin.
    /// `content` is what identifies the request (method, path, canonical body); it is stored
    /// only as its keyed fingerprint.
    public func reserve(tokenId: UUID, key: String, content: Data, in transaction: PostgresTransaction) async throws
        -> Reservation
    {
        let fingerprint = store.keys.fingerprint(content)
        let claim = try await transaction.query(
            """
            WITH claim AS (SELECT pg_try_advisory_xact_lock(hashtext(\(tokenId)::text), hashtext(\(key))) AS locked),
            inserted AS (
                INSERT INTO idempotency_record (token_id, key, fingerprint)
                SELECT \(tokenId)::uuid, \(key)::text, \(fingerprint)::bytea FROM claim WHERE locked
                ON CONFLICT (token_id, key) DO NOTHING
                RETURNING 1
            )
            SELECT (SELECT locked FROM claim) AS locked, EXISTS (SELECT 1 FROM inserted) AS fresh
            """)
        guard let row = claim.first, try row.decode("locked", as: Bool.self) else { return .inProgress }
        if try row.decode("fresh", as: Bool.self) { return .fresh }
        let rows = try await transaction.query(
            """
            SELECT fingerprint, status, response_headers::text AS headers, response_cipher FROM idempotency_record
            WHERE token_id = \(tokenId) AND key = \(key)
            """)
        guard let row = rows.first else { return .inProgress }
        // A record written before a key rotation carries the previous key's fingerprint.
        guard store.keys.fingerprintMatches(try row.decode("fingerprint", as: Data.self), content: content) else {
            return .mismatch
        }
        guard let status = try row.decode("status", as: Int?.self),
            let sealed = try row.decode("response_cipher", as: Data?.self),
            let body = store.keys.openData(sealed, in: .idempotencyResponse(tokenId: tokenId, key: key))
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
                   response_cipher = \(store.keys.sealData(body, in: .idempotencyResponse(tokenId: tokenId, key: key)))
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
