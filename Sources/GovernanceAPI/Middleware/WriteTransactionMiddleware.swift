import Foundation
import Governance
import GovernanceStore
import HTTPTypes
import OpenAPIRuntime
import Postgres

/// One write request, one transaction: the change, its audit event and its idempotency record
/// commit together, and the response leaves only after `COMMIT` answered `COMMIT`.
///
/// For `POST` with `Idempotency-Key` (per token): the same key and body replay the stored
/// response, another body is 422 `idempotency.key_reused`, a retry while the first runs is 409.
struct WriteTransactionMiddleware: ServerMiddleware {
    let store: Store
    let idempotency: IdempotencyStore
    let maxBodyBytes: Int

    static let replayedHeader = HTTPField.Name("Idempotent-Replayed")!
    /// Response headers worth replaying.
    static let storedHeaders: [HTTPField.Name] = [.contentType, .eTag, .location]

    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, metadata: ServerRequestMetadata, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        guard request.method != .get, request.method != .head, let state = RequestState.current,
            let principal = state.principal
        else {
            return try await next(request, body, metadata)
        }
        var bytes = Data()
        if let body { bytes = try await Data(collecting: body, upTo: maxBodyBytes) }
        state.rawBody = bytes
        let key = try Self.idempotencyKey(request)
        // A POST or PUT body is parsed once: for its nulls (no schema of either allows one; in a
        // PATCH, null removes a field), and for the fingerprint of a POST's key.
        var fingerprintInput: Data?
        if request.method == .post || request.method == .put {
            let parsed = JSONValue(parsing: bytes)
            if let null = parsed?.firstNull() {
                throw DomainError.validation([
                    .init(
                        field: null, code: "not_nullable",
                        message: LocalizedText(
                            zh: "此处不接受 null：省略该字段即可。", en: "null is not accepted here: leave the field out."))
                ])
            }
            if key != nil, request.method == .post {
                // Keys sorted, so a retry that serialises the same JSON in another member order
                // is the same request; a body that is not JSON is compared as bytes.
                var input = Data("\(request.method.rawValue) \(request.path ?? "")\n".utf8)
                input.append(parsed?.canonicalData ?? bytes)
                fingerprintInput = input
            }
        }
        let mayRunAgain = Self.mayRunAgain(request, idempotencyKey: key)
        var attempt = 1
        while true {
            do {
                return try await runOnce(
                    request, bytes: bytes, key: key, fingerprintInput: fingerprintInput, principal: principal,
                    state: state, metadata: metadata, next: next)
            } catch  where mayRunAgain && attempt < Self.maxAttempts && ContinuousClock.now < state.deadline {
                // A serialisation failure or deadlock rolled everything back; running the whole
                // request again is what PostgreSQL asks for, and safe for a retry-safe request.
                guard Self.postgresError(in: error)?.disposition == .retryTransaction else { throw error }
                attempt += 1
            }
        }
    }

    /// Attempts at a write that met a serialisation failure or deadlock, the first included.
    static let maxAttempts = 3

    /// Whether the request may run again after its transaction rolled back: its effect is
    /// defined by the request alone (an `Idempotency-Key`, `PUT`, `DELETE`, or a `PATCH` bound
    /// to a version by `If-Match`).
    static func mayRunAgain(_ request: HTTPRequest, idempotencyKey: String?) -> Bool {
        if idempotencyKey != nil { return true }
        switch request.method {
        case .put, .delete: return true
        case .patch: return request.headerFields[.ifMatch] != nil
        default: return false
        }
    }

    /// The database failure under the generated layer's wrapping, if that is what it is.
    static func postgresError(in error: any Error) -> PostgresError? {
        if let postgres = error as? PostgresError { return postgres }
        if let server = error as? ServerError { return postgresError(in: server.underlyingError) }
        return nil
    }

    private func runOnce(
        _ request: HTTPRequest, bytes: Data, key: String?, fingerprintInput: Data?, principal: Principal,
        state: RequestState,
        metadata: ServerRequestMetadata,
        next: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        try await store.client.withTransaction(deadline: state.deadline) { transaction in
            state.transaction = transaction
            defer { state.transaction = nil }
            if let key, let fingerprintInput {
                let reservation = try await idempotency.reserve(
                    tokenId: principal.tokenId, key: key, content: fingerprintInput,
                    in: transaction)
                switch reservation {
                case .fresh:
                    break
                case .replay(let status, let headers, let stored):
                    var response = HTTPResponse(status: .init(code: status))
                    for (name, value) in headers {
                        if let field = HTTPField.Name(name) { response.headerFields[field] = value }
                    }
                    response.headerFields[Self.replayedHeader] = "true"
                    return (response, HTTPBody(stored))
                case .mismatch:
                    throw DomainError(
                        .unprocessable, code: "idempotency.key_reused",
                        message: LocalizedText(
                            zh: "该 Idempotency-Key 已用于另一个请求。",
                            en: "This Idempotency-Key was used for a different request."))
                case .inProgress:
                    throw DomainError(
                        .conflict, code: "idempotency.in_progress",
                        message: LocalizedText(
                            zh: "使用该 Idempotency-Key 的请求仍在处理中。",
                            en: "A request with this Idempotency-Key is still being processed."))
                }
            }
            let (response, responseBody) = try await next(request, HTTPBody(bytes), metadata)
            var responseBytes: Data?
            if let responseBody { responseBytes = try await Data(collecting: responseBody, upTo: .max) }
            if let key, request.method == .post, (200..<300).contains(response.status.code) {
                var headers: [String: String] = [:]
                for name in Self.storedHeaders {
                    if let value = response.headerFields[name] { headers[name.rawName] = value }
                }
                try await idempotency.complete(
                    tokenId: principal.tokenId, key: key, status: response.status.code, headers: headers,
                    body: responseBytes ?? Data(),
                    in: transaction)
            }
            return (response, responseBytes.map { HTTPBody($0) })
        }
    }

    /// The `Idempotency-Key` header, checked as the contract says (1–255 visible ASCII).
    static func idempotencyKey(_ request: HTTPRequest) throws -> String? {
        guard let key = request.headerFields[.idempotencyKey] else { return nil }
        guard (1...255).contains(key.utf8.count), key.utf8.allSatisfy({ $0 >= 0x21 && $0 <= 0x7e }) else {
            throw DomainError.validation([
                .init(
                    field: "Idempotency-Key", code: "invalid_format",
                    message: LocalizedText(
                        zh: "须为 1 到 255 个可见 ASCII 字符。", en: "Must be 1 to 255 visible ASCII characters."))
            ])
        }
        return key
    }
}
