import Foundation
import Governance
import GovernanceAPI
import GovernanceServices
import GovernanceStore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Postgres
import Testing

@Suite struct MalformedRequestTests {
    @Test(arguments: [
        ("{\"parentId\": ", "malformed JSON"),
        ("{\"parentId\": 42, \"kind\": \"grid\", \"name\": \"x\"}", "wrong type"),
        (
            "{\"parentId\": \"00000000-0000-0000-0000-000000000000\", \"kind\": \"castle\", \"name\": \"x\"}",
            "unknown enum value"
        ),
        ("{\"kind\": \"grid\", \"name\": \"x\"}", "missing required field"),
        (
            "{\"parentId\": \"00000000-0000-0000-0000-000000000000\", \"kind\": \"grid\", \"name\": \"x\", \"path\": \"c1\"}",
            "read-only field"
        ),
        ("[]", "not an object"),
    ])
    func badBodiesAre400ProblemsAndChangeNothing(body: String, what: String) async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let admin = try await tree.token(.admin, tree.street1)
            let response = try await client.execute(
                uri: "/v1/areas", method: .post,
                headers: [.authorization: "Bearer \(admin)", .contentType: "application/json"],
                body: ByteBuffer(string: body)
            ) { $0 }
            #expect(response.status == .badRequest, "\(what)")
            #expect(response.headers[.contentType] == "application/problem+json")
            #expect(response.json["code"] as? String == "request.malformed")
            #expect(!response.text.contains("Swift") && !response.text.contains("DecodingError"))
        }
    }

    /// No `POST` body of the contract admits `null`; the generated types would read it as absent.
    @Test func aNullInAPostBodyIs422NamingItsPlace() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let staff = try await tree.token(.staff, tree.street1)
            let search = try await client.execute(
                uri: "/v1/people/search", method: .post,
                headers: [.authorization: "Bearer \(staff)", .contentType: "application/json"],
                body: ByteBuffer(string: #"{"idNumber": "11010519491231002X", "phone": null}"#)
            ) { $0 }
            #expect(search.status == .unprocessableContent)
            #expect(search.text.contains("not_nullable") && search.text.contains("\"phone\""))
            var nested = PeopleTests.body(tree)
            nested["phone"] = NSNull()
            let person = try await client.send(.post, "/v1/people", token: staff, json: nested)
            #expect(person.status == .unprocessableContent)
            let listed = try await client.send(.get, "/v1/people?areaId=\(tree.grid1.idString)", token: staff)
            #expect((listed.json["items"] as? [Any])?.isEmpty == true, "nothing was created")
        }
    }

    @Test func aBodyOfAnotherMediaTypeIs415() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let admin = try await tree.token(.admin, tree.street1)
            let response = try await client.execute(
                uri: "/v1/areas", method: .post,
                headers: [.authorization: "Bearer \(admin)", .contentType: "text/plain"],
                body: ByteBuffer(string: "name=x")
            ) { $0 }
            #expect(response.status == .unsupportedMediaType)
            #expect(response.headers[.contentType] == "application/problem+json")
        }
    }

    @Test func theDurabilityCheckSeesSynchronousCommitOff() async throws {
        var configuration = TestApp.configuration().database
        configuration.connectionString +=
            (configuration.connectionString.contains("?") ? "&" : "?") + "options=-csynchronous_commit%3Doff"
        let client = PostgresClient(configuration: configuration, logger: Logger(label: "test"))
        defer { client.close() }
        let unsafe = try await DurabilityCheck.unsafeSettings(client: client, deadline: .now.advanced(by: .seconds(5)))
        #expect(unsafe == ["synchronous_commit"])
        let normal = PostgresClient(configuration: TestApp.configuration().database, logger: Logger(label: "test"))
        defer { normal.close() }
        #expect(
            try await DurabilityCheck.unsafeSettings(client: normal, deadline: .now.advanced(by: .seconds(5))).isEmpty)
    }
}

@Suite struct NULCharacterTests {
    @Test func textWithNULIs422AndNothingIsWritten() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let admin = try await tree.token(.admin, tree.street1)
            let response = try await client.send(
                .post, "/v1/tokens", token: admin,
                json: ["role": "analyst", "areaId": tree.street1.idString, "label": "a\u{0}b"])
            #expect(response.status == .unprocessableContent)
            #expect(response.json["code"] as? String == "request.invalid_characters")
            let area = try await client.send(
                .post, "/v1/areas", token: admin,
                json: ["parentId": tree.community1.idString, "kind": "grid", "name": "x\u{0}"])
            #expect(area.status == .unprocessableContent)
            let children = try await client.send(.get, "/v1/areas?parentId=\(tree.community1.idString)", token: admin)
            #expect((children.json["items"] as? [[String: Any]])?.count == 2)
        }
    }
}
