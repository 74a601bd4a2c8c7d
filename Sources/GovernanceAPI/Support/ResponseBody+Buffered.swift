import Hummingbird
import NIOConcurrencyHelpers
import NIOCore

extension ResponseBody {
    /// The body gathered into one buffer, so the server writes head and body in one syscall.
    ///
    /// The OpenAPI transport hands Hummingbird a streaming body, which it writes as head, body
    /// and end separately; small JSON answers are faster gathered first.
    consuming func buffered() async throws -> ResponseBody {
        ResponseBody(byteBuffer: try await collected())
    }

    /// The body's bytes, gathered.
    consuming func collected() async throws -> ByteBuffer {
        let collector = Collector()
        try await write(collector)
        return collector.buffer.withLockedValue { $0 }
    }

    private final class Collector: ResponseBodyWriter, Sendable {
        let buffer = NIOLockedValueBox(ByteBuffer())

        func write(_ part: ByteBuffer) async throws {
            buffer.withLockedValue { buffer in
                var part = part
                buffer.writeBuffer(&part)
            }
        }

        func finish(_ trailingHeaders: HTTPFields?) async throws {}
    }
}
