/// Figures of the mediation cases arising in an area subtree, without personal data.
public struct MediationStatistics: Sendable, Hashable {
    /// Cases received.
    public var total = 0
    /// Cases by status.
    public var byStatus: [String: Int] = [:]
    /// Cases by category.
    public var byCategory: [String: Int] = [:]
    /// Cases by handling level.
    public var byLevel: [String: Int] = [:]
    /// Cases by source.
    public var bySource: [String: Int] = [:]
    /// Cases concluded (agreement, failure, withdrawal or refusal dated).
    public var concluded = 0
    /// Cases that reached an agreement.
    public var agreements = 0
    /// Open cases past their deadline on the day of the query (MED-17).
    public var overdue = 0
    /// Cases ever escalated.
    public var escalated = 0
    /// Cases whose agreement a follow-up found performed.
    public var performed = 0
    /// Median days from receipt to conclusion, over concluded cases.
    public var medianDaysToConclude: Double?

    /// Empty figures.
    public init() {}

    /// Agreements per concluded case; `nil` before any case concluded.
    public var successRate: Double? { concluded == 0 ? nil : Double(agreements) / Double(concluded) }

    /// Escalated cases per case; `nil` without cases.
    public var escalationRate: Double? { total == 0 ? nil : Double(escalated) / Double(total) }
}
