import Foundation
import Governance
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite struct TokenTests {
    @Test func anAdminIssuesWithinItsScopeOnlyAndTheSecretIsShownOnce() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let admin = try await tree.token(.admin, tree.street1)
            let issued = try await client.send(
                .post, "/v1/tokens", token: admin,
                json: ["role": "staff", "areaId": tree.community1.idString, "label": "工作站"])
            #expect(issued.status == .created)
            let secret = try #require(issued.json["token"] as? String)
            #expect(secret.hasPrefix("grs_"))
            let usable = try await client.send(.get, "/v1/areas/\(tree.grid1.idString)", token: secret)
            #expect(usable.status == .ok)
            let listed = try await client.send(.get, "/v1/tokens?limit=200", token: admin)
            #expect(listed.status == .ok)
            #expect(!listed.text.contains(secret))
            let outside = try await client.send(
                .post, "/v1/tokens", token: admin, json: ["role": "staff", "areaId": tree.community2.idString])
            #expect(outside.status == .notFound)
        }
    }

    @Test func missingMalformedAndUnknownTokensAre401WithAChallenge() async throws {
        try await TestApp.withApp { client, _ in
            for token in [nil, "nonsense", "grs_" + String(repeating: "A", count: 43)] {
                let response = try await client.send(.get, "/v1/areas", token: token)
                #expect(response.status == .unauthorized)
                #expect(response.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
                #expect(response.json["code"] as? String == "auth.invalid_token")
            }
        }
    }

    @Test func aRevokedTokenIs401WithinFiveSeconds() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let admin = try await tree.token(.admin, tree.street1)
            let issued = try await client.send(
                .post, "/v1/tokens", token: admin, json: ["role": "analyst", "areaId": tree.street1.idString])
            let secret = try #require(issued.json["token"] as? String)
            let id = try #require(issued.json["id"] as? String)
            #expect(try await client.send(.get, "/v1/areas", token: secret).status == .ok)
            let revoked = try await client.send(.delete, "/v1/tokens/\(id)", token: admin)
            #expect(revoked.status == .noContent)
            let started = ContinuousClock.now
            var status = HTTPResponse.Status.ok
            while status != .unauthorized, started.duration(to: .now) < .seconds(6) {
                status = try await client.send(.get, "/v1/areas", token: secret).status
                if status != .unauthorized { try await Task.sleep(for: .milliseconds(200)) }
            }
            #expect(status == .unauthorized)
            #expect(started.duration(to: .now) < .seconds(5))
            // Revoking again is a no-op, still answered 204.
            #expect(try await client.send(.delete, "/v1/tokens/\(id)", token: admin).status == .noContent)
        }
    }

    @Test func anExpiredTokenIs401() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let shortLived = try await tree.token(.staff, tree.street1, lifetime: 1)
            #expect(try await client.send(.get, "/v1/areas", token: shortLived).status == .ok)
            try await Task.sleep(for: .milliseconds(1300))
            #expect(try await client.send(.get, "/v1/areas", token: shortLived).status == .unauthorized)
        }
    }
}
