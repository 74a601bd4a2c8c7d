import Foundation
import Governance
import HTTPTypes
import OpenAPIRuntime

/// Authenticates the bearer token, applies the rate limits and the permission table before any
/// handler runs.
///
/// Missing or invalid token: 401 with `WWW-Authenticate: Bearer`, and 429 once the client
/// address has failed `authFailuresPerMinute` times (guessing is slowed down, not just logged).
/// Per client address and per token, token buckets answer 429 with `Retry-After` beyond their
/// rate; every limited answer carries `RateLimit-Policy` and `RateLimit` (IETF httpapi draft).
/// Role without the permission: 403. Scope is not decided here: it is part of every query.
struct AuthenticationMiddleware: ServerMiddleware {
    let authenticator: Authenticator
    let perAddress: RateLimiter<String>?
    let perToken: RateLimiter<UUID>?
    let authFailures: RateLimiter<String>

    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, metadata: ServerRequestMetadata, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        guard case .roles(let roles) = OperationPermissions.access(for: operationID) else {
            return try await next(request, body, metadata)
        }
        let state = RequestState.current ?? RequestState()
        if let perAddress, !state.continuingExport { try admit(state.clientAddress, perAddress, state: state) }
        var authorization = request.headerFields[.authorization]
        var body = body
        if authorization == nil, Self.formKeyOperations.contains(operationID), let form = body {
            // Open311 clients send their key as the form's `api_key`: read the form once (the
            // body limit has already bounded it), take the key, and hand the same bytes on.
            let bytes = try await Data(collecting: form, upTo: .max)
            authorization = Self.formAPIKey(bytes).map { "Bearer \($0)" }
            body = HTTPBody(bytes)
        }
        guard
            let principal = try await authenticator.principal(
                authorization: authorization, deadline: state.deadline)
        else {
            try admit(state.clientAddress, authFailures, state: state)
            throw DomainError(
                .unauthenticated, code: "auth.invalid_token",
                message: LocalizedText(
                    zh: "缺少有效的访问令牌，或令牌已过期、已吊销。", en: "A valid bearer token is required; it may be expired or revoked."))
        }
        state.principal = principal
        if let perToken, !state.continuingExport { try admit(principal.tokenId, perToken, state: state) }
        guard roles.contains(principal.role) else {
            throw DomainError(
                .forbidden, code: "auth.forbidden",
                message: LocalizedText(zh: "当前角色无权执行此操作。", en: "This token's role may not perform this operation."))
        }
        return try await next(request, body, metadata)
    }

    /// Operations whose clients may send their token as the form field `api_key` (Open311).
    static let formKeyOperations: Set<String> = ["createOpen311Request"]

    /// The `api_key` of an `application/x-www-form-urlencoded` body, if any.
    static func formAPIKey(_ bytes: Data) -> String? {
        for pair in String(decoding: bytes, as: UTF8.self).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, parts[0] == "api_key" else { continue }
            return String(parts[1]).replacingOccurrences(of: "+", with: " ").removingPercentEncoding
        }
        return nil
    }

    /// Takes one request from `key`'s bucket: the remaining quota goes on the response, an
    /// empty bucket is 429.
    private func admit<Key>(_ key: Key, _ limiter: RateLimiter<Key>, state: RequestState) throws {
        let decision = limiter.take(key)
        state.rateLimit = (limiter.policy.header, limiter.policy.state(decision))
        guard decision.allowed else {
            throw DomainError(
                .tooManyRequests(retryAfterSeconds: decision.retryAfterSeconds), code: "rate_limit.exceeded",
                message: LocalizedText(
                    zh: "请求过于频繁，请在 Retry-After 秒后重试。", en: "Too many requests; retry after Retry-After seconds."))
        }
    }
}
