import Governance
import HTTPTypes
import Hummingbird

/// Answers 405 with `Allow` when the path exists but not for this method.
///
/// Hummingbird 2 answers 404 there (its router falls through to the not-found responder), and
/// clients, like schemathesis's `unsupported_method` check, rightly expect 405.
struct MethodNotAllowedMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let routes: RouteTable

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            let allowed = routes.methods(forPath: request.uri.path)
            guard !allowed.isEmpty else { throw error }
            throw Problem(
                status: .methodNotAllowed, code: "request.method_not_allowed",
                detail: .init(
                    zh: "该接口不支持 \(request.method.rawValue) 方法。",
                    en: "This endpoint does not support \(request.method.rawValue)."),
                headers: [.allow: allowed.map(\.rawValue).joined(separator: ", ")])
        }
    }
}
