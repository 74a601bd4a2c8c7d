import Foundation
import Governance
import Logging

/// Log lines on their way to standard output, written by a thread of their own.
///
/// A request only hands its event over; formatting and the write happen on the writer
/// thread. The queue is bounded: when the reader of standard output stalls, lines are
/// dropped and counted (`grassroots_log_lines_dropped` in `/metrics`), and requests go on.
public final class LogQueue: @unchecked Sendable {
    /// One event as the request handed it over, formatted later.
    struct Entry {
        let time: Date
        let level: Logger.Level
        let message: String
        let label: String
        let metadata: Logger.Metadata
    }

    /// The queue every `JSONLogHandler` writes to.
    public static let shared = LogQueue(capacity: 8192, write: { FileHandle.standardOutput.write($0) })

    private let capacity: Int
    private let write: @Sendable (Data) -> Void
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var entries: [Entry] = []
    private var droppedCount = 0
    private var writing = false

    /// A queue holding at most `capacity` lines, drained into `write`.
    init(capacity: Int, write: @escaping @Sendable (Data) -> Void) {
        self.capacity = capacity
        self.write = write
        entries.reserveCapacity(capacity)
        let thread = Thread { [self] in drain() }
        thread.name = "log-writer"
        thread.start()
    }

    /// Lines dropped because the queue was full.
    public var dropped: Int { condition.withLock { droppedCount } }

    /// Hands an event over without waiting; drops it when the queue is full.
    func enqueue(_ entry: Entry) {
        condition.lock()
        defer { condition.unlock() }
        guard entries.count < capacity else {
            droppedCount += 1
            return
        }
        entries.append(entry)
        if entries.count == 1 { condition.signal() }
    }

    /// Waits until every line queued so far has been written (tests, shutdown).
    public func flush(timeout: Duration = .seconds(2)) {
        let end = Date(timeIntervalSinceNow: Double(timeout.components.seconds))
        condition.lock()
        defer { condition.unlock() }
        while !entries.isEmpty || writing {
            guard condition.wait(until: end) else { return }
        }
    }

    private func drain() {
        while true {
            condition.lock()
            while entries.isEmpty { condition.wait() }
            let batch = entries
            entries.removeAll(keepingCapacity: true)
            writing = true
            condition.unlock()
            var bytes = Data()
            for entry in batch { bytes.append(Self.line(entry)) }
            write(bytes)
            condition.lock()
            writing = false
            condition.broadcast()
            condition.unlock()
        }
    }

    /// One JSON object and a newline: time, level, message, logger and the metadata.
    static func line(_ entry: Entry) -> Data {
        var object: [String: JSONValue] = [
            "time": .string(entry.time.ISO8601Format(.iso8601WithTimeZone(includingFractionalSeconds: true))),
            "level": .string(entry.level.rawValue),
            "message": .string(entry.message),
            "logger": .string(entry.label),
        ]
        for (key, value) in entry.metadata { object[key] = plain(value) }
        var line = JSONValue.object(object).canonicalData
        line.append(0x0a)
        return line
    }

    private static func plain(_ value: Logger.Metadata.Value) -> JSONValue {
        switch value {
        case .string(let text): .string(text)
        case .stringConvertible(let convertible): .string(convertible.description)
        case .array(let values): .array(values.map(plain))
        case .dictionary(let dictionary): .object(dictionary.mapValues(plain))
        }
    }
}
