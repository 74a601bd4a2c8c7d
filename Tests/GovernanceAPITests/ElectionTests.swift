import Foundation
import Governance
import GovernanceAPI
import GovernanceServices
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite struct ElectionTests {
    @Test func aFullElectionFromDraftToCertifiedChangesTheCommittee() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let staff = try await tree.token(.staff, tree.street1)
            func person(_ name: String, _ gender: String = "female") async throws -> String {
                let response = try await client.send(
                    .post, "/v1/people", token: staff,
                    json: [
                        "residenceAreaId": tree.grid1.idString, "name": name, "gender": gender, "birthYear": 1975,
                        "idNumber": TestIDNumbers.make(),
                        "phone": "13800138000",
                    ])
                return try #require(response.json["id"] as? String)
            }
            let committee = try await client.createCommittee(
                token: staff, area: tree.community1, termStart: "2021-06-20")
            let old = try await person("老主任")
            #expect(
                try await client.send(
                    .post, "/v1/committees/\(committee)/members", token: staff,
                    json: ["personId": old, "position": "director", "startedOn": "2021-06-20"]
                ).status == .created)

            let created = try await client.send(
                .post, "/v1/elections", token: staff,
                json: [
                    "committeeId": committee, "kind": "general", "method": "all_voters",
                    "seats": ["director": 1, "member": 2], "pollingDay": "2026-06-20",
                ])
            #expect(created.status == .created)
            let election = try #require(created.json["id"] as? String)
            func move(_ to: String, _ extra: [String: Any] = [:]) async throws -> TestResponse {
                var body: [String: Any] = ["to": to]
                body.merge(extra) { $1 }
                return try await client.send(.post, "/v1/elections/\(election)/transitions", token: staff, json: body)
            }
            #expect(try await move("voting").status == .conflict)  // illegal: changes nothing
            #expect(try await move("registration").status == .ok)
            var stations: [String] = []
            for (name, voters) in [("第一投票站", 600), ("流动票箱", 400)] {
                let station = try await client.send(
                    .post, "/v1/elections/\(election)/stations", token: staff,
                    json: ["name": name, "registeredVoters": voters, "mobile": voters == 400])
                stations.append(try #require(station.json["id"] as? String))
            }
            let late = try await move("nomination", ["rollPublishedOn": "2026-06-05"])
            #expect(late.json["code"] as? String == "election.roll_too_late")
            #expect(try await move("nomination", ["rollPublishedOn": "2026-05-25"]).status == .ok)
            var ids: [String: String] = [:]
            for (name, position) in [
                ("甲", "director"), ("乙", "director"), ("丙", "member"), ("丁", "member"), ("戊", "member"),
            ] {
                let candidate = try await client.send(
                    .post, "/v1/elections/\(election)/candidates", token: staff,
                    json: ["personId": try await person(name), "position": position])
                ids[name] = try #require(candidate.json["id"] as? String)
            }
            #expect(try await move("candidates_published", ["publishedOn": "2026-06-10"]).status == .ok)
            #expect(try await move("voting").status == .ok)
            #expect(try await move("counting").status == .ok)

            func tally(_ station: Int, round: Int = 1, cast: Int, valid: Int, _ votes: [String: Int]) async throws
                -> TestResponse
            {
                try await client.send(
                    .put, "/v1/elections/\(election)/stations/\(stations[station])/tally", token: staff,
                    json: [
                        "round": round, "issued": cast + 10, "cast": cast, "valid": valid, "invalid": cast - valid,
                        "proxy": 0,
                        "votes": votes.map { ["candidateId": ids[$0.key]!, "votes": $0.value] },
                    ])
            }
            #expect(
                try await tally(0, cast: 400, valid: 390, ["甲": 300, "乙": 90, "丙": 250, "丁": 200, "戊": 100]).status
                    == .ok)
            let digestBefore =
                try await client.send(.get, "/v1/elections/\(election)/record", token: staff).json["sha256"] as? String
            #expect(
                try await tally(1, cast: 250, valid: 250, ["甲": 150, "乙": 100, "丙": 140, "丁": 120, "戊": 80]).status
                    == .ok)
            let digestAfter =
                try await client.send(.get, "/v1/elections/\(election)/record", token: staff).json["sha256"] as? String
            #expect(digestBefore != nil && digestBefore != digestAfter)

            let inconsistent = try await client.send(
                .put, "/v1/elections/\(election)/stations/\(stations[1])/tally", token: staff,
                json: ["round": 1, "issued": 300, "cast": 250, "valid": 200, "invalid": 10, "votes": []])
            #expect(inconsistent.status == .unprocessableContent)
            let unchanged =
                try await client.send(.get, "/v1/elections/\(election)/record", token: staff).json["sha256"] as? String
            #expect(unchanged == digestAfter)

            let results = try await client.send(.get, "/v1/elections/\(election)/results", token: staff)
            #expect(results.json["valid"] as? Bool == true)
            #expect(results.json["ballotsCast"] as? Int == 650)
            let outcomes = (results.json["outcomes"] as? [[String: Any]]) ?? []
            let elected = Set(outcomes.filter { $0["elected"] as? Bool == true }.compactMap { $0["name"] as? String })
            #expect(elected == ["甲", "丙"])  // 丁 has 320 of 650: not more than half
            #expect((results.json["unfilledSeats"] as? [String: Any])?["member"] as? Int == 1)

            #expect(try await move("runoff").status == .ok)
            // The run-off's candidates are the persons with the most votes among the unelected.
            let candidates = try await client.send(.get, "/v1/elections/\(election)/candidates", token: staff)
            for name in ["丁", "戊"] {
                let personId = try #require(
                    (candidates.json["items"] as? [[String: Any]])?.first { $0["name"] as? String == name }?["personId"]
                        as? String)
                let runoff = try await client.send(
                    .post, "/v1/elections/\(election)/candidates", token: staff,
                    json: ["personId": personId, "position": "member", "round": 2])
                ids[name + "2"] = try #require(runoff.json["id"] as? String)
            }
            #expect(try await move("counting").status == .ok)
            #expect(try await tally(0, round: 2, cast: 320, valid: 320, ["丁2": 200, "戊2": 120]).status == .ok)
            #expect(try await tally(1, round: 2, cast: 200, valid: 200, ["丁2": 130, "戊2": 70]).status == .ok)
            #expect(try await move("certified").status == .ok)

            let members = try await client.send(.get, "/v1/committees/\(committee)/members", token: staff)
            let items = (members.json["items"] as? [[String: Any]]) ?? []
            let active = items.filter { $0["endedOn"] == nil }.compactMap { $0["personName"] as? String }
            #expect(Set(active) == ["甲", "丙", "丁"])
            #expect(items.first { $0["personName"] as? String == "老主任" }?["endedOn"] as? String == "2026-06-19")
            let renewed = try await client.send(.get, "/v1/committees/\(committee)", token: staff)
            #expect(renewed.json["termStart"] as? String == "2026-06-20")
            #expect(renewed.json["termEnd"] as? String == "2031-06-19")

            let afterCertification = try await tally(0, cast: 400, valid: 400, [:])
            #expect(afterCertification.status == .conflict)

            let board = try await client.send(.get, "/v1/public/elections/\(election)")
            #expect(board.status == .ok)
            #expect((board.json["results"] as? [[String: Any]])?.isEmpty == false)
            #expect(
                !board.text.contains("13800138000") && !board.text.contains("138****")
                    && !board.text.contains("personId"))
        }
    }

    @Test func aPassedRecallEndsTheTenure() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let staff = try await tree.token(.staff, tree.street1)
            let committee = try await client.createCommittee(token: staff, area: tree.community1)
            let person = try await client.send(
                .post, "/v1/people", token: staff,
                json: [
                    "residenceAreaId": tree.grid1.idString, "name": "被罢免", "gender": "male", "birthYear": 1970,
                    "idNumber": TestIDNumbers.make(),
                ])
            let seated = try await client.send(
                .post, "/v1/committees/\(committee)/members", token: staff,
                json: [
                    "personId": try #require(person.json["id"] as? String), "position": "member",
                    "startedOn": "2026-01-01",
                ])
            let member = try #require(seated.json["id"] as? String)
            let weak = try await client.send(
                .post, "/v1/committees/\(committee)/members/\(member)/recalls", token: staff,
                json: ["signatures": 100, "registeredVoters": 1000, "cast": 600, "inFavour": 400, "reasons": "长期不履职"])
            #expect(weak.json["code"] as? String == "recall.petition_insufficient")
            let failed = try await client.send(
                .post, "/v1/committees/\(committee)/members/\(member)/recalls", token: staff,
                json: ["signatures": 200, "registeredVoters": 1000, "cast": 600, "inFavour": 300, "reasons": "长期不履职"])
            #expect(failed.json["passed"] as? Bool == false)
            let passed = try await client.send(
                .post, "/v1/committees/\(committee)/members/\(member)/recalls", token: staff,
                json: ["signatures": 200, "registeredVoters": 1000, "cast": 600, "inFavour": 301, "reasons": "长期不履职"])
            #expect(passed.json["passed"] as? Bool == true)
            let members = try await client.send(.get, "/v1/committees/\(committee)/members", token: staff)
            #expect((members.json["items"] as? [[String: Any]])?.first?["endReason"] as? String == "recalled")
        }
    }
}
