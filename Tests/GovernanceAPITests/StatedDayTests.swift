import Foundation
import Governance
import GovernanceServices
import GrassrootsClient
import HTTPTypes
import HummingbirdTesting
import Postgres
import Testing

/// Backdating and dating ahead (issue 15): the day of an act is the server's today; a day the
/// client states for an act done offline is never after today, nor before the step it follows.
/// Each date of an act the API accepts is sent as tomorrow and refused with 422 `in_future`
/// naming the field, and nothing is written; today passes.
@Suite struct StatedDayTests {
    static var tomorrow: String { GovernanceClock.system.today.addingDays(1).description }
    static var today: String { GovernanceClock.system.today.description }

    /// 422 with the field's `in_future` error.
    static func expectFuture(_ response: TestResponse, field: String, sourceLocation: SourceLocation = #_sourceLocation)
    {
        #expect(response.status == .unprocessableContent, "\(response.text)", sourceLocation: sourceLocation)
        let errors = response.json["errors"] as? [[String: Any]] ?? []
        #expect(
            errors.contains { $0["field"] as? String == field && $0["code"] as? String == "in_future" },
            "\(response.text)", sourceLocation: sourceLocation)
    }

    @Test func committeeTermsAndTenuresAreNotDatedAhead() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let staff = try await tree.token(.staff, tree.street1)
            let ahead = try await client.send(
                .post, "/v1/committees", token: staff,
                json: [
                    "areaId": tree.community1.idString, "kind": "residents_committee", "name": "居委会",
                    "termStart": Self.tomorrow,
                ])
            Self.expectFuture(ahead, field: "termStart")
            let committee = try await client.createCommittee(token: staff, area: tree.community1, termStart: Self.today)
            Self.expectFuture(
                try await client.send(
                    .patch, "/v1/committees/\(committee)", token: staff, json: ["termStart": Self.tomorrow]),
                field: "termStart")
            let person = try await CommitteeTests.person(client, token: staff, grid: tree.grid1)
            for (field, body) in [
                ("startedOn", ["personId": person, "position": "member", "startedOn": Self.tomorrow]),
                (
                    "endedOn",
                    ["personId": person, "position": "member", "startedOn": Self.today, "endedOn": Self.tomorrow]
                ),
            ] {
                Self.expectFuture(
                    try await client.send(.post, "/v1/committees/\(committee)/members", token: staff, json: body),
                    field: field)
            }
            let seated = try await client.send(
                .post, "/v1/committees/\(committee)/members", token: staff,
                json: ["personId": person, "position": "member", "startedOn": Self.today])
            #expect(seated.status == .created)
            let member = try #require(seated.json["id"] as? String)
            Self.expectFuture(
                try await client.send(
                    .patch, "/v1/committees/\(committee)/members/\(member)", token: staff,
                    json: ["endedOn": Self.tomorrow]),
                field: "endedOn")
            let members = try await client.send(.get, "/v1/committees/\(committee)/members", token: staff)
            #expect((members.json["items"] as? [[String: Any]])?.count == 1)
        }
    }

    /// ELE-1: nobody seats a villagers' committee's chair or members by hand; elections do.
    @Test func villagersCommitteeMembersAreElectedNotAppointedELE1() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let staff = try await tree.token(.staff, tree.street1)
            let village = try await tree.provisioning.addArea(
                .village, name: "白沙村", under: tree.street1, deadline: .now.advanced(by: .seconds(5)))
            let committee = try await client.createCommittee(
                token: staff, area: village, kind: .villagersCommittee, termStart: Self.today)
            let person = try await CommitteeTests.person(client, token: staff, grid: tree.grid1)
            for position in ["director", "deputy_director", "member"] {
                let appointed = try await client.send(
                    .post, "/v1/committees/\(committee)/members", token: staff,
                    json: ["personId": person, "position": position, "startedOn": Self.today])
                #expect(appointed.status == .unprocessableContent)
                #expect(appointed.json["code"] as? String == "committee.appointment_forbidden")
            }
            // A by-election is the way: it is accepted for a seat left vacant.
            let byElection = try await client.send(
                .post, "/v1/elections", token: staff,
                json: [
                    "committeeId": committee, "kind": "by_election", "method": "all_voters", "seats": ["member": 1],
                    "pollingDay": ElectionClock.pollingDay,
                ])
            #expect(byElection.status == .created, "\(byElection.text)")
        }
    }

    @Test func gridAssignmentsAreNotDatedAhead() async throws {
        try await TestApp.withApp { client, database in
            let setup = try await GridTests.setup(client, try await TestTree.make(database))
            let person = try await GridTests.person(client, setup, name: "网格员")
            let body: [String: Any] = [
                "post": "grid_worker", "targetId": setup.tree.grid1.idString, "personId": person,
                "employment": "full_time",
            ]
            Self.expectFuture(
                try await client.send(
                    .post, "/v1/grid-assignments", token: setup.staff,
                    json: body.merging(["startedOn": Self.tomorrow]) { $1 }),
                field: "startedOn")
            let created = try await client.send(
                .post, "/v1/grid-assignments", token: setup.staff,
                json: body.merging(["startedOn": Self.today]) { $1 })
            #expect(created.status == .created, "\(created.text)")
            let assignment = try #require(created.json["id"] as? String)
            Self.expectFuture(
                try await client.send(
                    .post, "/v1/grid-assignments/\(assignment)/end", token: setup.staff,
                    json: ["endedOn": Self.tomorrow, "reason": "resigned"]),
                field: "endedOn")
            let successor = try await GridTests.person(client, setup, name: "接任")
            Self.expectFuture(
                try await client.send(
                    .post, "/v1/grid-assignments/\(assignment)/handover", token: setup.staff,
                    json: ["personId": successor, "effectiveOn": Self.tomorrow]),
                field: "effectiveOn")
            let still = try await client.send(.get, "/v1/grid-assignments/\(assignment)", token: setup.staff)
            #expect(still.json["endedOn"] == nil)
        }
    }

    @Test func mediationSessionsAndFollowUpsAreNotDatedAhead() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let staff = try await tree.token(.staff, tree.community1)
            let mediator = try await MediationTests.tokenId(tree, role: .mediator, area: tree.community1)
            let id = try await MediationTests.received(client, token: staff, grid: tree.grid1).id
            _ = try await MediationTests.move(client, staff, id, to: .accepted)
            _ = try await MediationTests.assign(client, staff, id, mediator: mediator.id)
            Self.expectFuture(
                try await client.send(
                    .post, "/v1/mediation/cases/\(id)/sessions", token: mediator.secret,
                    json: ["heldOn": Self.tomorrow, "place": "调解室", "attendees": ["张三"], "summary": "首次调解"]),
                field: "heldOn")
            let held = try await client.send(
                .post, "/v1/mediation/cases/\(id)/sessions", token: mediator.secret,
                json: ["heldOn": Self.today, "place": "调解室", "attendees": ["张三"], "summary": "首次调解"])
            #expect(held.status == .created, "\(held.text)")
            Self.expectFuture(
                try await client.send(
                    .post, "/v1/mediation/cases/\(id)/follow-ups", token: mediator.secret,
                    json: ["performance": "performed", "followedUpOn": Self.tomorrow]),
                field: "followedUpOn")
        }
    }
}

