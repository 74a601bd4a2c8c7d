import Governance
import GovernanceStore
import Logging
import ServiceLifecycle

/// Once an hour: deletes idempotency records older than 48 hours (keys are promised for 24 h)
/// and changes older than the feed's retention (the root city's `changeRetentionDays`), and closes resolved
/// grid events nobody rated within `GridEvent.ratingDays` (EVT-7), and folds the statistics'
/// rollup deltas.
struct HousekeepingService: Service {
    let idempotency: IdempotencyStore
    let changes: ChangeLogRepository
    let events: GridEventRepository
    let statistics: StatisticsRepository
    let logger: Logger

    func run() async throws {
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            do {
                let purged = try await idempotency.purge(deadline: .now.advanced(by: .seconds(30)))
                if purged > 0 { logger.info("purged idempotency records", metadata: ["count": "\(purged)"]) }
                let expired = try await changes.purge(deadline: .now.advanced(by: .seconds(60)))
                if expired > 0 { logger.info("purged expired changes", metadata: ["count": "\(expired)"]) }
                let unrated = try await events.closeUnrated(
                    olderThanDays: GridEvent.ratingDays, deadline: .now.advanced(by: .seconds(60)))
                if unrated > 0 { logger.info("closed unrated grid events", metadata: ["count": "\(unrated)"]) }
                let folded = try await statistics.compactRollups(deadline: .now.advanced(by: .seconds(60)))
                if folded > 0 { logger.info("folded statistics rollup deltas", metadata: ["count": "\(folded)"]) }
            } catch {
                // The database may be down for a while; the next round tries again.
                logger.warning("housekeeping failed", metadata: ["error": "\(error)"])
            }
            _ = try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(3600)) }
        }
    }
}
