import Foundation
import Governance
import GovernanceServices
import GrassrootsClient
import HTTPTypes
import HummingbirdTesting
import Testing

/// Answers about objects outside the caller's scope say no more than answers about objects that
/// do not exist (the personal-data review's scope findings).
@Suite struct ScopeSafeAnswersTests {
    @Test func aDuplicateIDNumberIs409InScopeAnd422NamingNothingOutsideIt() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let street1 = client.api(try await tree.token(.staff, tree.street1))
            let district = client.api(try await tree.token(.staff, tree.district))
            let idNumber = TestIDNumbers.make()
            _ = try await street1.createPerson(body: .json(PeopleTests.person(tree, idNumber: idNumber))).created
            // In scope: the caller can read the existing record, so 409 tells nothing new.
            let inScope = try await district.createPerson(body: .json(PeopleTests.person(tree, idNumber: idNumber)))
            #expect(statusCode(of: inScope) == 409)
            // Outside it: 422 whose text names no area and no person.
            let street2Token = try await tree.token(.staff, tree.street2)
            let elsewhere = try await client.send(
                .post, "/v1/people", token: street2Token,
                json: [
                    "residenceAreaId": tree.grid3.idString, "name": "王五", "gender": "male", "birthYear": 1980,
                    "idNumber": idNumber,
                ])
            #expect(elsewhere.status == .unprocessableContent)
            #expect(elsewhere.json["code"] as? String == "person.id_number_unavailable")
            for revealing in [tree.street1.name, tree.street1.idString, tree.grid1.name, "李四"] {
                #expect(!elsewhere.text.contains(revealing))
            }
        }
    }

    @Test func anAdmittedItemOutsideTheScopeIsTheSame404AsAMissingOne() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let department = try await tree.token(.department, tree.district)
            let reviewer = try await tree.token(.reviewer, tree.district)
            let item = try await AdmissionTests.application(
                client, department: department, reviewer: reviewer, target: tree.street1, admit: true)
            let street2Admin = try await tree.token(.admin, tree.street2)
            let outside = try await AdmissionTests.push(
                client, street2Admin, item: item, to: tree.community2)
            let missing = try await AdmissionTests.push(
                client, street2Admin, item: UUID().uuidString.lowercased(), to: tree.community2)
            #expect(statusCode(of: outside) == 404)
            #expect(problem(in: outside)?.code == problem(in: missing)?.code)
        }
    }

    @Test func aMediatorOutsideTheScopeOrExpiredIsRefusedLikeAMissingOne() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let gridWorker = try await tree.token(.gridWorker, tree.grid1)
            let communityStaff = try await tree.token(.staff, tree.community1)
            let id = try await MediationTests.received(client, token: gridWorker, grid: tree.grid1).id
            _ = try await MediationTests.move(client, communityStaff, id, to: .accepted).ok
            let missing = try await MediationTests.assign(
                client, communityStaff, id, mediator: UUID().uuidString.lowercased())
            let otherCommunity = try await MediationTests.tokenId(tree, role: .mediator, area: tree.community2)
            let outside = try await MediationTests.assign(client, communityStaff, id, mediator: otherCommunity.id)
            let expiring = try await tree.provisioning.issueToken(
                role: .mediator, areaId: tree.community1.id, lifetime: 1, label: "test",
                deadline: .now.advanced(by: .seconds(5)))
            try await Task.sleep(for: .milliseconds(1200))
            let expired = try await MediationTests.assign(
                client, communityStaff, id, mediator: expiring.token.id.uuidString.lowercased())
            for answer in [outside, expired] {
                #expect(statusCode(of: answer) == statusCode(of: missing))
                #expect(problem(in: answer)?.code == problem(in: missing)?.code)
            }
            #expect(problem(in: missing)?.code == "mediation.not_a_mediator")
        }
    }
}
