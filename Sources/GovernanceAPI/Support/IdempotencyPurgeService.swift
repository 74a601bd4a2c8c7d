import GovernanceStore
import Logging
import ServiceLifecycle

/// Deletes idempotency records older than 48 hours, once an hour (keys are promised for 24 h).
struct IdempotencyPurgeService: Service {
    let idempotency: IdempotencyStore
    let logger: Logger

    func run() async throws {
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            do {
                let purged = try await idempotency.purge(deadline: .now.advanced(by: .seconds(30)))
                if purged > 0 { logger.info("purged idempotency records", metadata: ["count": "\(purged)"]) }
            } catch {
                // The database may be down for a while; the next round tries again.
                logger.warning("idempotency purge failed", metadata: ["error": "\(error)"])
            }
            _ = try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(3600)) }
        }
    }
}
