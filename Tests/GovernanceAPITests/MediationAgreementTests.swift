import Foundation
import Governance
import GrassrootsClient
import HTTPTypes
import HummingbirdTesting
import Testing

/// A written agreement through the API: pending until signed and sealed (MED-13), the joint
/// application for judicial confirmation (MED-15), the court's answer (MED-16); the police report
/// (MED-10); the rules of closing (MED-11, MED-18) and of fees (MED-7); the committee finding (MED-1).
@Suite struct MediationAgreementTests {
    typealias Case = Components.Schemas.MediationCase

    /// A case in mediation in grid1, with its staff and mediator tokens.
    static func mediating(_ client: any TestClientProtocol, _ tree: TestTree, risk: String = "medium") async throws
        -> (id: String, staff: String, mediator: String, parties: [String])
    {
        let staff = try await tree.token(.staff, tree.community1)
        let mediator = try await MediationTests.tokenId(tree, role: .mediator, area: tree.community1)
        let created = try await client.send(
            .post, "/v1/mediation/cases", token: staff,
            json: [
                "areaId": tree.grid1.idString, "source": "walk_in", "category": "neighbour", "description": "漏水",
                "riskLevel": risk,
                "parties": [["name": "张三", "role": "applicant"], ["name": "李四", "role": "respondent"]],
            ])
        #expect(created.status == .created, "\(created.text)")
        let id = try #require(created.json["id"] as? String)
        _ = try await MediationTests.move(client, staff, id, to: .accepted)
        #expect(statusCode(of: try await MediationTests.assign(client, staff, id, mediator: mediator.id)) == 200)
        let parties = try await MediationTests.read(client, staff, id).parties.map(\.id)
        return (id, staff, mediator.secret, parties)
    }

    @Test func med13AWrittenAgreementWaitsForEverySignatureAndTheSeal() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let (id, staff, mediator, parties) = try await Self.mediating(client, tree)
            let today = GovernanceClock.system.today.description
            _ = try await client.api(mediator).addMediationSession(
                path: .init(caseId: id), body: .json(.init(heldOn: today, place: "调解室", summary: "达成一致")))

            // MED-12: a written agreement without the performance manner is refused.
            let incomplete = try await client.send(
                .post, "/v1/mediation/cases/\(id)/agreement", token: mediator,
                json: [
                    "form": "written", "facts": "漏水", "terms": "赔偿", "agreedOn": today, "performanceDeadline": today,
                ])
            #expect(incomplete.status == .unprocessableContent)
            #expect(incomplete.text.contains("performanceManner"))

            let recorded = try await client.api(mediator).recordMediationAgreement(
                path: .init(caseId: id),
                body: .json(
                    .init(
                        form: .written, facts: "楼上漏水致损，楼上负主要责任", terms: "李四赔偿维修费 2000 元",
                        performanceManner: "一次性转账", performanceDeadline: today, agreedOn: today))
            ).ok.body.json
            #expect(recorded.status == .inMediation, "MED-13: not concluded while signatures are pending")
            #expect(recorded.agreement?.status == .pendingSignatures)
            #expect(recorded.agreement?.effectiveOn == nil)
            #expect(recorded.agreement?.judicialConfirmationDeadline == nil, "MED-15: no window before it takes effect")

            // Judicial confirmation cannot be applied for yet.
            let early = try await client.api(mediator).applyForJudicialConfirmation(
                path: .init(caseId: id),
                body: .json(.init(appliedOn: today, court: "某区人民法院", applicantPartyIds: parties)))
            #expect(problem(in: early)?.code == "mediation.agreement_not_effective")