/// COM-7: a village is set up on the township's proposal (its parent), the villagers' meeting's
/// consent and the county's approval.
@Suite struct VillageEstablishmentTests {
    @Test func aVillageIsSetUpOnItsDocumentsCOM7() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let admin = try await tree.token(.admin, tree.district)
            let bare = try await client.send(
                .post, "/v1/areas", token: admin,
                json: ["parentId": tree.street1.idString, "kind": "village", "name": "新村"])
            #expect(bare.status == .unprocessableContent)
            #expect(bare.json["code"] as? String == "area.village_establishment_required")
            let documents = ["villagersMeetingResolution": "新村村民会议决议〔2026〕1号", "countyApproval": "某县政府批复〔2026〕12号"]
            let misplaced = try await client.send(
                .post, "/v1/areas", token: admin,
                json: [
                    "parentId": tree.street1.idString, "kind": "community", "name": "新社区", "establishment": documents,
                ])
            #expect(misplaced.status == .unprocessableContent)
            let village = try await client.send(
                .post, "/v1/areas", token: admin,
                json: ["parentId": tree.street1.idString, "kind": "village", "name": "新村", "establishment": documents])
            #expect(village.status == .created, "\(village.text)")
            let id = try #require(village.json["id"] as? String)
            let stored = try await database.query(
                "SELECT proposed_by FROM area_establishment WHERE area_id = \(UUID(uuidString: id)!)",
                deadline: .now.advanced(by: .seconds(5)))
            #expect(try stored.first?.decode("proposed_by", as: UUID.self) == tree.street1.id)
        }
    }
}
