import HTTPTypes
import OpenAPIRuntime

/// Tells the request state which operation the contract matched, for metrics, logs and the
/// permission table.
struct OperationMiddleware: ServerMiddleware {
    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, metadata: ServerRequestMetadata, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        RequestState.current?.operationID = operationID
        return try await next(request, body, metadata)
    }
}
