import Foundation
import Governance
import GovernanceStore
import NIOConcurrencyHelpers
import Synchronization

/// Turns a bearer secret into a principal without a database round trip on most requests.
///
/// Lookups are cached for `revalidateAfter` (2 s): a revoked or expired token stops working on
/// every node within that time, well inside the 5-second promise, and a busy token costs one
/// indexed read every 2 s instead of one per request (performance.md).
final class Authenticator: Sendable {
    private struct Entry {
        let principal: Principal
        let checkedAt: ContinuousClock.Instant
    }

    private let tokens: TokenRepository
    private let metrics: AppMetrics
    private let revalidateAfter: Duration
    private let cache = NIOLockedValueBox<[Data: Entry]>([:])
    private static let maximumEntries = 10_000
    /// Until when a secret found not live is refused from memory: a revoked token sent in a
    /// loop costs one read per `revalidateAfter`, not one per request.
    private let negatives = NIOLockedValueBox<[Data: ContinuousClock.Instant]>([:])

    private func knownNotLive(_ hash: Data, at now: ContinuousClock.Instant) -> Bool {
        guard let until = negatives.withLockedValue({ $0[hash] }) else { return false }
        return until > now
    }

    init(tokens: TokenRepository, metrics: AppMetrics, revalidateAfter: Duration = .seconds(2)) {
        self.tokens = tokens
        self.metrics = metrics
        self.revalidateAfter = revalidateAfter
    }

    /// The principal for an `Authorization` header value; `nil` for anything not a live token.
    func principal(authorization: String?, deadline: ContinuousClock.Instant) async throws -> Principal? {
        guard let authorization, authorization.utf8.count <= 200 else { return nil }
        let scheme = authorization.utf8.prefix(7)
        guard scheme.count == 7, String(decoding: scheme, as: UTF8.self).lowercased() == "bearer " else { return nil }
        let secret = String(authorization.dropFirst(7).drop { $0 == " " })
        guard secret.utf8.count == TokenRepository.secretLength else {
            metrics.tokensRefusedUnread.add(1, ordering: .relaxed)
            return nil
        }
        let hash = TokenRepository.hash(secret: secret)
        let now = ContinuousClock.now
        // Only live tokens are cached, so a hit needs no checksum: the hot path stays one hash.
        if let entry = cache.withLockedValue({ $0[hash] }), entry.checkedAt.duration(to: now) < revalidateAfter,
            entry.principal.expiresAt > GovernanceClock.system.now()
        {
            return entry.principal
        }
        // Malformed secrets, and made-up ones whose checksum fails, never reach the database.
        guard TokenRepository.isWellFormed(secret) else {
            metrics.tokensRefusedUnread.add(1, ordering: .relaxed)
            return nil
        }
        if knownNotLive(hash, at: now) {
            metrics.tokensRefusedUnread.add(1, ordering: .relaxed)
            return nil
        }
        metrics.tokenLookups.add(1, ordering: .relaxed)
        let principal = try await tokens.principal(secretHash: hash, deadline: deadline)
        cache.withLockedValue { cache in
            if let principal {
                if cache.count >= Self.maximumEntries { cache.removeAll(keepingCapacity: true) }
                cache[hash] = Entry(principal: principal, checkedAt: now)
            } else {
                cache[hash] = nil
            }
        }
        negatives.withLockedValue { negatives in
            if principal == nil {
                if negatives.count >= Self.maximumEntries { negatives.removeAll(keepingCapacity: true) }
                negatives[hash] = now.advanced(by: revalidateAfter)
            } else {
                negatives[hash] = nil
            }
        }
        return principal
    }
}
