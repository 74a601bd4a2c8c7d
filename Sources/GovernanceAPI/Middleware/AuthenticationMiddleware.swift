import Governance
import HTTPTypes
import OpenAPIRuntime

/// Authenticates the bearer token and applies the permission table before any handler runs.
///
/// Missing or invalid token: 401 with `WWW-Authenticate: Bearer`. Role without the permission:
/// 403. Scope is not decided here: it is part of every query.
struct AuthenticationMiddleware: ServerMiddleware {
    let authenticator: Authenticator

    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, metadata: ServerRequestMetadata, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        guard case .roles(let roles) = OperationPermissions.access(for: operationID) else {
            return try await next(request, body, metadata)
        }
        let state = RequestState.current ?? RequestState()
        guard
            let principal = try await authenticator.principal(
                authorization: request.headerFields[.authorization], deadline: state.deadline)
        else {
            throw DomainError(
                .unauthenticated, code: "auth.invalid_token",
                message: LocalizedText(
                    zh: "缺少有效的访问令牌，或令牌已过期、已吊销。", en: "A valid bearer token is required; it may be expired or revoked."))
        }
        state.principal = principal
        guard roles.contains(principal.role) else {
            throw DomainError(
                .forbidden, code: "auth.forbidden",
                message: LocalizedText(zh: "当前角色无权执行此操作。", en: "This token's role may not perform this operation."))
        }
        return try await next(request, body, metadata)
    }
}
