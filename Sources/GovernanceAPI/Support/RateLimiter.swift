import NIOConcurrencyHelpers

/// Token buckets by key (a token, a client address): each holds up to `burst` requests and
/// refills at `perSecond`. In memory, per node: a cluster of N nodes allows N times the rate,
/// which the limits are sized for.
final class RateLimiter: Sendable {
    /// One limit: a bucket's size and refill rate, and its name in `RateLimit-Policy`.
    struct Policy: Sendable {
        let name: String
        let perSecond: Double
        let burst: Double

        /// `RateLimit-Policy` (IETF httpapi draft): the quota per window of `burst / perSecond` seconds.
        var header: String {
            "\"\(name)\";q=\(Int(burst));w=\(max(Int((burst / perSecond).rounded(.up)), 1))"
        }
    }

    /// The outcome of one request against a bucket.
    struct Decision: Sendable {
        let allowed: Bool
        /// Requests left in the bucket.
        let remaining: Int
        /// Seconds until one request is allowed again (0 when allowed now).
        let retryAfterSeconds: Int
    }

    private struct Bucket {
        var level: Double
        var updated: ContinuousClock.Instant
    }

    private let buckets = NIOLockedValueBox<[String: Bucket]>([:])
    private static let maximumBuckets = 100_000

    /// Takes one request from `key`'s bucket under `policy`.
    func take(_ key: String, _ policy: Policy, now: ContinuousClock.Instant = .now) -> Decision {
        buckets.withLockedValue { buckets in
            var bucket = buckets[key] ?? Bucket(level: policy.burst, updated: now)
            let elapsed = bucket.updated.duration(to: now)
            let refill =
                (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
                * policy.perSecond
            bucket.level = min(policy.burst, bucket.level + refill)
            bucket.updated = now
            let allowed = bucket.level >= 1
            if allowed { bucket.level -= 1 }
            if buckets.count >= Self.maximumBuckets, buckets[key] == nil {
                // Full buckets carry no state worth keeping; drop them before growing further.
                buckets = buckets.filter { $0.value.level < policy.burst }
            }
            buckets[key] = bucket
            let wait = allowed ? 0 : Int(((1 - bucket.level) / policy.perSecond).rounded(.up))
            return Decision(
                allowed: allowed, remaining: Int(bucket.level), retryAfterSeconds: max(wait, allowed ? 0 : 1))
        }
    }
}
