public import struct Foundation.Date
public import struct Foundation.UUID

/// A published version of a year's admitted lists of a district or the city (ADM-1): the
/// statutory-duty and assistance items admitted for its area and running in that year.
public struct AdmissionListVersion: Sendable, Hashable {
    /// Id.
    public let id: UUID
    /// The issuing district or city.
    public let areaId: UUID
    /// The year the lists cover.
    public let year: Int
    /// 1, 2, … per area and year.
    public let version: Int
    /// The server's day of publication.
    public let publishedOn: CalendarDay
    /// The items it lists, with their category.
    public let items: [(applicationId: UUID, category: AdmissionCategory)]

    /// Creates the value.
    public init(
        id: UUID, areaId: UUID, year: Int, version: Int, publishedOn: CalendarDay,
        items: [(applicationId: UUID, category: AdmissionCategory)]
    ) {
        self.id = id
        self.areaId = areaId
        self.year = year
        self.version = version
        self.publishedOn = publishedOn
        self.items = items
    }

    /// Equal when the ids are (a version never changes once published).
    public static func == (lhs: AdmissionListVersion, rhs: AdmissionListVersion) -> Bool { lhs.id == rhs.id }

    /// Hashes the id.
    public func hash(into hasher: inout Hasher) { hasher.combine(id) }

    /// ADM-1: municipal and county (district) governments set the lists, so only a token of a
    /// district or the city publishes one (403), for a district or the city (422); a year from
    /// last year to next year (published for the year ahead, or corrected for the one that ran).
    public static func checkPublication(publisherScope: AreaKind, issuer: AreaKind, year: Int, today: CalendarDay)
        throws(DomainError)
    {
        guard publisherScope == .district || publisherScope == .city else {
            throw DomainError(
                .forbidden, code: "admission.list_publisher_level",
                message: LocalizedText(
                    zh: "准入清单由市、县（区）发布，街道、社区令牌不能发布（ADM-1）。",
                    en: "Only a district's or the city's token publishes the admitted lists (ADM-1)."))
        }
        guard issuer == .district || issuer == .city else {
            throw DomainError(
                .unprocessable, code: "admission.list_issuer_level",
                message: LocalizedText(
                    zh: "准入清单由市、县（区）人民政府制定（ADM-1）。",
                    en: "The admitted lists are set by the city or a district government (ADM-1)."))
        }
        var validator = FieldValidator()
        validator.range("year", year, (today.year - 1)...(today.year + 1))
        try validator.check()
    }
}
