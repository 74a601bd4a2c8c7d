import Foundation
import Governance
import GovernanceServices
import HTTPTypes
import HummingbirdTesting
import Postgres
import Testing

/// Community consultation through the API (CON-1 – CON-12).
@Suite struct ConsultationTests {
    static var today: CalendarDay { GovernanceClock.system.today }

    static var plan: [String: Any] {
        [
            "subject": "3 号楼加装电梯方案与费用分摊",
            "participants": [
                ["constituency": "residents_committee", "count": 2],
                ["constituency": "registered_resident", "count": 12],
                ["constituency": "non_registered_resident", "count": 3], ["constituency": "expert", "count": 1],
            ],
            "form": "council", "scheduledOn": today.addingDays(7).description, "venue": "社区议事厅",
            "materials": "设计方案、费用测算",
        ]
    }

    static var session: [String: Any] {
        [
            "form": "council",
            "attendance": [
                ["constituency": "registered_resident", "count": 11], ["constituency": "expert", "count": 1],
            ],
            "opinions": ["同意加装", "楼上住户愿意多出资"], "votes": ["yes": 6, "no": 5, "abstain": 1],
        ]
    }

    /// A decision of a quorate residents' meeting of `area` held today (800 households, 500
    /// present), passed with 300 votes for or rejected with 200.
    static func meetingDecision(
        _ client: any TestClientProtocol, token: String, area: Area, passed: Bool, kind: String = "residents_meeting"
    ) async throws -> String {
        let meeting = try await client.send(
            .post, "/v1/meetings", token: token,
            json: [
                "areaId": area.idString, "kind": kind, "basis": "households", "eligible": 800, "present": 500,
                "noticeOn": today.addingDays(-10).description, "heldOn": today.description, "agenda": ["议题"],
            ])
        let meetingId = try #require(meeting.json["id"] as? String, "\(meeting.text)")
        let decided = try await client.send(
            .post, "/v1/meetings/\(meetingId)/decisions", token: token,
            json: ["item": "议题", "text": "表决", "yes": passed ? 300 : 200, "no": passed ? 200 : 300, "abstain": 0])
        let decisions = decided.json["decisions"] as? [[String: Any]] ?? []
        return try #require(decisions.last?["id"] as? String, "\(decided.text)")
    }

    /// Lets `days` pass since the topic's plan was published and participants notified.
    static func travel(_ topic: String, days: Int, in database: PostgresClient) async throws {
        _ = try await database.query(
            """
            UPDATE consultation_topic SET plan_published_on = plan_published_on - \(days)::int,
                   participants_notified_on = participants_notified_on - \(days)::int
            WHERE id = \(UUID(uuidString: topic)!)
            """, deadline: .now.advanced(by: .seconds(5)))
    }

    /// Every 11- or 18-character run of digits (an unmasked phone or ID number) in a text.
    /// Runs of 11 digits (a phone) or 17 digits and a check character (an ID number) standing
    /// alone. A run inside an ASCII word is not one: a UUID's hex segment can hold 11 digits in a
    /// row (`…-67814975044c`), which once failed CI here.
    static func unmaskedNumbers(_ text: String) -> [String] {
        text.split(whereSeparator: { !($0.isASCII && ($0.isLetter || $0.isNumber)) }).map(String.init).filter {
            token in
            let digits = token.filter(\.isNumber).count
            return (digits == 11 && token.count == 11)
                || (token.count == 18 && (digits == 18 || (digits == 17 && token.last == "X")))
        }
    }

