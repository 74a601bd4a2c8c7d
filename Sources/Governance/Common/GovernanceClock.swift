public import struct Foundation.Date

/// The one source of the current time: services, the store and the edge read it, and tests
/// replace it. Nothing else calls `Date()`.
public struct GovernanceClock: Sendable {
    /// The current instant.
    public let now: @Sendable () -> Date

    /// A clock reading `now`.
    public init(now: @escaping @Sendable () -> Date) { self.now = now }

    /// The system's wall clock.
    public static let system = GovernanceClock { Date() }

    /// A clock stopped at `instant`, for tests and replays.
    public static func fixed(_ instant: Date) -> GovernanceClock { GovernanceClock { instant } }

    /// Today in China Standard Time, the day every act and deadline of the rules is dated by.
    public var today: CalendarDay { CalendarDay.today(now: now()) }

    /// Whole seconds until the next midnight in China Standard Time, at least 1: when a daily
    /// quota renews.
    public func secondsToNextDay() -> Int {
        let local = Int(now().timeIntervalSince1970.rounded(.down)) + 8 * 3600
        return 86_400 - ((local % 86_400) + 86_400) % 86_400
    }
}
