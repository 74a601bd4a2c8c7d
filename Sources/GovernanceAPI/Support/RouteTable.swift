import HTTPTypes
import NIOConcurrencyHelpers
import OpenAPIRuntime

/// The (method, path template) pairs the contract registered, to answer 405 with `Allow`.
final class RouteTable: Sendable {
    private let routes = NIOLockedValueBox<[(method: HTTPRequest.Method, segments: [Substring])]>([])

    /// Records a route; `path` uses `{name}` or `:name` for parameters.
    func add(method: HTTPRequest.Method, path: String) {
        let segments = path.split(separator: "/")
        routes.withLockedValue { $0.append((method, segments)) }
    }

    /// The methods served at a concrete path, in a stable order; empty when no route matches.
    func methods(forPath path: String) -> [HTTPRequest.Method] {
        let segments = path.split(separator: "/")
        var methods: [HTTPRequest.Method] = []
        for route in routes.withLockedValue({ $0 })
        where Self.matches(route.segments, segments) && !methods.contains(route.method) {
            methods.append(route.method)
        }
        return methods.sorted { $0.rawValue < $1.rawValue }
    }

    private static func matches(_ template: [Substring], _ path: [Substring]) -> Bool {
        guard template.count == path.count else { return false }
        return zip(template, path).allSatisfy { pattern, segment in
            pattern.first == ":" || pattern.first == "{" || pattern == segment
        }
    }
}

/// A `ServerTransport` that records each registered route, then hands it to the real router.
struct RecordingTransport<Base: ServerTransport>: ServerTransport {
    let base: Base
    let table: RouteTable

    func register(
        _ handler:
            @escaping @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (
                HTTPResponse, HTTPBody?
            ),
        method: HTTPRequest.Method,
        path: String
    ) throws {
        table.add(method: method, path: path)
        try base.register(handler, method: method, path: path)
    }
}
