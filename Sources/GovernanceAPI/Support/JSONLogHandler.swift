import Foundation
import Governance
public import Logging

/// Writes one JSON object per line to standard output: time, level, message, label and
/// metadata, through `LogQueue` so that no request waits for the write.
public struct JSONLogHandler: LogHandler {
    private let label: String
    private let queue: LogQueue
    /// The minimum level written.
    public var logLevel: Logger.Level
    /// Metadata added to every line of this logger.
    public var metadata: Logger.Metadata = [:]

    /// Creates a handler for `label` at `level`.
    public init(label: String, level: Logger.Level = .info) {
        self.init(label: label, level: level, queue: .shared)
    }

    init(label: String, level: Logger.Level, queue: LogQueue) {
        self.label = label
        self.logLevel = level
        self.queue = queue
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        queue.enqueue(
            LogQueue.Entry(
                time: GovernanceClock.system.now(), level: event.level, message: event.message.description,
                label: label, loggerMetadata: metadata, metadata: event.metadata))
    }
}
