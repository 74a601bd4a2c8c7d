import NIOConcurrencyHelpers

/// Token buckets by key (a token, a client address): each holds up to `burst` requests and
/// refills at `perSecond`. In memory, per node: a cluster of N nodes allows N times the rate,
/// which the limits are sized for.
final class RateLimiter<Key: Hashable & Sendable>: Sendable {
    /// One limit: a bucket's size and refill rate, and its name in `RateLimit-Policy`.
    struct Policy: Sendable {
        let name: String
        let perSecond: Double
        let burst: Double
        /// `RateLimit-Policy` (IETF httpapi draft): the quota per window of `burst / perSecond` seconds.
        let header: String

        init(name: String, perSecond: Double, burst: Double) {
            self.name = name
            self.perSecond = perSecond
            self.burst = burst
            self.header = "\"\(name)\";q=\(Int(burst));w=\(max(Int((burst / perSecond).rounded(.up)), 1))"
        }

        /// `RateLimit` for a decision under this policy.
        func state(_ decision: Decision) -> String {
            "\"\(name)\";r=\(decision.remaining);t=\(decision.retryAfterSeconds)"
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

    let policy: Policy
    private let buckets = NIOLockedValueBox<[Key: Bucket]>([:])
    private let maximumBuckets = 100_000

    /// A limiter applying `policy` to every key.
    init(_ policy: Policy) { self.policy = policy }

    /// Takes one request from `key`'s bucket.
    func take(_ key: Key, now: ContinuousClock.Instant = .now) -> Decision {
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
            if buckets.count >= self.maximumBuckets, buckets[key] == nil {
                // A bucket idle for a whole refill window is full again and carries no state
                // worth keeping: drop those before growing further.
                let window = Duration.seconds(self.policy.burst / self.policy.perSecond)
                buckets = buckets.filter { $0.value.updated.duration(to: now) < window }
            }
            buckets[key] = bucket
            let wait = allowed ? 0 : Int(((1 - bucket.level) / policy.perSecond).rounded(.up))
            return Decision(
                allowed: allowed, remaining: Int(bucket.level), retryAfterSeconds: max(wait, allowed ? 0 : 1))
        }
    }
}