            func sign(_ body: [String: Any]) async throws -> TestResponse {
                try await client.send(
                    .post, "/v1/mediation/cases/\(id)/agreement/signatures", token: mediator, json: body)
            }
            #expect(try await sign(["signer": "party", "partyId": parties[0], "method": "fingerprint"]).status == .ok)
            #expect(try await sign(["signer": "mediator"]).status == .ok)
            let twice = try await sign(["signer": "mediator"])
            #expect(twice.status == .conflict && twice.text.contains("mediation.already_signed"))
            #expect(try await sign(["signer": "mediator", "partyId": parties[0]]).status == .unprocessableContent)
            let tomorrow = GovernanceClock.system.today.addingDays(1).description
            #expect(
                try await sign(["signer": "party", "partyId": parties[1], "signedOn": tomorrow]).status
                    == .unprocessableContent)
            let stillPending = try await sign(["signer": "committee_seal"])
            #expect(stillPending.status == .ok)
            #expect((stillPending.json["agreement"] as? [String: Any])?["status"] as? String == "pending_signatures")

            let effective = try await client.api(mediator).signMediationAgreement(
                path: .init(caseId: id), body: .json(.init(signer: .party, partyId: parties[1], method: .seal))
            ).ok.body.json
            #expect(effective.status == .agreement)
            #expect(effective.agreement?.status == .effective)
            #expect(effective.agreement?.effectiveOn == today)
            #expect(effective.agreement?.signatures.count == 2)
            #expect(
                effective.agreement?.judicialConfirmationDeadline
                    == GovernanceClock.system.today.addingDays(30).description)

            // MED-15: every party applies together.
            let alone = try await client.api(mediator).applyForJudicialConfirmation(
                path: .init(caseId: id),
                body: .json(.init(appliedOn: today, court: "某区人民法院", applicantPartyIds: [parties[0]])))
            #expect(problem(in: alone)?.code == "mediation.joint_application_required")
            let applied = try await client.api(mediator).applyForJudicialConfirmation(
                path: .init(caseId: id),
                body: .json(.init(appliedOn: today, court: "某区人民法院", applicantPartyIds: parties))
            ).ok.body.json
            #expect(applied.judicialConfirmation?.appliedOn == today)
            #expect(applied.findings.isEmpty || !applied.findings.contains { $0.rule == "MED-16" })
            let answered = try await client.api(staff).recordJudicialConfirmationAnswer(
                path: .init(caseId: id), body: .json(.init(accepted: true, answeredOn: today))
            ).ok.body.json
            #expect(answered.judicialConfirmation?.answer == .accepted)

            // Grid workers never see the agreement's facts or terms.
            let worker = try await tree.token(.gridWorker, tree.grid1)
            let seen = try await client.send(.get, "/v1/mediation/cases/\(id)", token: worker)
            #expect(!seen.text.contains("楼上漏水致损") && !seen.text.contains("2000 元"))
        }
    }

    @Test func med10AHighRiskCaseIsFlaggedUntilThePoliceReportIsRecorded() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let (id, staff, _, _) = try await Self.mediating(client, tree, risk: "high")
            let before = try await MediationTests.read(client, staff, id)
            #expect(before.findings.contains { $0.code == "mediation.police_report_missing" && $0.rule == "MED-10" })
            let future = Date().addingTimeInterval(3600)
            let refused = try await client.api(staff).reportMediationCaseToPolice(
                path: .init(caseId: id), body: .json(.init(reportedAt: future, reportedTo: "某派出所")))
            #expect(statusCode(of: refused) == 422)
            let reported = try await client.api(staff).reportMediationCaseToPolice(
                path: .init(caseId: id), body: .json(.init(reportedAt: Date(), reportedTo: "某派出所"))
            ).ok.body.json
            #expect(reported.policeReport?.reportedTo == "某派出所")
            #expect(!reported.findings.contains { $0.rule == "MED-10" })
        }
    }

    @Test func med1IntakeWithoutAMediationCommitteeIsAllowedButFlagged() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let (id, staff, _, _) = try await Self.mediating(client, tree)
            // The test tree's community has no mediation sub-committee yet.
            #expect(try await MediationTests.read(client, staff, id).findings.map(\.rule).contains("MED-1"))
            let admin = try await tree.token(.admin, tree.community1)
            let today = GovernanceClock.system.today
            let committee = try await client.send(
                .post, "/v1/committees", token: admin,
                json: [
                    "areaId": tree.community1.idString, "kind": "subcommittee", "subject": "mediation",
                    "name": "人民调解委员会", "termStart": today.description,
                ])
            #expect(committee.status == .created, "\(committee.text)")
            #expect(!(try await MediationTests.read(client, staff, id).findings.map(\.rule).contains("MED-1")))
        }
    }

    @Test func med7Med11AndMed18FeesAdviceAndRecords() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let staff = try await tree.token(.staff, tree.community1)
            // MED-7: mediation is free; the contract has no fee, and a fee is refused.
            let withFee = try await client.send(
                .post, "/v1/mediation/cases", token: staff,
                json: [
                    "areaId": tree.grid1.idString, "source": "walk_in", "category": "neighbour", "description": "d",
                    "riskLevel": "low", "fee": 50,
                    "parties": [["name": "甲", "role": "applicant"], ["name": "乙", "role": "respondent"]],
                ])
            #expect((400..<500).contains(withFee.status.code), "MED-7")
            let (id, _, mediator, _) = try await Self.mediating(client, tree)
            // MED-11: a failed mediation records the advice on other routes.
            let noAdvice = try await MediationTests.move(client, mediator, id, to: .failed)
            #expect(statusCode(of: noAdvice) == 422, "MED-11")
            let failed = try await client.send(
                .post, "/v1/mediation/cases/\(id)/transitions", token: mediator,
                json: ["to": "failed", "advice": "litigation"])
            #expect(failed.status == .ok, "\(failed.text)")
            // MED-18: no session record, no closing.
            let closing = try await MediationTests.move(client, mediator, id, to: .closed)
            #expect(problem(in: closing)?.code == "mediation.no_session_record", "MED-18")
        }
    }

    @Test func med19ASimpleDisputeStartsWithTheCompoundWhereTheCommunityHasCompounds() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let staff = try await tree.token(.staff, tree.street1)
            func intake(_ grid: Area, complexity: String) async throws -> TestResponse {
                try await client.send(
                    .post, "/v1/mediation/cases", token: staff,
                    json: [
                        "areaId": grid.idString, "source": "walk_in", "category": "neighbour", "description": "噪音",
                        "riskLevel": "low", "complexity": complexity,
                        "parties": [["name": "甲", "role": "applicant"], ["name": "乙", "role": "respondent"]],
                    ])
            }
            // No compound yet: a simple dispute starts with the community.
            #expect(try await intake(tree.grid1, complexity: "simple").json["level"] as? String == "community")
            let building = try await client.send(
                .post, "/v1/buildings", token: staff,
                json: ["gridId": tree.grid1.idString, "compound": "阳光小区", "name": "1 号楼"])
            #expect(building.status == .created, "\(building.text)")
            let simple = try await intake(tree.grid1, complexity: "simple")
            #expect(simple.json["level"] as? String == "compound", "MED-19")
            #expect(try await intake(tree.grid1, complexity: "general").json["level"] as? String == "community")
            #expect(try await intake(tree.grid1, complexity: "complex").json["level"] as? String == "street")
            // The compound escalates to its community, which accepts it (MED-20).
            let id = try #require(simple.json["id"] as? String)
            let escalated = try await client.send(
                .post, "/v1/mediation/cases/\(id)/escalations", token: staff, json: ["reason": "小区调解未果"])
            #expect(escalated.json["toLevel"] as? String == "community", "\(escalated.text)")
            let escalationId = try #require(escalated.json["id"] as? String)
            let community = try await tree.token(.staff, tree.community1)
            let accepted = try await client.send(
                .post, "/v1/mediation/cases/\(id)/escalations/\(escalationId)/decision", token: community,
                json: ["accept": true])
            #expect(accepted.json["level"] as? String == "community", "\(accepted.text)")
        }
    }
}
