public import Foundation
public import Governance
import NIOConcurrencyHelpers
public import Postgres

/// Per-request facts shared between router middleware, OpenAPI middleware and handlers.
///
/// The generated handlers only receive their `Input`, so the state reaches them through a
/// task-local (the pattern of hummingbird-project/template's OpenAPIRequestContextMiddleware).
public final class RequestState: Sendable {
    private struct Values {
        var requestID = ""
        var clientAddress: (@Sendable () -> String)?
        var rateLimit: (policy: String, state: String)?
        var language = Language.chinese
        var operationID: String?
        var deadline = ContinuousClock.now
        var principal: Principal?
        var rawBody: Data?
        var transaction: PostgresTransaction?
        var responseHeaders: [String: String] = [:]
        var responseGathered = false
        var continuingExport = false
    }

    private let values = NIOLockedValueBox(Values())

    /// The state of the request the current task serves.
    @TaskLocal public static var current: RequestState?

    /// Creates empty state; middleware fills it.
    public init() {}

    /// The request id (from `X-Request-Id` when acceptable, else generated).
    public var requestID: String {
        get { values.withLockedValue { $0.requestID } }
        set { values.withLockedValue { $0.requestID = newValue } }
    }

    /// The language of problem texts.
    public var language: Language {
        get { values.withLockedValue { $0.language } }
        set { values.withLockedValue { $0.language = newValue } }
    }

    /// The `operationId` of the matched operation, once the OpenAPI layer knows it.
    public var operationID: String? {
        get { values.withLockedValue { $0.operationID } }
        set { values.withLockedValue { $0.operationID = newValue } }
    }

    /// When the request must have been answered; database work stops there.
    public var deadline: ContinuousClock.Instant {
        get { values.withLockedValue { $0.deadline } }
        set { values.withLockedValue { $0.deadline = newValue } }
    }

    /// The authenticated caller, once `AuthenticationMiddleware` accepted the token.
    public var principal: Principal? {
        get { values.withLockedValue { $0.principal } }
        set { values.withLockedValue { $0.principal = newValue } }
    }

    /// The peer's IP address, for per-address limits ("unknown" when the transport has none).
    /// Formatted only when asked for: most requests never need it.
    public var clientAddress: String {
        values.withLockedValue { $0.clientAddress }?() ?? "unknown"
    }

    /// Where the peer's address comes from (set once, when the request arrives).
    public func setClientAddress(_ source: @escaping @Sendable () -> String?) {
        values.withLockedValue { $0.clientAddress = { source() ?? "unknown" } }
    }

    /// `RateLimit-Policy` and `RateLimit` of the request's tightest bucket, written on its response.
    public var rateLimit: (policy: String, state: String)? {
        get { values.withLockedValue { $0.rateLimit } }
        set { values.withLockedValue { $0.rateLimit = newValue } }
    }

    /// The request body as received, for JSON Merge Patch: the generated types cannot tell an
    /// absent field from a `null` one, the raw keys can.
    public var rawBody: Data? {
        get { values.withLockedValue { $0.rawBody } }
        set { values.withLockedValue { $0.rawBody = newValue } }
    }

    /// The transaction `WriteTransactionMiddleware` opened for this write request; services join
    /// it through `CallContext.transaction`.
    public var transaction: PostgresTransaction? {
        get { values.withLockedValue { $0.transaction } }
        set { values.withLockedValue { $0.transaction = newValue } }
    }

    /// Headers a handler wants on its response (`ETag`, `Location`), written verbatim by
    /// `ResponseHeadersMiddleware`: the generated code would percent-encode them.
    public var responseHeaders: [String: String] {
        get { values.withLockedValue { $0.responseHeaders } }
        set { values.withLockedValue { $0.responseHeaders = newValue } }
    }

    /// Whether the operation runs again for a later page of a CSV export that was admitted
    /// once (`CSVExportingTransport`): the token is checked again, the rate limits are not
    /// charged again. Only in-process code sets it.
    public var continuingExport: Bool {
        get { values.withLockedValue { $0.continuingExport } }
        set { values.withLockedValue { $0.continuingExport = newValue } }
    }

    /// Whether the response body is already one buffer (the conditional read gathered it to
    /// hash it), so `RequestObservationMiddleware` does not gather it a second time.
    public var responseGathered: Bool {
        get { values.withLockedValue { $0.responseGathered } }
        set { values.withLockedValue { $0.responseGathered = newValue } }
    }
}
