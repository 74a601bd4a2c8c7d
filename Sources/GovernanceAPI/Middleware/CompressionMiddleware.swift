import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// gzip or deflate for response bodies over 1 KiB when the client accepts it: mobile back ends
/// on slow networks read lists of a hundred people in a fraction of the bytes.
///
/// Bodies are compressed as they are written, so a streamed body stays streamed. Answers that
/// carry a secret beside text the caller controls are never compressed (BREACH-style length
/// side channels): token issuance and the reveals of personal data. A compressed answer's
/// `ETag` becomes weak, as its bytes differ from the identity encoding's.
struct CompressionMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    /// Smaller bodies gain less than the header costs.
    static let minimumBytes = 1024
    /// Operations whose answers hold secrets.
    static let neverCompressed: Set<String> = ["createToken", "revealPersonalData", "revealMediationPartyPhone"]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var response = try await next(request, context)
        guard response.status != .noContent, response.status != .notModified,
            response.headers[.contentEncoding] == nil,
            !Self.neverCompressed.contains(context.state.operationID ?? "")
        else { return response }
        if let length = response.body.contentLength, length < Self.minimumBytes { return response }
        response.headers.append(.init(name: .vary, value: "Accept-Encoding"))
        guard let coding = Self.preferredCoding(request.headers[values: .acceptEncoding]) else { return response }

        response.headers[.contentEncoding] = coding.rawValue
        response.headers[.contentLength] = nil
        if let tag = response.headers[.eTag], !tag.hasPrefix("W/") { response.headers[.eTag] = "W/" + tag }
        let body = response.body
        if body.contentLength != nil {
            // Already whole: one pass, and the length is known again.
            let encoder = try DeflateEncoder(coding)
            let compressed = try encoder.encode(try await body.collected(), finish: true)
            response.body = ResponseBody(byteBuffer: compressed)
        } else {
            response.body = ResponseBody { writer in
                try await body.write(CompressingWriter(parent: writer, encoder: try DeflateEncoder(coding)))
            }
        }
        return response
    }

    /// The coding to use for an `Accept-Encoding` (RFC 9110 §12.5.3): gzip before deflate, and
    /// neither when refused with `q=0`.
    static func preferredCoding(_ values: [String]) -> DeflateEncoder.Coding? {
        var accepted: [String: Double] = [:]
        for value in values {
            for item in value.split(separator: ",") {
                let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
                guard let coding = parts.first, !coding.isEmpty else { continue }
                var quality = 1.0
                for parameter in parts.dropFirst() where parameter.hasPrefix("q=") {
                    quality = Double(parameter.dropFirst(2)) ?? 0
                }
                accepted[coding] = quality
            }
        }
        for coding in [DeflateEncoder.Coding.gzip, .deflate] {
            if let quality = accepted[coding.rawValue] ?? accepted["*"], quality > 0 { return coding }
        }
        return nil
    }
}

/// Compresses every buffer on its way to the connection.
private struct CompressingWriter: ResponseBodyWriter {
    var parent: any ResponseBodyWriter
    let encoder: DeflateEncoder

    mutating func write(_ buffer: ByteBuffer) async throws {
        let compressed = try encoder.encode(buffer, finish: false)
        if compressed.readableBytes > 0 { try await parent.write(compressed) }
    }

    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {
        var parent = self.parent
        try await parent.write(try encoder.encode(ByteBuffer(), finish: true))
        try await parent.finish(trailingHeaders)
    }
}
