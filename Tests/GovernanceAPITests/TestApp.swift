import Foundation
import GovernanceAPI
import GovernanceServices
import GovernanceStore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Postgres

/// Builds the real application against the real test database (`GRASSROOTS_TEST_DATABASE_URL`).
enum TestApp {
    static var databaseURL: String {
        guard let url = ProcessInfo.processInfo.environment["GRASSROOTS_TEST_DATABASE_URL"] else {
            fatalError("GRASSROOTS_TEST_DATABASE_URL is not set: run the tests through scripts/test")
        }
        return url
    }

    /// The data key of the test run (`GRASSROOTS_DATA_KEY`, set by scripts/test), or a fixed one.
    static var dataKey: Data {
        ProcessInfo.processInfo.environment["GRASSROOTS_DATA_KEY"].flatMap(DataKeys.masterKey(base64:))
            ?? Data(repeating: 7, count: 32)
    }

    /// Whether the app prepares its statements: `GRASSROOTS_TEST_PREPARED_STATEMENTS=false` when
    /// the database is behind PgBouncer in transaction mode (scripts/test's cluster smoke run).
    static var usePreparedStatements: Bool {
        ProcessInfo.processInfo.environment["GRASSROOTS_TEST_PREPARED_STATEMENTS"] != "false"
    }

    static func configuration(requestTimeoutMilliseconds: Int = 5000, maxBodyBytes: Int = 1 << 20) -> AppConfiguration {
        AppConfiguration(
            database: PostgresConfiguration(
                connectionString: databaseURL, transactionConnections: 4, pipelineConnections: 1,
                usePreparedStatements: usePreparedStatements),
            dataKey: dataKey, requestTimeoutMilliseconds: requestTimeoutMilliseconds, maxBodyBytes: maxBodyBytes)
    }

    /// The schema's latest version, applying migrations first (safe when tests run concurrently).
    static func migrate(_ client: PostgresClient) async throws -> Int {
        let migrator = try Migrator(client: client, migrations: try GovernanceMigrations.all())
        try await migrator.apply(deadline: .now.advanced(by: .seconds(60)))
        return migrator.latestVersion
    }

    /// Runs `body` with a test client of a freshly built application.
    static func withApp(
        configuration: AppConfiguration = configuration(),
        _ body: @Sendable (any TestClientProtocol, PostgresClient) async throws -> Void
    ) async throws {
        let client = PostgresClient(configuration: configuration.database, logger: Logger(label: "test"))
        let latest = try await migrate(client)
        let app = try buildApplication(
            configuration: configuration, client: client, latestSchemaVersion: latest, logger: Logger(label: "test"))
        try await app.test(.router) { testClient in try await body(testClient, client) }
    }
}

extension TestClientProtocol {
    /// Sends a request with an optional bearer token and JSON body and returns the response.
    func send(
        _ method: HTTPRequest.Method, _ uri: String, token: String? = nil, json: Any? = nil, headers: HTTPFields = [:],
        contentType: String = "application/json"
    ) async throws -> TestResponse {
        var fields = headers
        if let token { fields[.authorization] = "Bearer \(token)" }
        var body: ByteBuffer?
        if let json {
            fields[.contentType] = contentType
            body = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys]))
        }
        return try await execute(uri: uri, method: method, headers: fields, body: body) { $0 }
    }
}

extension TestResponse {
    /// The body decoded as a JSON object.
    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView))) as? [String: Any] ?? [:]
    }

    /// The body as text.
    var text: String { String(buffer: body) }
}
