import Foundation
import Glibc
import GovernanceAPI
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Postgres
import Testing

@Suite struct OperationsTests {
    @Test func healthAnswersOK() async throws {
        try await TestApp.withApp { client, _ in
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.json["status"] as? String == "ok")
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
            }
        }
    }

    @Test func readinessReportsTheCurrentSchema() async throws {
        try await TestApp.withApp { client, database in
            let latest = try await TestApp.migrate(database)
            try await client.execute(uri: "/readyz", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.json["schemaVersion"] as? Int == latest)
            }
        }
    }

    @Test func readinessTurns503WhenDurabilityIsTurnedOffWhileServing() async throws {
        var configuration = TestApp.configuration()
        configuration.database.connectionString +=
            (configuration.database.connectionString.contains("?") ? "&" : "?") + "options=-csynchronous_commit%3Doff"
        try await TestApp.withApp(configuration: configuration) { client, _ in
            try await client.execute(uri: "/readyz", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(response.json["code"] as? String == "readiness.durability_unsafe")
                #expect(response.headers[.retryAfter] != nil)
            }
        }
        configuration.allowUnsafeDurability = true
        try await TestApp.withApp(configuration: configuration) { client, _ in
            try await client.execute(uri: "/readyz", method: .get) { response in
                #expect(response.status == .ok)
            }
        }
    }

    /// A frozen backend keeps its socket open and never answers; only the request deadline
    /// ends the wait (reliability.md §3.3). SIGSTOP on the one backend the read path uses
    /// reproduces it without touching other tests.
    @Test func aFrozenDatabaseAnswers503InBoundedTimeAndRecovers() async throws {
        try await TestApp.withApp(configuration: TestApp.configuration(requestTimeoutMilliseconds: 800)) {
            client, database in
            let pid = try await database.query(
                "SELECT pg_backend_pid() AS pid", deadline: .now.advanced(by: .seconds(5)))[0]
                .decode("pid", as: Int32.self)
            kill(pid, SIGSTOP)
            defer { kill(pid, SIGCONT) }
            let started = ContinuousClock.now
            try await client.execute(uri: "/readyz", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(response.headers[.contentType] == "application/problem+json")
                #expect(response.headers[.retryAfter] != nil)
            }
            #expect(started.duration(to: .now) < .seconds(3))
            kill(pid, SIGCONT)
            // The thawed backend first finishes the cancelled statement; under a loaded machine
            // that can outlast one 800 ms deadline, so recovery is awaited, boundedly.
            var recovered = HTTPResponse.Status.serviceUnavailable
            let patience = ContinuousClock.now.advanced(by: .seconds(5))
            while recovered != .ok, ContinuousClock.now < patience {
                recovered = try await client.execute(uri: "/readyz", method: .get) { $0.status }
                if recovered != .ok { try await Task.sleep(for: .milliseconds(100)) }
            }
            #expect(recovered == .ok)
        }
    }

    @Test func unknownRoutesAnswerAProblemInChineseByDefaultAndEnglishOnRequest() async throws {
        try await TestApp.withApp { client, _ in
            try await client.execute(uri: "/v1/nowhere", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType] == "application/problem+json")
                #expect(response.json["code"] as? String == "route.not_found")
                #expect(response.json["title"] as? String == "未找到")
                #expect(response.json["status"] as? Int == 404)
                #expect(response.json["type"] as? String != nil)
                #expect(response.json["detail"] as? String != nil)
            }
            try await client.execute(
                uri: "/v1/nowhere", method: .get, headers: [.acceptLanguage: "en-US,en;q=0.9,zh;q=0.5"]
            ) { response in
                #expect(response.json["title"] as? String == "Not found")
            }
        }
    }

    @Test(arguments: [HTTPRequest.Method.post, .put, .delete, .patch, .init("TRACE")!, .init("QUERY")!])
    func aKnownPathWithAnotherMethodAnswers405WithAllow(method: HTTPRequest.Method) async throws {
        try await TestApp.withApp { client, _ in
            try await client.execute(uri: "/healthz", method: method) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "GET")
                #expect(response.json["code"] as? String == "request.method_not_allowed")
            }
        }
    }

    /// A literal segment wins over a parameter, as in the router: `/v1/people/search` is not
    /// also `/v1/people/{personId}`.
    @Test func theAllowHeaderNamesTheMostSpecificRouteOnly() async throws {
        try await TestApp.withApp { client, _ in
            try await client.execute(uri: "/v1/people/search", method: .options) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "POST")
            }
            try await client.execute(uri: "/v1/people/\(UUID().uuidString.lowercased())", method: .options) {
                response in
                #expect(response.headers[.allow] == "GET, PATCH")
            }
        }
    }

    @Test func anOversizedBodyIs413() async throws {
        try await TestApp.withApp(configuration: TestApp.configuration(maxBodyBytes: 4096)) { client, _ in
            let body = ByteBuffer(repeating: UInt8(ascii: "x"), count: 10_000)
            try await client.execute(
                uri: "/healthz", method: .post, headers: [.contentType: "application/json"], body: body
            ) { response in
                #expect(response.status == .contentTooLarge)
                #expect(response.json["code"] as? String == "request.too_large")
            }
        }
    }

    @Test func requestIdsAreEchoedWhenPlainAndReplacedOtherwise() async throws {
        try await TestApp.withApp { client, _ in
            try await client.execute(
                uri: "/healthz", method: .get, headers: [HTTPField.Name("X-Request-Id")!: "trace-42.a_b"]
            ) { response in
                #expect(response.headers[HTTPField.Name("X-Request-Id")!] == "trace-42.a_b")
            }
            try await client.execute(
                uri: "/healthz", method: .get, headers: [HTTPField.Name("X-Request-Id")!: "bad id\u{7f}<script>"]
            ) {
                response in
                let echoed = response.headers[HTTPField.Name("X-Request-Id")!]
                #expect(echoed != nil && echoed != "bad id\u{7f}<script>")
            }
        }
    }

    @Test func metricsCountRequestsByOperationAndStatus() async throws {
        try await TestApp.withApp { client, _ in
            try await client.execute(uri: "/healthz", method: .get) { _ in }
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains(#"http_requests_total{operation="getHealth",status="200"} 1"#))
                #expect(response.text.contains("http_request_duration_seconds_bucket"))
                #expect(response.text.contains("db_pool_connections_idle"))
            }
        }
    }

    @Test func theContractIsServedAsWritten() async throws {
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "../../openapi.yaml")
        let expected = try String(contentsOf: source, encoding: .utf8)
        try await TestApp.withApp { client, _ in
            try await client.execute(uri: "/openapi.yaml", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text == expected)
            }
        }
    }
}
