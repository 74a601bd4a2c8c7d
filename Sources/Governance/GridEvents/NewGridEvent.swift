public import struct Foundation.UUID

/// A report (排查上报 / 群众反映) as received.
public struct NewGridEvent: Sendable, Hashable {
    /// Where it was found: a grid, micro-grid, community or village.
    public var areaId: UUID
    /// Source.
    public var source: GridEventSource
    /// Category code from the catalogue.
    public var category: String
    /// Risk level, required for hazards (EVT-2).
    public var riskLevel: String?
    /// What was found.
    public var description: String
    /// Where exactly.
    public var location: GridEventLocation
    /// A registered person who reported it.
    public var reporterPersonId: UUID?
    /// Or a name…
    public var reporterName: String?
    /// …and a phone (personal data: sealed, shown masked).
    public var reporterPhone: String?
    /// No reporter recorded (such reports are not rated: EVT-7).
    public var anonymous: Bool
    /// File ids of photos stored elsewhere.
    public var photoIds: [String]

    /// Creates the value.
    public init(
        areaId: UUID, source: GridEventSource, category: String, riskLevel: String?, description: String,
        location: GridEventLocation = GridEventLocation(), reporterPersonId: UUID? = nil, reporterName: String? = nil,
        reporterPhone: String? = nil, anonymous: Bool = false, photoIds: [String] = []
    ) {
        self.areaId = areaId
        self.source = source
        self.category = category
        self.riskLevel = riskLevel
        self.description = description
        self.location = location
        self.reporterPersonId = reporterPersonId
        self.reporterName = reporterName
        self.reporterPhone = reporterPhone
        self.anonymous = anonymous
        self.photoIds = photoIds
    }

    /// The risk levels of a hazard.
    public static let riskLevels: Set<String> = ["low", "medium", "high"]
    /// The coordinate systems a point may use.
    public static let coordinateSystems: Set<String> = ["wgs84", "gcj02"]

    /// Checks the report against its category: lengths, a hazard's risk level (EVT-2), a
    /// reporter or anonymity but not both, a point inside its ranges, photo ids.
    public func validate(category entry: GridEventCategory) throws(DomainError) {
        var validator = FieldValidator()
        validator.length("description", description, max: 2000)
        validator.notBlank("description", description)
        if entry.riskRequired, riskLevel == nil {  // EVT-2
            validator.fail(
                "riskLevel", "risk_level_required", zh: "安全隐患须填写风险等级（EVT-2）。",
                en: "A hazard needs a risk level (EVT-2).")
        }
        if let riskLevel, !Self.riskLevels.contains(riskLevel) {
            validator.fail("riskLevel", "invalid_value", zh: "风险等级无效。", en: "Not a risk level.")
        }
        validator.length("reporterName", reporterName, max: 50)
        validator.notBlank("reporterName", reporterName)
        if let reporterPhone, !PhoneNumber.isValid(reporterPhone) {
            validator.fail("reporterPhone", "invalid_format", zh: "电话格式不正确。", en: "Not a valid phone number.")
        }
        if anonymous, reporterPersonId != nil || reporterName != nil || reporterPhone != nil {
            validator.fail(
                "anonymous", "anonymous_with_reporter", zh: "匿名反映不能同时填写反映人。",
                en: "An anonymous report names no reporter.")
        }
        validator.length("location/unit", location.unit, max: 50)
        if let point = location.point {
            if !(-90...90).contains(point.latitude) || !point.latitude.isFinite {
                validator.fail("location/point/latitude", "out_of_range", zh: "纬度无效。", en: "Not a latitude.")
            }
            if !(-180...180).contains(point.longitude) || !point.longitude.isFinite {
                validator.fail("location/point/longitude", "out_of_range", zh: "经度无效。", en: "Not a longitude.")
            }
            if !Self.coordinateSystems.contains(point.system) {
                validator.fail(
                    "location/point/system", "invalid_value", zh: "坐标系须为 wgs84 或 gcj02。",
                    en: "The coordinate system is wgs84 or gcj02.")
            }
        }
        if photoIds.count > 9 {
            validator.fail("photoIds", "too_many", zh: "照片不能超过 9 张。", en: "At most 9 photos.")
        }
        for (index, photo) in photoIds.enumerated() {
            validator.length("photoIds/\(index)", photo, max: 100)
            if !photo.unicodeScalars.allSatisfy({
                ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
                    || "-_.:".unicodeScalars
                        .contains($0)
            }) {
                validator.fail(
                    "photoIds/\(index)", "invalid_format", zh: "照片编号只能包含字母、数字和 -_.:。",
                    en: "A photo id has letters, digits and -_.: only.")
            }
        }
        try validator.check()
    }

    /// A grid patrol's named reporter holds an active post on that grid (EVT-1).
    public static func checkPatrolReporter(holdsPost: Bool) throws(DomainError) {
        guard holdsPost else {
            throw DomainError(
                .unprocessable, code: "grid_event.reporter_not_grid_staff",
                message: LocalizedText(
                    zh: "网格排查上报人须在该网格有在岗的网格职务（EVT-1）。",
                    en: "A grid patrol's reporter holds an active post on that grid (EVT-1)."))
        }
    }

    /// An event is found in a grid, micro-grid, community or village; a grid patrol's in a grid
    /// or micro-grid (EVT-1: `grid_patrol` requires a grid).
    public func checkArea(_ kind: AreaKind) throws(DomainError) {
        guard [.community, .village, .grid, .microgrid].contains(kind) else {
            throw DomainError(
                .unprocessable, code: "grid_event.invalid_area",
                message: LocalizedText(
                    zh: "事件发生地须为社区（村）或网格。", en: "An event is found in a community, village or grid."))
        }
        if source == .gridPatrol, ![.grid, .microgrid].contains(kind) {
            throw DomainError(
                .unprocessable, code: "grid_event.patrol_needs_grid",
                message: LocalizedText(
                    zh: "网格排查上报须指明网格（EVT-1）。", en: "A grid patrol report names its grid (EVT-1)."))
        }
    }
}
