import Foundation
import Governance
import GovernanceServices
import HTTPTypes
import HummingbirdTesting
import Testing

/// Conventions through the API (CNV-1 – CNV-8): 备约 → 立约 → 宣约 → 执约 → 督约.
@Suite struct ConventionTests {
    static var today: CalendarDay { GovernanceClock.system.today }

    static func draft(
        clauses: [[String: Any]] = [["number": 1, "text": "文明养犬，出门牵绳。", "sanction": "criticism_education"]]
    )
        -> [String: Any]
    {
        [
            "name": "《东湖社区居民公约》", "body": "爱护家园，邻里和睦。", "deliberatingBody": "residents_meeting",
            "effectiveOn": today.description, "clauses": clauses,
        ]
    }

    /// A convention of `area` taken from a new draft through review and the residents' meeting's
    /// passed vote: `committee` acts for the community, `street` reviews. Returns the last answer.
    static func adopt(
        _ client: any TestClientProtocol, committee: String, street: String, area: Area, revises: String? = nil
    ) async throws -> TestResponse {
        var body: [String: Any] = ["areaId": area.idString, "kind": "community_convention", "draft": Self.draft()]
        if let revises { body["revises"] = revises }
        let drafted = try await client.send(.post, "/v1/conventions", token: committee, json: body)
        let id = try #require(drafted.json["id"] as? String, "\(drafted.text)")
        func step(_ token: String, _ body: [String: Any]) async throws -> TestResponse {
            try await client.send(.post, "/v1/conventions/\(id)/transitions", token: token, json: body)
        }
        for (token, body) in [
            (committee, ["action": "submit_for_legality_review"]),
            (street, ["action": "record_legality_review", "reviewerType": "street_legal_office"]),
            (committee, ["action": "submit_for_vote"]),
        ] {
            let moved = try await step(token, body)
            #expect(moved.status == .ok, "\(moved.text)")
        }
        let decision = try await ConsultationTests.meetingDecision(client, token: committee, area: area, passed: true)
        return try await step(committee, ["action": "record_vote", "meetingDecisionId": decision])
    }

    /// A convention through all five stages with a returned draft: the street's review returns
    /// a fine with its reasons (CNV-4, CNV-5) and may not edit the text; the committee amends it
    /// and links the consultation that solicited opinions (CNV-2); the residents' meeting adopts
    /// it (CNV-3); it is in force on its day, filed with its street and published (CNV-6);
    /// execution cites clauses and never fines, and the supervision committee supervises (CNV-7).
    @Test func aConventionThroughFiveStagesWithAReturnedDraftCNV2CNV3CNV4CNV5CNV6CNV7() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let committee = try await tree.token(.staff, tree.community1)
            let street = try await tree.token(.staff, tree.street1)
            let liberty = try await client.send(
                .post, "/v1/conventions", token: committee,
                json: [
                    "areaId": tree.community1.idString, "kind": "community_convention",
                    "draft": Self.draft(clauses: [["number": 1, "text": "禁止外出", "sanction": "restriction_of_liberty"]]),
                ])
            #expect(liberty.json["code"] as? String == "convention.sanction_kind_forbidden")
            let fined = Self.draft(clauses: [
                ["number": 1, "text": "文明养犬，出门牵绳。", "sanction": "criticism_education"],
                ["number": 2, "text": "乱扔垃圾罚款 200 元。", "sanction": "fine"],
            ])
            let drafted = try await client.send(
                .post, "/v1/conventions", token: committee,
                json: ["areaId": tree.community1.idString, "kind": "community_convention", "draft": fined])
            #expect(drafted.status == .created, "\(drafted.text)")
            #expect(drafted.json["stage"] as? String == "prepare")
            let warned = (drafted.json["warnings"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
            #expect(Set(warned) == ["convention.not_consulted", "convention.sanction_may_be_unlawful"])
            let id = try #require(drafted.json["id"] as? String)
            func step(_ token: String, _ body: [String: Any]) async throws -> TestResponse {
                try await client.send(.post, "/v1/conventions/\(id)/transitions", token: token, json: body)
            }
            #expect(try await step(committee, ["action": "submit_for_legality_review"]).status == .ok)
            let byCommittee = try await step(
                committee, ["action": "record_legality_review", "reviewerType": "legal_adviser"])
            #expect(
                byCommittee.status == .forbidden && byCommittee.json["code"] as? String == "convention.review_by_street"
            )
            let unexamined = try await step(
                street, ["action": "record_legality_review", "reviewerType": "street_legal_office"])
            #expect(unexamined.json["code"] as? String == "convention.sanction_finding_open")
            let returned = try await step(
                street,
                [
                    "action": "record_legality_review", "reviewerType": "street_legal_office",
                    "findings": [["kind": "monetary_penalty", "clause": 2, "note": "公约不得设定罚款"]],
                    "reasons": "第二条设定罚款，请改为批评教育。",
                ])
            #expect(returned.json["status"] as? String == "drafting", "\(returned.text)")
            #expect((returned.json["legalityReview"] as? [String: Any])?["passed"] as? Bool == false)
            let amended = Self.draft(clauses: [
                ["number": 1, "text": "文明养犬，出门牵绳。", "sanction": "criticism_education"],
                ["number": 2, "text": "乱扔垃圾的，予以批评教育并在公开栏提示。", "sanction": "public_notice"],
            ])
            let byStreet = try await step(street, ["action": "amend_draft", "draft": amended])
            #expect(
                byStreet.status == .forbidden && byStreet.json["code"] as? String == "convention.street_cannot_edit")
            #expect(try await step(committee, ["action": "amend_draft", "draft": amended]).status == .ok)
            let topic = try await client.send(
                .post, "/v1/consultation-topics", token: committee,
                json: [
                    "communityIds": [tree.community1.idString], "title": "修订居民公约", "description": "征求居民意见",
                    "category": "charter_convention", "proposer": "committee",
                ])
            let consulted = try await step(
                committee,
                [
                    "action": "record_opinion_solicitation",
                    "consultationTopicId": try #require(topic.json["id"] as? String),
                ])
            #expect((consulted.json["warnings"] as? [[String: Any]])?.isEmpty == true, "\(consulted.text)")
            for (token, body) in [
                (committee, ["action": "submit_for_legality_review"]),
                (street, ["action": "record_legality_review", "reviewerType": "street_legal_office"]),
                (committee, ["action": "submit_for_vote"]),
            ] {
                let moved = try await step(token, body)
                #expect(moved.status == .ok, "\(moved.text)")
            }
            let rejected = try await ConsultationTests.meetingDecision(
                client, token: committee, area: tree.community1, passed: false)
            let failed = try await step(committee, ["action": "record_vote", "meetingDecisionId": rejected])
            #expect(failed.json["status"] as? String == "drafting", "\(failed.text)")
            for (token, body) in [
                (committee, ["action": "submit_for_legality_review"]),
                (street, ["action": "record_legality_review", "reviewerType": "street_legal_office"]),
                (committee, ["action": "submit_for_vote"]),
            ] {
                #expect(try await step(token, body).status == .ok)
            }
            let passed = try await ConsultationTests.meetingDecision(
                client, token: committee, area: tree.community1, passed: true)
            let adopted = try await step(committee, ["action": "record_vote", "meetingDecisionId": passed])
            #expect(adopted.json["status"] as? String == "in_force", "\(adopted.text)")
            #expect(adopted.json["adoptedOn"] as? String == Self.today.description)
            let misfiled = try await step(committee, ["action": "file", "filedWith": tree.street2.idString])
            #expect(misfiled.json["code"] as? String == "convention.filing_body_invalid", "\(misfiled.text)")
            let filed = try await step(committee, ["action": "file", "filedWith": tree.street1.idString])
            #expect(filed.json["filedOn"] as? String == Self.today.description, "\(filed.text)")
            let published = try await step(committee, ["action": "publish"])
            #expect(published.json["publishedOn"] as? String == Self.today.description)
            let board = try await client.send(
                .get, "/v1/public/communities/\(tree.community1.idString)/disclosures?category=convention", token: nil)
            #expect((board.json["items"] as? [[String: Any]])?.count == 1, "\(board.text)")

