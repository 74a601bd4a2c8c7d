import Foundation
import Governance
import GovernanceServices
import HTTPTypes
import HummingbirdTesting
import Testing

/// The disclosure board through the API (DIS-1 – DIS-6).
@Suite struct DisclosureTests {
    static var today: CalendarDay { GovernanceClock.system.today }

    /// A serving member of a new committee of `kind` in `area`; returns the member id.
    static func member(
        _ client: any TestClientProtocol, token: String, area: Area, grid: Area, kind: String
    ) async throws -> String {
        let committee = try await client.send(
            .post, "/v1/committees", token: token,
            json: ["areaId": area.idString, "kind": kind, "name": "委员会", "termStart": "2026-01-01"])
        let person = try await client.send(
            .post, "/v1/people", token: token,
            json: [
                "residenceAreaId": grid.idString, "name": "赵监督", "gender": "male", "birthYear": 1970,
                "idNumber": TestIDNumbers.make(),
            ])
        let seated = try await client.send(
            .post, "/v1/committees/\(try #require(committee.json["id"] as? String, "\(committee.text)"))/members",
            token: token,
            json: [
                "personId": try #require(person.json["id"] as? String, "\(person.text)"), "position": "director",
                "startedOn": "2026-01-01",
            ])
        return try #require(seated.json["id"] as? String, "\(seated.text)")
    }

    /// A quarter's publications of a village whose street marks its finance frequent: finance
    /// for the first and third months only is a finding for the second (DIS-3); finance needs the
    /// supervision committee's review (DIS-5); channels are required (DIS-1); full ID numbers are
    /// refused (DIS-6); the public board shows the items without reviewers or personal data.
    @Test func aQuartersBoardWithAMissingMonthOfFinanceDIS1DIS3DIS5DIS6() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let deadline: @Sendable () -> ContinuousClock.Instant = { .now.advanced(by: .seconds(5)) }
            let village = try await tree.provisioning.addArea(
                .village, name: "公开村", under: tree.street1, deadline: deadline())
            let villageGrid = try await tree.provisioning.addArea(
                .grid, name: "公开村一组", under: village, deadline: deadline())
            let admin = try await tree.token(.admin, tree.district)
            let flagged = try await client.send(
                .patch, "/v1/areas/\(village.idString)/rule-profile", token: admin,
                json: ["parameters": ["frequentCollectiveFinance": 1]])
            #expect(flagged.status == .ok, "\(flagged.text)")
            let staff = try await tree.token(.staff, tree.street1)
            let supervisor = try await Self.member(
                client, token: staff, area: village, grid: villageGrid, kind: "supervision_committee")
            // A supervisor, but of another area's committee.
            let elsewhere = try await Self.member(
                client, token: staff, area: tree.community1, grid: tree.grid1, kind: "supervision_committee")
            let quarter = Self.today.quarterStart.firstOfMonth(after: -3)
            let months = (0..<3).map { quarter.firstOfMonth(after: $0) }
            func finance(_ month: CalendarDay, reviewer: String?) -> [String: Any] {
                var body: [String: Any] = [
                    "areaId": village.idString, "category": "finance", "title": "\(month.month) 月财务收支",
                    "periodFrom": month.description,
                    "periodTo": month.firstOfMonth(after: 1).addingDays(-1).description,
                    "content": "收支明细", "channels": ["wall_board", "online"],
                    "financeLines": [["direction": "income", "item": "厂房租金", "amountFen": 1_200_000]],
                ]
                if let reviewer {
                    body["reviewerMemberId"] = reviewer
                    body["reviewedOn"] = Self.today.description
                }
                return body
            }
            func publish(_ body: [String: Any]) async throws -> TestResponse {
                try await client.send(.post, "/v1/disclosures", token: staff, json: body)
            }
            #expect(
                try await publish(finance(months[0], reviewer: nil)).json["code"] as? String
                    == "disclosure.finance_not_reviewed")
            #expect(
                try await publish(finance(months[0], reviewer: elsewhere)).json["code"] as? String
                    == "disclosure.reviewer_not_supervisor")
            var silent = finance(months[0], reviewer: supervisor)
            silent["channels"] = []
            let unchannelled = try await publish(silent)
            #expect(unchannelled.status == .unprocessableContent)
            #expect(unchannelled.text.contains("disclosure_channel_required"))
            for month in [months[0], months[2]] {
                let published = try await publish(finance(month, reviewer: supervisor))
                #expect(published.status == .created, "\(published.text)")
                #expect(published.json["publishedOn"] as? String == Self.today.description)
                #expect(published.json["balanceFen"] as? Int == 1_200_000)
            }
            let affairs: [String: Any] = [
                "areaId": village.idString, "category": "affairs", "title": "本季度村务",
                "periodFrom": quarter.description,
                "periodTo": months[2].firstOfMonth(after: 1).addingDays(-1).description,
                "content": "低保户 张三 330203199001011234", "channels": ["wall_board"],
            ]
            let leaking = try await publish(affairs)
            #expect(leaking.status == .unprocessableContent && leaking.text.contains("unmasked_personal_data"))
            var masked = affairs
            masked["content"] = "低保户 张三 3302**********1234"
            let general = try await publish(masked)
            #expect(general.status == .created, "\(general.text)")
            var procedures = masked
            procedures["category"] = "rules_procedures"
            procedures["content"] = "村务公开制度与办事程序"
            #expect(try await publish(procedures).status == .created)
            var correction = masked
            correction["corrects"] = try #require(general.json["id"] as? String)
            correction["content"] = "低保户 张三 3302**********1234（更正金额）"
            let corrected = try await publish(correction)
            #expect(corrected.json["corrects"] as? String == general.json["id"] as? String, "\(corrected.text)")

            let end = months[2].firstOfMonth(after: 1).addingDays(-1)
            let report = try await client.send(
                .get, "/v1/areas/\(village.idString)/disclosure-timeliness?from=\(quarter)&to=\(end)", token: staff)
            #expect(report.status == .ok, "\(report.text)")
            let findings = report.json["findings"] as? [[String: Any]] ?? []
            #expect(findings.compactMap { $0["code"] as? String } == ["disclosure.finance_month_missed"])
            #expect((findings.first?["actual"] as? String)?.contains(months[1].description) == true)
            #expect(report.json["due"] as? Int == 4 && report.json["onTime"] as? Int == 3)

            let board = try await client.send(
                .get, "/v1/public/communities/\(village.idString)/disclosures", token: nil)
            #expect(board.status == .ok)
            #expect((board.json["items"] as? [[String: Any]])?.count == 5, "\(board.text)")
            #expect(!board.text.contains("reviewerMemberId") && !board.text.contains(supervisor))
            #expect(ConsultationTests.unmaskedNumbers(board.text).isEmpty)
            let missing = try await client.send(
                .get, "/v1/public/communities/\(tree.grid1.idString)/disclosures", token: nil)
            #expect(missing.status == .notFound)
        }
    }
}
