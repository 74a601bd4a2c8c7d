import HTTPTypes
import Hummingbird

/// Cross-origin access for browser front ends on other origins (Fetch standard, CORS).
///
/// Origins are an allow-list of exact matches (`CORS_ALLOWED_ORIGINS`); there is no wildcard,
/// and no credentials mode: callers authenticate with a bearer token, never cookies. A
/// preflight for a path the contract serves answers 204 with the methods of that path (the
/// route table); a request from any other origin gets no CORS headers and is otherwise
/// handled as usual. It is the outermost middleware, so problems carry the headers too and a
/// front end can read their text.
struct CORSMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let allowedOrigins: Set<String>
    let routes: RouteTable

    /// Request headers a front end may send.
    static let allowedHeaders =
        "Authorization, Content-Type, Accept, Accept-Language, If-Match, If-None-Match, Idempotency-Key, X-Request-Id"
    /// Response headers a front end may read beyond the CORS-safelisted ones.
    static let exposedHeaders =
        "ETag, Location, X-Request-Id, RateLimit, RateLimit-Policy, Retry-After, Idempotent-Replayed, Content-Disposition, X-Data-As-Of"
    /// How long a browser may cache a preflight answer, in seconds.
    static let maxAge = "600"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard let origin = request.headers[.origin], allowedOrigins.contains(origin) else {
            var response = try await next(request, context)
            // Caches must not hand an answer without CORS headers to an allowed origin.
            if !allowedOrigins.isEmpty { response.headers.append(.init(name: .vary, value: "Origin")) }
            return response
        }
        if request.method == .options, request.headers[.accessControlRequestMethod] != nil {
            let methods = routes.methods(forPath: request.uri.path)
            if !methods.isEmpty {
                var headers: HTTPFields = [
                    .accessControlAllowOrigin: origin,
                    .accessControlAllowMethods: methods.map(\.rawValue).joined(separator: ", "),
                    .accessControlAllowHeaders: Self.allowedHeaders,
                    .accessControlMaxAge: Self.maxAge,
                    .vary: "Origin",
                ]
                // A method the path does not serve is simply not listed, and the browser refuses it.
                headers[.contentLength] = "0"
                return Response(status: .noContent, headers: headers)
            }
        }
        var response = try await next(request, context)
        response.headers[.accessControlAllowOrigin] = origin
        response.headers[.accessControlExposeHeaders] = Self.exposedHeaders
        response.headers.append(.init(name: .vary, value: "Origin"))
        return response
    }
}
