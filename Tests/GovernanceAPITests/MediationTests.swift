import Foundation
import Governance
import GovernanceServices
import GrassrootsClient
import HTTPTypes
import HummingbirdTesting
import Testing

/// People's mediation through the typed client: the lifecycle, escalation, confidentiality.
@Suite struct MediationTests {
    typealias Case = Components.Schemas.MediationCase

    static func intake(
        _ client: any TestClientProtocol, token: String, grid: Area, description: String = "楼上漏水", key: String? = nil
    ) async throws -> Operations.CreateMediationCase.Output {
        try await client.api(token).createMediationCase(
            headers: .init(idempotencyKey: key),
            body: .json(
                .init(
                    areaId: grid.idString, source: .gridPatrol, category: .neighbour, description: description,
                    riskLevel: .medium, complexity: .general,
                    parties: [
                        .init(name: "张三", phone: "13800138000", role: .applicant),
                        .init(name: "李四", phone: "13900139000", role: .respondent),
                    ])))
    }

    /// A new case in `grid`, received.
    static func received(_ client: any TestClientProtocol, token: String, grid: Area) async throws -> Case {
        try await intake(client, token: token, grid: grid).created.body.json
    }

    static func tokenId(_ tree: TestTree, role: Role, area: Area) async throws -> (secret: String, id: String) {
        let issued = try await tree.provisioning.issueToken(
            role: role, areaId: area.id, lifetime: 3600, label: "test", deadline: .now.advanced(by: .seconds(5)))
        return (issued.secret, issued.token.id.uuidString.lowercased())
    }

    static func move(
        _ client: any TestClientProtocol, _ token: String, _ id: String, to status: Components.Schemas.MediationStatus,
        reason: String? = nil
    ) async throws -> Operations.TransitionMediationCase.Output {
        try await client.api(token).transitionMediationCase(
            path: .init(caseId: id), body: .json(.init(to: status, reason: reason)))
    }

    static func read(_ client: any TestClientProtocol, _ token: String, _ id: String) async throws -> Case {
        try await client.api(token).getMediationCase(path: .init(caseId: id)).ok.body.json
    }

    /// Names the mediator with every party's consent, or with the first party refusing.
    static func assign(
        _ client: any TestClientProtocol, _ token: String, _ id: String, mediator: String,
        firstPartyRefuses: Bool = false
    ) async throws -> Operations.AssignMediator.Output {
        let parties = try await read(client, token, id).parties
        return try await client.api(token).assignMediator(
            path: .init(caseId: id),
            body: .json(
                .init(
                    mediatorTokenId: mediator,
                    consents: parties.enumerated().map {
                        .init(partyId: $0.element.id, consents: !(firstPartyRefuses && $0.offset == 0))
                    })))
    }

    @Test func aFullCaseFromIntakeToClosedWithAnEscalation() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let gridWorker = try await tree.token(.gridWorker, tree.grid1)
            let communityStaff = try await tree.token(.staff, tree.community1)
            let streetStaff = try await tree.token(.staff, tree.street1)
            let communityMediator = try await Self.tokenId(tree, role: .mediator, area: tree.community1)
            let streetMediator = try await Self.tokenId(tree, role: .mediator, area: tree.street1)

            let received = try await Self.received(client, token: gridWorker, grid: tree.grid1)
            let id = received.id
            #expect(received.level == .community)
            #expect(statusCode(of: try await Self.move(client, communityStaff, id, to: .closed)) == 409)
            #expect(try await Self.read(client, communityStaff, id).status == .received)

            #expect(try await Self.move(client, communityStaff, id, to: .accepted).ok.body.json.status == .accepted)
            let assigned = try await Self.assign(client, communityStaff, id, mediator: communityMediator.id)
            #expect(try assigned.ok.body.json.status == .inMediation)

