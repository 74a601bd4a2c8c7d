import Foundation
import Governance
import GovernanceServices
import HTTPTypes
import HummingbirdTesting
import Testing

/// The metrics against a fixture counted by hand, per area and per child area, with a target
/// met and one missed.
@Suite struct StatisticsTests {
    static func row(_ response: TestResponse, _ area: Area) -> [String: Any]? {
        (response.json["rows"] as? [[String: Any]])?.first { $0["areaId"] as? String == area.idString }
    }

    /// Includes COM-23's one-shoulder rate and COM-10's supervision committee coverage.
    @Test func theMetricsMatchAFixtureCountedByHandCOM23() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let admin = try await tree.token(.admin, tree.district)
            func create(_ path: String, _ body: [String: Any]) async throws -> String {
                let response = try await client.send(.post, path, token: admin, json: body)
                #expect((200..<300).contains(response.status.code), "\(path): \(response.text)")
                return try #require(response.json["id"] as? String)
            }
            func person(_ grid: Area, gender: String = "male", building: String? = nil) async throws -> String {
                var body = PeopleTests.body(tree)
                body["residenceAreaId"] = grid.idString
                body["gender"] = gender
                let id = try await create("/v1/people", body)
                if let building {
                    let moved = try await client.send(
                        .patch, "/v1/people/\(id)", token: admin, json: ["buildingId": building])
                    #expect(moved.status == .ok, "\(moved.text)")
                }
                return id
            }
            func assign(_ post: String, _ target: String, _ grid: Area, employment: String? = nil) async throws {
                // A building leader lives in the building (GRID-6).
                let resident = try await person(grid, building: post == "building_leader" ? target : nil)
                var body: [String: Any] = [
                    "post": post, "targetId": target, "personId": resident, "startedOn": "2026-01-01",
                ]
                if let employment { body["employment"] = employment }
                _ = try await create("/v1/grid-assignments", body)
            }
            // Grids: grid1 fully staffed (a full-time worker), grid2 a leader only, grid3 nobody.
            try await assign("grid_leader", tree.grid1.idString, tree.grid1)
            try await assign("grid_worker", tree.grid1.idString, tree.grid1, employment: "full_time")
            try await assign("grid_leader", tree.grid2.idString, tree.grid2)
            // Buildings: two in grid1, one with a leader.
            let led = try await create("/v1/buildings", ["gridId": tree.grid1.idString, "name": "1号楼"])
            _ = try await create("/v1/buildings", ["gridId": tree.grid1.idString, "name": "2号楼"])
            try await assign("building_leader", led, tree.grid1)
            // Committees: community1's, elected 2021 and past its term, with a woman member and a
            // director who is also Party secretary; a supervision committee in community1 only.
            let committee = try await create(
                "/v1/committees",
                [
                    "areaId": tree.community1.idString, "kind": "residents_committee", "name": "居委会",
                    "termStart": "2021-01-01",
                ])
            _ = try await create(
                "/v1/committees/\(committee)/members",
                [
                    "personId": try await person(tree.grid1), "position": "director", "startedOn": "2021-01-01",
                    "concurrentPartySecretary": true,
                ])
            _ = try await create(
                "/v1/committees/\(committee)/members",
                [
                    "personId": try await person(tree.grid1, gender: "female"), "position": "member",
                    "startedOn": "2021-01-01",
                ])
            _ = try await create(
                "/v1/committees",
                [
                    "areaId": tree.community2.idString, "kind": "residents_committee", "name": "居委会",
                    "termStart": "2026-01-01",
                ])
            _ = try await create(
                "/v1/committees",
                [
                    "areaId": tree.community1.idString, "kind": "supervision_committee", "name": "居务监督委员会",
                    "termStart": "2026-01-01",
                ])
            let analyst = try await tree.token(.analyst, tree.district)
            func metric(_ key: String, area: Area = tree.district, byChild: Bool = false) async throws -> TestResponse {
                let response = try await client.send(
                    .get, "/v1/stats/\(key)?areaId=\(area.idString)\(byChild ? "&groupBy=child" : "")", token: analyst)
                #expect(response.status == .ok, "\(key): \(response.text)")
                return response
            }

            let staffing = try #require(Self.row(try await metric("grid_staffing_rate"), tree.district))
            #expect(staffing["numerator"] as? Int == 1 && staffing["denominator"] as? Int == 3)
            #expect(staffing["meetsTarget"] as? Bool == false)
            let byStreet = try await metric("grid_staffing_rate", byChild: true)
            #expect(Self.row(byStreet, tree.street1)?["value"] as? Double == 0.5)
            #expect(Self.row(byStreet, tree.street2)?["value"] as? Double == 0)
            #expect((byStreet.json["rows"] as? [Any])?.count == 2)
            let byGrid = try await metric("grid_staffing_rate", area: tree.community1, byChild: true)
            #expect(Self.row(byGrid, tree.grid1)?["meetsTarget"] as? Bool == true)
            #expect(Self.row(byGrid, tree.grid2)?["meetsTarget"] as? Bool == false)

