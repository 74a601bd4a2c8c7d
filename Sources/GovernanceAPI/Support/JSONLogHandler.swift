import Foundation
import Governance
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
        var object: [String: JSONValue] = [
            "time": .string(Self.timestamp()),
            "level": .string(event.level.rawValue),
            "message": .string(event.message.description),
            "logger": .string(label),
        ]
        for (key, value) in metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 }) {
            object[key] = Self.plain(value)
        }
        var line = JSONValue.object(object).canonicalData
        line.append(0x0a)
        Self.lock.withLock { FileHandle.standardOutput.write(line) }
    }

    private static func plain(_ value: Logger.Metadata.Value) -> JSONValue {
        switch value {
        case .string(let text): .string(text)
        case .stringConvertible(let convertible): .string(convertible.description)
        case .array(let values): .array(values.map(plain))
        case .dictionary(let dictionary): .object(dictionary.mapValues(plain))
        }
    }

    private static func timestamp() -> String {
        GovernanceClock.system.now().ISO8601Format(.iso8601WithTimeZone(includingFractionalSeconds: true))
    }
}
