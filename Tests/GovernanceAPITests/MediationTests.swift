import Foundation
import Governance
import GovernanceAPI
import GovernanceServices
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite struct MediationTests {
    static func intake(
        _ client: any TestClientProtocol, token: String, grid: Area, description: String = "楼上漏水", key: String? = nil
    ) async throws -> TestResponse {
        var headers: HTTPFields = [:]
        if let key { headers[HTTPField.Name("Idempotency-Key")!] = key }
        return try await client.send(
            .post, "/v1/mediation/cases", token: token,
            json: [
                "areaId": grid.idString, "source": "grid_patrol", "category": "neighbour", "description": description,
                "riskLevel": "medium",
                "complexity": "general",
                "parties": [
                    ["name": "张三", "phone": "13800138000", "role": "applicant"],
                    ["name": "李四", "phone": "13900139000", "role": "respondent"],
                ],
            ],
            headers: headers)
    }

    static func tokenId(_ tree: TestTree, role: Role, area: Area) async throws -> (secret: String, id: String) {
        let issued = try await tree.provisioning.issueToken(
            role: role, areaId: area.id, lifetime: 3600, label: "test", deadline: .now.advanced(by: .seconds(5)))
        return (issued.secret, issued.token.id.uuidString.lowercased())
    }

    @Test func aFullCaseFromIntakeToClosedWithAnEscalation() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let gridWorker = try await tree.token(.gridWorker, tree.grid1)
            let communityStaff = try await tree.token(.staff, tree.community1)
            let streetStaff = try await tree.token(.staff, tree.street1)
            let communityMediator = try await Self.tokenId(tree, role: .mediator, area: tree.community1)
            let streetMediator = try await Self.tokenId(tree, role: .mediator, area: tree.street1)

            let received = try await Self.intake(client, token: gridWorker, grid: tree.grid1)
            #expect(received.status == .created)
            let id = try #require(received.json["id"] as? String)
            #expect(received.json["level"] as? String == "community")
            func move(_ token: String, _ body: [String: Any]) async throws -> TestResponse {
                try await client.send(.post, "/v1/mediation/cases/\(id)/transitions", token: token, json: body)
            }
            let illegal = try await move(communityStaff, ["to": "closed"])
            #expect(illegal.status == .conflict)
            #expect(
                try await client.send(.get, "/v1/mediation/cases/\(id)", token: communityStaff).json["status"]
                    as? String == "received")

            #expect(try await move(communityStaff, ["to": "accepted"]).status == .ok)
            func assign(_ token: String, mediator: String) async throws -> TestResponse {
                let parties =
                    (try await client.send(.get, "/v1/mediation/cases/\(id)", token: token).json["parties"]
                        as? [[String: Any]]) ?? []
                return try await client.send(
                    .post, "/v1/mediation/cases/\(id)/assignment", token: token,
                    json: [
                        "mediatorTokenId": mediator,
                        "consents": parties.map { ["partyId": $0["id"] as! String, "consents": true] },
                    ])
            }
            #expect(
                try await assign(communityStaff, mediator: communityMediator.id).json["status"] as? String
                    == "in_mediation")

            let escalation = try await client.send(
                .post, "/v1/mediation/cases/\(id)/escalations", token: communityMediator.secret,
                json: ["reason": "涉及物业公司，需街道协调"])
            #expect(escalation.status == .created)
            let escalationId = try #require(escalation.json["id"] as? String)
            let notReceiver = try await client.send(
                .post, "/v1/mediation/cases/\(id)/escalations/\(escalationId)/decision", token: communityStaff,
                json: ["accept": true])
            #expect(notReceiver.status == .forbidden)
            let accepted = try await client.send(
                .post, "/v1/mediation/cases/\(id)/escalations/\(escalationId)/decision", token: streetStaff,
                json: ["accept": true])
            #expect(accepted.json["level"] as? String == "street")
            #expect(accepted.json["status"] as? String == "accepted")
            // The community keeps read access, but no longer acts on the case.
            #expect(try await client.send(.get, "/v1/mediation/cases/\(id)", token: communityStaff).status == .ok)
            #expect(try await move(communityStaff, ["to": "declined", "reason": "x"]).status == .forbidden)

            #expect(
                try await assign(streetStaff, mediator: streetMediator.id).json["status"] as? String == "in_mediation")
            let noSession = try await client.send(
                .post, "/v1/mediation/cases/\(id)/sessions", token: streetMediator.secret,
                json: [
                    "heldOn": "2026-11-20", "place": "街道调解室", "attendees": ["张三", "李四"], "summary": "双方就维修费用达成一致意向",
                ])
            #expect(noSession.status == .created)
            let agreement = try await client.send(
                .post, "/v1/mediation/cases/\(id)/agreement", token: streetMediator.secret,
                json: [
                    "terms": "李四承担维修费2000元", "agreedOn": "2026-11-21", "form": "written",
                    "performanceDeadline": "2026-12-21",
                    "signedByAllParties": true, "signedByMediator": true,
                ])
            #expect(agreement.json["status"] as? String == "agreement")
            #expect(
                (agreement.json["agreement"] as? [String: Any])?["judicialConfirmationDeadline"] as? String
                    == "2026-12-21")
            #expect(
                try await move(streetStaff, ["to": "closed"]).json["code"] as? String == "mediation.follow_up_required")
            let followed = try await client.send(
                .post, "/v1/mediation/cases/\(id)/follow-ups", token: streetMediator.secret,
                json: ["performance": "performed", "followedUpOn": "2026-12-22"])
            #expect(followed.status == .created)
            let closed = try await move(streetStaff, ["to": "closed"])
            #expect(closed.json["status"] as? String == "closed")

            let stats = try await client.send(
                .get, "/v1/mediation/stats?areaId=\(tree.street1.idString)",
                token: try await tree.token(.analyst, tree.street1))
            #expect(stats.status == .ok)
            #expect(stats.json["agreements"] as? Int == 1)
            #expect(stats.json["escalated"] as? Int == 1)
            #expect(!stats.text.contains("张三") && !stats.text.contains("138"))
        }
    }

    @Test func anIntakeRetriedWithTheSameKeyCreatesOneCase() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let worker = try await tree.token(.gridWorker, tree.grid1)
            let key = "intake-\(UUID())"
            let description = "重试\(UUID().uuidString.prefix(6))"
            let first = try await Self.intake(
                client, token: worker, grid: tree.grid1, description: description, key: key)
            let second = try await Self.intake(
                client, token: worker, grid: tree.grid1, description: description, key: key)
            #expect(first.json["id"] as? String == second.json["id"] as? String)
            let staff = try await tree.token(.staff, tree.community1)
            let list = try await client.send(.get, "/v1/mediation/cases?limit=200", token: staff)
            #expect(
                (list.json["items"] as? [[String: Any]])?.filter { $0["description"] as? String == description }.count
                    == 1)
        }
    }

    @Test func aGridWorkerSeesItsGridsCasesOnlyAndNoConfidentialFields() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let staff = try await tree.token(.staff, tree.community1)
            let inGrid1 = try #require(
                try await Self.intake(client, token: staff, grid: tree.grid1).json["id"] as? String)
            let inGrid2 = try #require(
                try await Self.intake(client, token: staff, grid: tree.grid2).json["id"] as? String)
            let worker = try await tree.token(.gridWorker, tree.grid1)
            let list = try await client.send(.get, "/v1/mediation/cases", token: worker)
            let ids = (list.json["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            #expect(ids.contains(inGrid1) && !ids.contains(inGrid2))
            #expect(try await client.send(.get, "/v1/mediation/cases/\(inGrid2)", token: worker).status == .notFound)
            let own = try await client.send(.get, "/v1/mediation/cases/\(inGrid1)", token: worker)
            #expect(own.json["description"] == nil)
            #expect(
                try await client.send(.get, "/v1/mediation/cases/\(inGrid1)/sessions", token: worker).status
                    == .forbidden)
        }
    }

    @Test func theAssignedMediatorSeesFullPhonesAndStaffMaskedOnes() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let staff = try await tree.token(.staff, tree.community1)
            let mediator = try await Self.tokenId(tree, role: .mediator, area: tree.community1)
            let otherMediator = try await Self.tokenId(tree, role: .mediator, area: tree.community1)
            let id = try #require(try await Self.intake(client, token: staff, grid: tree.grid1).json["id"] as? String)
            _ = try await client.send(
                .post, "/v1/mediation/cases/\(id)/transitions", token: staff, json: ["to": "accepted"])
            let parties =
                (try await client.send(.get, "/v1/mediation/cases/\(id)", token: staff).json["parties"]
                    as? [[String: Any]]) ?? []
            #expect(parties.compactMap { $0["phone"] as? String } == ["138****8000", "139****9000"])
            let assigned = try await client.send(
                .post, "/v1/mediation/cases/\(id)/assignment", token: staff,
                json: [
                    "mediatorTokenId": mediator.id,
                    "consents": parties.map { ["partyId": $0["id"] as! String, "consents": true] },
                ])
            #expect(assigned.status == .ok)
            let seen = try await client.send(.get, "/v1/mediation/cases/\(id)", token: mediator.secret)
            #expect(
                (seen.json["parties"] as? [[String: Any]])?.compactMap { $0["phone"] as? String } == [
                    "13800138000", "13900139000",
                ])
            let other = try await client.send(.get, "/v1/mediation/cases/\(id)", token: otherMediator.secret)
            #expect(
                (other.json["parties"] as? [[String: Any]])?.compactMap { $0["phone"] as? String } == [
                    "138****8000", "139****9000",
                ])
            let audit = try await client.send(
                .get, "/v1/audit-events?resourceId=\(id)", token: try await tree.token(.auditor, tree.community1))
            #expect(!audit.text.contains("13800138000") && !audit.text.contains("张三"))
        }
    }

    @Test func theClockComesFromTheRuleProfileOfTheAcceptingLevel() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let admin = try await tree.token(.admin, tree.district)
            #expect(
                try await client.send(
                    .patch, "/v1/areas/\(tree.district.idString)/rule-profile", token: admin,
                    json: ["parameters": ["mediationMonths": 2]]
                ).status == .ok)
            let staff = try await tree.token(.staff, tree.community1)
            let id = try #require(try await Self.intake(client, token: staff, grid: tree.grid1).json["id"] as? String)
            let accepted = try await client.send(
                .post, "/v1/mediation/cases/\(id)/transitions", token: staff, json: ["to": "accepted"])
            let acceptedOn = try #require((accepted.json["acceptedOn"] as? String).flatMap(CalendarDay.init))
            #expect(
                accepted.json["deadline"] as? String
                    == MediationClock.deadline(acceptedOn: acceptedOn, months: 2).description)
            #expect(accepted.json["overdue"] as? Bool == false)
        }
    }

    @Test func aPartysRefusalDeclinesTheCase() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let staff = try await tree.token(.staff, tree.community1)
            let mediator = try await Self.tokenId(tree, role: .mediator, area: tree.community1)
            let id = try #require(try await Self.intake(client, token: staff, grid: tree.grid1).json["id"] as? String)
            _ = try await client.send(
                .post, "/v1/mediation/cases/\(id)/transitions", token: staff, json: ["to": "accepted"])
            let parties =
                (try await client.send(.get, "/v1/mediation/cases/\(id)", token: staff).json["parties"]
                    as? [[String: Any]]) ?? []
            let refused = try await client.send(
                .post, "/v1/mediation/cases/\(id)/assignment", token: staff,
                json: [
                    "mediatorTokenId": mediator.id,
                    "consents": parties.enumerated().map {
                        ["partyId": $0.element["id"] as! String, "consents": $0.offset == 0]
                    },
                ])
            #expect(refused.json["status"] as? String == "declined")
        }
    }
}
