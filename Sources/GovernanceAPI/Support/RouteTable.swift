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
    ///
    /// Like the router's trie, a literal segment wins over a parameter: `/v1/people/search`
    /// is the search route only, not also `/v1/people/{personId}`.
    func methods(forPath path: String) -> [HTTPRequest.Method] {
        let segments = path.split(separator: "/")
        let matching = routes.withLockedValue({ $0 }).filter { Self.matches($0.segments, segments) }
        guard let best = matching.map(\.segments).max(by: { Self.lessSpecific($0, than: $1) }) else { return [] }
        var methods: [HTTPRequest.Method] = []
        for route in matching where route.segments == best && !methods.contains(route.method) {
            methods.append(route.method)
        }
        return methods.sorted { $0.rawValue < $1.rawValue }
    }

    /// Whether `left` yields to `right`: at the first position where one has a literal and the
    /// other a parameter, the literal wins.
    private static func lessSpecific(_ left: [Substring], than right: [Substring]) -> Bool {
        for (a, b) in zip(left, right) where isParameter(a) != isParameter(b) {
            return isParameter(a)
        }
        return false
    }

    private static func isParameter(_ segment: Substring) -> Bool {
        segment.first == ":" || segment.first == "{"
    }

    private static func matches(_ template: [Substring], _ path: [Substring]) -> Bool {
        guard template.count == path.count else { return false }
        return zip(template, path).allSatisfy { pattern, segment in isParameter(pattern) || pattern == segment }
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