            let escalation = try await client.api(communityMediator.secret).escalateMediationCase(
                path: .init(caseId: id), body: .json(.init(reason: "涉及物业公司，需街道协调"))
            ).created.body.json
            let notReceiver = try await client.api(communityStaff).decideMediationEscalation(
                path: .init(caseId: id, escalationId: escalation.id), body: .json(.init(accept: true)))
            #expect(statusCode(of: notReceiver) == 403)
            let accepted = try await client.api(streetStaff).decideMediationEscalation(
                path: .init(caseId: id, escalationId: escalation.id), body: .json(.init(accept: true))
            ).ok.body.json
            #expect(accepted.level == .street)
            #expect(accepted.status == .accepted)
            // The community keeps read access, but no longer acts on the case.
            #expect(try await Self.read(client, communityStaff, id).id == id)
            #expect(statusCode(of: try await Self.move(client, communityStaff, id, to: .declined, reason: "x")) == 403)

            #expect(
                try await Self.assign(client, streetStaff, id, mediator: streetMediator.id).ok.body.json.status
                    == .inMediation)
            let session = try await client.api(streetMediator.secret).addMediationSession(
                path: .init(caseId: id),
                body: .json(
                    .init(heldOn: "2026-11-20", place: "街道调解室", attendees: ["张三", "李四"], summary: "双方就维修费用达成一致意向")))
            #expect(statusCode(of: session) == 201)
            // An oral agreement takes effect the day it is reached (MED-13).
            let today = GovernanceClock.system.today
            let agreement = try await client.api(streetMediator.secret).recordMediationAgreement(
                path: .init(caseId: id),
                body: .json(
                    .init(
                        form: .oral, terms: "李四承担维修费2000元", agreedOn: today.description,
                        recordedByMediator: true))
            ).ok.body.json
            #expect(agreement.status == .agreement)
            #expect(agreement.agreement?.status == .effective)
            #expect(agreement.agreement?.judicialConfirmationDeadline == today.addingDays(30).description)
            let tooEarly = try await Self.move(client, streetStaff, id, to: .closed)
            #expect(problem(in: tooEarly)?.code == "mediation.follow_up_required")
            let followed = try await client.api(streetMediator.secret).addMediationFollowUp(
                path: .init(caseId: id), body: .json(.init(performance: .performed, followedUpOn: today.description)))
            #expect(statusCode(of: followed) == 201)
            #expect(try await Self.move(client, streetStaff, id, to: .closed).ok.body.json.status == .closed)

            let analyst = try await tree.token(.analyst, tree.street1)
            let stats = try await client.api(analyst).getMediationStats(query: .init(areaId: tree.street1.idString)).ok
                .body.json
            #expect(stats.agreements == 1)
            #expect(stats.escalated == 1)
            let raw = try await client.send(.get, "/v1/mediation/stats?areaId=\(tree.street1.idString)", token: analyst)
            // Neither a name nor a phone, whole or masked ("138" alone also occurs in UUIDs).
            #expect(!raw.text.contains("张三") && !raw.text.contains("****"))
            #expect(ConsultationTests.unmaskedNumbers(raw.text).isEmpty)
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
            #expect(try first.created.body.json.id == second.created.body.json.id)
            let staff = try await tree.token(.staff, tree.community1)
            let list = try await client.api(staff).listMediationCases(query: .init(limit: 100)).ok.body.json
            #expect(list.items.filter { $0.description == description }.count == 1)
        }
    }

    @Test func aGridWorkerSeesItsGridsCasesOnlyAndNoConfidentialFields() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let staff = try await tree.token(.staff, tree.community1)
            let inGrid1 = try await Self.received(client, token: staff, grid: tree.grid1).id
            let inGrid2 = try await Self.received(client, token: staff, grid: tree.grid2).id
            let worker = try await tree.token(.gridWorker, tree.grid1)
            let ids = try await client.api(worker).listMediationCases().ok.body.json.items.map(\.id)
            #expect(ids.contains(inGrid1) && !ids.contains(inGrid2))
            #expect(statusCode(of: try await client.api(worker).getMediationCase(path: .init(caseId: inGrid2))) == 404)
            #expect(try await Self.read(client, worker, inGrid1).description == nil)
            let sessions = try await client.api(worker).listMediationSessions(path: .init(caseId: inGrid1))
            #expect(statusCode(of: sessions) == 403)
        }
    }

    @Test func theAssignedMediatorSeesFullPhonesAndStaffMaskedOnes() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let staff = try await tree.token(.staff, tree.community1)
            let mediator = try await Self.tokenId(tree, role: .mediator, area: tree.community1)
            let otherMediator = try await Self.tokenId(tree, role: .mediator, area: tree.community1)
            let id = try await Self.received(client, token: staff, grid: tree.grid1).id
            _ = try await Self.move(client, staff, id, to: .accepted)
            #expect(
                try await Self.read(client, staff, id).parties.compactMap(\.phone) == ["138****8000", "139****9000"])
            #expect(statusCode(of: try await Self.assign(client, staff, id, mediator: mediator.id)) == 200)
            // Every case read masks, the assigned mediator's included (GEN-7).
            let parties = try await Self.read(client, mediator.secret, id).parties
            #expect(parties.compactMap(\.phone) == ["138****8000", "139****9000"])
            // The assigned mediator reveals one phone at a time, stating why; nobody else can.
            let path = Operations.RevealMediationPartyPhone.Input.Path(caseId: id, partyId: parties[0].id)
            let mediatorAPI = client.api(mediator.secret)
            #expect(statusCode(of: try await mediatorAPI.revealMediationPartyPhone(path: path, query: .init())) == 422)
            let revealed = try await mediatorAPI.revealMediationPartyPhone(
                path: path, query: .init(purpose: "电话约定调解时间")
            ).ok.body.json
            #expect(revealed.phone == "13800138000" && revealed.remainingToday == 49)
            let other = try await client.api(otherMediator.secret).revealMediationPartyPhone(
                path: path, query: .init(purpose: "看看"))
            #expect(statusCode(of: other) == 403)
            #expect(
                try await Self.read(client, otherMediator.secret, id).parties.compactMap(\.phone) == [
                    "138****8000", "139****9000",
                ])
            let audit = try await client.send(
                .get, "/v1/audit-events?resourceId=\(id)", token: try await tree.token(.auditor, tree.community1))
            #expect(!audit.text.contains("13800138000") && !audit.text.contains("张三"))
            #expect(audit.text.contains("revealMediationPartyPhone") && audit.text.contains("电话约定调解时间"))
        }
    }

    @Test func theClockComesFromTheRuleProfileOfTheAcceptingLevel() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let admin = try await tree.token(.admin, tree.district)
            let profile = try await client.api(admin).updateRuleProfile(
                path: .init(areaId: tree.district.idString),
                body: .json(.init(parameters: .init(additionalProperties: ["mediationMonths": 2]))))
            #expect(statusCode(of: profile) == 200)
            let staff = try await tree.token(.staff, tree.community1)
            let id = try await Self.received(client, token: staff, grid: tree.grid1).id
            let accepted = try await Self.move(client, staff, id, to: .accepted).ok.body.json
            let acceptedOn = try #require(accepted.acceptedOn.flatMap(CalendarDay.init))
            #expect(accepted.deadline == MediationClock.deadline(acceptedOn: acceptedOn, months: 2).description)
            #expect(accepted.overdue == false)
        }
    }

    @Test func aPartysRefusalDeclinesTheCaseMED8() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let staff = try await tree.token(.staff, tree.community1)
            let mediator = try await Self.tokenId(tree, role: .mediator, area: tree.community1)
            let id = try await Self.received(client, token: staff, grid: tree.grid1).id
            _ = try await Self.move(client, staff, id, to: .accepted)
            let refused = try await Self.assign(client, staff, id, mediator: mediator.id, firstPartyRefuses: true)
            #expect(try refused.ok.body.json.status == .declined)
        }
    }
}
