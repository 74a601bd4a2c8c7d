import Hummingbird

/// Refuses bodies over the limit with 413 before anything reads them whole.
///
/// The OpenAPI runtime collects JSON bodies without a bound (`upTo: .max`), so the limit has to
/// sit in front of it (style.md §1 A5). A declared `Content-Length` over the limit is refused
/// without reading a byte; a chunked body is read until it crosses the limit.
struct BodyLimitMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let maxBytes: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > maxBytes {
            throw Problem.tooLarge
        }
        // Reads carry no body the contract would read; skip the buffering on the hot path.
        if request.method == .get || request.method == .head, request.headers[.transferEncoding] == nil,
            request.headers[.contentLength] == nil
        {
            return try await next(request, context)
        }
        var request = request
        do {
            _ = try await request.collectBody(upTo: maxBytes)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw Problem.tooLarge
        }
        return try await next(request, context)
    }
}
