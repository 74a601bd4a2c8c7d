import CZlib
import NIOCore

/// A zlib deflate stream producing gzip (RFC 1952) or zlib-wrapped deflate (RFC 1950), fed
/// one buffer at a time so a response is compressed as it is written.
final class DeflateEncoder {
    /// The content codings offered.
    enum Coding: String {
        case gzip
        case deflate

        var windowBits: Int32 { self == .gzip ? 15 + 16 : 15 }
    }

    struct Failure: Error { let code: Int32 }

    private var stream = z_stream()
    private var finished = false

    init(_ coding: Coding, level: Int32 = 6) throws {
        let status = CZlibDeflateInit2(&stream, level, coding.windowBits)
        guard status == Z_OK else { throw Failure(code: status) }
    }

    deinit { deflateEnd(&stream) }

    /// Compresses `input`; with `finish` the stream's end is written too.
    func encode(_ input: ByteBuffer, finish: Bool) throws -> ByteBuffer {
        precondition(!finished, "the deflate stream has already ended")
        var output = ByteBuffer()
        var input = input
        try input.withUnsafeMutableReadableBytes { source in
            stream.next_in = source.baseAddress?.assumingMemoryBound(to: Bytef.self)
            stream.avail_in = uInt(source.count)
            while true {
                var status: Int32 = Z_OK
                let capacity = max(Int(deflateBound(&stream, uLong(stream.avail_in))), 1024)
                try output.writeWithUnsafeMutableBytes(minimumWritableBytes: capacity) { target in
                    stream.next_out = target.baseAddress?.assumingMemoryBound(to: Bytef.self)
                    stream.avail_out = uInt(target.count)
                    status = deflate(&stream, finish ? Z_FINISH : Z_NO_FLUSH)
                    // Z_BUF_ERROR only says no progress was possible: not an error here.
                    guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR else {
                        throw Failure(code: status)
                    }
                    return target.count - Int(stream.avail_out)
                }
                if finish {
                    if status == Z_STREAM_END { break }
                } else if stream.avail_in == 0 && stream.avail_out > 0 {
                    break
                }
            }
        }
        stream.next_in = nil
        if finish { finished = true }
        return output
    }
}
