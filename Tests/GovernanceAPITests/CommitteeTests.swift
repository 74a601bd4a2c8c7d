import Foundation
import Governance
import GrassrootsClient
import HTTPTypes
import HummingbirdTesting
import Testing

/// Committees, members, compliance and rule profiles through the typed client.
@Suite struct CommitteeTests {
    typealias MemberCreate = Components.Schemas.CommitteeMemberCreate

    static func person(
        _ client: any TestClientProtocol, token: String, grid: Area, gender: Components.Schemas.Gender = .female
    )
        async throws -> String
    {
        try await client.api(token).createPerson(
            body: .json(
                .init(
                    residenceAreaId: grid.idString, name: "委员", gender: gender, birthYear: 1970,
                    idNumber: TestIDNumbers.make()))
        ).created.body.json.id
    }

    static func seat(
        _ client: any TestClientProtocol, token: String, committee: String, person: String,
        position: Components.Schemas.CommitteePosition = .member, startedOn: String = "2026-01-01",
        endedOn: String? = nil, constituency: Components.Schemas.Constituency? = nil,
        financeRole: MemberCreate.FinanceRolePayload? = nil, closeRelativeOf: [String]? = nil
    ) async throws -> Operations.AddCommitteeMember.Output {
        try await client.api(token).addCommitteeMember(
            path: .init(committeeId: committee),
            body: .json(
                .init(
                    personId: person, position: position, constituency: constituency, startedOn: startedOn,
                    endedOn: endedOn,
                    financeRole: financeRole,
                    closeRelativeOf: closeRelativeOf)))
    }

