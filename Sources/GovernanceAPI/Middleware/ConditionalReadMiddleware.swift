import Foundation
import Governance
import GovernanceStore
import HTTPTypes
import Hummingbird
import IdentifierText
import NIOCore

/// Conditional reads for clients that revalidate (RFC 9110 §13, RFC 9111): every successful
/// read of the contract carries an `ETag`, `If-None-Match` with a matching tag answers `304`
/// with no body, and `Cache-Control` tells shared caches to keep out.
///
/// The tag covers the bytes the caller would get: computed fields (a case's `overdue`, a
/// committee's compliance) change without a new version. An item keeps its version in front,
/// `"3.9f86d081…"`, so the same tag still works for `If-Match`; a list page gets a weak
/// `W/"9f86d081…"`. Reads of revealed personal data are `no-store`; other authenticated reads
/// `private, no-cache`; the public boards `public, no-cache`.
struct ConditionalReadMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    /// Answers that must not be stored anywhere.
    static let noStore: Set<String> = ["revealPersonalData", "revealMediationPartyPhone"]
    /// Operations endpoints: their answers are fresh by nature and stay `no-store`.
    static let untagged: Set<String> = ["getHealth", "getReadiness", "getMetrics"]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var response = try await next(request, context)
        guard request.method == .get, response.status == .ok, let operation = context.state.operationID,
            !Self.untagged.contains(operation)
        else { return response }
        if Self.noStore.contains(operation) {
            response.headers[.cacheControl] = "no-store"
            return response
        }
        let cacheControl =
            OperationPermissions.access(for: operation) == .anonymous ? "public, no-cache" : "private, no-cache"
        response.headers[.cacheControl] = cacheControl
        guard let length = response.body.contentLength, length <= RequestObservationMiddleware.bufferedBodyLimit else {
            return response
        }
        let body = try await response.body.collected()
        let tag = Self.tag(for: body, version: response.headers[.eTag])
        response.headers[.eTag] = tag
        if let condition = request.headers[.ifNoneMatch], Self.matches(condition, tag) {
            var headers: HTTPFields = [.eTag: tag, .cacheControl: cacheControl]
            for vary in response.headers[values: .vary] { headers.append(.init(name: .vary, value: vary)) }
            return Response(status: .notModified, headers: headers)
        }
        response.body = ResponseBody(byteBuffer: body)
        context.state.responseGathered = true
        return response
    }

    /// `"<version>.<digest>"` when the handler named a version, `W/"<digest>"` otherwise.
    static func tag(for body: ByteBuffer, version: String?) -> String {
        let digest = LowercaseHex.string(Crypto.sha256(Data(body.readableBytesView)).prefix(12))
        if let version, version.count >= 3, version.hasPrefix("\""), version.hasSuffix("\"") {
            return "\"\(version.dropFirst().dropLast()).\(digest)\""
        }
        return "W/\"\(digest)\""
    }

    /// Weak comparison (RFC 9110 §8.8.3.2) of an `If-None-Match` list with `tag`.
    static func matches(_ condition: String, _ tag: String) -> Bool {
        let opaque = { (value: Substring) -> Substring in
            let trimmed = value.trimmingCharacters(in: .whitespaces)
            return Substring(trimmed.hasPrefix("W/") ? String(trimmed.dropFirst(2)) : trimmed)
        }
        let wanted = opaque(Substring(tag))
        return condition.split(separator: ",").contains { candidate in
            let candidate = opaque(candidate)
            return candidate == "*" || candidate == wanted
        }
    }
}
