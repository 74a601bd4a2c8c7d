public import struct Foundation.Date
public import struct Foundation.UUID

/// The filters of the public (Open311) list of events: no scope, no personal data.
public struct GridEventPublicFilter: Sendable, Hashable {
    /// The city's path; every city when `nil`.
    public var cityPath: String?
    /// Only these events.
    public var ids: [UUID]?
    /// Category.
    public var category: String?
    /// Reported at or after.
    public var from: Date
    /// Reported before.
    public var to: Date?
    /// Open (`true`) or ended (`false`) only.
    public var open: Bool?

    /// Creates the filter.
    public init(cityPath: String?, ids: [UUID]?, category: String?, from: Date, to: Date?, open: Bool?) {
        self.cityPath = cityPath
        self.ids = ids
        self.category = category
        self.from = from
        self.to = to
        self.open = open
    }

    /// Open311's default window: the last 90 days.
    public static let defaultWindowDays = 90
    /// At most this many requests in one answer (GeoReport v2 lets servers cap it).
    public static let maximumCount = 1000
}
