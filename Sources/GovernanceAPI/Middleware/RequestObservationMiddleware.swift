import Foundation
import Governance
import HTTPTypes
import Hummingbird
import Logging
import OpenAPIRuntime
import Postgres

/// The outermost middleware: gives each request its id, language and deadline, publishes its
/// state to the task, turns every error into a problem response, and records the access log
/// line and the metrics.
///
/// Access log lines are sampled (`AccessLogSampler`): every failure and slow request, one in
/// `ACCESS_LOG_SAMPLE` of the rest. The log carries the route template and the operation, never the query string or a body,
/// so personal data in a URL cannot reach the logs.
struct RequestObservationMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let metrics: AppMetrics
    let requestTimeout: Duration
    let accessLog: AccessLogSampler

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let started = ContinuousClock.now
        let state = context.state
        state.requestID = Self.acceptableRequestID(request.headers[.xRequestID]) ?? context.id
        state.language = Language(acceptLanguage: request.headers[.acceptLanguage])
        state.deadline = started.advanced(by: requestTimeout)
        // The request id goes into this middleware's own lines; setting it on the context's
        // logger would copy the logger's metadata on every request (−3 % on a read, measured).

        var response: Response
        do {
            response = try await RequestState.$current.withValue(state) { try await next(request, context) }
            if !state.responseGathered, let length = response.body.contentLength, length <= Self.bufferedBodyLimit {
                response.body = try await response.body.buffered()
            }
        } catch {
            let problem = Problem.from(error)
            if problem.status == .internalServerError {
                context.logger.error(
                    "request failed",
                    metadata: [
                        "error": .string(Self.loggable(error)), "operation": .string(state.operationID ?? "-"),
                        "request_id": .string(state.requestID),
                    ])
            } else if problem.status.code >= 500 {
                context.logger.warning(
                    "request unavailable",
                    metadata: ["code": .string(problem.code), "request_id": .string(state.requestID)])
            }
            // Open311 clients read errors in their own format (GeoReport v2), not RFC 9457.
            response =
                request.uri.path.hasPrefix(Problem.open311PathPrefix)
                ? problem.open311Response(language: state.language)
                : problem.response(language: state.language, requestID: state.requestID)
        }
        response.headers[.xRequestID] = state.requestID
        response.headers[.xContentTypeOptions] = "nosniff"
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }

        let elapsed = started.duration(to: .now)
        let operation = state.operationID ?? "unmatched"
        metrics.recordRequest(operation: operation, status: Int(response.status.code), duration: elapsed)
        guard accessLog.shouldLog(status: Int(response.status.code), duration: elapsed) else { return response }
        // Hundredths of a millisecond in integers: String(format:) costs more than the rest of the line.
        let hundredths =
            Int(elapsed.components.seconds) * 100_000 + Int(elapsed.components.attoseconds / 10_000_000_000_000)
        let fraction = hundredths % 100
        context.logger.info(
            "request",
            metadata: [
                "method": .string(request.method.rawValue),
                "route": .string(context.endpointPath ?? "-"),
                "operation": .string(operation),
                "status": .stringConvertible(Int(response.status.code)),
                "duration_ms": .string("\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"),
                "request_id": .string(state.requestID),
            ])
        return response
    }

    /// Bodies up to this size are gathered into one buffer before they are written.
    static let bufferedBodyLimit = 1 << 20

    /// An error's description for the log, without request bodies or values: the generated
    /// layer's `ServerError` describes the whole input, and server messages can quote values.
    static func loggable(_ error: any Error) -> String {
        switch error {
        case let server as ServerError: "\(server.operationID): \(loggable(server.underlyingError))"
        case let postgres as PostgresError: postgres.description
        default: String(reflecting: error)
        }
    }

    /// A client's request id is echoed only when it is short and plain, so it cannot inject
    /// into logs or headers.
    static func acceptableRequestID(_ value: String?) -> String? {
        guard let value, !value.isEmpty, value.utf8.count <= 128 else { return nil }
        let allowed = value.utf8.allSatisfy { byte in
            (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) || byte == 45
                || byte == 95 || byte == 46
        }
        return allowed ? value : nil
    }
}

extension HTTPField.Name {
    /// `X-Request-Id`, accepted and echoed.
    static let xRequestID = HTTPField.Name("X-Request-Id")!
    /// `X-Content-Type-Options`.
    static let xContentTypeOptions = HTTPField.Name("X-Content-Type-Options")!
    /// `Idempotency-Key`.
    static let idempotencyKey = HTTPField.Name("Idempotency-Key")!
}
