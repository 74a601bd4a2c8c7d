public import struct Foundation.UUID

/// An entry of the category catalogue: its default tier, time limit and responsible department.
/// The catalogue is data: the defaults ship with the schema, a city's admin replaces an entry
/// for that city. No seed gives a time limit in days, so every limit is configuration (c).
public struct GridEventCategory: Sendable, Hashable {
    /// The category's code (stable; the Open311 `service_code`).
    public let code: String
    /// Chinese name.
    public let nameZh: String
    /// English name.
    public let nameEn: String
    /// The tier an accepted event starts at unless the community chooses another (EVT-4).
    public let defaultTier: GridEventTier
    /// The handling time limit.
    public let timeLimitDays: Int
    /// Whether the limit counts calendar or working days.
    public let dayKind: DayKind
    /// The department responsible, when the city names one (the default dispatch target).
    public let departmentId: UUID?
    /// A hazard needs a risk level at report (EVT-2).
    public let riskRequired: Bool
    /// Public views show only category and status, never the text (Open311 `requests.json`).
    public let sensitive: Bool
    /// The city whose entry this is; `nil` for the default.
    public let cityPath: String?
    /// Version.
    public let version: Int

    /// Creates an entry.
    public init(
        code: String, nameZh: String, nameEn: String, defaultTier: GridEventTier, timeLimitDays: Int,
        dayKind: DayKind, departmentId: UUID?, riskRequired: Bool, sensitive: Bool, cityPath: String?, version: Int
    ) {
        self.code = code
        self.nameZh = nameZh
        self.nameEn = nameEn
        self.defaultTier = defaultTier
        self.timeLimitDays = timeLimitDays
        self.dayKind = dayKind
        self.departmentId = departmentId
        self.riskRequired = riskRequired
        self.sensitive = sensitive
        self.cityPath = cityPath
        self.version = version
    }

    /// The codes of the catalogue.
    public static let codes = [
        "environment_sanitation", "public_facilities", "property_management", "safety_hazard", "fire_safety",
        "illegal_construction", "neighbour_dispute", "vulnerable_resident_help", "other",
    ]

    /// The category whose events are disputes and convert into mediation cases by default.
    public static let dispute = "neighbour_dispute"

    /// Checks a city's replacement entry.
    public static func validate(nameZh: String, nameEn: String, timeLimitDays: Int) throws(DomainError) {
        var validator = FieldValidator()
        validator.length("nameZh", nameZh, max: 50)
        validator.notBlank("nameZh", nameZh)
        validator.length("nameEn", nameEn, max: 100)
        validator.notBlank("nameEn", nameEn)
        validator.range("timeLimitDays", timeLimitDays, 1...365)
        try validator.check()
    }

    /// Only an admin of the whole city edits its catalogue: the limits bind every street.
    public static func checkEditor(scopePath: String) throws(DomainError) {
        guard AreaPath.isCityWide(scopePath) else {
            throw DomainError(
                .forbidden, code: "grid_event.catalogue_level",
                message: LocalizedText(
                    zh: "事件分类目录由市级管理员维护。", en: "A city's event catalogue is edited by an admin of the city."))
        }
    }
}
