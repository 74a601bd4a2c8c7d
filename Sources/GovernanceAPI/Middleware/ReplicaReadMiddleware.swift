import Foundation
import GovernanceStore
import HTTPTypes
import OpenAPIRuntime

/// Statistics and the change feed read from the replica when it is fresh enough
/// (`ReplicaReadScope`), and say how current their data is in `X-Data-As-Of`. CSV exports open
/// the same scope around every page (`CSVExporter`).
struct ReplicaReadMiddleware: ServerMiddleware {
    /// The operations whose reads prefer the replica: figures and sync, where a second of lag is
    /// worth the primary's relief; never a read that follows a client's own write. Generated
    /// with the contract's `X-Data-As-Of` docs from one list (`scripts/lib/contract-csv.py`).
    static let operations = replicaReadOperations

    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, metadata: ServerRequestMetadata, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        guard Self.operations.contains(operationID) || ReplicaReadScope.current != nil else {
            return try await next(request, body, metadata)
        }
        let scope = ReplicaReadScope.current ?? ReplicaReadScope()
        var (response, responseBody) = try await ReplicaReadScope.$current.withValue(scope) {
            try await next(request, body, metadata)
        }
        if let asOf = scope.dataAsOf { response.headerFields[.dataAsOf] = Self.timestamp(asOf) }
        return (response, responseBody)
    }

    /// RFC 3339 in UTC to the second, e.g. `2026-12-01T03:04:05Z` (what the generated clients'
    /// default date transcoder reads; a fraction would fail them).
    static func timestamp(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}

extension HTTPField.Name {
    /// `X-Data-As-Of`: the moment the answer's data reflects (a replica's last replayed commit).
    static let dataAsOf = HTTPField.Name("X-Data-As-Of")!
}
