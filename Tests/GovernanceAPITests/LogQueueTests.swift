import Foundation
import Logging
import NIOConcurrencyHelpers
import Testing

@testable import GovernanceAPI

/// Log lines: valid JSON whatever the text, written off the request path, dropped and counted
/// (never waited for) when the reader falls behind.
@Suite struct LogQueueTests {
    @Test func aLineIsOneJSONObjectWithEveryFieldEscaped() throws {
        var bytes: [UInt8] = []
        let hostile = "quote \" backslash \\ newline \n tab \t bell \u{7} 中文"
        LogQueue.appendLine(
            LogQueue.Entry(
                time: Date(timeIntervalSince1970: 1_796_025_600.123_9), level: .info, message: hostile, label: "test",
                loggerMetadata: ["request_id": .string("r1"), "status": .string("overridden")],
                metadata: [
                    "route": .string(hostile), "status": .stringConvertible(201), "list": .array([.string("a")]),
                ]),
            to: &bytes)
        #expect(bytes.last == UInt8(ascii: "\n"))
        #expect(bytes.filter { $0 == UInt8(ascii: "\n") }.count == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        #expect(object["time"] as? String == "2026-11-30T08:00:00.123Z")
        #expect(object["level"] as? String == "info")
        #expect(object["message"] as? String == hostile)
        #expect(object["route"] as? String == hostile)
        #expect(object["status"] as? String == "201")
        #expect(object["list"] as? [String] == ["a"])
        #expect(object["request_id"] as? String == "r1")
    }

    @Test func aStalledReaderCostsDroppedLinesNotWaits() {
        let gate = NIOLockedValueBox(false)
        let written = NIOLockedValueBox(0)
        let queue = LogQueue(capacity: 8) { data in
            // The reader stalls until the gate opens.
            while !gate.withLockedValue({ $0 }) { usleep(1000) }
            written.withLockedValue { $0 += data.filter { $0 == UInt8(ascii: "\n") }.count }
        }
        let handler = JSONLogHandler(label: "test", level: .info, queue: queue)
        let logger = Logger(label: "test") { _ in handler }
        let started = ContinuousClock.now
        for number in 0..<1000 { logger.info("line \(number)") }
        #expect(started.duration(to: .now) < .seconds(1))
        #expect(queue.dropped > 900)
        gate.withLockedValue { $0 = true }
        queue.flush()
        #expect(written.withLockedValue { $0 } + queue.dropped == 1000)
    }
}

@Suite struct AccessLogSamplerTests {
    @Test func failuresAndSlowRequestsAlwaysGetALineAndTheRestOneInN() {
        let sampler = AccessLogSampler(oneIn: 10)
        let fast = Duration.milliseconds(3)
        #expect((0..<1000).filter { _ in sampler.shouldLog(status: 200, duration: fast) }.count == 100)
        #expect((0..<50).allSatisfy { _ in sampler.shouldLog(status: 404, duration: fast) })
        #expect((0..<50).allSatisfy { _ in sampler.shouldLog(status: 503, duration: fast) })
        #expect((0..<50).allSatisfy { _ in sampler.shouldLog(status: 200, duration: AccessLogSampler.slow) })
        let everything = AccessLogSampler(oneIn: 1)
        #expect((0..<50).allSatisfy { _ in everything.shouldLog(status: 200, duration: fast) })
    }
}
