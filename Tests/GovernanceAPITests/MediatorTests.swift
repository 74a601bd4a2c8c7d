import Foundation
import Governance
import GovernanceServices
import GrassrootsClient
import HTTPTypes
import HummingbirdTesting
import Testing

/// Mediators as people through the API: adults only (MED-4), assigned from the level's posts
/// with helpers invited by consent (MED-9), a full-time one per community (MED-5), recalled or
/// dismissed with a reason, ending their assignments (MED-22).
@Suite struct MediatorTests {
    static func person(_ client: any TestClientProtocol, _ token: String, _ tree: TestTree, born: CalendarDay)
        async throws -> String
    {
        let response = try await client.send(
            .post, "/v1/people", token: token,
            json: [
                "residenceAreaId": tree.grid1.idString, "name": "王调解", "gender": "female", "birthYear": born.year,
                "idNumber": TestIDNumbers.make(born: born),
            ])
        #expect(response.status == .created, "\(response.text)")
        return try #require(response.json["id"] as? String)
    }

    @Test func mediatorsArePeopleHoldingPostsMED4MED5MED9MED22() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let staff = try await tree.token(.staff, tree.community1)
            let today = GovernanceClock.system.today
            func post(_ personId: String, employment: String = "full_time") async throws -> TestResponse {
                try await client.send(
                    .post, "/v1/mediators", token: staff,
                    json: [
                        "personId": personId, "areaId": tree.community1.idString, "kind": "engaged",
                        "employment": employment,
                    ])
            }
            // MED-4: 18 on the first day, counted to the day.
            let eighteenTomorrow = CalendarDay(year: today.year - 18, month: today.month, day: today.day)!.addingDays(1)
            let minor = try await post(try await Self.person(client, staff, tree, born: eighteenTomorrow))
            #expect(minor.status == .unprocessableContent && minor.text.contains("mediation.mediator_not_adult"))
            let adult = try await Self.person(client, staff, tree, born: eighteenTomorrow.addingDays(-1))
            let created = try await post(adult)
            #expect(created.status == .created, "\(created.text)")
            #expect(try await post(adult).status == .conflict, "one active post per person and level")
            let unknownCommittee = try await client.send(
                .post, "/v1/mediators", token: staff,
                json: [
                    "personId": adult, "areaId": tree.community1.idString, "kind": "engaged",
                    "employment": "part_time", "committeeId": UUID().uuidString.lowercased(),
                ])
            #expect(unknownCommittee.status == .notFound, "only the level's mediation committee is named")
            let mediatorId = try #require(created.json["id"] as? String)

            // MED-5: the community now has a full-time mediator, a figure and no finding.
            let analyst = try await tree.token(.analyst, tree.community1)
            let coverage = try await client.send(
                .get, "/v1/stats/full_time_mediator_coverage?areaId=\(tree.community1.idString)", token: analyst)
            #expect(coverage.status == .ok, "\(coverage.text)")
            let row = (coverage.json["rows"] as? [[String: Any]])?.first
            #expect(row?["numerator"] as? Int == 1 && row?["denominator"] as? Int == 1, "\(coverage.text)")

            // MED-9: assigned from the level's posts; helpers only with the parties' consent.
            let id = try await MediationTests.received(client, token: staff, grid: tree.grid1).id
            _ = try await MediationTests.move(client, staff, id, to: .accepted)
            let parties = try await MediationTests.read(client, staff, id).parties
            func assign(_ caseId: String, consentToHelpers: Bool) async throws -> TestResponse {
                try await client.send(
                    .post, "/v1/mediation/cases/\(caseId)/assignment", token: staff,
                    json: [
                        "mediatorIds": [mediatorId], "chosenByParties": true,
                        "helpers": [["name": "张老师", "relation": "expert"]],
                        "partiesConsentToHelpers": consentToHelpers,
                        "consents": parties.map { ["partyId": $0.id, "consents": true] },
                    ])
            }
            #expect(try await assign(id, consentToHelpers: false).status == .unprocessableContent)
            let assigned = try await assign(id, consentToHelpers: true)
            #expect(assigned.status == .ok, "\(assigned.text)")
            let mediating = try await MediationTests.read(client, staff, id)
            #expect(mediating.status == .inMediation)
            #expect(mediating.mediators?.map(\.mediatorId) == [mediatorId])
            #expect(mediating.mediators?.first?.chosenByParties == true)
            #expect(mediating.helpers?.map(\.relation) == [.expert])
            #expect(!mediating.findings.contains { $0.rule == "MED-5" })

