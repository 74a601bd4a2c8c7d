import Foundation
import Governance
import GovernanceAPI
import GovernanceServices
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// What browser front ends and mobile back ends rely on: CORS, conditional reads, compressed
/// bodies and batch reads.
@Suite struct ClientFacingTests {
    static let portal = "https://portal.example.gov.cn"

    static func configuration() -> AppConfiguration {
        var configuration = TestApp.configuration()
        configuration.corsAllowedOrigins = [portal, "http://localhost:5173"]
        return configuration
    }

    /// Inflates a gzip or zlib body with the system's Python (the test target links no zlib).
    static func inflate(_ data: Data) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "-c", "import sys, zlib; sys.stdout.buffer.write(zlib.decompress(sys.stdin.buffer.read(), 47))",
        ]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(data)
        try input.fileHandleForWriting.close()
        let inflated = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return inflated
    }

    @Test func anAllowedOriginGetsCORSHeadersAndAnyOtherNone() async throws {
        try await TestApp.withApp(configuration: Self.configuration()) { client, database in
            let tree = try await TestTree.make(database)
            let token = try await tree.token(.staff, tree.street1)
            let allowed = try await client.send(
                .get, "/v1/areas", token: token, headers: [.origin: Self.portal])
            #expect(allowed.status == .ok)
            #expect(allowed.headers[.accessControlAllowOrigin] == Self.portal)
            #expect(allowed.headers[values: .vary].contains("Origin"))
            #expect(allowed.headers[.accessControlExposeHeaders]?.contains("ETag") == true)
            #expect(allowed.headers[.accessControlAllowCredentials] == nil)
            // A problem carries them too, so the page can show its text.
            let refused = try await client.send(.get, "/v1/areas", headers: [.origin: Self.portal])
            #expect(refused.status == .unauthorized)
            #expect(refused.headers[.accessControlAllowOrigin] == Self.portal)

            for origin in ["https://evil.example.com", "https://portal.example.gov.cn.evil.com", "null"] {
                let other = try await client.send(.get, "/v1/areas", token: token, headers: [.origin: origin])
                #expect(other.status == .ok, "not otherwise refused")
                #expect(other.headers[.accessControlAllowOrigin] == nil)
                #expect(other.headers[values: .vary].contains("Origin"))
            }
        }
    }

    @Test func aPreflightIsAnsweredFromTheRouteTable() async throws {
        try await TestApp.withApp(configuration: Self.configuration()) { client, _ in
            let preflight: HTTPFields = [
                .origin: Self.portal, .accessControlRequestMethod: "PATCH",
                .accessControlRequestHeaders: "authorization, content-type, if-match",
            ]
            let person = try await client.send(
                .options, "/v1/people/\(UUID().uuidString.lowercased())", headers: preflight)
            #expect(person.status == .noContent)
            #expect(person.headers[.accessControlAllowOrigin] == Self.portal)
            #expect(person.headers[.accessControlAllowMethods] == "GET, PATCH")
            #expect(person.headers[.accessControlAllowHeaders]?.contains("If-Match") == true)
            #expect(person.headers[.accessControlMaxAge] == "600")
            let search = try await client.send(.options, "/v1/people/search", headers: preflight)
            #expect(search.headers[.accessControlAllowMethods] == "POST")
            // Another origin's preflight is not answered as one; an unknown path is 404.
            var foreign = preflight
            foreign[.origin] = "https://evil.example.com"
            let refused = try await client.send(.options, "/v1/people/search", headers: foreign)
            #expect(refused.status == .methodNotAllowed)
            #expect(refused.headers[.accessControlAllowOrigin] == nil)
            let unknown = try await client.send(.options, "/v1/nothing-here", headers: preflight)
            #expect(unknown.status == .notFound)
        }
    }

    @Test func anUnchangedReadIs304AndTheReadTagStillServesIfMatch() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let token = try await tree.token(.admin, tree.street1)
            let path = "/v1/areas/\(tree.grid1.idString)"
            let first = try await client.send(.get, path, token: token)
            let tag = try #require(first.headers[.eTag])
            #expect(tag.hasPrefix("\"1."))
            #expect(first.headers[.cacheControl] == "private, no-cache")
            let again = try await client.send(.get, path, token: token, headers: [.ifNoneMatch: tag])
            #expect(again.status == .notModified)
            #expect(again.body.readableBytes == 0)
            #expect(again.headers[.eTag] == tag)
            let weakForm = try await client.send(.get, path, token: token, headers: [.ifNoneMatch: "\"x\", W/\(tag)"])
            #expect(weakForm.status == .notModified)

            let patched = try await client.send(
                .patch, path, token: token, json: ["population": 321], headers: [.ifMatch: tag])
            #expect(patched.status == .ok, "\(patched.text)")
            let changed = try await client.send(.get, path, token: token, headers: [.ifNoneMatch: tag])
            #expect(changed.status == .ok)
            #expect(changed.headers[.eTag]?.hasPrefix("\"2.") == true)
            let stale = try await client.send(
                .patch, path, token: token, json: ["population": 1], headers: [.ifMatch: tag])
            #expect(stale.status == .preconditionFailed)

            let page = try await client.send(.get, "/v1/areas?limit=5", token: token)
            let pageTag = try #require(page.headers[.eTag])
            #expect(pageTag.hasPrefix("W/\""))
            let unchangedPage = try await client.send(
                .get, "/v1/areas?limit=5", token: token, headers: [.ifNoneMatch: pageTag])
            #expect(unchangedPage.status == .notModified)
            // Public boards may be cached by anyone; health checks by no one.
            let health = try await client.send(.get, "/healthz")
            #expect(health.headers[.cacheControl] == "no-store")
        }
    }

    @Test func revealedPersonalDataIsNeverStored() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let staff = try await tree.token(.staff, tree.street1)
            let person = try await client.send(.post, "/v1/people", token: staff, json: PeopleTests.body(tree))
            let id = try #require(person.json["id"] as? String)
            let revealed = try await client.send(
                .get, "/v1/people/\(id)/personal-data?purpose=%E6%A0%B8%E5%AE%9E", token: staff,
                headers: [.acceptEncoding: "gzip"])
            #expect(revealed.status == .ok)
            #expect(revealed.headers[.cacheControl] == "no-store")
            #expect(revealed.headers[.eTag] == nil)
            #expect(revealed.headers[.contentEncoding] == nil)
        }
    }

    @Test func largeBodiesAreCompressedWhenAcceptedAndSecretsNever() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let admin = try await tree.token(.admin, tree.district)
            for index in 0..<30 {
                _ = try await tree.provisioning.addArea(
                    .grid, name: "压缩测试网格\(index)", under: tree.community1, deadline: .now.advanced(by: .seconds(5)))
            }
            let path = "/v1/areas?parentId=\(tree.community1.idString)&limit=100"
            let identity = try await client.send(.get, path, token: admin)
            #expect(identity.body.readableBytes > 1024)
            #expect(identity.headers[values: .vary].contains("Accept-Encoding"))
            for coding in ["gzip", "deflate"] {
                let compressed = try await client.send(
                    .get, path, token: admin, headers: [.acceptEncoding: "\(coding);q=0.8, br;q=0"])
                #expect(compressed.headers[.contentEncoding] == coding)
                #expect(compressed.body.readableBytes < identity.body.readableBytes / 2)
                #expect(
                    try Self.inflate(Data(compressed.body.readableBytesView)) == Data(identity.body.readableBytesView))
                #expect(compressed.headers[.eTag]?.hasPrefix("W/") == true)
            }
            let refused = try await client.send(.get, path, token: admin, headers: [.acceptEncoding: "gzip;q=0"])
            #expect(refused.headers[.contentEncoding] == nil)
            let small = try await client.send(
                .get, "/v1/areas/\(tree.grid1.idString)", token: admin, headers: [.acceptEncoding: "gzip"])
            #expect(small.headers[.contentEncoding] == nil)
            // A new token's secret beside caller-chosen text: never compressed.
            let issued = try await client.send(
                .post, "/v1/tokens", token: admin,
                json: [
                    "role": "analyst", "areaId": tree.street1.idString, "label": String(repeating: "标", count: 100),
                ],
                headers: [.acceptEncoding: "gzip"])
            #expect(issued.status == .created)
            #expect(issued.headers[.contentEncoding] == nil)
        }
    }

    @Test func aBatchReadAnswersTheIdsInScopeInOneRoundTrip() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let street1 = try await tree.token(.staff, tree.street1)
            let street2 = try await tree.token(.staff, tree.street2)
            var inside: [String] = []
            for _ in 0..<3 {
                let created = try await client.send(.post, "/v1/people", token: street1, json: PeopleTests.body(tree))
                inside.append(try #require(created.json["id"] as? String))
            }
            var outsideBody = PeopleTests.body(tree)
            outsideBody["residenceAreaId"] = tree.grid3.idString
            let outside = try #require(
                try await client.send(.post, "/v1/people", token: street2, json: outsideBody).json["id"] as? String)
            let missing = UUID().uuidString.lowercased()
            let ids = (inside + [outside, missing]).joined(separator: ",")
            let batch = try await client.send(.get, "/v1/people?ids=\(ids)", token: street1)
            #expect(batch.status == .ok)
            let found = (batch.json["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            #expect(Set(found) == Set(inside))
            #expect(
                (batch.json["items"] as? [[String: Any]])?.allSatisfy {
                    ($0["phone"] as? String)?.contains("*") == true
                } == true)

            let areas = try await client.send(
                .get, "/v1/areas?ids=\(tree.grid1.idString),\(tree.grid3.idString)", token: street1)
            #expect(
                (areas.json["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String } == [
                    tree.grid1.idString
                ])

            // Committees and mediation cases the same way.
            let admin1 = try await tree.token(.admin, tree.street1)
            let admin2 = try await tree.token(.admin, tree.street2)
            func committee(_ token: String, _ community: Area) async throws -> String {
                let created = try await client.send(
                    .post, "/v1/committees", token: token,
                    json: [
                        "areaId": community.idString, "kind": "residents_committee", "name": "居委会",
                        "termStart": "2026-01-01",
                    ])
                return try #require(created.json["id"] as? String)
            }
            let committeeIn = try await committee(admin1, tree.community1)
            let committeeOut = try await committee(admin2, tree.community2)
            let committees = try await client.send(
                .get, "/v1/committees?ids=\(committeeIn),\(committeeOut)", token: admin1)
            #expect(
                (committees.json["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String } == [committeeIn]
            )
            func mediationCase(_ token: String, _ grid: Area) async throws -> String {
                let created = try await client.send(
                    .post, "/v1/mediation/cases", token: token,
                    json: [
                        "areaId": grid.idString, "source": "walk_in", "category": "other", "description": "邻里纠纷",
                        "riskLevel": "low",
                        "parties": [["name": "甲", "role": "applicant"], ["name": "乙", "role": "respondent"]],
                    ])
                return try #require(created.json["id"] as? String)
            }
            let caseIn = try await mediationCase(admin1, tree.grid1)
            let caseOut = try await mediationCase(admin2, tree.grid3)
            let cases = try await client.send(.get, "/v1/mediation/cases?ids=\(caseIn),\(caseOut)", token: admin1)
            #expect((cases.json["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String } == [caseIn])

            let tooMany = (0...100).map { _ in UUID().uuidString.lowercased() }.joined(separator: ",")
            #expect(
                try await client.send(.get, "/v1/people?ids=\(tooMany)", token: street1).status == .unprocessableContent
            )
            let malformed = try await client.send(.get, "/v1/people?ids=\(inside[0]),not-an-id", token: street1)
            #expect(malformed.status == .unprocessableContent)
            #expect(malformed.text.contains("ids/1"))
        }
    }
}
