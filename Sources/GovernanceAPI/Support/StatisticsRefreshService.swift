import Foundation
import Governance
import GovernanceStore
import Logging

/// Every few seconds: recomputes the per-community facts of the statistics that were written
/// since, or not yet computed for today (migration 0038). Until it has, figures count those
/// communities from the sources, so a slow or failed round costs speed, never exactness. Nodes
/// take turns through an advisory lock.
struct StatisticsRefreshService: PeriodicService {
    let statistics: StatisticsRepository
    let interval: Duration
    let logger: Logger

    func round() async throws {
        let started = ContinuousClock.now
        let recomputed = try await statistics.refreshCommunityFacts(
            today: CalendarDay.today(now: Date()), deadline: .now.advanced(by: .seconds(300)))
        if recomputed > 0 {
            logger.debug(
                "recomputed community statistics",
                metadata: ["count": "\(recomputed)", "elapsed": "\(ContinuousClock.now - started)"])
        }
    }
}
