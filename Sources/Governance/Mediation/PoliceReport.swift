public import struct Foundation.Date

/// MED-10: a dispute that may turn into a public-security or criminal case is reported to the
/// police at once; the case records when and to whom.
public struct PoliceReport: Sendable, Hashable {
    /// When it was reported: an act done offline, stated by the client.
    public let reportedAt: Date
    /// The police station or department told.
    public let reportedTo: String

    /// Creates the value.
    public init(reportedAt: Date, reportedTo: String) {
        self.reportedAt = reportedAt
        self.reportedTo = reportedTo
    }

    /// Whether a case at `risk` needs one (high and critical do).
    public static func isRequired(for risk: MediationRisk) -> Bool { risk == .high || risk == .critical }
}
