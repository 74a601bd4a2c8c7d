import Foundation
import Governance
import GrassrootsClient
import HTTPTypes
import HummingbirdTesting
import Testing

/// Elections through the typed client; the public page is read as raw text, since what it
/// must not contain is the point.
@Suite struct ElectionTests {
    @Test func aFullElectionFromDraftToCertifiedChangesTheCommittee() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let staff = try await tree.token(.staff, tree.street1)
            let api = client.api(staff)
            func person(_ name: String) async throws -> String {
                try await api.createPerson(
                    body: .json(
                        .init(
                            residenceAreaId: tree.grid1.idString, name: name, gender: .female, birthYear: 1975,
                            phone: "13800138000",
                            idNumber: TestIDNumbers.make()))
                ).created.body.json.id
            }
            let committee = try await client.createCommittee(
                token: staff, area: tree.community1, termStart: "2021-06-20")
            let old = try await person("老主任")
            let seated = try await api.addCommitteeMember(
                path: .init(committeeId: committee),
                body: .json(.init(personId: old, position: .director, startedOn: "2021-06-20")))
            #expect(statusCode(of: seated) == 201)

            // COM-2: a residents' committee of 5–9; four seats are refused, five pass.
            func create(director: Int, member: Int) async throws -> Operations.CreateElection.Output {
                try await api.createElection(
                    body: .json(
                        .init(
                            committeeId: committee, kind: .general, method: .allVoters,
                            seats: .init(director: director, member: member), pollingDay: ElectionClock.pollingDay)))
            }
            #expect(problem(in: try await create(director: 1, member: 3))?.code == "election.seats_out_of_range")
            let election = try await create(director: 1, member: 4).created.body.json.id
            try await ElectionClock.arrivePollingDay(election, in: database)
            func move(
                _ to: Components.Schemas.ElectionStatus, rollPublishedOn: String? = nil, publishedOn: String? = nil
            )
                async throws -> Operations.TransitionElection.Output
            {
                try await api.transitionElection(
                    path: .init(electionId: election),
                    body: .json(.init(to: to, rollPublishedOn: rollPublishedOn, publishedOn: publishedOn)))
            }
            #expect(statusCode(of: try await move(.voting)) == 409)  // illegal: changes nothing
            #expect(statusCode(of: try await move(.registration)) == 200)
            var stations: [String] = []
            for (name, voters) in [("第一投票站", 600), ("流动票箱", 400)] {
                stations.append(
                    try await api.createPollingStation(
                        path: .init(electionId: election),
                        body: .json(.init(name: name, registeredVoters: voters, mobile: voters == 400))
                    ).created.body.json.id)
            }
            // Polling day is today: a roll published today is too late (ELE-5), one published
            // offline 19 days ago too; 20 days ago passes. A stated day is never in the future,
            // nor before the election was created (40 days ago).
            #expect(problem(in: try await move(.nomination))?.code == "election.roll_too_late")
            #expect(
                problem(in: try await move(.nomination, rollPublishedOn: ElectionClock.daysAgo(19)))?.code
                    == "election.roll_too_late")
            #expect(
                problem(in: try await move(.nomination, rollPublishedOn: ElectionClock.daysAgo(-1)))?.errors?
                    .first?.code == "in_future")
            #expect(
                problem(in: try await move(.nomination, rollPublishedOn: ElectionClock.daysAgo(41)))?.errors?
                    .first?.code == "before_previous_step")
            #expect(statusCode(of: try await move(.nomination, rollPublishedOn: ElectionClock.daysAgo(20))) == 200)
            var ids: [String: String] = [:]
            for (name, position) in [
                ("甲", "director"), ("乙", "director"), ("丙", "member"), ("丁", "member"), ("戊", "member"),
                ("己", "member"), ("庚", "member"),
            ] {
                ids[name] = try await api.addCandidate(
                    path: .init(electionId: election),
                    body: .json(
                        .init(personId: try await person(name), position: position == "director" ? .director : .member))
                ).created.body.json.id
            }
            #expect(
                problem(in: try await move(.candidatesPublished, publishedOn: ElectionClock.daysAgo(21)))?.errors?
                    .first?.code == "before_previous_step")
            #expect(
                statusCode(of: try await move(.candidatesPublished, publishedOn: ElectionClock.daysAgo(10))) == 200)
            #expect(statusCode(of: try await move(.voting)) == 200)
            #expect(statusCode(of: try await move(.counting)) == 200)

            func tally(_ station: Int, round: Int = 1, cast: Int, valid: Int, _ votes: [String: Int]) async throws
                -> Operations.PutTally.Output
            {
                try await api.putTally(
                    path: .init(electionId: election, stationId: stations[station]),
                    body: .json(
                        .init(
                            round: round, issued: cast + 10, cast: cast, valid: valid, invalid: cast - valid, proxy: 0,
                            votes: votes.map { .init(candidateId: ids[$0.key]!, votes: $0.value) })))
            }
            func digest() async throws -> String {
                try await api.getElectionRecord(path: .init(electionId: election)).ok.body.json.sha256
            }
            #expect(
                statusCode(
                    of: try await tally(
                        0, cast: 400, valid: 390,
                        ["甲": 300, "乙": 90, "丙": 250, "丁": 200, "戊": 100, "己": 300, "庚": 280])) == 200)
            let digestBefore = try await digest()
            #expect(
                statusCode(
                    of: try await tally(
                        1, cast: 250, valid: 250,
                        ["甲": 150, "乙": 100, "丙": 140, "丁": 120, "戊": 80, "己": 200, "庚": 100])) == 200)
            let digestAfter = try await digest()
            #expect(digestBefore != digestAfter)

            let inconsistent = try await api.putTally(
                path: .init(electionId: election, stationId: stations[1]),
                body: .json(.init(round: 1, issued: 300, cast: 250, valid: 200, invalid: 10, votes: [])))
            #expect(statusCode(of: inconsistent) == 422)
            #expect(try await digest() == digestAfter)

            let results = try await api.getElectionResults(path: .init(electionId: election)).ok.body.json
            #expect(results.valid)
            #expect(results.ballotsCast == 650)
            // 丁 has 320 of 650: not more than half.
            #expect(Set(results.outcomes.filter(\.elected).map(\.name)) == ["甲", "丙", "己", "庚"])
            #expect(results.unfilledSeats.member == 1)

            #expect(statusCode(of: try await move(.runoff)) == 200)
            // ELE-12: the run-off's candidates are the unelected members of the first ballot, by votes.
            let candidates = try await api.listCandidates(path: .init(electionId: election)).ok.body.json.items
            func runoffCandidate(_ name: String) async throws -> Operations.AddCandidate.Output {
                let personId = try #require(candidates.first { $0.name == name }?.personId)
                return try await api.addCandidate(
                    path: .init(electionId: election),
                    body: .json(.init(personId: personId, position: .member, round: 2)))
            }
            #expect(problem(in: try await runoffCandidate("戊"))?.code == "election.runoff_out_of_vote_order")
            #expect(problem(in: try await runoffCandidate("甲"))?.code == "election.runoff_not_previous_candidate")
            #expect(problem(in: try await runoffCandidate("乙"))?.code == "election.runoff_not_previous_candidate")
            ids["丁2"] = try await runoffCandidate("丁").created.body.json.id
            #expect(problem(in: try await move(.counting))?.code == "election.runoff_uncontested")
            ids["戊2"] = try await runoffCandidate("戊").created.body.json.id
            #expect(statusCode(of: try await move(.counting)) == 200)
            #expect(statusCode(of: try await tally(0, round: 2, cast: 320, valid: 320, ["丁2": 200, "戊2": 120])) == 200)
            #expect(statusCode(of: try await tally(1, round: 2, cast: 200, valid: 200, ["丁2": 130, "戊2": 70])) == 200)
            #expect(statusCode(of: try await move(.runoff)) == 409)  // every seat filled now
            #expect(statusCode(of: try await move(.certified)) == 200)

            let today = GovernanceClock.system.today
            let members = try await api.listCommitteeMembers(path: .init(committeeId: committee)).ok.body.json.items
            #expect(
                Set(members.filter { $0.endedOn == nil }.compactMap(\.personName)) == ["甲", "丙", "丁", "己", "庚"])
            #expect(members.first { $0.personName == "老主任" }?.endedOn == today.addingDays(-1).description)
            let renewed = try await api.getCommittee(path: .init(committeeId: committee)).ok.body.json
            #expect(renewed.termStart == today.description)
            #expect(renewed.termEnd == today.termLastDay(years: 5).description)

            #expect(statusCode(of: try await tally(0, cast: 400, valid: 400, [:])) == 409)

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
            let api = client.api(staff)
            let committee = try await client.createCommittee(token: staff, area: tree.community1)
            let person = try await api.createPerson(
                body: .json(
                    .init(
                        residenceAreaId: tree.grid1.idString, name: "被罢免", gender: .male, birthYear: 1970,
                        idNumber: TestIDNumbers.make()))
            ).created.body.json.id
            let member = try await api.addCommitteeMember(
                path: .init(committeeId: committee),
                body: .json(.init(personId: person, position: .member, startedOn: "2026-01-01"))
            ).created.body.json.id
            func recall(signatures: Int, inFavour: Int) async throws -> Operations.RecallCommitteeMember.Output {
                try await api.recallCommitteeMember(
                    path: .init(committeeId: committee, memberId: member),
                    body: .json(
                        .init(
                            signatures: signatures, registeredVoters: 1000, cast: 600, inFavour: inFavour,
                            reasons: "长期不履职")))
            }
            #expect(
                problem(in: try await recall(signatures: 100, inFavour: 400))?.code == "recall.petition_insufficient")
            #expect(try await recall(signatures: 200, inFavour: 300).created.body.json.passed == false)
            #expect(try await recall(signatures: 200, inFavour: 301).created.body.json.passed == true)
            let members = try await api.listCommitteeMembers(path: .init(committeeId: committee)).ok.body.json.items
            #expect(members.first?.endReason == .recalled)
        }
    }
}
