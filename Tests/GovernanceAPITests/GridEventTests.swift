import Foundation
import Governance
import GovernanceServices
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// Grid events through the API: one event through every tier, the conversion into a mediation
/// case, what a department may and may not do, lists and figures, and the Open311 face.
@Suite struct GridEventTests {
    static func report(
        _ client: any TestClientProtocol, _ token: String, area: Area, category: String = "property_management",
        source: String = "grid_patrol", extra: [String: Any] = [:]
    ) async throws -> TestResponse {
        var body: [String: Any] = [
            "areaId": area.idString, "source": source, "category": category, "description": "3 号楼北侧垃圾未清运",
        ]
        body.merge(extra) { _, new in new }
        return try await client.send(.post, "/v1/grid-events", token: token, json: body)
    }

    static func step(
        _ client: any TestClientProtocol, _ token: String, _ id: String, _ body: [String: Any]
    ) async throws -> TestResponse {
        try await client.send(.post, "/v1/grid-events/\(id)/transitions", token: token, json: body)
    }

    static func dispatch(
        _ client: any TestClientProtocol, _ token: String, _ id: String, to department: UUID, lead: Bool = true
    ) async throws -> TestResponse {
        try await client.send(
            .post, "/v1/grid-events/\(id)/dispatches", token: token,
            json: ["departmentId": department.lowercasedString, "lead": lead, "authorityBasis": "依职责办理"])
    }

    static func department(
        _ client: any TestClientProtocol, _ token: String, _ id: String, dispatch: String, _ body: [String: Any]
    ) async throws -> TestResponse {
        try await client.send(
            .post, "/v1/grid-events/\(id)/dispatches/\(dispatch)/transitions", token: token, json: body)
    }

    /// The id of the open dispatch of `event` to `department`.
    static func dispatchId(_ event: TestResponse, to department: UUID) throws -> String {
        let dispatches = try #require(event.json["dispatches"] as? [[String: Any]])
        let found = dispatches.last { $0["departmentId"] as? String == department.lowercasedString }
        return try #require(found?["id"] as? String)
    }

    @Test func oneEventThroughEveryTierGRID12MED21() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let gridWorker = try await tree.token(.gridWorker, tree.grid1)
            let community = try await tree.token(.staff, tree.community1)
            let street = try await tree.token(.staff, tree.street1)
            let enforcement = try await tree.department("城管执法局").id
            let market = try await tree.department("市场监管局").id
            let housing = try await tree.department("住建局").id
            let enforcementToken = try await tree.departmentToken("城管执法局")
            let marketToken = try await tree.departmentToken("市场监管局")
            let housingToken = try await tree.departmentToken("住建局")

            // Grid report (EVT-1): the reply token comes once.
            let reported = try await Self.report(client, gridWorker, area: tree.grid1)
            #expect(reported.status == .created, "\(reported.text)")
            let id = try #require(reported.json["id"] as? String)
            let replyToken = try #require(reported.json["replyToken"] as? String)
            #expect(reported.json["status"] as? String == "reported")
            #expect(reported.headers[.location] == "/v1/grid-events/\(id)")
            // Grids do not compile or dispatch (EVT-3).
            #expect(try await Self.step(client, gridWorker, id, ["action": "accept"]).status == .forbidden)

