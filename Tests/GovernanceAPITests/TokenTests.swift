import Foundation
import Governance
import GovernanceAPI
import GovernanceStore
import GrassrootsClient
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite struct TokenTests {
    @Test func anAdminIssuesWithinItsScopeOnlyAndTheSecretIsShownOnce() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let adminToken = try await tree.token(.admin, tree.street1)
            let admin = client.api(adminToken)
            let issued = try await admin.createToken(
                body: .json(.init(role: .staff, areaId: tree.community1.idString, label: "工作站"))
            ).created.body.json
            #expect(issued.token.hasPrefix("grs_"))
            let usable = try await client.api(issued.token).getArea(path: .init(areaId: tree.grid1.idString))
            #expect(statusCode(of: usable) == 200)
            #expect(statusCode(of: try await admin.listTokens(query: .init(limit: 100))) == 200)
            // The listing never carries a secret.
            #expect(
                !(try await client.send(.get, "/v1/tokens?limit=100", token: adminToken)).text.contains(issued.token))
            let outside = try await admin.createToken(
                body: .json(.init(role: .staff, areaId: tree.community2.idString)))
            #expect(statusCode(of: outside) == 404)
        }
    }

    @Test func missingMalformedAndUnknownTokensAre401WithAChallenge() async throws {
        try await TestApp.withApp { client, _ in
            for token in [
                nil, "nonsense", "grs_" + String(repeating: "A", count: 43), "grs_" + String(repeating: "A", count: 49),
            ] {
                let response = try await client.send(.get, "/v1/areas", token: token)
                #expect(response.status == .unauthorized)
                #expect(response.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
                #expect(response.json["code"] as? String == "auth.invalid_token")
            }
        }
    }

    /// A thousand made-up tokens of the right shape cost no database read: the checksum refuses
    /// them. A well-formed token that is not live costs one read, then is refused from memory.
    @Test func aThousandGarbageTokensCauseNoDatabaseRead() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let real = try await tree.token(.analyst, tree.street1)
            func gauge(_ name: String) async throws -> Int {
                let text = try await client.send(.get, "/metrics", token: nil).text
                let line = text.split(separator: "\n").first { $0.hasPrefix(name + " ") }
                return Int(Double(line?.split(separator: " ").last ?? "") ?? -1)
            }
            let before = try await gauge("auth_token_lookups")
            var statuses: [Int] = []
            let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
            for number in 0..<1000 {
                let garbage: String
                switch number % 3 {
                case 0: garbage = "grs_" + String((0..<49).map { _ in alphabet.randomElement()! })
                case 1:  // a real token with one character mistyped
                    var characters = Array(real)
                    let position = 4 + number % 43
                    characters[position] = characters[position] == "A" ? "B" : "A"
                    garbage = String(characters)
                default: garbage = String((0..<53).map { _ in alphabet.randomElement()! })
                }
                let response = try await client.send(.get, "/v1/areas", token: garbage)
                statuses.append(Int(response.status.code))
                if response.status == .tooManyRequests { #expect(Int(response.headers[.retryAfter] ?? "") ?? 0 >= 1) }
            }
            // 30 failures a minute per address (refilling at one per 2 s), then 429: guessing is
            // slowed down, not just logged.
            #expect(statuses.prefix(30).allSatisfy { $0 == 401 })
            #expect(statuses.filter { $0 == 429 }.count >= 900)
            #expect(statuses.allSatisfy { $0 == 401 || $0 == 429 })
            #expect(try await gauge("auth_token_lookups") == before)
            #expect(try await gauge("auth_tokens_refused_unread") >= 1000)
            // A well-formed secret that was never issued: one read, then refused from memory.
            let random = String((0..<43).map { _ in alphabet.randomElement()! })
            let unknown = "grs_" + random + TokenRepository.checksum(random)
            for _ in 0..<20 {
                #expect(try await client.send(.get, "/v1/areas", token: unknown).status != .ok)
            }
            #expect(try await gauge("auth_token_lookups") == before + 1)
            #expect(try await client.send(.get, "/v1/areas", token: real).status == .ok)
        }
    }

    @Test func aTokenBeyondItsRateGets429WithRetryAfterAndEveryAnswerShowsTheQuota() async throws {
        var configuration = TestApp.configuration()
        configuration.rateLimitPerToken = 1
        try await TestApp.withApp(configuration: configuration) { client, database in
            let tree = try await TestTree.make(database)
            let token = try await tree.token(.analyst, tree.street1)
            var statuses: [Int] = []
            for _ in 0..<12 {
                let response = try await client.send(.get, "/v1/areas", token: token)
                statuses.append(Int(response.status.code))
                if response.status == .ok {
                    #expect(response.headers[HTTPField.Name("RateLimit-Policy")!] == "\"token\";q=2;w=2")
                    #expect(response.headers[HTTPField.Name("RateLimit")!]?.hasPrefix("\"token\";r=") == true)
                } else {
                    #expect(Int(response.headers[.retryAfter] ?? "") ?? 0 >= 1)
                    #expect(response.json["code"] as? String == "rate_limit.exceeded")
                }
            }
            // A burst of twice the rate passes; the rest wait for the bucket to refill (one a second).
            #expect(statuses.prefix(2).allSatisfy { $0 == 200 })
            #expect(statuses.filter { $0 == 429 }.count >= 8, "\(statuses)")
            // Another token has a bucket of its own.
            let other = try await tree.token(.analyst, tree.street1)
            #expect(try await client.send(.get, "/v1/areas", token: other).status == .ok)
        }
    }

    /// Decision: revoking a token leaves the tokens it issued alone (an admin who leaves must not
    /// cut off the systems they set up); `cascade=true` revokes them transitively (a leak).
    @Test func revokingAnIssuerKeepsItsTokensUnlessCascaded() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let districtAdmin = client.api(try await tree.token(.admin, tree.district))
            let first = try await districtAdmin.createToken(
                body: .json(.init(role: .admin, areaId: tree.street1.idString))
            ).created.body.json
            let second = try await client.api(first.token).createToken(
                body: .json(.init(role: .admin, areaId: tree.community1.idString))
            ).created.body.json
            let third = try await client.api(second.token).createToken(
                body: .json(.init(role: .analyst, areaId: tree.community1.idString))
            ).created.body.json
            func revoked() async throws -> Set<String> {
                Set(
                    try await districtAdmin.listTokens(query: .init(limit: 100)).ok.body.json.items.filter {
                        $0.revokedAt != nil
                    }.map(\.id))
            }
            #expect(statusCode(of: try await districtAdmin.revokeToken(path: .init(tokenId: first.id))) == 204)
            #expect(try await revoked() == [first.id])
            #expect(statusCode(of: try await client.api(third.token).listAreas()) == 200)
            let cascaded = try await districtAdmin.revokeToken(
                path: .init(tokenId: second.id), query: .init(cascade: true))
            #expect(statusCode(of: cascaded) == 204)
            #expect(try await revoked() == [first.id, second.id, third.id])
        }
    }

    @Test func aClientAddressBeyondItsRateGets429WhateverTheToken() async throws {
        var configuration = TestApp.configuration()
        configuration.rateLimitPerAddress = 1
        try await TestApp.withApp(configuration: configuration) { client, database in
            let tree = try await TestTree.make(database)
            var statuses: [Int] = []
            for _ in 0..<6 {
                let token = try await tree.token(.analyst, tree.street1)
                statuses.append(Int(try await client.send(.get, "/v1/areas", token: token).status.code))
            }
            #expect(statuses.prefix(2).allSatisfy { $0 == 200 }, "\(statuses)")
            #expect(statuses.contains(429), "\(statuses)")
        }
    }

    @Test func aRevokedTokenIs401WithinFiveSeconds() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let admin = client.api(try await tree.token(.admin, tree.street1))
            let issued = try await admin.createToken(body: .json(.init(role: .analyst, areaId: tree.street1.idString)))
                .created.body.json
            let revokedClient = client.api(issued.token)
            #expect(statusCode(of: try await revokedClient.listAreas()) == 200)
            #expect(statusCode(of: try await admin.revokeToken(path: .init(tokenId: issued.id))) == 204)
            let started = ContinuousClock.now
            var status = 200
            while status != 401, started.duration(to: .now) < .seconds(6) {
                status = statusCode(of: try await revokedClient.listAreas())
                if status != 401 { try await Task.sleep(for: .milliseconds(200)) }
            }
            #expect(status == 401)
            #expect(started.duration(to: .now) < .seconds(5))
            // Revoking again is a no-op, still answered 204.
            #expect(statusCode(of: try await admin.revokeToken(path: .init(tokenId: issued.id))) == 204)
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