            let fullTime = try #require(Self.row(try await metric("full_time_grid_worker_rate"), tree.district))
            #expect(fullTime["numerator"] as? Int == 1 && fullTime["meetsTarget"] == nil)
            let buildings = try #require(Self.row(try await metric("building_leader_coverage"), tree.district))
            #expect(buildings["numerator"] as? Int == 1 && buildings["denominator"] as? Int == 2)
            let supervision = try #require(Self.row(try await metric("supervision_committee_coverage"), tree.district))
            #expect(supervision["numerator"] as? Int == 1 && supervision["denominator"] as? Int == 2)
            let overdue = try #require(Self.row(try await metric("term_overdue_count"), tree.district))
            #expect(overdue["value"] as? Double == 1 && overdue["meetsTarget"] as? Bool == false)
            let overdueStreet2 = try #require(
                Self.row(try await metric("term_overdue_count", area: tree.street2), tree.street2))
            #expect(overdueStreet2["value"] as? Double == 0 && overdueStreet2["meetsTarget"] as? Bool == true)
            let women = try #require(Self.row(try await metric("women_member_rate"), tree.district))
            #expect(women["numerator"] as? Int == 1 && women["denominator"] as? Int == 2)
            // COM-23 (一肩挑) is a statistic, never a refusal: one of the two directors is the Party secretary.
            let oneShoulder = try #require(Self.row(try await metric("one_shoulder_rate"), tree.district))
            #expect(oneShoulder["value"] as? Double == 0.5)
            // No accepted case: a rate over nothing has no value, and nothing to suppress.
            let mediation = try #require(Self.row(try await metric("mediation_success_rate"), tree.district))
            #expect(mediation["denominator"] as? Int == 0 && mediation["value"] == nil)
            #expect(mediation["suppressed"] as? Bool == false)

            let dashboard = try await client.send(
                .get, "/v1/stats/dashboard?areaId=\(tree.district.idString)", token: analyst)
            #expect((dashboard.json["items"] as? [Any])?.count == MetricCatalogue.all.count)
            let catalogue = try await client.send(.get, "/v1/stats/metrics", token: analyst)
            #expect(catalogue.text.contains("seed 001 §三(四)"))

            // Another street's analyst cannot read this street's figures; an unknown metric is 404.
            let outside = try await client.send(
                .get, "/v1/stats/grid_staffing_rate?areaId=\(tree.street1.idString)",
                token: try await tree.token(.analyst, tree.street2))
            #expect(outside.status == .notFound)
            #expect(try await client.send(.get, "/v1/stats/no_such_metric", token: analyst).status == .notFound)
        }
    }

    @Test func theAdmissionAndMediationCountsMatchByHand() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let department = try await tree.token(.department, tree.district)
            let reviewer = try await tree.token(.reviewer, tree.district)
            // One admitted assistance item with funding for street1, one still in draft.
            let funded = try await AdmissionTests.application(
                client, department: department, reviewer: reviewer, target: tree.street1,
                ends: GovernanceClock.system.today.addingDays(30).description, admit: true)
            _ = try await AdmissionTests.application(
                client, department: department, reviewer: reviewer, target: tree.street1, admit: false)
            let pushed = try await AdmissionTests.push(
                client, department, item: funded, to: tree.community1, on: GovernanceClock.system.today.description)
            #expect(statusCode(of: pushed) == 201)
            let staff = try await tree.token(.staff, tree.community1)
            let refused = try await client.send(
                .post, "/v1/admission/refusals", token: staff,
                json: [
                    "communityId": tree.community1.idString,
                    "departmentId": try await tree.department().id.lowercasedString,
                    "description": "清单外事项", "date": GovernanceClock.system.today.description,
                ])
            #expect(refused.status == .created)
            for grid in [tree.grid1, tree.grid1, tree.grid3] {
                let created = try await client.send(
                    .post, "/v1/mediation/cases", token: try await tree.token(.staff, tree.district),
                    json: [
                        "areaId": grid.idString, "source": "walk_in", "category": "other", "description": "纠纷",
                        "riskLevel": "low",
                        "parties": [["name": "甲", "role": "applicant"], ["name": "乙", "role": "respondent"]],
                    ])
                #expect(created.status == .created)
            }
            let analyst = try await tree.token(.analyst, tree.district)
            func figures(_ key: String, _ area: Area) async throws -> [String: Any] {
                let response = try await client.send(
                    .get, "/v1/stats/\(key)?areaId=\(area.idString)", token: analyst)
                #expect(response.status == .ok, "\(key): \(response.text)")
                return try #require(Self.row(response, area))
            }
            #expect(try await figures("admitted_items_count", tree.community1)["value"] as? Double == 1)
            #expect(try await figures("admitted_items_count", tree.street2)["value"] as? Double == 0)
            let attempts = try await figures("non_admitted_push_attempts", tree.district)
            #expect(attempts["value"] as? Double == 1 && attempts["meetsTarget"] as? Bool == false)
            #expect(attempts["denominator"] == nil)
            let fundedRate = try await figures("assistance_tasks_funded_rate", tree.district)
            #expect(fundedRate["numerator"] as? Int == 1 && fundedRate["denominator"] as? Int == 1)
            #expect(fundedRate["meetsTarget"] as? Bool == true)
            #expect(try await figures("mediation_cases_received", tree.district)["value"] as? Double == 3)
            #expect(try await figures("mediation_cases_received", tree.street2)["value"] as? Double == 1)
        }
    }
}
