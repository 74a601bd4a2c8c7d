import Foundation
import Governance
import GovernanceServices
import GrassrootsClient
import HTTPTypes
import HummingbirdTesting
import Postgres
import Testing

/// Whole 换届 cycles through the API (issue 15): a village's, from the roll to the hand-over,
/// and a residents' committee's elected by household representatives; then an annulment.
@Suite struct ElectionCycleTests {
    static var today: CalendarDay { GovernanceClock.system.today }

    /// Registers a person living in `grid`, born on `born`.
    static func person(
        _ client: any TestClientProtocol, _ token: String, _ grid: Area, _ name: String, born: CalendarDay,
        gender: String = "female"
    ) async throws -> String {
        let created = try await client.send(
            .post, "/v1/people", token: token,
            json: [
                "residenceAreaId": grid.idString, "name": name, "gender": gender, "birthYear": born.year,
                "idNumber": TestIDNumbers.make(born: born),
            ])
        return try #require(created.json["id"] as? String, "\(created.text)")
    }

    static func ok(
        _ response: TestResponse, _ status: HTTPResponse.Status = .ok, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(response.status == status, "\(response.text)", sourceLocation: sourceLocation)
    }

    /// A village's general election: the roll imported (a minor left out, an 18-year-old in),
    /// published, an omission objection upheld; an election committee member withdraws to
    /// stand; candidates with 差额; tallies from two stations
    /// leave one seat unfilled; a run-off fills it; certification seats the three; the old
    /// committee hands over.
    @Test func aVillageElectsItsCommitteeFromRollToHandoverELE3ELE5ELE6ELE17() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let staff = try await tree.token(.staff, tree.street1)
            let deadline = ContinuousClock.now.advanced(by: .seconds(5))
            let village = try await tree.provisioning.addArea(
                .village, name: "桃源村", under: tree.street1, deadline: deadline)
            let hamlet = try await tree.provisioning.addArea(.grid, name: "一组", under: village, deadline: deadline)
            let committee = try await client.createCommittee(
                token: staff, area: village, kind: .villagersCommittee, termStart: "2021-11-01")
            let pollingDay = Self.today.addingDays(ElectionClock.lead)
            var people: [String: String] = [:]
            for name in ["甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸", "子", "丑"] {
                people[name] = try await Self.person(client, staff, hamlet, name, born: CalendarDay("1975-05-05")!)
            }
            // ELE-3 on polling day: 18 that day is in, one day short is out.
            people["成年"] = try await Self.person(
                client, staff, hamlet, "成年", born: pollingDay.addingDays(0).anniversary(afterYears: -18))
            people["未成年"] = try await Self.person(
                client, staff, hamlet, "未成年", born: pollingDay.anniversary(afterYears: -18).addingDays(1))
            // Registered in the village but living in community1 (ELE-4, category 2): left out by the import.
            people["外出"] = try await Self.person(client, staff, tree.grid1, "外出", born: CalendarDay("1980-01-01")!)

