import Foundation
import GrassrootsClient
import HTTPTypes
import HummingbirdTesting
import NIOCore
import OpenAPIRuntime

/// Carries the generated Swift client's requests into the application under test, in memory:
/// the API tests speak to the service through the same typed client Swift back ends use.
struct RouterTestTransport: ClientTransport {
    /// The application's test client.
    let client: any TestClientProtocol

    func send(_ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String) async throws -> (
        HTTPResponse, HTTPBody?
    ) {
        var buffer: ByteBuffer?
        if let body { buffer = ByteBuffer(bytes: try await [UInt8](collecting: body, upTo: 16 << 20)) }
        let response = try await client.execute(
            uri: request.path ?? "/", method: request.method, headers: request.headerFields, body: buffer
        ) { $0 }
        return (
            HTTPResponse(status: .init(code: Int(response.status.code)), headerFields: response.headers),
            HTTPBody(Array(response.body.readableBytesView))
        )
    }
}

extension TestClientProtocol {
    /// The typed client of the contract, sending `token`.
    func api(_ token: String) -> Client {
        Client(
            serverURL: URL(string: "http://grassroots.test")!, transport: RouterTestTransport(client: self),
            middlewares: [BearerTokenMiddleware(token: token)])
    }
}

/// The HTTP status an operation's typed output stands for: the case of a documented response,
/// or the code carried by `default` and `undocumented`.
func statusCode(of output: Any) -> Int {
    guard let child = Mirror(reflecting: output).children.first, let label = child.label else { return 0 }
    if label == "default" || label == "undocumented" {
        return Mirror(reflecting: child.value).children.first?.value as? Int ?? 0
    }
    let codes: [String: Int] = [
        "ok": 200, "created": 201, "accepted": 202, "noContent": 204, "badRequest": 400, "unauthorized": 401,
        "forbidden": 403, "notFound": 404, "methodNotAllowed": 405, "conflict": 409, "gone": 410,
        "preconditionFailed": 412, "contentTooLarge": 413, "unsupportedMediaType": 415, "unprocessableContent": 422,
        "preconditionRequired": 428, "tooManyRequests": 429, "internalServerError": 500, "serviceUnavailable": 503,
    ]
    return codes[label] ?? 0
}

/// The problem a typed output carries (any documented or default error response), found by
/// walking the output's cases.
func problem(in output: Any) -> Components.Schemas.Problem? {
    if let problem = output as? Components.Schemas.Problem { return problem }
    for child in Mirror(reflecting: output).children {
        if let found = problem(in: child.value) { return found }
    }
    return nil
}
