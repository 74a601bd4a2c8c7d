import HTTPTypes
import OpenAPIRuntime
import Postgres
import Testing

@testable import GovernanceAPI

/// Which writes run again after a serialisation failure or deadlock, and how the failure is
/// found under the generated layer's wrapping.
@Suite struct RetryPolicyTests {
    private static func request(_ method: HTTPRequest.Method, ifMatch: Bool = false) -> HTTPRequest {
        var request = HTTPRequest(method: method, scheme: "http", authority: "localhost", path: "/v1/x")
        if ifMatch { request.headerFields[.ifMatch] = "\"3\"" }
        return request
    }

    @Test func onlyRequestsWhoseEffectTheyDefineRunAgain() {
        #expect(WriteTransactionMiddleware.mayRunAgain(Self.request(.post), idempotencyKey: "k"))
        #expect(!WriteTransactionMiddleware.mayRunAgain(Self.request(.post), idempotencyKey: nil))
        #expect(WriteTransactionMiddleware.mayRunAgain(Self.request(.put), idempotencyKey: nil))
        #expect(WriteTransactionMiddleware.mayRunAgain(Self.request(.delete), idempotencyKey: nil))
        #expect(WriteTransactionMiddleware.mayRunAgain(Self.request(.patch, ifMatch: true), idempotencyKey: nil))
        #expect(!WriteTransactionMiddleware.mayRunAgain(Self.request(.patch), idempotencyKey: nil))
    }

    @Test func theDatabaseFailureIsFoundUnderTheGeneratedWrapping() {
        let deadlock = PostgresError(.server, sqlState: .deadlockDetected)
        let wrapped = ServerError(
            operationID: "op", request: Self.request(.post), requestBody: nil, requestMetadata: .init(),
            causeDescription: "handler", underlyingError: deadlock)
        #expect(WriteTransactionMiddleware.postgresError(in: wrapped)?.disposition == .retryTransaction)
        #expect(WriteTransactionMiddleware.postgresError(in: deadlock)?.sqlState == .deadlockDetected)
    }
}
