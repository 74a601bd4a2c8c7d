public import Foundation
public import HTTPTypes
public import OpenAPIRuntime

/// Sends a Grassroots bearer token (`grs_…`) with every request of a generated `Client`.
///
/// ```swift
/// import GrassrootsClient
/// import OpenAPIURLSession  // or OpenAPIAsyncHTTPClient
///
/// let client = Client(
///     serverURL: URL(string: "https://grassroots.example.gov.cn")!,
///     transport: URLSessionTransport(),
///     middlewares: [BearerTokenMiddleware(token: token)])
/// let page = try await client.listAreas(query: .init(kind: .district)).ok.body.json
/// ```
public struct BearerTokenMiddleware: ClientMiddleware {
    /// The token's secret.
    public let token: String

    /// A middleware sending `token`.
    public init(token: String) { self.token = token }

    /// Adds `Authorization: Bearer …` and passes the request on.
    public func intercept(
        _ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        var request = request
        request.headerFields[.authorization] = "Bearer \(token)"
        return try await next(request, body, baseURL)
    }
}
