import Foundation
import Governance
import GovernanceAPI
import GovernanceServices
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite struct AdmissionTests {
    /// Drafts an application by `department` for `target` and, when asked, takes it to `admitted`.
    static func application(
        _ client: any TestClientProtocol, department: String, reviewer: String, target: Area,
        starts: String = "2026-01-01", ends: String = "2026-12-31",
        admit: Bool
    ) async throws -> String {
        let created = try await client.send(
            .post, "/v1/admission/applications", token: department,
            json: [
                "title": "入户调查", "description": "协助入户调查", "category": "assistance", "legalBasis": "某条例",
                "targetAreaId": target.idString,
                "startsOn": starts, "endsOn": ends, "fundingAmount": 50000, "fundingSource": "区财政",
                "workloadHoursPerMonth": 10,
            ])
        #expect(created.status == .created, "\(created.text)")
        let id = try #require(created.json["id"] as? String)
        guard admit else { return id }
        let steps: [(String, [String: Any])] = [
            (department, ["to": "submitted"]), (reviewer, ["to": "legal_review"]),
            (reviewer, ["to": "decision", "legalOpinion": "合法"]),
            (
                reviewer,
                [
                    "to": "admitted", "decisionMeeting": "government_executive_meeting", "decisionDate": "2025-12-20",
                    "decisionReference": "第12次常务会",
                ]
            ),
        ]
        for (token, body) in steps {
            let moved = try await client.send(
                .post, "/v1/admission/applications/\(id)/transitions", token: token, json: body)
            #expect(moved.status == .ok, "\(body) \(moved.text)")
        }
        return id
    }

    @Test func theGateAdmitsOnlyAdmittedActiveItemsInsideTheirTarget() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let department = try await tree.token(.department, tree.district)
            let reviewer = try await tree.token(.reviewer, tree.district)
            let admitted = try await Self.application(
                client, department: department, reviewer: reviewer, target: tree.street1, admit: true)
            let pending = try await Self.application(
                client, department: department, reviewer: reviewer, target: tree.street1, admit: false)
            func assign(_ item: String, _ community: Area, on day: String = "2026-06-01") async throws -> TestResponse {
                try await client.send(
                    .post, "/v1/admission/items/\(item)/assignments", token: department,
                    json: ["communityId": community.idString, "assignedOn": day])
            }
            let notAdmitted = try await assign(pending, tree.community1)
            #expect(notAdmitted.status == .unprocessableContent)
            #expect(notAdmitted.json["code"] as? String == "admission.not_admitted")
            #expect(try await assign(admitted, tree.community2).json["code"] as? String == "admission.not_admitted")
            #expect(try await assign(admitted, tree.community1).status == .created)
            let report = try await client.send(
                .get, "/v1/admission/departments/test/report?year=2026", token: department)
            #expect(report.json["assignments"] as? Int == 1)  // the refused pushes left no row
        }
    }

    @Test func afterItsEndDateAnItemLeavesTheListAndAssignmentsFail() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let department = try await tree.token(.department, tree.district)
            let reviewer = try await tree.token(.reviewer, tree.district)
            let item = try await Self.application(
                client, department: department, reviewer: reviewer, target: tree.street1, starts: "2026-01-01",
                ends: "2026-02-28", admit: true)
            let staff = try await tree.token(.staff, tree.community1)
            let now = try await client.send(.get, "/v1/admission/items", token: staff)
            #expect(!now.text.contains(item))
            let then = try await client.send(.get, "/v1/admission/items?activeOn=2026-02-01", token: staff)
            #expect(then.text.contains(item))
            let expired = try await client.send(.get, "/v1/admission/applications/\(item)", token: reviewer)
            #expect(expired.json["status"] as? String == "expired")
            let late = try await client.send(
                .post, "/v1/admission/items/\(item)/assignments", token: department,
                json: ["communityId": tree.community1.idString, "assignedOn": GovernanceClock.system.today.description])
            #expect(late.json["code"] as? String == "admission.not_admitted")
        }
    }

    @Test func aDepartmentCannotSeeAnotherDepartmentsDrafts() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let civil = try await tree.provisioning.issueToken(
                role: .department, areaId: tree.district.id, lifetime: 3600, label: "民政局",
                deadline: .now.advanced(by: .seconds(5))
            ).secret
            let health = try await tree.provisioning.issueToken(
                role: .department, areaId: tree.district.id, lifetime: 3600, label: "卫健委",
                deadline: .now.advanced(by: .seconds(5))
            ).secret
            let reviewer = try await tree.token(.reviewer, tree.district)
            let draft = try await Self.application(
                client, department: civil, reviewer: reviewer, target: tree.street1, admit: false)
            #expect(try await client.send(.get, "/v1/admission/applications/\(draft)", token: civil).status == .ok)
            #expect(
                try await client.send(.get, "/v1/admission/applications/\(draft)", token: health).status == .notFound)
            #expect(!(try await client.send(.get, "/v1/admission/applications", token: health)).text.contains(draft))
            #expect(
                // drafts stay with their department
                try await client.send(.get, "/v1/admission/applications/\(draft)", token: reviewer).status == .notFound)
            let ownReview = try await client.send(
                .post, "/v1/admission/applications/\(draft)/transitions", token: civil, json: ["to": "submitted"])
            #expect(ownReview.status == .ok)
            let selfReview = try await client.send(
                .post, "/v1/admission/applications/\(draft)/transitions", token: civil, json: ["to": "legal_review"])
            #expect(selfReview.status == .forbidden)
            let illegal = try await client.send(
                .post, "/v1/admission/applications/\(draft)/transitions", token: reviewer, json: ["to": "admitted"])
            #expect(illegal.status == .conflict)
            #expect(
                try await client.send(.get, "/v1/admission/applications/\(draft)", token: reviewer).json["status"]
                    as? String == "submitted")
        }
    }

    @Test func anUpheldRefusalAndARatingAppearInTheDepartmentsReport() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let department = try await tree.provisioning.issueToken(
                role: .department, areaId: tree.district.id, lifetime: 3600, label: "住建局",
                deadline: .now.advanced(by: .seconds(5))
            ).secret
            let reviewer = try await tree.token(.reviewer, tree.district)
            let staff = try await tree.token(.staff, tree.community1)
            let item = try await Self.application(
                client, department: department, reviewer: reviewer, target: tree.street1, admit: true)
            #expect(
                try await client.send(
                    .post, "/v1/admission/items/\(item)/assignments", token: department,
                    json: ["communityId": tree.community1.idString, "assignedOn": "2026-05-01"]
                ).status == .created)
            let refusal = try await client.send(
                .post, "/v1/admission/refusals", token: staff,
                json: [
                    "communityId": tree.community1.idString, "department": "住建局", "description": "要求出具不应出具的证明",
                    "date": "2026-05-10",
                ])
            let refusalId = try #require(refusal.json["id"] as? String)
            let upheld = try await client.send(
                .post, "/v1/admission/refusals/\(refusalId)/outcome", token: reviewer,
                json: ["outcome": "upheld", "note": "属于清单外事项"])
            #expect(upheld.json["status"] as? String == "upheld")
            let rated = try await client.send(
                .post, "/v1/admission/ratings", token: staff,
                json: ["communityId": tree.community1.idString, "department": "住建局", "year": 2026, "score": 2])
            #expect(rated.status == .created)
            let again = try await client.send(
                .post, "/v1/admission/ratings", token: staff,
                json: ["communityId": tree.community1.idString, "department": "住建局", "year": 2026, "score": 5])
            #expect(again.status == .conflict)
            let report = try await client.send(
                .get,
                "/v1/admission/departments/\("住建局".addingPercentEncoding(withAllowedCharacters: .urlPathAllowed)!)/report?year=2026",
                token: reviewer)
            #expect(report.json["upheldRefusals"] as? Int == 1)
            #expect(report.json["admitted"] as? Int == 1)
            #expect(report.json["averageRating"] as? Double == 2)
            let other = try await client.send(
                .get,
                "/v1/admission/departments/\("别的局".addingPercentEncoding(withAllowedCharacters: .urlPathAllowed)!)/report?year=2026",
                token: department)
            #expect(other.status == .forbidden)
        }
    }
}