            // The community compiles: the category's default tier is the compound (小区自办).
            let accepted = try await Self.step(client, community, id, ["action": "accept"])
            #expect(accepted.status == .ok, "\(accepted.text)")
            #expect(accepted.json["tier"] as? String == "compound")
            #expect(accepted.json["dayKind"] as? String == "working")
            // Counted with the city's calendar once one is loaded (another test loads one), else Monday to Friday.
            #expect(["weekdays_only", "official"].contains(accepted.json["calendar"] as? String ?? "-"))
            #expect(accepted.json["dueOn"] != nil)
            // The compound's attempt fails: up one tier, never two (EVT-4).
            let skipping = try await Self.step(
                client, community, id, ["action": "escalate", "escalationReason": "too_complex", "tier": "street"])
            #expect(skipping.status == .unprocessableContent)
            #expect(skipping.json["code"] as? String == "grid_event.escalation_skips_level")
            let noReason = try await Self.step(client, community, id, ["action": "escalate"])
            #expect(noReason.status == .unprocessableContent)
            let toCommunity = try await Self.step(
                client, community, id,
                ["action": "escalate", "escalationReason": "not_resolved_in_time", "reason": "业主不配合"])
            #expect(toCommunity.json["tier"] as? String == "community", "\(toCommunity.text)")
            let toStreet = try await Self.step(
                client, community, id, ["action": "escalate", "escalationReason": "outside_authority"])
            #expect(toStreet.json["tier"] as? String == "street", "\(toStreet.text)")
            // The community keeps read access, not the handling.
            #expect(try await client.send(.get, "/v1/grid-events/\(id)", token: community).status == .ok)
            let notTheirs = try await Self.step(client, community, id, ["action": "resolve", "resolution": "x"])
            #expect(notTheirs.status == .forbidden)
            #expect(notTheirs.json["code"] as? String == "grid_event.not_handling_level")
            #expect(try await Self.dispatch(client, community, id, to: enforcement).status == .forbidden)

            // The street dispatches to two departments (EVT-5).
            let blankBasis = try await client.send(
                .post, "/v1/grid-events/\(id)/dispatches", token: street,
                json: ["departmentId": enforcement.lowercasedString, "authorityBasis": "  "])
            #expect(blankBasis.status == .unprocessableContent)
            let first = try await Self.dispatch(client, street, id, to: enforcement)
            #expect(first.status == .created, "\(first.text)")
            let second = try await Self.dispatch(client, street, id, to: market, lead: false)
            #expect(second.status == .created, "\(second.text)")
            let twice = try await Self.dispatch(client, street, id, to: market)
            #expect(twice.status == .conflict && twice.json["code"] as? String == "grid_event.dispatch_duplicate")
            let toEnforcement = try Self.dispatchId(second, to: enforcement)
            let toMarket = try Self.dispatchId(second, to: market)

