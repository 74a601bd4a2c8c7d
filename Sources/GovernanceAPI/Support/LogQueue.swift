import Foundation
import Glibc
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
        /// The logger's own metadata, then the event's; merged only when written (an event key wins).
        let loggerMetadata: Logger.Metadata
        let metadata: Logger.Metadata?
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
    private var flushRequested = false

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
        // The writer wakes on its own every `drainInterval`; only a filling queue calls it early.
        if entries.count == capacity / 2 { condition.signal() }
    }

    /// Waits until every line queued so far has been written (tests, shutdown).
    public func flush(timeout: Duration = .seconds(2)) {
        let end = Date(timeIntervalSinceNow: Double(timeout.components.seconds))
        condition.lock()
        defer { condition.unlock() }
        flushRequested = true
        condition.broadcast()
        while !entries.isEmpty || writing {
            guard condition.wait(until: end) else { return }
        }
    }

    /// How often the writer drains the queue: lines leave in batches, one write each, and no
    /// request pays for waking the writer.
    static let drainInterval: TimeInterval = 0.05

    private func drain() {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(1 << 16)
        while true {
            condition.lock()
            if entries.count < capacity / 2, !flushRequested {
                _ = condition.wait(until: Date(timeIntervalSinceNow: Self.drainInterval))
            }
            flushRequested = false
            let batch = entries
            entries.removeAll(keepingCapacity: true)
            writing = !batch.isEmpty
            condition.unlock()
            guard !batch.isEmpty else { continue }
            bytes.removeAll(keepingCapacity: true)
            for entry in batch { Self.appendLine(entry, to: &bytes) }
            write(Data(bytes))
            condition.lock()
            writing = false
            condition.broadcast()
            condition.unlock()
        }
    }

    /// One JSON object and a newline: time, level, message, logger, then the metadata.
    /// Written byte by byte: at the default level there is one line per request.
    static func appendLine(_ entry: Entry, to bytes: inout [UInt8]) {
        bytes.append(contentsOf: #"{"time":""#.utf8)
        appendTimestamp(entry.time, to: &bytes)
        bytes.append(contentsOf: #"","level":"#.utf8)
        appendString(entry.level.rawValue, to: &bytes)
        bytes.append(contentsOf: #","message":"#.utf8)
        appendString(entry.message, to: &bytes)
        bytes.append(contentsOf: #","logger":"#.utf8)
        appendString(entry.label, to: &bytes)
        for (key, value) in entry.loggerMetadata where entry.metadata?[key] == nil {
            appendField(key, value, to: &bytes)
        }
        for (key, value) in entry.metadata ?? [:] { appendField(key, value, to: &bytes) }
        bytes.append(contentsOf: "}\n".utf8)
    }

    private static func appendField(_ key: String, _ value: Logger.Metadata.Value, to bytes: inout [UInt8]) {
        switch key {
        case "time", "level", "message", "logger": return
        default: break
        }
        bytes.append(UInt8(ascii: ","))
        appendString(key, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        switch value {
        case .string(let text): appendString(text, to: &bytes)
        case .stringConvertible(let convertible): appendString(convertible.description, to: &bytes)
        default: bytes.append(contentsOf: plain(value).canonicalData)
        }
    }

    /// A JSON string: quotes, backslashes and control characters escaped, the rest as UTF-8.
    static func appendString(_ text: String, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) {
            bytes.append(contentsOf: text.utf8)
            bytes.append(UInt8(ascii: "\""))
            return
        }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): bytes.append(contentsOf: #"\\"#.utf8)
            case UInt8(ascii: "\n"): bytes.append(contentsOf: #"\n"#.utf8)
            case UInt8(ascii: "\r"): bytes.append(contentsOf: #"\r"#.utf8)
            case UInt8(ascii: "\t"): bytes.append(contentsOf: #"\t"#.utf8)
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: #"\u00"#.utf8)
                bytes.append(hex[Int(byte >> 4)])
                bytes.append(hex[Int(byte & 0xf)])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// `2026-11-30T08:00:00.123Z`, in UTC.
    static func appendTimestamp(_ date: Date, to bytes: inout [UInt8]) {
        let interval = date.timeIntervalSince1970
        var seconds = time_t(interval.rounded(.down))
        let milliseconds = min(Int((interval - Double(seconds)) * 1000), 999)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func digits(_ value: Int, _ count: Int) {
            var divisor = 1
            for _ in 1..<count { divisor *= 10 }
            var rest = value
            while divisor > 0 {
                bytes.append(UInt8(ascii: "0") + UInt8(rest / divisor))
                rest %= divisor
                divisor /= 10
            }
        }
        digits(Int(parts.tm_year) + 1900, 4)
        bytes.append(UInt8(ascii: "-"))
        digits(Int(parts.tm_mon) + 1, 2)
        bytes.append(UInt8(ascii: "-"))
        digits(Int(parts.tm_mday), 2)
        bytes.append(UInt8(ascii: "T"))
        digits(Int(parts.tm_hour), 2)
        bytes.append(UInt8(ascii: ":"))
        digits(Int(parts.tm_min), 2)
        bytes.append(UInt8(ascii: ":"))
        digits(Int(parts.tm_sec), 2)
        bytes.append(UInt8(ascii: "."))
        digits(milliseconds, 3)
        bytes.append(UInt8(ascii: "Z"))
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
