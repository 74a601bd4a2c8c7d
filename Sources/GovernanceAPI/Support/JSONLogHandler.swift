import Foundation
public import Logging
import NIOConcurrencyHelpers

/// Writes one JSON object per line to standard output: time, level, message, label and metadata.
public struct JSONLogHandler: LogHandler {
    private static let lock = NIOLock()
    private let label: String
    /// The minimum level written.
    public var logLevel: Logger.Level
    /// Metadata added to every line of this logger.
    public var metadata: Logger.Metadata = [:]

    /// Creates a handler for `label` at `level`.
    public init(label: String, level: Logger.Level = .info) {
        self.label = label
        self.logLevel = level
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var object: [String: Any] = [
            "time": Self.timestamp(),
            "level": event.level.rawValue,
            "message": event.message.description,
            "logger": label,
        ]
        for (key, value) in metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 }) {
            object[key] = Self.plain(value)
        }
        guard var line = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) else { return }
        line.append(0x0a)
        Self.lock.withLock { FileHandle.standardOutput.write(line) }
    }

    private static func plain(_ value: Logger.Metadata.Value) -> Any {
        switch value {
        case .string(let text): text
        case .stringConvertible(let convertible): convertible.description
        case .array(let values): values.map(plain)
        case .dictionary(let dictionary): dictionary.mapValues(plain)
        }
    }

    private static func timestamp() -> String {
        Date().ISO8601Format(.iso8601WithTimeZone(includingFractionalSeconds: true))
    }
}