    @Test func aResidentsCommitteeOfFourIsOutOfRangeAndTheFifthFixesIt() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let staff = try await tree.token(.staff, tree.street1)
            let api = client.api(staff)
            let created = try await api.createCommittee(
                body: .json(
                    .init(
                        areaId: tree.community1.idString, kind: .residentsCommittee, name: "一社区居委会",
                        termStart: "2026-01-01"))
            ).created.body.json
            #expect(created.termEnd == "2030-12-31")
            let committee = created.id
            let director = try await Self.seat(
                client, token: staff, committee: committee,
                person: try await Self.person(client, token: staff, grid: tree.grid1),
                position: .director)
            #expect(statusCode(of: director) == 201)
            for _ in 0..<3 {
                let member = try await Self.seat(
                    client, token: staff, committee: committee,
                    person: try await Self.person(client, token: staff, grid: tree.grid1))
                #expect(statusCode(of: member) == 201)
            }
            let four = try await api.getCommitteeCompliance(path: .init(committeeId: committee)).ok.body.json
            #expect(four.compliant == false)
            #expect(four.findings.map(\.code).contains("committee.size_out_of_range"))
            let summary = try await api.getCommittee(path: .init(committeeId: committee)).ok.body.json
            #expect(summary.compliant == false)
            #expect(summary.findingCount == four.findings.count)
            let fifth = try await Self.seat(
                client, token: staff, committee: committee,
                person: try await Self.person(client, token: staff, grid: tree.grid1))
            #expect(statusCode(of: fifth) == 201)
            let five = try await api.getCommitteeCompliance(path: .init(committeeId: committee)).ok.body.json.findings
                .map(\.code)
            #expect(!five.contains("committee.size_out_of_range"))
            // Still missing its sub-committees (COM-14), so lists filter it as non-compliant.
            #expect(five.contains("committee.missing_subcommittee"))
            let nonCompliant = try await api.listCommittees(
                query: .init(areaId: tree.community1.idString, compliant: false)
            )
            .ok.body.json
            #expect(nonCompliant.items.map(\.id) == [committee])
        }
    }

    /// GEN-8: a residents' committee elected in 2025 is judged by the 2018 law: five men are
    /// no finding of its own, while the 2026 law's woman member (COM-5) is listed for its next
    /// election and leaves `compliant` to its own law's findings.
    @Test func aCommitteeOfThe2018LawIsJudgedByItGEN8() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let staff = try await tree.token(.staff, tree.street1)
            let api = client.api(staff)
            let committee = try await client.createCommittee(
                token: staff, area: tree.community1, termStart: "2025-06-01")
            for index in 0..<5 {
                let seated = try await Self.seat(
                    client, token: staff, committee: committee,
                    person: try await Self.person(client, token: staff, grid: tree.grid1, gender: .male),
                    position: index == 0 ? .director : .member, startedOn: "2025-06-01")
                #expect(statusCode(of: seated) == 201)
            }
            let compliance = try await api.getCommitteeCompliance(path: .init(committeeId: committee)).ok.body.json
            #expect(compliance.lawVersion == 2018)
            let woman = compliance.findings.filter { $0.rule == "COM-5" }
            #expect(woman.count == 1 && woman.first?.atNextElection == true)
            // COM-14: the 2018 sub-committees are its own finding; the 2026 list is for the next election.
            let subcommittees = compliance.findings.filter { $0.rule == "COM-14" }
            #expect(subcommittees.map(\.atNextElection).sorted { !$0 && $1 } == [false, true])
            #expect(compliance.compliant == false)
            let summary = try await api.getCommittee(path: .init(committeeId: committee)).ok.body.json
            #expect(summary.findingCount == compliance.findings.filter { !$0.atNextElection }.count)
        }
    }

    @Test func aMediationCommitteeServesThreeYearsThroughTheAPIMED3() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let staff = try await tree.token(.staff, tree.community1)
            let created = try await client.send(
                .post, "/v1/committees", token: staff,
                json: [
                    "areaId": tree.community1.idString, "kind": "subcommittee", "subject": "mediation",
                    "name": "人民调解委员会", "termStart": "2026-03-01",
                ])
            #expect(created.status == .created, "\(created.text)")
            #expect(created.json["termEnd"] as? String == "2029-02-28")
            let five = try await client.send(
                .post, "/v1/committees", token: staff,
                json: [
                    "areaId": tree.community1.idString, "kind": "subcommittee", "subject": "mediation",
                    "name": "人民调解委员会", "termStart": "2026-03-01", "termEnd": "2031-02-28",
                ])
            #expect(five.status == .unprocessableContent && five.json["code"] as? String == "committee.mediation_term")
            let id = try #require(created.json["id"] as? String)
            let stretched = try await client.send(
                .patch, "/v1/committees/\(id)", token: staff, json: ["termEnd": "2031-02-28"])
            #expect(stretched.json["code"] as? String == "committee.mediation_term", "\(stretched.text)")
        }
    }

    @Test func aSecondDirectorIs422() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let staff = try await tree.token(.staff, tree.street1)
            let committee = try await client.createCommittee(token: staff, area: tree.community1)
            let first = try await Self.seat(
                client, token: staff, committee: committee,
                person: try await Self.person(client, token: staff, grid: tree.grid1),
                position: .director)
            #expect(statusCode(of: first) == 201)
            let second = try await Self.seat(
                client, token: staff, committee: committee,
                person: try await Self.person(client, token: staff, grid: tree.grid1),
                position: .director)
            #expect(statusCode(of: second) == 422)
            #expect(problem(in: second)?.code == "committee.duplicate_director")
            let members = try await client.api(staff).listCommitteeMembers(path: .init(committeeId: committee)).ok.body
                .json
            #expect(members.items.count == 1)
        }
    }

    @Test func supervisionMembersAreSeparateFromTheCommitteeAndItsRelatives() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let staff = try await tree.token(.staff, tree.street1)
            let residents = try await client.createCommittee(token: staff, area: tree.community1)
            let supervision = try await client.createCommittee(
                token: staff, area: tree.community1, kind: .supervisionCommittee)
            let seated = try await Self.person(client, token: staff, grid: tree.grid1)
            #expect(
                statusCode(of: try await Self.seat(client, token: staff, committee: residents, person: seated)) == 201)
            let same = try await Self.seat(client, token: staff, committee: supervision, person: seated)
            #expect(problem(in: same)?.code == "committee.supervisor_conflict")
            let spouse = try await Self.person(client, token: staff, grid: tree.grid1)
            let relative = try await Self.seat(
                client, token: staff, committee: supervision, person: spouse, closeRelativeOf: [seated])
            #expect(problem(in: relative)?.code == "committee.supervisor_conflict")
            let cashier = try await Self.seat(
                client, token: staff, committee: supervision,
                person: try await Self.person(client, token: staff, grid: tree.grid1),
                financeRole: .cashier)
            #expect(problem(in: cashier)?.code == "committee.supervisor_finance_role")
            #expect(
                statusCode(of: try await Self.seat(client, token: staff, committee: supervision, person: spouse)) == 201
            )
        }
    }

    @Test func overlappingTenuresAndDatesOutOfOrderAreRefused() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let staff = try await tree.token(.staff, tree.street1)
            let committee = try await client.createCommittee(token: staff, area: tree.community1)
            let person = try await Self.person(client, token: staff, grid: tree.grid1)
            let first = try await Self.seat(
                client, token: staff, committee: committee, person: person, endedOn: "2026-06-30")
            #expect(statusCode(of: first) == 201)
            let overlap = try await Self.seat(
                client, token: staff, committee: committee, person: person, startedOn: "2026-06-01")
            #expect(problem(in: overlap)?.code == "committee.overlapping_tenure")
            let after = try await Self.seat(
                client, token: staff, committee: committee, person: person, startedOn: "2026-07-01")
            #expect(statusCode(of: after) == 201)
            let backwards = try await Self.seat(
                client, token: staff, committee: committee,
                person: try await Self.person(client, token: staff, grid: tree.grid1),
                startedOn: "2026-05-01", endedOn: "2026-04-01")
            #expect(problem(in: backwards)?.code == "committee.dates_out_of_order")
            let wrongArea = try await client.api(staff).createCommittee(
                body: .json(
                    .init(
                        areaId: tree.community1.idString, kind: .villagersCommittee, name: "村委会",
                        termStart: "2026-01-01")))
            #expect(problem(in: wrongArea)?.code == "committee.invalid_area")
        }
    }

    @Test func aStreetTokenSeesItsCommunitiesCommitteesOnlyAndAGridWorkerItsCommunitys() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let setup = try await tree.token(.staff, tree.district)
            let one = try await client.createCommittee(token: setup, area: tree.community1)
            let two = try await client.createCommittee(token: setup, area: tree.community2)
            let street1 = client.api(try await tree.token(.staff, tree.street1))
            #expect(try await street1.listCommittees(query: .init(limit: 100)).ok.body.json.items.map(\.id) == [one])
            #expect(statusCode(of: try await street1.getCommittee(path: .init(committeeId: two))) == 404)
            let worker = client.api(try await tree.token(.gridWorker, tree.grid1))
            #expect(statusCode(of: try await worker.getCommittee(path: .init(committeeId: one))) == 200)
            #expect(statusCode(of: try await worker.getCommittee(path: .init(committeeId: two))) == 404)
        }
    }

    @Test func theRuleProfileShowsWhereEachNumberComesFrom() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let admin = client.api(try await tree.token(.admin, tree.district))
            let set = try await admin.updateRuleProfile(
                path: .init(areaId: tree.district.idString),
                body: .json(.init(parameters: .init(additionalProperties: ["residentsCommitteeMax": 11]))))
            #expect(statusCode(of: set) == 200)
            let parameters = try await admin.getRuleProfile(path: .init(areaId: tree.community1.idString)).ok.body.json
                .parameters
            let maximum = try #require(parameters.first { $0.name == "residentsCommitteeMax" })
            #expect(maximum.value == 11)
            #expect(maximum.source == "area:\(tree.district.idString)")
            let minimum = try #require(parameters.first { $0.name == "residentsCommitteeMin" })
            #expect(minimum.source.hasPrefix("national:"))
            let unknown = try await admin.updateRuleProfile(
                path: .init(areaId: tree.district.idString),
                body: .json(.init(parameters: .init(additionalProperties: ["nonsense": 1]))))
            #expect(statusCode(of: unknown) == 422)
        }
    }
}
