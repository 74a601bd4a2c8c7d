/// How long a connection waits for the server, and what happens when that time is up.
final class Wait {
    /// The instant the current wait ends.
    var until: ContinuousClock.Instant
    /// Called when `until` passes: a later instant to keep waiting, or nil to give up (`.timeout`).
    let extend: (() -> ContinuousClock.Instant?)?

    init(until: ContinuousClock.Instant, extend: (() -> ContinuousClock.Instant?)? = nil) {
        self.until = until
        self.extend = extend
    }
}