            // MED-4: a mediator token bound to the person sees the full phones of the cases its
            // post is assigned; an unbound mediator token does not; only mediator tokens are bound.
            let admin = try await tree.token(.admin, tree.community1)
            func issue(_ role: String) async throws -> TestResponse {
                try await client.send(
                    .post, "/v1/tokens", token: admin,
                    json: ["role": role, "areaId": tree.community1.idString, "personId": adult])
            }
            #expect(try await issue("staff").status == .unprocessableContent)
            let bound = try await issue("mediator")
            #expect(bound.status == .created, "\(bound.text)")
            let boundSecret = try #require(bound.json["token"] as? String)
            let phonePath = "/v1/mediation/cases/\(id)/parties/\(parties[0].id)/phone?purpose=%E7%BA%A6%E8%B0%88"
            let revealed = try await client.send(.get, phonePath, token: boundSecret)
            #expect(revealed.status == .ok && revealed.json["phone"] as? String == "13800138000", "\(revealed.text)")
            // The command line binds the same way (`grassroots token issue --person`), mediators only.
            let person = try #require(UUID(uuidString: adult))
            let issuedByCommand = try await tree.provisioning.issueToken(
                role: .mediator, areaId: tree.community1.id, lifetime: 3600, label: "cli", personId: person,
                deadline: .now.advanced(by: .seconds(5)))
            #expect(issuedByCommand.token.personId == person)
            await #expect(throws: DomainError.self) {
                try await tree.provisioning.issueToken(
                    role: .staff, areaId: tree.community1.id, lifetime: 3600, label: "cli", personId: person,
                    deadline: .now.advanced(by: .seconds(5)))
            }
            #expect(try await client.send(.get, phonePath, token: issuedByCommand.secret).status == .ok)
            let unbound = try await tree.token(.mediator, tree.community1)
            #expect(try await client.send(.get, phonePath, token: unbound).status == .forbidden)

            // Trainings are recorded, never in the future.
            let training: [String: Any] = ["trainedOn": today.description, "hours": 8, "topic": "人民调解法"]
            let trained = try await client.send(
                .post, "/v1/mediators/\(mediatorId)/trainings", token: staff, json: training)
            #expect((trained.json["trainings"] as? [Any])?.count == 1, "\(trained.text)")
            let future = training.merging(["trainedOn": today.addingDays(1).description]) { $1 }
            #expect(
                try await client.send(.post, "/v1/mediators/\(mediatorId)/trainings", token: staff, json: future).status
                    == .unprocessableContent)

            // MED-22: dismissal with a reason ends the post and its assignments.
            #expect(
                try await client.send(.post, "/v1/mediators/\(mediatorId)/end", token: staff, json: ["reason": " "])
                    .status == .unprocessableContent)
            let ended = try await client.send(
                .post, "/v1/mediators/\(mediatorId)/end", token: staff, json: ["reason": "收受当事人财物"])
            #expect(ended.json["endKind"] as? String == "dismissal" && ended.json["active"] as? Bool == false)
            #expect(try await MediationTests.read(client, staff, id).mediators?.isEmpty == true)
            let next = try await MediationTests.received(client, token: staff, grid: tree.grid1).id
            _ = try await MediationTests.move(client, staff, next, to: .accepted)
            let refused = try await assign(next, consentToHelpers: true)
            #expect(refused.status == .unprocessableContent && refused.text.contains("mediation.mediator_not_serving"))
            #expect(try await MediationTests.read(client, staff, next).findings.contains { $0.rule == "MED-5" })

            // Auditors read posts with the name masked.
            let auditor = try await tree.token(.auditor, tree.community1)
            let seen = try await client.send(.get, "/v1/mediators/\(mediatorId)", token: auditor)
            #expect(seen.json["personName"] as? String == "王*")
        }
    }

    @Test func anAcceptedEscalationReleasesTheLevelBelowsMediators() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let staff = try await tree.token(.staff, tree.community1)
            let adult = try await Self.person(client, staff, tree, born: CalendarDay("1980-05-01")!)
            let post = try await client.send(
                .post, "/v1/mediators", token: staff,
                json: [
                    "personId": adult, "areaId": tree.community1.idString, "kind": "engaged",
                    "employment": "part_time",
                ])
            let mediatorId = try #require(post.json["id"] as? String, "\(post.text)")
            let id = try await MediationTests.received(client, token: staff, grid: tree.grid1).id
            _ = try await MediationTests.move(client, staff, id, to: .accepted)
            let parties = try await MediationTests.read(client, staff, id).parties
            let assigned = try await client.send(
                .post, "/v1/mediation/cases/\(id)/assignment", token: staff,
                json: [
                    "mediatorIds": [mediatorId], "consents": parties.map { ["partyId": $0.id, "consents": true] },
                ])
            #expect(assigned.status == .ok, "\(assigned.text)")
            let escalation = try await client.send(
                .post, "/v1/mediation/cases/\(id)/escalations", token: staff, json: ["reason": "需街道协调"])
            let escalationId = try #require(escalation.json["id"] as? String, "\(escalation.text)")
            let street = try await tree.token(.staff, tree.street1)
            let accepted = try await client.send(
                .post, "/v1/mediation/cases/\(id)/escalations/\(escalationId)/decision", token: street,
                json: ["accept": true])
            #expect(accepted.json["level"] as? String == "street", "\(accepted.text)")
            #expect((accepted.json["mediators"] as? [Any])?.isEmpty == true)
        }
    }
}
