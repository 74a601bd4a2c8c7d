public import struct Foundation.UUID

/// The consultation, disclosure and convention figures of an area (the statistics;
/// the metric catalogue of §4 lists the same names).
public struct ConsultationStatistics: Sendable, Hashable {
    /// The area.
    public let areaId: UUID
    /// Topics by state.
    public let topicsByStatus: [String: Int]
    /// Topics by the planned form.
    public let topicsByForm: [String: Int]
    /// Community-quarters of this year, ended, in which general affairs were due (DIS-3).
    public let quartersDue: Int
    /// Those covered by a publication.
    public let quartersCovered: Int
    /// Convention versions adopted.
    public let conventionsAdopted: Int
    /// Of those, filed (CNV-6).
    public let conventionsFiled: Int

    /// Creates the value.
    public init(
        areaId: UUID, topicsByStatus: [String: Int], topicsByForm: [String: Int], quartersDue: Int,
        quartersCovered: Int, conventionsAdopted: Int, conventionsFiled: Int
    ) {
        self.areaId = areaId
        self.topicsByStatus = topicsByStatus
        self.topicsByForm = topicsByForm
        self.quartersDue = quartersDue
        self.quartersCovered = quartersCovered
        self.conventionsAdopted = conventionsAdopted
        self.conventionsFiled = conventionsFiled
    }

    /// Topics whose result went into implementation ÷ topics whose result was published or
    /// decided on; nil when none was.
    public var shareImplemented: Double? {
        let implementing = ConsultationStatus.allCases.filter(\.isImplementing).reduce(0) {
            $0 + (topicsByStatus[$1.rawValue] ?? 0)
        }
        let decided =
            implementing
            + [ConsultationStatus.resultPublished, .closedNotAdopted].reduce(0) {
                $0 + (topicsByStatus[$1.rawValue] ?? 0)
            }
        return decided == 0 ? nil : Double(implementing) / Double(decided)
    }

    /// `quartersCovered ÷ quartersDue` (the `disclosure_timeliness` statistic).
    public var disclosureTimeliness: Double? {
        quartersDue == 0 ? nil : Double(quartersCovered) / Double(quartersDue)
    }
}
