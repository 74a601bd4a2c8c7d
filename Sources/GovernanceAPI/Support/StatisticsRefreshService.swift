import Foundation
import Governance
import GovernanceStore
import Logging
import ServiceLifecycle

/// Every few seconds: recomputes the per-community facts of the statistics that were written
/// since, or not yet computed for today (migration 0038). Until it has, figures count those
/// communities from the sources, so a slow or failed round costs speed, never exactness. Nodes
/// take turns through an advisory lock.
struct StatisticsRefreshService: Service {
    let statistics: StatisticsRepository
    let interval: Duration
    let logger: Logger

    func run() async throws {
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            do {
                let started = ContinuousClock.now
                let recomputed = try await statistics.refreshCommunityFacts(
                    today: CalendarDay.today(now: Date()), deadline: .now.advanced(by: .seconds(300)))
                if recomputed > 0 {
                    logger.debug(
                        "recomputed community statistics",
                        metadata: ["count": "\(recomputed)", "elapsed": "\(ContinuousClock.now - started)"])
                }
            } catch {
                // The database may be down or a replica read-only; the next round tries again.
                logger.warning("statistics refresh failed", metadata: ["error": "\(error)"])
            }
            _ = try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }
}
