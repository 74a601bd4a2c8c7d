import HTTPTypes
import OpenAPIRuntime

/// Writes the `ETag` and `Location` a handler set in the request state, verbatim.
///
/// The generated code serialises header parameters URI-style, so a strong ETag `"3"` would
/// leave as `%223%22`. It sits inside `WriteTransactionMiddleware`, so idempotent replays
/// store and replay these headers too.
struct ResponseHeadersMiddleware: ServerMiddleware {
    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, metadata: ServerRequestMetadata, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        var (response, responseBody) = try await next(request, body, metadata)
        let state = RequestState.current
        for (name, value) in state?.responseHeaders ?? [:] {
            if let field = HTTPField.Name(name) { response.headerFields[field] = value }
        }
        if let rateLimit = state?.rateLimit {
            response.headerFields[.rateLimitPolicy] = rateLimit.policy
            response.headerFields[.rateLimit] = rateLimit.state
        }
        return (response, responseBody)
    }
}

extension HTTPField.Name {
    /// `RateLimit-Policy` (IETF httpapi ratelimit-headers draft).
    static let rateLimitPolicy = HTTPField.Name("RateLimit-Policy")!
    /// `RateLimit` (IETF httpapi ratelimit-headers draft).
    static let rateLimit = HTTPField.Name("RateLimit")!
}
