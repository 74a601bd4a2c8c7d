import Foundation
import Governance
import GovernanceServices
import GrassrootsClient
import HTTPTypes
import HummingbirdTesting
import Testing

/// Self-governance meetings through the API (COM-18 – COM-21).
@Suite struct MeetingTests {
    static var today: CalendarDay { GovernanceClock.system.today }

    static func body(
        _ area: Area, kind: String, basis: String, eligible: Int? = nil, present: Int, noticeDays: Int = 10,
        heldOn: CalendarDay = today
    ) -> [String: Any] {
        var body: [String: Any] = [
            "areaId": area.idString, "kind": kind, "basis": basis, "present": present,
            "noticeOn": heldOn.addingDays(-noticeDays).description, "heldOn": heldOn.description,
            "agenda": ["修订村规民约"],
        ]
        if let eligible { body["eligible"] = eligible }
        return body
    }

    /// COM-19: a villagers' meeting of 300 households with 200 present decides by more than half
    /// of those present (101 passes, 100 does not); 199 present cannot decide; nine days' notice
    /// is too short; a residents' meeting is not held in a village.
    @Test func aVillagersMeetingDecidesWithItsQuorumCOM19() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let staff = try await tree.token(.staff, tree.street1)
            let village = try await tree.provisioning.addArea(
                .village, name: "白沙村", under: tree.street1, deadline: .now.advanced(by: .seconds(5)))
            let held = try await client.send(
                .post, "/v1/meetings", token: staff,
                json: Self.body(village, kind: "villagers_meeting", basis: "households", eligible: 300, present: 200))
            #expect(held.status == .created, "\(held.text)")
            #expect(held.json["quorate"] as? Bool == true && held.json["rule"] as? String == "COM-19")
            let id = try #require(held.json["id"] as? String)
            for (yes, passed) in [(101, true), (100, false)] {
                let decided = try await client.send(
                    .post, "/v1/meetings/\(id)/decisions", token: staff,
                    json: ["item": "修订村规民约", "text": "通过修订稿", "yes": yes, "no": 199 - yes, "abstain": 1])
                #expect(decided.status == .created, "\(decided.text)")
                let decisions = decided.json["decisions"] as? [[String: Any]] ?? []
                #expect(decisions.last?["passed"] as? Bool == passed)
            }
            let short = try await client.send(
                .post, "/v1/meetings", token: staff,
                json: Self.body(village, kind: "villagers_meeting", basis: "households", eligible: 300, present: 199))
            #expect(short.json["quorate"] as? Bool == false)
            let refused = try await client.send(
                .post, "/v1/meetings/\(try #require(short.json["id"] as? String))/decisions", token: staff,
                json: ["item": "x", "text": "x", "yes": 150, "no": 0, "abstain": 0])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.json["code"] as? String == "meeting.quorum_not_met")
            let hurried = try await client.send(
                .post, "/v1/meetings", token: staff,
                json: Self.body(
                    village, kind: "villagers_meeting", basis: "adults", eligible: 900, present: 600, noticeDays: 9))
            #expect(hurried.json["code"] as? String == "meeting.notice_too_short")
            let misplaced = try await client.send(
                .post, "/v1/meetings", token: staff,
                json: Self.body(village, kind: "residents_meeting", basis: "adults", eligible: 900, present: 600))
            #expect(misplaced.json["code"] as? String == "meeting.wrong_area")
            let listed = try await client.send(.get, "/v1/meetings?areaId=\(village.idString)", token: staff)
            #expect((listed.json["items"] as? [[String: Any]])?.count == 2)
        }
    }

    /// COM-18: an assembly's body is its members on the day, not a stated number; an assembly
    /// that did not meet in the last full quarter is a finding until a meeting of that quarter
    /// is recorded.
    @Test func anAssemblyCountsItsMembersAndMeetsEveryQuarterCOM18() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let staff = try await tree.token(.staff, tree.street1)
            let village = try await tree.provisioning.addArea(
                .village, name: "青山村", under: tree.street1, deadline: .now.advanced(by: .seconds(5)))
            let lastQuarter = Self.today.quarterStart.addingDays(-1)
            let noAssembly = try await client.send(
                .post, "/v1/meetings", token: staff,
                json: Self.body(
                    village, kind: "villager_representative_assembly", basis: "assembly_members", present: 2,
                    heldOn: lastQuarter))
            #expect(noAssembly.json["code"] as? String == "meeting.no_assembly", "\(noAssembly.text)")
            let start = lastQuarter.quarterStart.addingDays(-1)
            let assembly = try await client.createCommittee(
                token: staff, area: village, kind: .representativeAssembly, termStart: start.description)
            for _ in 0..<3 {
                let seated = try await CommitteeTests.seat(
                    client, token: staff, committee: assembly,
                    person: try await CommitteeTests.person(client, token: staff, grid: tree.grid1),
                    position: .representative, startedOn: start.description, constituency: .resident)
                #expect(statusCode(of: seated) == 201)
            }
            func findings() async throws -> [String] {
                let compliance = try await client.send(.get, "/v1/committees/\(assembly)/compliance", token: staff)
                return (compliance.json["findings"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
            }
            #expect(try await findings().contains("committee.assembly_not_convened"))
            let stated = try await client.send(
                .post, "/v1/meetings", token: staff,
                json: Self.body(
                    village, kind: "villager_representative_assembly", basis: "assembly_members", eligible: 3,
                    present: 2, heldOn: lastQuarter))
            #expect(stated.status == .unprocessableContent)
            let met = try await client.send(
                .post, "/v1/meetings", token: staff,
                json: Self.body(
                    village, kind: "villager_representative_assembly", basis: "assembly_members", present: 2,
                    heldOn: lastQuarter))
            #expect(met.status == .created, "\(met.text)")
            #expect(met.json["eligible"] as? Int == 3 && met.json["quorate"] as? Bool == true)
            #expect(try await !findings().contains("committee.assembly_not_convened"))
        }
    }
}