            func record(_ body: [String: Any]) async throws -> TestResponse {
                try await client.send(.post, "/v1/conventions/\(id)/records", token: committee, json: body)
            }
            let praised = try await record([
                "kind": "red_list", "clause": 1, "subjectName": "5 幢 201 户", "note": "文明养犬",
            ])
            #expect(praised.status == .created, "\(praised.text)")
            #expect(praised.json["stage"] as? String == "enforce")
            #expect(
                try await record(["kind": "criticism", "clause": 2, "note": "乱扔垃圾", "amountFen": 20_000]).json["code"]
                    as? String == "convention.monetary_penalty")
            #expect(
                try await record(["kind": "criticism", "clause": 9, "note": "x"]).json["code"] as? String
                    == "convention.clause_required")
            let supervisor = try await DisclosureTests.member(
                client, token: committee, area: tree.community1, grid: tree.grid1, kind: "supervision_committee")
            let supervised = try await record([
                "kind": "supervision_review", "note": "执约情况良好", "supervisorMemberId": supervisor,
            ])
            #expect(supervised.json["stage"] as? String == "supervise", "\(supervised.text)")
            #expect((supervised.json["stagesReached"] as? [String])?.count == 5)
            let analyst = try await client.send(
                .get, "/v1/conventions/\(id)", token: try await tree.token(.analyst, tree.street1))
            #expect(!analyst.text.contains("5 幢 201 户"))
        }
    }

    /// CNV-8: a second convention of the same kind that revises nothing is refused at its vote;
    /// a revision takes the first one's place on its effective day.
    @Test func oneConventionInForceAndRevisionsSupersedeCNV8() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let committee = try await tree.token(.staff, tree.community1)
            let street = try await tree.token(.staff, tree.street1)
            let first = try await Self.adopt(client, committee: committee, street: street, area: tree.community1)
            #expect(first.json["status"] as? String == "in_force", "\(first.text)")
            let rival = try await Self.adopt(client, committee: committee, street: street, area: tree.community1)
            #expect(rival.json["code"] as? String == "convention.already_in_force", "\(rival.text)")
            let firstId = try #require(first.json["id"] as? String)
            let revision = try await Self.adopt(
                client, committee: committee, street: street, area: tree.community1, revises: firstId)
            #expect(revision.json["status"] as? String == "in_force", "\(revision.text)")
            let superseded = try await client.send(.get, "/v1/conventions/\(firstId)", token: committee)
            #expect(superseded.json["status"] as? String == "superseded")
            #expect(superseded.json["supersededOn"] as? String == Self.today.description)
            let stats = try await client.send(
                .get, "/v1/consultation/stats?areaId=\(tree.community1.idString)",
                token: try await tree.token(.analyst, tree.street1))
            #expect(stats.json["conventionsAdopted"] as? Int == 2, "\(stats.text)")
        }
    }
}