            // A department sees and acts on its own dispatch only.
            #expect(
                try await Self.department(client, marketToken, id, dispatch: toEnforcement, ["action": "accept"]).status
                    == .notFound)
            // One returns it as not its matter, the other takes it on (EVT-6).
            let returned = try await Self.department(
                client, marketToken, id, dispatch: toMarket, ["action": "return", "reason": "不属于市场监管职责"])
            #expect(returned.status == .ok, "\(returned.text)")
            #expect(
                try await Self.department(client, enforcementToken, id, dispatch: toEnforcement, ["action": "accept"])
                    .status == .ok)
            let declining = try await Self.department(
                client, enforcementToken, id, dispatch: toEnforcement, ["action": "return", "reason": "忙"])
            #expect(declining.json["code"] as? String == "grid_event.accepted_cannot_decline")
            // Departments never move the event itself.
            #expect(
                try await Self.step(client, enforcementToken, id, ["action": "close", "reason": "x"]).status
                    == .forbidden)

            // The street redispatches to the right department.
            let redispatched = try await Self.dispatch(client, street, id, to: housing, lead: false)
            #expect(redispatched.status == .created)
            let toHousing = try Self.dispatchId(redispatched, to: housing)
            #expect(
                try await Self.department(client, housingToken, id, dispatch: toHousing, ["action": "accept"]).status
                    == .ok)
            let progress = try await Self.department(
                client, enforcementToken, id, dispatch: toEnforcement, ["action": "progress", "note": "已现场勘查"])
            #expect(progress.status == .ok)
            let incomplete = try await Self.department(
                client, enforcementToken, id, dispatch: toEnforcement, ["action": "feedback", "outcome": "已处理"])
            #expect(incomplete.json["code"] as? String == "grid_event.feedback_incomplete")
            let fedBack = try await Self.department(
                client, enforcementToken, id, dispatch: toEnforcement,
                ["action": "feedback", "outcome": "已清运", "actionsTaken": "责令物业限期清运并复查"])
            #expect(fedBack.status == .ok, "\(fedBack.text)")
            // One department still owes its feedback.
            let early = try await Self.step(client, street, id, ["action": "resolve", "resolution": "已清运"])
            #expect(early.json["code"] as? String == "grid_event.dispatch_open")
            _ = try await Self.department(
                client, housingToken, id, dispatch: toHousing,
                ["action": "feedback", "outcome": "已督促物业", "actionsTaken": "约谈物业公司"])
            let resolved = try await Self.step(client, street, id, ["action": "resolve", "resolution": "已清运"])
            #expect(resolved.json["status"] as? String == "resolved", "\(resolved.text)")

            // The reporter's app rates with the reply token: dissatisfied reopens at the street, once (EVT-7).
            let withoutToken = try await client.send(
                .post, "/v1/grid-events/\(id)/rating", token: gridWorker, json: ["rating": "dissatisfied"])
            #expect(withoutToken.status == .forbidden)
            #expect(withoutToken.json["code"] as? String == "grid_event.reply_token_mismatch")
            let reopened = try await client.send(
                .post, "/v1/grid-events/\(id)/rating", token: gridWorker,
                json: ["rating": "dissatisfied", "comment": "北侧仍有垃圾", "replyToken": replyToken])
            #expect(reopened.json["status"] as? String == "handling", "\(reopened.status) \(reopened.text)")
            #expect(reopened.json["tier"] as? String == "street")
            #expect(reopened.json["reopenCount"] as? Int == 1)
            let again = try await Self.step(client, street, id, ["action": "resolve", "resolution": "全部清运"])
            #expect(again.json["status"] as? String == "resolved")
            let closed = try await client.send(
                .post, "/v1/grid-events/\(id)/rating", token: gridWorker,
                json: ["rating": "satisfied", "replyToken": replyToken])
            #expect(closed.json["status"] as? String == "closed", "\(closed.text)")
            #expect(closed.json["closedReason"] as? String == "rated")
            let steps = try #require(closed.json["steps"] as? [[String: Any]]).compactMap { $0["action"] as? String }
            #expect(
                steps == [
                    "report", "accept", "escalate", "escalate", "dispatch", "dispatch", "dispatch_return",
                    "dispatch_accept", "dispatch", "dispatch_accept", "dispatch_progress", "dispatch_feedback",
                    "dispatch_feedback", "resolve", "rate", "resolve", "rate",
                ])

            // The department's figures: two dispatches fed back on time, one returned.
            let stats = try await client.send(
                .get, "/v1/grid-events/stats?areaId=\(tree.street1.idString)", token: street)
            #expect(stats.status == .ok, "\(stats.text)")
            let departments = try #require(stats.json["departments"] as? [[String: Any]])
            let enforcementRow = departments.first { $0["departmentId"] as? String == enforcement.lowercasedString }
            #expect(enforcementRow?["fedBack"] as? Int == 1 && enforcementRow?["onTimeRate"] as? Double == 1)
            let marketRow = departments.first { $0["departmentId"] as? String == market.lowercasedString }
            #expect(marketRow?["returned"] as? Int == 1)
            // The department report (双评议) counts the same dispatches.
            let report = try await client.send(
                .get,
                "/v1/admission/departments/\(enforcement.lowercasedString)/report?year=\(CalendarDay.today(now: Date()).year)",
                token: enforcementToken)
            let figures = try #require(report.json["gridEvents"] as? [String: Any], "\(report.text)")
            #expect(figures["dispatched"] as? Int == 1 && figures["onTime"] as? Int == 1)
            #expect(figures["onTimeRate"] as? Double == 1)
            // The final rating counts: satisfied after one reopening.
            #expect(stats.json["rated"] as? Int == 1 && stats.json["satisfied"] as? Int == 1)
        }
    }

    @Test func aDisputeBecomesAMediationCaseLinkedBothWaysEVT10() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let community = try await tree.token(.staff, tree.community1)
            let reported = try await Self.report(
                client, community, area: tree.grid1, category: "neighbour_dispute", source: "resident_report",
                extra: ["reporterName": "王五", "reporterPhone": "13812345678"])
            #expect(reported.status == .created, "\(reported.text)")
            let reporter = try #require(reported.json["reporter"] as? [String: Any])
            #expect(reporter["phone"] as? String != "13812345678")
            #expect(!reported.text.contains("13812345678"))
            let id = try #require(reported.json["id"] as? String)
            _ = try await Self.step(client, community, id, ["action": "accept"])
            let tooFew = try await client.send(
                .post, "/v1/grid-events/\(id)/mediation-case", token: community,
                json: ["parties": [["name": "王五", "role": "applicant"]]])
            #expect(tooFew.status == .unprocessableContent)
            let referred = try await client.send(
                .post, "/v1/grid-events/\(id)/mediation-case", token: community,
                json: [
                    "riskLevel": "low",
                    "parties": [["name": "王五", "role": "applicant"], ["name": "赵六", "role": "respondent"]],
                ])
            #expect(referred.status == .created, "\(referred.text)")
            let caseId = try #require(referred.json["mediationCaseId"] as? String)
            let event = try #require(referred.json["event"] as? [String: Any])
            #expect(event["status"] as? String == "referred_to_mediation")
            #expect(event["mediationCaseId"] as? String == caseId)
            let mediationCase = try await client.send(.get, "/v1/mediation/cases/\(caseId)", token: community)
            #expect(mediationCase.json["gridEventId"] as? String == id, "\(mediationCase.text)")
            #expect(mediationCase.json["category"] as? String == "neighbour")
            // Referred is an end: no second referral.
            let twice = try await client.send(
                .post, "/v1/grid-events/\(id)/mediation-case", token: community,
                json: ["parties": [["name": "甲", "role": "applicant"], ["name": "乙", "role": "respondent"]]])
            #expect(twice.status == .conflict)
        }
    }

    @Test func duplicatesRejectionsListsAndScope() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let community = try await tree.token(.staff, tree.community1)
            let otherCommunity = try await tree.token(.staff, tree.community2)
            let auditor = try await tree.token(.auditor, tree.street1)
            let first = try #require(try await Self.report(client, community, area: tree.grid1).json["id"] as? String)
            let duplicate = try #require(
                try await Self.report(client, community, area: tree.grid2).json["id"] as? String)
            let invalid = try #require(try await Self.report(client, community, area: tree.grid1).json["id"] as? String)
            let hazard = try await Self.report(client, community, area: tree.grid1, category: "safety_hazard")
            #expect(hazard.status == .unprocessableContent)  // EVT-2: a hazard needs its risk level
            #expect(hazard.text.contains("riskLevel"))

            let merged = try await Self.step(client, community, duplicate, ["action": "merge", "intoEventId": first])
            #expect(merged.json["status"] as? String == "merged", "\(merged.text)")
            let target = try await client.send(.get, "/v1/grid-events/\(first)", token: community)
            #expect(target.json["mergedReportIds"] as? [String] == [duplicate])
            #expect(
                try await Self.step(client, community, invalid, ["action": "reject"]).status == .unprocessableContent)
            let rejected = try await Self.step(client, community, invalid, ["action": "reject", "reason": "重复上报"])
            #expect(rejected.json["status"] as? String == "rejected")
            #expect(try await Self.step(client, community, invalid, ["action": "accept"]).status == .conflict)

            // Out of scope reads as missing; lists filter in SQL.
            #expect(try await client.send(.get, "/v1/grid-events/\(first)", token: otherCommunity).status == .notFound)
            let reportedOnly = try await client.send(
                .get, "/v1/grid-events?status=reported&areaId=\(tree.community1.idString)", token: auditor)
            let items = try #require(reportedOnly.json["items"] as? [[String: Any]])
            #expect(items.map { $0["id"] as? String } == [first])
            let batch = try await client.send(.get, "/v1/grid-events?ids=\(first),\(duplicate)", token: community)
            #expect((batch.json["items"] as? [[String: Any]])?.count == 2)
            let range = try await client.send(
                .get, "/v1/grid-events?from=2026-12-02&to=2026-12-01", token: community)
            #expect(range.status == .unprocessableContent)
            let overdue = try await client.send(.get, "/v1/grid-events?overdue=true", token: community)
            #expect((overdue.json["items"] as? [[String: Any]])?.isEmpty == true)
            // A department reads only what was dispatched to it.
            let departmentToken = try await tree.departmentToken("test")
            #expect(try await client.send(.get, "/v1/grid-events/\(first)", token: departmentToken).status == .notFound)
            let none = try await client.send(.get, "/v1/grid-events", token: departmentToken)
            #expect((none.json["items"] as? [[String: Any]])?.isEmpty == true)
        }
    }

    @Test func aPatrolReporterHoldsAPostOnTheGridEVT1() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let staff = try await tree.token(.staff, tree.community1)
            func person(_ name: String) async throws -> String {
                let created = try await client.send(
                    .post, "/v1/people", token: staff,
                    json: [
                        "residenceAreaId": tree.grid1.idString, "name": name, "gender": "female", "birthYear": 1980,
                        "idNumber": TestIDNumbers.make(),
                    ])
                return try #require(created.json["id"] as? String, "\(created.text)")
            }
            let worker = try await person("网格员")
            let resident = try await person("居民")
            let assigned = try await client.send(
                .post, "/v1/grid-assignments", token: staff,
                json: [
                    "post": "grid_worker", "targetId": tree.grid1.idString, "personId": worker,
                    "startedOn": "2026-01-01",
                ])
            #expect(assigned.status == .created, "\(assigned.text)")
            let byWorker = try await Self.report(client, staff, area: tree.grid1, extra: ["reporterPersonId": worker])
            #expect(byWorker.status == .created, "\(byWorker.text)")
            let byResident = try await Self.report(
                client, staff, area: tree.grid1, extra: ["reporterPersonId": resident])
            #expect(byResident.status == .unprocessableContent)
            #expect(byResident.json["code"] as? String == "grid_event.reporter_not_grid_staff")
            // The same resident may report as a resident.
            let asResident = try await Self.report(
                client, staff, area: tree.grid1, source: "resident_report", extra: ["reporterPersonId": resident])
            #expect(asResident.status == .created)
            // Not on the grid where it was found.
            let elsewhere = try await Self.report(client, staff, area: tree.grid2, extra: ["reporterPersonId": worker])
            #expect(elsewhere.json["code"] as? String == "grid_event.reporter_not_grid_staff")
        }
    }

    @Test func theCatalogueIsDataACityAdminEdits() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let staff = try await tree.token(.staff, tree.community1)
            let catalogue = try await client.send(.get, "/v1/grid-events/categories", token: staff)
            let items = try #require(catalogue.json["items"] as? [[String: Any]])
            #expect(items.count == GridEventCategory.codes.count)
            let districtAdmin = try await tree.token(.admin, tree.district)
            let refused = try await client.send(
                .put, "/v1/grid-events/categories/other", token: districtAdmin,
                json: [
                    "nameZh": "其他", "nameEn": "Other", "defaultTier": "community", "timeLimitDays": 4,
                    "dayKind": "calendar",
                ])
            #expect(refused.status == .forbidden)
            #expect(refused.json["code"] as? String == "grid_event.catalogue_level")
            // The city's admin sets the city's entry (the shipped values again: tests share the city).
            let city = try #require(try await tree.provisioning.root(deadline: .now.advanced(by: .seconds(5))))
            let cityAdmin = try await tree.token(.admin, city)
            let entry: [String: Any] = [
                "nameZh": "其他", "nameEn": "Other", "defaultTier": "community", "timeLimitDays": 5, "dayKind": "working",
            ]
            let nulled = try await client.send(
                .put, "/v1/grid-events/categories/other", token: cityAdmin,
                json: entry.merging(["departmentId": NSNull()]) { $1 })
            #expect(nulled.status == .unprocessableContent && nulled.text.contains("not_nullable"))
            let saved = try await client.send(.put, "/v1/grid-events/categories/other", token: cityAdmin, json: entry)
            #expect(saved.status == .ok, "\(saved.text)")
            #expect(saved.json["scope"] as? String == "city")
            let seen = try await client.send(.get, "/v1/grid-events/categories", token: staff)
            let other = (seen.json["items"] as? [[String: Any]])?.first { $0["code"] as? String == "other" }
            #expect(other?["scope"] as? String == "city")
        }
    }

    /// Sends an Open311 form.
    static func form(
        _ client: any TestClientProtocol, _ fields: [(String, String)], bearer: String? = nil
    ) async throws -> TestResponse {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let text = fields.map {
            "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
        }.joined(separator: "&")
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        if let bearer { headers[.authorization] = "Bearer \(bearer)" }
        return try await client.execute(
            uri: "/open311/v2/requests.json", method: .post, headers: headers, body: ByteBuffer(string: text)
        ) { $0 }
    }

    static func array(_ response: TestResponse) -> [[String: Any]] {
        (try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView))) as? [[String: Any]] ?? []
    }

    @Test func anOpen311ClientPostsAndReadsARequest() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let app = try await tree.token(.reporterApp, tree.community1)
            let services = Self.array(try await client.send(.get, "/open311/v2/services.json"))
            let codes = services.compactMap { $0["service_code"] as? String }
            #expect(codes.contains("public_facilities") && services.first?["type"] as? String == "realtime")

            let posted = try await Self.form(
                client,
                [
                    ("api_key", app), ("service_code", "public_facilities"), ("description", "小区路灯不亮"),
                    ("lat", "29.8683"), ("long", "121.544"), ("address_string", "5 号楼前"),
                    ("address_id", tree.grid1.idString), ("first_name", "小明"), ("last_name", "王"),
                    ("phone", "13912345678"), ("media_url", "oss-1"),
                ])
            #expect(posted.status == .created, "\(posted.text)")
            let receipt = try #require(Self.array(posted).first)
            let id = try #require(receipt["service_request_id"] as? String)
            #expect(receipt["token"] as? String != nil)

            let one = try await client.send(.get, "/open311/v2/requests/\(id).json")
            #expect(one.status == .ok, "\(one.text)")
            let request = try #require(Self.array(one).first)
            #expect(request["status"] as? String == "open")
            #expect(request["service_code"] as? String == "public_facilities")
            #expect(request["description"] as? String == "小区路灯不亮")
            #expect(request["lat"] as? Double == 29.8683 && request["long"] as? Double == 121.544)
            #expect(request["address_id"] as? String == tree.grid1.idString)
            #expect(request["requested_datetime"] is String && request["updated_datetime"] is String)
            #expect(!one.text.contains("13912345678") && !one.text.contains("小明"))
            let listed = Self.array(
                try await client.send(.get, "/open311/v2/requests.json?service_request_id=\(id)&status=open"))
            #expect(listed.map { $0["service_request_id"] as? String } == [id])

            // A hazard comes in at medium risk until the community assesses it (EVT-2).
            let hazard = try await Self.form(
                client, [("api_key", app), ("service_code", "safety_hazard"), ("description", "井盖缺失")])
            let hazardId = try #require(Self.array(hazard).first?["service_request_id"] as? String, "\(hazard.text)")
            let staffOfCommunity = try await tree.token(.staff, tree.community1)
            let assessed = try await Self.step(
                client, staffOfCommunity, hazardId, ["action": "accept", "riskLevel": "high"])
            #expect(assessed.json["riskLevel"] as? String == "high", "\(assessed.text)")
            // Inside the service it is a resident report, the reporter's phone masked.
            let staff = try await tree.token(.staff, tree.community1)
            let event = try await client.send(.get, "/v1/grid-events/\(id)", token: staff)
            #expect(event.json["source"] as? String == "resident_report")
            #expect(!event.text.contains("13912345678"))

            // Errors come in Open311's format.
            let badKey = try await Self.form(client, [("api_key", "nope"), ("service_code", "other")])
            #expect(badKey.status == .unauthorized)
            #expect(Self.array(badKey).first?["code"] as? Int == 401)
            // A large form without a key is 401, like a small one (the body limit bounds it).
            let large = try await Self.form(
                client, [("service_code", "other"), ("description", String(repeating: "长", count: 30_000))])
            #expect(large.status == .unauthorized, "\(large.status)")
            let notAnApp = try await Self.form(client, [("service_code", "other")], bearer: staff)
            #expect(notAnApp.status == .forbidden)
            #expect(Self.array(notAnApp).first?["code"] as? Int == 403)
            let missing = try await client.send(.get, "/open311/v2/requests/\(UUID().uuidString.lowercased()).json")
            #expect(missing.status == .notFound && Self.array(missing).first?["description"] is String)
            // A reporter app calls Open311, not the rest of the API.
            #expect(try await client.send(.get, "/v1/areas", token: app).status == .forbidden)
        }
    }
}