            let created = try await client.send(
                .post, "/v1/elections", token: staff,
                json: [
                    "committeeId": committee, "kind": "general", "method": "all_voters",
                    "seats": ["director": 1, "member": 2], "pollingDay": pollingDay.description,
                ])
            Self.ok(created, .created)
            let election = try #require(created.json["id"] as? String)
            func move(_ to: String) async throws -> TestResponse {
                try await client.send(.post, "/v1/elections/\(election)/transitions", token: staff, json: ["to": to])
            }
            Self.ok(try await move("registration"))
            let report = try await client.send(.post, "/v1/elections/\(election)/voters/import", token: staff)
            Self.ok(report)
            #expect(report.json["registered"] as? Int == 13)
            let leftOut = report.json["leftOut"] as? [[String: Any]] ?? []
            #expect(leftOut.count == 1 && leftOut.first?["personId"] as? String == people["未成年"])
            #expect(leftOut.first?["reason"] as? String == "under_age")
            // ELE-4: a consent meeting that is not the village's is 404, and the roll is unchanged.
            let unknownMeeting = try await client.send(
                .post, "/v1/elections/\(election)/voters", token: staff,
                json: [
                    "personId": people["外出"]!, "category": "resident_not_registered", "certificate": "户籍地证明",
                    "consentMeetingId": UUID().uuidString.lowercased(),
                ])
            #expect(unknownMeeting.status == .notFound, "\(unknownMeeting.text)")
            let roll = try await client.send(.get, "/v1/elections/\(election)/voters?limit=100", token: staff)
            #expect((roll.json["items"] as? [[String: Any]])?.count == 13)
            var stations: [String] = []
            for name in ["村委会投票站", "流动票箱"] {
                let station = try await client.send(
                    .post, "/v1/elections/\(election)/stations", token: staff,
                    json: ["name": name, "registeredVoters": 10])
                stations.append(try #require(station.json["id"] as? String))
            }
            Self.ok(try await move("nomination"))  // the roll is published today, 40 days ahead
            // ELE-5: 外出 objects to being left off; upheld, they are on the roll.
            let objection = try await client.send(
                .post, "/v1/elections/\(election)/roll-objections", token: staff,
                json: ["personId": people["外出"]!, "kind": "omission", "statement": "户籍在本村，本人要求参加选举。"])
            Self.ok(objection, .created)
            let decided = try await client.send(
                .post,
                "/v1/elections/\(election)/roll-objections/\(try #require(objection.json["id"] as? String))/decision",
                token: staff, json: ["upheld": true, "decision": "异议成立，补列入选民名单。"])
            Self.ok(decided)
            #expect(decided.json["overdue"] as? Bool == false)
            // ELE-6: the election committee presides; 甲, on it, withdraws before standing.
            var seats: [String: String] = [:]
            for (name, role) in [("辛", "chair"), ("甲", "member")] {
                let seated = try await client.send(
                    .post, "/v1/elections/\(election)/election-committee", token: staff,
                    json: ["personId": people[name]!, "role": role])
                Self.ok(seated, .created)
                seats[name] = (seated.json["items"] as? [[String: Any]])?.last?["id"] as? String
            }
            let standing = try await client.send(
                .post, "/v1/elections/\(election)/candidates", token: staff,
                json: ["personId": people["甲"]!, "position": "director"])
            #expect(standing.json["code"] as? String == "election.candidate_on_election_committee")
            Self.ok(
                try await client.send(
                    .post, "/v1/elections/\(election)/election-committee/\(try #require(seats["甲"]))/withdrawal",
                    token: staff))
            var candidates: [String: String] = [:]
            for (name, position) in [
                ("甲", "director"), ("乙", "director"), ("丙", "member"), ("丁", "member"), ("戊", "member"),
            ] {
                let added = try await client.send(
                    .post, "/v1/elections/\(election)/candidates", token: staff,
                    json: ["personId": people[name]!, "position": position])
                Self.ok(added, .created)
                candidates[name] = try #require(added.json["id"] as? String)
            }
            Self.ok(try await move("candidates_published"))
            // ELE-23: written entrustments; a proxy votes for at most three others, never dated ahead.
            func entrust(_ voter: String, to proxy: String, on day: CalendarDay = Self.today) async throws
                -> TestResponse
            {
                try await client.send(
                    .post, "/v1/elections/\(election)/proxies", token: staff,
                    json: [
                        "voterPersonId": people[voter]!, "proxyPersonId": people[proxy]!, "writtenOn": day.description,
                    ])
            }
            let ahead = try await entrust("子", to: "丑", on: Self.today.addingDays(1))
            #expect((ahead.json["errors"] as? [[String: Any]])?.first?["code"] as? String == "in_future")
            for voter in ["子", "壬", "癸"] { Self.ok(try await entrust(voter, to: "丑"), .created) }
            #expect(try await entrust("庚", to: "丑").json["code"] as? String == "election.too_many_entrustments")
            #expect(try await move("voting").json["code"] as? String == "election.before_polling_day")
            // Forty days pass: polling day is today.
            try await ElectionClock.travel(election, days: ElectionClock.lead, in: database)
            Self.ok(try await move("voting"))
            Self.ok(try await move("counting"))
            func tally(_ station: Int, round: Int, cast: Int, _ votes: [String: Int]) async throws {
                let put = try await client.send(
                    .put, "/v1/elections/\(election)/stations/\(stations[station])/tally", token: staff,
                    json: [
                        "round": round, "issued": cast, "cast": cast, "valid": cast, "invalid": 0,
                        "votes": votes.map { ["candidateId": candidates[$0.key]!, "votes": $0.value] },
                    ])
                Self.ok(put)
            }
            try await tally(0, round: 1, cast: 6, ["甲": 5, "乙": 1, "丙": 4, "丁": 3, "戊": 2])
            try await tally(1, round: 1, cast: 4, ["甲": 3, "乙": 1, "丙": 3, "丁": 2, "戊": 2])
            let results = try await client.send(.get, "/v1/elections/\(election)/results", token: staff)
            // 14 on the roll (13 imported, 1 by objection): 10 voted, valid (ELE-9); 丁's 5 of 10 is not more than half.
            #expect(
                results.json["registeredVoters"] as? Int == 14 && results.json["registeredFrom"] as? String == "roll")
            #expect(results.json["valid"] as? Bool == true)
            #expect((results.json["unfilledSeats"] as? [String: Any])?["member"] as? Int == 1)
            Self.ok(try await move("runoff"))
            for name in ["丁", "戊"] {
                let added = try await client.send(
                    .post, "/v1/elections/\(election)/candidates", token: staff,
                    json: ["personId": people[name]!, "position": "member", "round": 2])
                Self.ok(added, .created)
                candidates[name] = try #require(added.json["id"] as? String)
            }
            Self.ok(try await move("counting"))
            try await tally(0, round: 2, cast: 5, ["丁": 3, "戊": 2])
            try await tally(1, round: 2, cast: 4, ["丁": 3, "戊": 1])
            Self.ok(try await move("certified"))
            let members = try await client.send(.get, "/v1/committees/\(committee)/members", token: staff)
            let seated = (members.json["items"] as? [[String: Any]] ?? []).filter { $0["endedOn"] == nil }
            #expect(Set(seated.compactMap { $0["personId"] as? String }) == [people["甲"]!, people["丙"]!, people["丁"]!])
            let certified = try await client.send(.get, "/v1/elections/\(election)", token: staff)
            #expect(certified.json["certifiedOn"] as? String == Self.today.description)
            #expect(certified.json["handoverDue"] as? String == Self.today.addingDays(10).description)
            // ELE-17: the hand-over, once, never dated ahead.
            let handedAhead = try await client.send(
                .post, "/v1/elections/\(election)/handover", token: staff,
                json: ["note": "移交", "handedOverOn": Self.today.addingDays(1).description])
            #expect((handedAhead.json["errors"] as? [[String: Any]])?.first?["code"] as? String == "in_future")
            let handover = try await client.send(
                .post, "/v1/elections/\(election)/handover", token: staff, json: ["note": "移交公章、账目、档案和集体资产清单"])
            Self.ok(handover)
            #expect(handover.json["handoverOn"] as? String == Self.today.description)
            #expect(handover.json["handoverOverdue"] as? Bool == false)
            let again = try await client.send(
                .post, "/v1/elections/\(election)/handover", token: staff, json: ["note": "再次移交"])
            #expect(again.status == .conflict)
        }
    }

    /// ELE-2 (household representatives) with a residents' committee of five; no roll, so the
    /// stations' stated households are the registered voters (`registeredFrom: stations`).
    /// ELE-22: the validity of a household-representative election is the same strict majority,
    /// of households: 200 of 300 voted.
    @Test func aResidentsCommitteeIsElectedByHouseholdRepresentativesELE2ELE22() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let staff = try await tree.token(.staff, tree.street1)
            let committee = try await client.createCommittee(
                token: staff, area: tree.community1, termStart: "2021-11-01")
            let created = try await client.send(
                .post, "/v1/elections", token: staff,
                json: [
                    "committeeId": committee, "kind": "general", "method": "household_representatives",
                    "seats": ["director": 1, "member": 4], "pollingDay": ElectionClock.pollingDay,
                ])
            Self.ok(created, .created)
            let election = try #require(created.json["id"] as? String)
            try await ElectionClock.arrivePollingDay(election, in: database)
            func move(_ to: String, _ extra: [String: String] = [:]) async throws {
                Self.ok(
                    try await client.send(
                        .post, "/v1/elections/\(election)/transitions", token: staff,
                        json: extra.merging(["to": to]) { $1 }))
            }
            try await move("registration")
            let station = try await client.send(
                .post, "/v1/elections/\(election)/stations", token: staff,
                json: ["name": "户代表投票站", "registeredVoters": 300])
            let stationId = try #require(station.json["id"] as? String)
            try await move("nomination", ["rollPublishedOn": ElectionClock.daysAgo(25)])
            var ids: [String] = []
            for index in 0..<8 {
                let added = try await client.send(
                    .post, "/v1/elections/\(election)/candidates", token: staff,
                    json: [
                        "personId": try await Self.person(
                            client, staff, tree.grid1, "户代表\(index)", born: CalendarDay("1970-03-03")!),
                        "position": index < 2 ? "director" : "member",
                    ])
                ids.append(try #require(added.json["id"] as? String, "\(added.text)"))
            }
            try await move("candidates_published", ["publishedOn": ElectionClock.daysAgo(10)])
            try await move("voting")
            try await move("counting")
            let votes = [120, 60, 150, 140, 130, 120, 40, 30]  // director 120 of 200; members above 100
            Self.ok(
                try await client.send(
                    .put, "/v1/elections/\(election)/stations/\(stationId)/tally", token: staff,
                    json: [
                        "round": 1, "issued": 210, "cast": 200, "valid": 200, "invalid": 0,
                        "votes": zip(ids, votes).map { ["candidateId": $0.0, "votes": $0.1] },
                    ]))
            let results = try await client.send(.get, "/v1/elections/\(election)/results", token: staff)
            #expect(results.json["registeredFrom"] as? String == "stations" && results.json["valid"] as? Bool == true)
            try await move("certified")
            let members = try await client.send(.get, "/v1/committees/\(committee)/members", token: staff)
            #expect((members.json["items"] as? [[String: Any]])?.count == 5)
        }
    }

    /// A residents' committee of community1 with one member since 2021, and a general election
    /// of it certified today; returns the committee, the election and the old member.
    static func certifiedElection(
        _ client: any TestClientProtocol, _ database: PostgresClient, _ tree: TestTree, _ street: String
    ) async throws -> (committee: String, election: String, old: String) {
        let committee = try await client.createCommittee(
            token: street, area: tree.community1, termStart: "2021-11-01")
        let old = try await Self.person(client, street, tree.grid1, "老委员", born: CalendarDay("1960-01-01")!)
        Self.ok(
            try await client.send(
                .post, "/v1/committees/\(committee)/members", token: street,
                json: ["personId": old, "position": "member", "startedOn": "2021-11-01"]), .created)
        let created = try await client.send(
            .post, "/v1/elections", token: street,
            json: [
                "committeeId": committee, "kind": "general", "method": "all_voters",
                "seats": ["director": 1, "member": 4], "pollingDay": ElectionClock.pollingDay,
            ])
        let election = try #require(created.json["id"] as? String, "\(created.text)")
        try await ElectionClock.arrivePollingDay(election, in: database)
        for step: [String: Any] in [
            ["to": "registration"], ["to": "nomination", "rollPublishedOn": ElectionClock.daysAgo(25)],
        ] {
            Self.ok(
                try await client.send(.post, "/v1/elections/\(election)/transitions", token: street, json: step))
        }
        Self.ok(
            try await client.send(
                .post, "/v1/elections/\(election)/stations", token: street,
                json: ["name": "站", "registeredVoters": 100]), .created)
        let stationId = try #require(
            (try await client.send(.get, "/v1/elections/\(election)/stations", token: street).json["items"]
                as? [[String: Any]])?.first?["id"] as? String)
        var ids: [String] = []
        for index in 0..<7 {
            let added = try await client.send(
                .post, "/v1/elections/\(election)/candidates", token: street,
                json: [
                    "personId": try await Self.person(
                        client, street, tree.grid1, "候选\(index)", born: CalendarDay("1970-03-03")!),
                    "position": index < 2 ? "director" : "member",
                ])
            ids.append(try #require(added.json["id"] as? String, "\(added.text)"))
        }
        for step: [String: Any] in [
            ["to": "candidates_published", "publishedOn": ElectionClock.daysAgo(10)], ["to": "voting"],
            ["to": "counting"],
        ] {
            Self.ok(
                try await client.send(.post, "/v1/elections/\(election)/transitions", token: street, json: step))
        }
        Self.ok(
            try await client.send(
                .put, "/v1/elections/\(election)/stations/\(stationId)/tally", token: street,
                json: [
                    "round": 1, "issued": 80, "cast": 80, "valid": 80, "invalid": 0,
                    "votes": zip(ids, [60, 20, 70, 70, 70, 70, 10]).map { ["candidateId": $0.0, "votes": $0.1] },
                ]))
        Self.ok(
            try await client.send(
                .post, "/v1/elections/\(election)/transitions", token: street, json: ["to": "certified"]))
        return (committee, election, old)
    }

    /// ELE-14: a community cannot annul; the street does, and the certification is rolled back:
    /// the seated members leave, the old member's tenure resumes, the old term returns, and the
    /// committee carries the re-election finding.
    @Test func anAnnulledElectionIsRolledBackByTheStreetELE14() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let street = try await tree.token(.staff, tree.street1)
            let community = try await tree.token(.staff, tree.community1)
            let (committee, election, old) = try await Self.certifiedElection(client, database, tree, street)
            let renewed = try await client.send(.get, "/v1/committees/\(committee)", token: street)
            #expect(renewed.json["termStart"] as? String == Self.today.description)

            let byCommunity = try await client.send(
                .post, "/v1/elections/\(election)/annulment", token: community,
                json: ["ground": "bribery", "reason": "贿选"])
            #expect(
                byCommunity.status == .forbidden && byCommunity.json["code"] as? String == "election.annulment_level")
            let annulled = try await client.send(
                .post, "/v1/elections/\(election)/annulment", token: street,
                json: ["ground": "bribery", "reason": "经调查，当选人以财物贿选。"])
            Self.ok(annulled)
            #expect(annulled.json["status"] as? String == "annulled")
            #expect((annulled.json["annulment"] as? [String: Any])?["ground"] as? String == "bribery")
            let members = try await client.send(.get, "/v1/committees/\(committee)/members", token: street)
            let items = members.json["items"] as? [[String: Any]] ?? []
            #expect(items.count == 1 && items.first?["personId"] as? String == old && items.first?["endedOn"] == nil)
            let restored = try await client.send(.get, "/v1/committees/\(committee)", token: street)
            #expect(restored.json["termStart"] as? String == "2021-11-01")
            let compliance = try await client.send(.get, "/v1/committees/\(committee)/compliance", token: street)
            let codes = (compliance.json["findings"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
            #expect(codes.contains("committee.reelection_due"))
            let twice = try await client.send(
                .post, "/v1/elections/\(election)/annulment", token: street, json: ["ground": "other", "reason": "再次"])
            #expect(twice.status == .conflict)
        }
    }

    /// ELE-14: once a member the election seated has been recalled, the certification is not
    /// rolled back as a whole (409), and nothing changes.
    @Test func anElectionWhoseMembersHaveRecordsIsNotRolledBackELE14() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let street = try await tree.token(.staff, tree.street1)
            let (committee, election, _) = try await Self.certifiedElection(client, database, tree, street)
            let members = try await client.send(.get, "/v1/committees/\(committee)/members", token: street)
            let seated = try #require(
                (members.json["items"] as? [[String: Any]] ?? []).first {
                    $0["startedOn"] as? String == Self.today.description
                }?[
                    "id"] as? String)
            Self.ok(
                try await client.send(
                    .post, "/v1/committees/\(committee)/members/\(seated)/recalls", token: street,
                    json: [
                        "signatures": 200, "registeredVoters": 1000, "cast": 600, "inFavour": 100, "reasons": "不履职",
                    ]), .created)
            let refused = try await client.send(
                .post, "/v1/elections/\(election)/annulment", token: street, json: ["ground": "other", "reason": "舞弊"])
            #expect(
                refused.status == .conflict && refused.json["code"] as? String == "election.annulment_after_records")
            let still = try await client.send(.get, "/v1/elections/\(election)", token: street)
            #expect(still.json["status"] as? String == "certified")
        }
    }

    /// ELE-15: an office ends on a criminal sentence; the director's post is then vacant (COM-3).
    @Test func anOfficeEndsOnACriminalSentenceELE15() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let staff = try await tree.token(.staff, tree.street1)
            let committee = try await client.createCommittee(
                token: staff, area: tree.community1, termStart: "2026-01-01")
            let director = try await client.send(
                .post, "/v1/committees/\(committee)/members", token: staff,
                json: [
                    "personId": try await Self.person(
                        client, staff, tree.grid1, "主任", born: CalendarDay("1970-01-01")!),
                    "position": "director", "startedOn": "2026-01-01",
                ])
            let member = try #require(director.json["id"] as? String, "\(director.text)")
            let ended = try await client.send(
                .patch, "/v1/committees/\(committee)/members/\(member)", token: staff,
                json: ["endedOn": Self.today.addingDays(-1).description, "endReason": "criminal_sentence"])
            Self.ok(ended)
            #expect(ended.json["endReason"] as? String == "criminal_sentence")
            let compliance = try await client.send(.get, "/v1/committees/\(committee)/compliance", token: staff)
            let codes = (compliance.json["findings"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
            #expect(codes.contains("committee.director_vacant"))
        }
    }
}