    /// A technical topic walked from proposal to closing: the plan is published a day ahead
    /// (CON-5), the expert assessment comes before the result (CON-7), a major dispute goes to
    /// the residents' meeting (CON-9) whose passed decision lets the result be published and
    /// implemented, progress is published (CON-8), and it closes only once evaluated (CON-11).
    /// The public board shows it without names, opinions or personal data.
    @Test func aTopicFromProposalToEvaluationWithAReferralCON5CON7CON8CON9CON11() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let staff = try await tree.token(.staff, tree.community1)
            let proposed = try await client.send(
                .post, "/v1/consultation-topics", token: staff,
                json: [
                    "communityIds": [tree.community1.idString], "title": "3 号楼加装电梯",
                    "description": "居民联名提出加装电梯", "category": "development_infrastructure", "proposer": "residents",
                    "proposerCount": 24, "technical": true,
                ])
            #expect(proposed.status == .created, "\(proposed.text)")
            #expect(
                proposed.json["flow"] as? String == "urban_002" && proposed.json["ownerLevel"] as? String == "community"
            )
            let id = try #require(proposed.json["id"] as? String)
            func step(_ body: [String: Any]) async throws -> TestResponse {
                try await client.send(.post, "/v1/consultation-topics/\(id)/transitions", token: staff, json: body)
            }
            #expect(try await step(["action": "select", "plan": Self.plan]).json["status"] as? String == "selected")
            #expect(try await step(["action": "publish_plan"]).json["status"] as? String == "plan_published")
            #expect(try await step(["action": "notify_participants"]).status == .ok)
            let early = try await client.send(
                .post, "/v1/consultation-topics/\(id)/sessions", token: staff, json: Self.session)
            #expect(early.status == .unprocessableContent)
            #expect(early.json["code"] as? String == "consultation.plan_not_published_in_advance")
            try await Self.travel(id, days: 1, in: database)
            let held = try await client.send(
                .post, "/v1/consultation-topics/\(id)/sessions", token: staff, json: Self.session)
            #expect(held.status == .created, "\(held.text)")
            #expect(held.json["status"] as? String == "consulting")
            let dispute: [String: Any] = [
                "action": "record_result", "outcome": "major_dispute", "summary": "低层住户反对采光受损",
            ]
            #expect(try await step(dispute).json["code"] as? String == "consultation.expert_assessment_required")
            let assessed = try await step([
                "action": "add_assessment",
                "assessment": ["kind": "third_party", "assessor": "市建筑设计院", "summary": "结构可加装"],
            ])
            #expect((assessed.json["assessments"] as? [[String: Any]])?.count == 1, "\(assessed.text)")
            #expect(try await step(dispute).json["status"] as? String == "referral_required")
            #expect(
                try await step(["action": "publish_result"]).json["code"] as? String == "consultation.referral_required"
            )
            #expect(try await step(["action": "refer_to_meeting"]).json["status"] as? String == "referred")
            #expect(
                try await step(["action": "close"]).json["code"] as? String == "consultation.meeting_decision_required")
            let decision = try await Self.meetingDecision(client, token: staff, area: tree.community1, passed: true)
            let decided = try await step(["action": "record_meeting_decision", "meetingDecisionId": decision])
            #expect(decided.json["status"] as? String == "decided" && decided.json["decisionPassed"] as? Bool == true)
            #expect(try await step(["action": "publish_result"]).json["status"] as? String == "result_published")
            #expect(try await step(["action": "start_implementation"]).json["status"] as? String == "implementing")
            let progressed = try await step([
                "action": "record_progress",
                "progress": ["note": "电梯井道施工完成", "actionKind": "micro_project", "actionRef": "微实事 2026-031"],
            ])
            #expect((progressed.json["progress"] as? [[String: Any]])?.count == 1, "\(progressed.text)")
            #expect(try await step(["action": "complete"]).json["status"] as? String == "implemented")
            #expect(try await step(["action": "close"]).json["code"] as? String == "consultation.evaluation_required")
            let evaluated = try await step([
                "action": "evaluate", "evaluatorType": "implementing_body", "rating": 4, "summary": "按期完成",
            ])
            let warnings = (evaluated.json["warnings"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
            #expect(warnings == ["consultation.self_evaluation"])
            #expect(try await step(["action": "close"]).json["status"] as? String == "closed")

            let board = try await client.send(
                .get, "/v1/disclosures?areaId=\(tree.community1.idString)", token: staff)
            let categories = (board.json["items"] as? [[String: Any]] ?? []).compactMap { $0["category"] as? String }
            #expect(Set(categories) == ["meeting_decision", "consultation_result", "consultation_implementation"])
            let published = try await client.send(
                .get, "/v1/public/communities/\(tree.community1.idString)/consultations", token: nil)
            #expect(published.status == .ok)
            let items = published.json["items"] as? [[String: Any]] ?? []
            #expect(items.first?["status"] as? String == "closed")
            #expect(published.text.contains("低层住户反对采光受损") && !published.text.contains("楼上住户愿意多出资"))
            #expect(!published.text.contains("opinions") && !published.text.contains("attendance"))
            #expect(Self.unmaskedNumbers(published.text).isEmpty)
            let notACommunity = try await client.send(
                .get, "/v1/public/communities/\(tree.grid1.idString)/consultations", token: nil)
            #expect(notACommunity.status == .notFound)
        }
    }

    /// CON-4: a grid worker proposes but never selects (403); a plan without its venue is 422
    /// naming the part. CON-12: a village topic holds its session without a published plan.
    @Test func gridWorkersProposeCommunitiesSelectVillagesTalkCON4CON12() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let worker = try await tree.token(.gridWorker, tree.grid1)
            let staff = try await tree.token(.staff, tree.street1)
            let proposed = try await client.send(
                .post, "/v1/consultation-topics", token: worker,
                json: [
                    "communityIds": [tree.community1.idString], "title": "楼道堆物", "description": "消防通道被占",
                    "category": "resident_concern", "proposer": "body_member",
                ])
            #expect(proposed.status == .created, "\(proposed.text)")
            let id = try #require(proposed.json["id"] as? String)
            var plan = Self.plan
            let bySelf = try await client.send(
                .post, "/v1/consultation-topics/\(id)/transitions", token: worker,
                json: ["action": "select", "plan": plan])
            #expect(bySelf.status == .forbidden)
            plan["venue"] = nil
            let incomplete = try await client.send(
                .post, "/v1/consultation-topics/\(id)/transitions", token: staff,
                json: ["action": "select", "plan": plan])
            #expect(incomplete.json["code"] as? String == "consultation.plan_incomplete", "\(incomplete.text)")
            let village = try await tree.provisioning.addArea(
                .village, name: "说事村", under: tree.street1, deadline: .now.advanced(by: .seconds(5)))
            let rural = try await client.send(
                .post, "/v1/consultation-topics", token: staff,
                json: [
                    "communityIds": [village.idString], "title": "村道修缮", "description": "村民说事",
                    "category": "resident_concern", "proposer": "committee",
                ])
            #expect(rural.json["flow"] as? String == "rural_shuoshi", "\(rural.text)")
            let ruralId = try #require(rural.json["id"] as? String)
            _ = try await client.send(
                .post, "/v1/consultation-topics/\(ruralId)/transitions", token: staff,
                json: ["action": "select", "plan": Self.plan])
            let talked = try await client.send(
                .post, "/v1/consultation-topics/\(ruralId)/sessions", token: staff, json: Self.session)
            #expect(talked.status == .created, "\(talked.text)")
        }
    }

    /// CON-10: two communities of street1 are the street's with its procedure; a community's
    /// token cannot open them; communities of two streets are refused.
    @Test func crossCommunityTopicsAreOpenedByTheStreetCON10() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let neighbour = try await tree.provisioning.addArea(
                .community, name: "三社区", under: tree.street1, deadline: .now.advanced(by: .seconds(5)))
            var body: [String: Any] = [
                "communityIds": [tree.community1.idString, neighbour.idString], "title": "断头路打通",
                "description": "两社区之间道路", "category": "development_infrastructure", "proposer": "committee",
            ]
            let fromCommunity = try await client.send(
                .post, "/v1/consultation-topics", token: try await tree.token(.admin, tree.community1), json: body)
            // A community's token does not see its neighbour at all; the rule's 422 for a token that
            // sees both is the domain's test (ConsultationRulesTests).
            #expect(fromCommunity.status == .notFound)
            let street = try await tree.token(.staff, tree.street1)
            let unreferenced = try await client.send(.post, "/v1/consultation-topics", token: street, json: body)
            #expect(unreferenced.json["code"] as? String == "consultation.procedure_ref_required")
            body["procedureRef"] = "街道党工委〔2026〕12 号"
            let opened = try await client.send(.post, "/v1/consultation-topics", token: street, json: body)
            #expect(opened.status == .created, "\(opened.text)")
            #expect(opened.json["ownerLevel"] as? String == "street")
            #expect(opened.json["ownerAreaId"] as? String == tree.street1.idString)
            body["communityIds"] = [tree.community1.idString, tree.community2.idString]
            let across = try await client.send(
                .post, "/v1/consultation-topics", token: try await tree.token(.staff, tree.district), json: body)
            #expect(across.json["code"] as? String == "consultation.cross_street_topic_unsupported")
            let stats = try await client.send(
                .get, "/v1/consultation/stats?areaId=\(tree.street1.idString)",
                token: try await tree.token(.analyst, tree.street1))
            #expect((stats.json["topicsByStatus"] as? [String: Any])?["proposed"] as? Int == 1, "\(stats.text)")
        }
    }

    /// CON-1, CON-3: a body draws in several constituencies; a catalogue item reserved to the
    /// meeting makes its category's topics need the meeting's decision (CON-9).
    @Test func bodiesAndTheCatalogueCON1CON3() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let staff = try await tree.token(.staff, tree.community1)
            let narrow = try await client.send(
                .post, "/v1/consultation-bodies", token: staff,
                json: [
                    "areaId": tree.community1.idString, "name": "共建理事会", "kind": "co_building_council",
                    "establishedOn": Self.today.description,
                    "members": [["name": "王芳", "constituency": "residents_committee"]],
                ])
            #expect(narrow.json["code"] as? String == "consultation.body_not_diverse")
            let body = try await client.send(
                .post, "/v1/consultation-bodies", token: staff,
                json: [
                    "areaId": tree.community1.idString, "name": "共建理事会", "kind": "co_building_council",
                    "establishedOn": Self.today.description,
                    "members": [
                        ["name": "王芳", "constituency": "residents_committee"],
                        ["name": "陈静", "constituency": "non_registered_resident"],
                    ],
                ])
            #expect(body.status == .created && body.json["constituencies"] as? Int == 2, "\(body.text)")
            let analyst = try await client.send(
                .get, "/v1/consultation-bodies?areaId=\(tree.community1.idString)",
                token: try await tree.token(.analyst, tree.street1))
            #expect(!analyst.text.contains("王芳"))
            let catalogue = try await client.send(
                .post, "/v1/areas/\(tree.community1.idString)/consultation-catalogues", token: staff,
                json: [
                    "items": [["category": "development_infrastructure", "matter": "加装电梯", "reservedToMeeting": true]]
                ])
            #expect(catalogue.json["number"] as? Int == 1, "\(catalogue.text)")
            // jsonb cannot hold NUL: the request's fault, 422, and no version is used up.
            let nul = try await client.send(
                .post, "/v1/areas/\(tree.community1.idString)/consultation-catalogues", token: staff,
                json: ["items": [["category": "resident_concern", "matter": "物业\u{0}服务"]]])
            #expect(nul.status == .unprocessableContent, "\(nul.text)")
            let topic = try await client.send(
                .post, "/v1/consultation-topics", token: staff,
                json: [
                    "communityIds": [tree.community1.idString], "title": "加装电梯", "description": "五号楼",
                    "category": "development_infrastructure", "proposer": "committee",
                ])
            #expect(topic.json["reservedToMeeting"] as? Bool == true, "\(topic.text)")
        }
    }
}
