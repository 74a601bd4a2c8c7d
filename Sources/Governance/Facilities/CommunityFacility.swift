public import Foundation

/// A community's or village's service premises and basic operating funds for one year: the facts
/// behind `facility_area_per_100_households`, `office_service_area` and
/// `community_operating_funds` (domain-rules.md §4; seed 001 §四(一), §六(二); seed 003 §三(三)).
public struct CommunityFacility: Sendable, Hashable {
    /// The record.
    public let id: UUID
    /// The community or village.
    public let areaId: UUID
    /// The year.
    public let year: Int
    /// Office and service premises, m².
    public let serviceAreaM2: Int
    /// The part of them used for public services, m².
    public let publicServiceAreaM2: Int
    /// The year's basic operating funds, yuan.
    public let operatingFundsYuan: Int
    /// A remark.
    public let note: String?
    /// Optimistic-concurrency version.
    public let version: Int
    /// When it was last written.
    public let updatedAt: Date

    /// Creates a record.
    public init(
        id: UUID, areaId: UUID, year: Int, serviceAreaM2: Int, publicServiceAreaM2: Int, operatingFundsYuan: Int,
        note: String?, version: Int, updatedAt: Date
    ) {
        self.id = id
        self.areaId = areaId
        self.year = year
        self.serviceAreaM2 = serviceAreaM2
        self.publicServiceAreaM2 = publicServiceAreaM2
        self.operatingFundsYuan = operatingFundsYuan
        self.note = note
        self.version = version
        self.updatedAt = updatedAt
    }
}

/// What a client states for one community and year.
public struct CommunityFacilityFacts: Sendable, Hashable {
    /// The year.
    public let year: Int
    /// Office and service premises, m².
    public let serviceAreaM2: Int
    /// The part used for public services, m².
    public let publicServiceAreaM2: Int
    /// The year's basic operating funds, yuan.
    public let operatingFundsYuan: Int
    /// A remark.
    public let note: String?

    /// The largest premises and funds accepted: beyond them a figure is a typing error.
    public static let maxAreaM2 = 1_000_000
    /// The largest yearly funds accepted, yuan.
    public static let maxFundsYuan = 1_000_000_000_000

    /// Creates the facts.
    public init(year: Int, serviceAreaM2: Int, publicServiceAreaM2: Int, operatingFundsYuan: Int, note: String?) {
        self.year = year
        self.serviceAreaM2 = serviceAreaM2
        self.publicServiceAreaM2 = publicServiceAreaM2
        self.operatingFundsYuan = operatingFundsYuan
        self.note = note
    }

    /// Checks the figures: within range, the public part inside the whole, no year after this one.
    public func validate(today: CalendarDay) throws(DomainError) {
        var validator = FieldValidator()
        if !(2000...today.year).contains(year) {
            validator.fail(
                "year", "out_of_range", zh: "年度须在 2000 年至今年之间。", en: "The year lies between 2000 and this year.")
        }
        if !(0...Self.maxAreaM2).contains(serviceAreaM2) {
            validator.fail(
                "serviceAreaM2", "out_of_range", zh: "面积须在 0 到 1000000 平方米之间。",
                en: "Must be between 0 and 1,000,000 m².")
        }
        if !(0...Self.maxAreaM2).contains(publicServiceAreaM2) {
            validator.fail(
                "publicServiceAreaM2", "out_of_range", zh: "面积须在 0 到 1000000 平方米之间。",
                en: "Must be between 0 and 1,000,000 m².")
        } else if publicServiceAreaM2 > serviceAreaM2 {
            validator.fail(
                "publicServiceAreaM2", "exceeds_service_area", zh: "公共服务面积不能大于办公服务用房总面积。",
                en: "The public-service part cannot exceed the premises.")
        }
        if !(0...Self.maxFundsYuan).contains(operatingFundsYuan) {
            validator.fail(
                "operatingFundsYuan", "out_of_range", zh: "经费须在 0 到 1 万亿元之间。",
                en: "Must be between 0 and 1,000,000,000,000 yuan.")
        }
        if let note, note.count > 500 {
            validator.fail("note", "too_long", zh: "备注不超过 500 字。", en: "At most 500 characters.")
        }
        try validator.check()
    }
}