/// Democratic evaluation through the API (COM-13).
@Suite struct EvaluationTests {
    /// Presided by the supervision committee at a quorate residents' meeting; a member rated
    /// incompetent at two evaluations in a row leaves office; a presider who does not supervise
    /// is refused.
    @Test func incompetentTwiceInARowLeavesOfficeCOM13() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let staff = try await tree.token(.staff, tree.street1)
            let committee = try await client.createCommittee(
                token: staff, area: tree.community1, termStart: "2021-11-01")
            var members: [String] = []
            for index in 0..<5 {
                let seated = try await CommitteeTests.seat(
                    client, token: staff, committee: committee,
                    person: try await CommitteeTests.person(client, token: staff, grid: tree.grid1),
                    position: index == 0 ? .director : .member, startedOn: "2021-11-01")
                members.append(try seated.created.body.json.id)
            }
            let supervision = try await client.createCommittee(
                token: staff, area: tree.community1, kind: .supervisionCommittee, termStart: "2021-11-01")
            let supervisor = try await CommitteeTests.person(client, token: staff, grid: tree.grid1)
            #expect(
                statusCode(
                    of: try await CommitteeTests.seat(
                        client, token: staff, committee: supervision, person: supervisor, position: .director,
                        startedOn: "2021-11-01")) == 201)
            func compliance() async throws -> [String] {
                let answer = try await client.send(.get, "/v1/committees/\(committee)/compliance", token: staff)
                return (answer.json["findings"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
            }
            #expect(try await compliance().contains("committee.not_evaluated"))
            func meeting(daysAgo: Int) async throws -> String {
                let held = try await client.send(
                    .post, "/v1/meetings", token: staff,
                    json: MeetingTests.body(
                        tree.community1, kind: "residents_meeting", basis: "households", eligible: 300, present: 200,
                        noticeDays: 7, heldOn: MeetingTests.today.addingDays(-daysAgo)))
                return try #require(held.json["id"] as? String, "\(held.text)")
            }
            func evaluate(_ meeting: String, presidedBy: String) async throws -> TestResponse {
                try await client.send(
                    .post, "/v1/committees/\(committee)/evaluations", token: staff,
                    json: [
                        "meetingId": meeting, "presidedBy": presidedBy,
                        "ratings": members.enumerated().map {
                            ["memberId": $0.element, "rating": $0.offset == 4 ? "incompetent" : "competent"]
                        },
                    ])
            }
            let first = try await meeting(daysAgo: 200)
            let byOutsider = try await evaluate(first, presidedBy: members[0])
            #expect(byOutsider.json["code"] as? String == "evaluation.not_presided_by_supervision")
            let once = try await evaluate(first, presidedBy: supervisor)
            #expect(once.status == .created, "\(once.text)")
            #expect((once.json["terminated"] as? [String])?.isEmpty == true)
            #expect(try await !compliance().contains("committee.not_evaluated"))
            let twice = try await evaluate(try await meeting(daysAgo: 0), presidedBy: supervisor)
            #expect(twice.status == .created, "\(twice.text)")
            #expect(twice.json["terminated"] as? [String] == [members[4]])
            let tenures = try await client.send(.get, "/v1/committees/\(committee)/members", token: staff)
            let ended = (tenures.json["items"] as? [[String: Any]] ?? []).first { $0["id"] as? String == members[4] }
            #expect(ended?["endReason"] as? String == "evaluated_incompetent")
            #expect(ended?["endedOn"] as? String == MeetingTests.today.description)
        }
    }
}
