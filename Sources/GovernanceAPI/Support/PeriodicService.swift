import Logging
import ServiceLifecycle

/// A background service that does one round of work every `interval` until the application
/// shuts down. A failed round is logged and the next one tries again: the database may be down
/// for a while, and nothing a round does is owed to a waiting client.
protocol PeriodicService: Service {
    /// The pause between rounds.
    var interval: Duration { get }
    /// Where a failed round is reported.
    var logger: Logger { get }
    /// One round.
    func round() async throws
}

extension PeriodicService {
    /// Rounds until graceful shutdown (a pause ends early when it begins).
    func run() async throws {
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            do {
                try await round()
            } catch {
                logger.warning("\(Self.self) round failed", metadata: ["error": "\(error)"])
            }
            _ = try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }
}
