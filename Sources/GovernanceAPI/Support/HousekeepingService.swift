import Governance
import GovernanceStore
import Logging

/// Once an hour: deletes idempotency records older than 48 hours (keys are promised for 24 h)
/// and changes older than the feed's retention (the root city's `changeRetentionDays`), closes
/// resolved grid events nobody rated within `GridEvent.ratingDays` (EVT-7), and folds the
/// statistics' rollup deltas.
struct HousekeepingService: PeriodicService {
    let idempotency: IdempotencyStore
    let changes: ChangeLogRepository
    let events: GridEventRepository
    let statistics: StatisticsRepository
    let logger: Logger
    let interval = Duration.seconds(3600)

    func round() async throws {
        let purged = try await idempotency.purge(deadline: .now.advanced(by: .seconds(30)))
        if purged > 0 { logger.info("purged idempotency records", metadata: ["count": "\(purged)"]) }
        let expired = try await changes.purge(deadline: .now.advanced(by: .seconds(60)))
        if expired > 0 { logger.info("purged expired changes", metadata: ["count": "\(expired)"]) }
        let unrated = try await events.closeUnrated(
            olderThanDays: GridEvent.ratingDays, deadline: .now.advanced(by: .seconds(60)))
        if unrated > 0 { logger.info("closed unrated grid events", metadata: ["count": "\(unrated)"]) }
        let folded = try await statistics.compactRollups(deadline: .now.advanced(by: .seconds(60)))
        if folded > 0 { logger.info("folded statistics rollup deltas", metadata: ["count": "\(folded)"]) }
    }
}
