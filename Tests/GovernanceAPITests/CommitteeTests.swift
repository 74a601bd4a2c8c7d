import Foundation
import Governance
import GovernanceAPI
import GovernanceServices
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite struct CommitteeTests {
    static func person(_ client: any TestClientProtocol, token: String, grid: Area, gender: String = "female")
        async throws -> String
    {
        let response = try await client.send(
            .post, "/v1/people", token: token,
            json: [
                "residenceAreaId": grid.idString, "name": "委员", "gender": gender, "birthYear": 1970,
                "idNumber": TestIDNumbers.make(),
            ])
        return try #require(response.json["id"] as? String)
    }

    static func seat(
        _ client: any TestClientProtocol, token: String, committee: String, person: String, position: String = "member",
        extra: [String: Any] = [:]
    ) async throws -> TestResponse {
        var body: [String: Any] = ["personId": person, "position": position, "startedOn": "2026-01-01"]
        body.merge(extra) { $1 }
        return try await client.send(.post, "/v1/committees/\(committee)/members", token: token, json: body)
    }

    @Test func aResidentsCommitteeOfFourIsOutOfRangeAndTheFifthFixesIt() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let staff = try await tree.token(.staff, tree.street1)
            let created = try await client.send(
                .post, "/v1/committees", token: staff,
                json: [
                    "areaId": tree.community1.idString, "kind": "residents_committee", "name": "一社区居委会",
                    "termStart": "2026-01-01",
                ])
            #expect(created.status == .created)
            #expect(created.json["termEnd"] as? String == "2030-12-31")
            let committee = try #require(created.json["id"] as? String)
            #expect(
                try await Self.seat(
                    client, token: staff, committee: committee,
                    person: try await Self.person(client, token: staff, grid: tree.grid1), position: "director"
                ).status == .created)
            for _ in 0..<3 {
                #expect(
                    try await Self.seat(
                        client, token: staff, committee: committee,
                        person: try await Self.person(client, token: staff, grid: tree.grid1)
                    ).status == .created)
            }
            let four = try await client.send(.get, "/v1/committees/\(committee)/compliance", token: staff)
            #expect(four.json["compliant"] as? Bool == false)
            let codes = { (response: TestResponse) in
                ((response.json["findings"] as? [[String: Any]]) ?? []).compactMap { $0["code"] as? String }
            }
            #expect(codes(four).contains("committee.size_out_of_range"))
            let summary = try await client.send(.get, "/v1/committees/\(committee)", token: staff)
            #expect(summary.json["compliant"] as? Bool == false)
            #expect(summary.json["findingCount"] as? Int == codes(four).count)
            #expect(
                try await Self.seat(
                    client, token: staff, committee: committee,
                    person: try await Self.person(client, token: staff, grid: tree.grid1)
                ).status == .created)
            let five = try await client.send(.get, "/v1/committees/\(committee)/compliance", token: staff)
            #expect(!codes(five).contains("committee.size_out_of_range"))
            // Still missing its sub-committees (COM-14), so lists filter it as non-compliant.
            #expect(codes(five).contains("committee.missing_subcommittee"))
            let nonCompliant = try await client.send(
                .get, "/v1/committees?compliant=false&areaId=\(tree.community1.idString)", token: staff)
            #expect((nonCompliant.json["items"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == [committee])
        }
    }

    @Test func aSecondDirectorIs422() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let staff = try await tree.token(.staff, tree.street1)
            let committee = try await client.createCommittee(token: staff, area: tree.community1)
            #expect(
                try await Self.seat(
                    client, token: staff, committee: committee,
                    person: try await Self.person(client, token: staff, grid: tree.grid1), position: "director"
                ).status == .created)
            let second = try await Self.seat(
                client, token: staff, committee: committee,
                person: try await Self.person(client, token: staff, grid: tree.grid1), position: "director")
            #expect(second.status == .unprocessableContent)
            #expect(second.json["code"] as? String == "committee.duplicate_director")
            let members = try await client.send(.get, "/v1/committees/\(committee)/members", token: staff)
            #expect((members.json["items"] as? [[String: Any]])?.count == 1)
        }
    }

    @Test func supervisionMembersAreSeparateFromTheCommitteeAndItsRelatives() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let staff = try await tree.token(.staff, tree.street1)
            let residents = try await client.createCommittee(token: staff, area: tree.community1)
            let supervision = try await client.createCommittee(
                token: staff, area: tree.community1, kind: "supervision_committee")
            let seated = try await Self.person(client, token: staff, grid: tree.grid1)
            #expect(try await Self.seat(client, token: staff, committee: residents, person: seated).status == .created)
            let same = try await Self.seat(client, token: staff, committee: supervision, person: seated)
            #expect(same.json["code"] as? String == "committee.supervisor_conflict")
            let spouse = try await Self.person(client, token: staff, grid: tree.grid1)
            let relative = try await Self.seat(
                client, token: staff, committee: supervision, person: spouse, extra: ["closeRelativeOf": [seated]])
            #expect(relative.json["code"] as? String == "committee.supervisor_conflict")
            let cashier = try await Self.seat(
                client, token: staff, committee: supervision,
                person: try await Self.person(client, token: staff, grid: tree.grid1), extra: ["financeRole": "cashier"]
            )
            #expect(cashier.json["code"] as? String == "committee.supervisor_finance_role")
            #expect(
                try await Self.seat(client, token: staff, committee: supervision, person: spouse).status == .created)
        }
    }

    @Test func overlappingTenuresAndDatesOutOfOrderAreRefused() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let staff = try await tree.token(.staff, tree.street1)
            let committee = try await client.createCommittee(token: staff, area: tree.community1)
            let person = try await Self.person(client, token: staff, grid: tree.grid1)
            let first = try await Self.seat(
                client, token: staff, committee: committee, person: person, extra: ["endedOn": "2026-06-30"])
            #expect(first.status == .created)
            let overlap = try await Self.seat(
                client, token: staff, committee: committee, person: person, extra: ["startedOn": "2026-06-01"])
            #expect(overlap.json["code"] as? String == "committee.overlapping_tenure")
            #expect(
                try await Self.seat(
                    client, token: staff, committee: committee, person: person, extra: ["startedOn": "2026-07-01"]
                ).status == .created)
            let backwards = try await Self.seat(
                client, token: staff, committee: committee,
                person: try await Self.person(client, token: staff, grid: tree.grid1),
                extra: ["startedOn": "2026-05-01", "endedOn": "2026-04-01"])
            #expect(backwards.json["code"] as? String == "committee.dates_out_of_order")
            let wrongArea = try await client.send(
                .post, "/v1/committees", token: staff,
                json: [
                    "areaId": tree.community1.idString, "kind": "villagers_committee", "name": "村委会",
                    "termStart": "2026-01-01",
                ])
            #expect(wrongArea.json["code"] as? String == "committee.invalid_area")
        }
    }

    @Test func aStreetTokenSeesItsCommunitiesCommitteesOnlyAndAGridWorkerItsCommunitys() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let setup = try await tree.token(.staff, tree.district)
            var ids: [String: String] = [:]
            for (label, community) in [("one", tree.community1), ("two", tree.community2)] {
                let created = try await client.send(
                    .post, "/v1/committees", token: setup,
                    json: [
                        "areaId": community.idString, "kind": "residents_committee", "name": "居委会",
                        "termStart": "2026-01-01",
                    ])
                ids[label] = try #require(created.json["id"] as? String)
            }
            let street1 = try await tree.token(.staff, tree.street1)
            let listed = try await client.send(.get, "/v1/committees?limit=200", token: street1)
            #expect((listed.json["items"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == [ids["one"]!])
            #expect(try await client.send(.get, "/v1/committees/\(ids["two"]!)", token: street1).status == .notFound)
            let worker = try await tree.token(.gridWorker, tree.grid1)
            #expect(try await client.send(.get, "/v1/committees/\(ids["one"]!)", token: worker).status == .ok)
            #expect(try await client.send(.get, "/v1/committees/\(ids["two"]!)", token: worker).status == .notFound)
        }
    }

    @Test func theRuleProfileShowsWhereEachNumberComesFrom() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let admin = try await tree.token(.admin, tree.district)
            let set = try await client.send(
                .patch, "/v1/areas/\(tree.district.idString)/rule-profile", token: admin,
                json: ["parameters": ["residentsCommitteeMax": 11]])
            #expect(set.status == .ok)
            let profile = try await client.send(
                .get, "/v1/areas/\(tree.community1.idString)/rule-profile", token: admin)
            let parameters = (profile.json["parameters"] as? [[String: Any]]) ?? []
            let maximum = try #require(parameters.first { $0["name"] as? String == "residentsCommitteeMax" })
            #expect(maximum["value"] as? Int == 11)
            #expect(maximum["source"] as? String == "area:\(tree.district.idString)")
            let minimum = try #require(parameters.first { $0["name"] as? String == "residentsCommitteeMin" })
            #expect((minimum["source"] as? String)?.hasPrefix("national:") == true)
            let unknown = try await client.send(
                .patch, "/v1/areas/\(tree.district.idString)/rule-profile", token: admin,
                json: ["parameters": ["nonsense": 1]])
            #expect(unknown.status == .unprocessableContent)
        }
    }
}
