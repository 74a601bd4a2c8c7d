import Foundation
import Governance
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// The public boards as printable pages for browsers (`Accept: text/html`), from the same
/// values as their JSON.
@Suite struct PublicPagesTests {
    static func html(_ client: any TestClientProtocol, _ path: String) async throws -> (HTTPResponse.Status, String) {
        try await client.execute(
            uri: path, method: .get, headers: [.accept: "text/html,application/xhtml+xml,*/*;q=0.8"]
        ) { ($0.status, String(buffer: $0.body)) }
    }

    /// The grid board, the disclosure board and an election's announcement print on A4 with
    /// Chinese type and carry no unmasked number; JSON stays the default.
    @Test func boardsPrintOnA4WithoutPersonalData() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let staff = try await tree.token(.staff, tree.street1)
            let (status, board) = try await Self.html(
                client, "/v1/public/communities/\(tree.community1.idString)/grid-board")
            #expect(status == .ok)
            #expect(board.contains("<html lang=\"zh-CN\">") && board.contains("一社区网格服务管理公示"))
            #expect(board.contains("@page{size:A4") && board.contains("一网格") && board.contains("二网格"))
            let json = try await client.send(
                .get, "/v1/public/communities/\(tree.community1.idString)/grid-board", token: nil)
            #expect(json.json["communityName"] as? String == "一社区")

            let today = GovernanceClock.system.today.description
            let published = try await client.send(
                .post, "/v1/disclosures", token: staff,
                json: [
                    "areaId": tree.community1.idString, "category": "relief_subsidy_funds", "title": "临时救助发放",
                    "periodFrom": today, "periodTo": today, "content": "张三 3302**********1234 救助 800 元",
                    "channels": ["wall_board", "online"],
                ])
            #expect(published.status == .created, "\(published.text)")
            let (_, disclosures) = try await Self.html(
                client, "/v1/public/communities/\(tree.community1.idString)/disclosures")
            #expect(disclosures.contains("临时救助发放") && disclosures.contains("救助补贴资金"))
            #expect(ConsultationTests.unmaskedNumbers(disclosures).isEmpty)

            let (_, election, _) = try await ElectionCycleTests.certifiedElection(client, database, tree, staff)
            let (electionStatus, announcement) = try await Self.html(client, "/v1/public/elections/\(election)")
            #expect(electionStatus == .ok)
            #expect(announcement.contains("选举结果") && announcement.contains("当选"))
            // Residents read positions and the status in Chinese, not the API's enum values.
            #expect(announcement.contains("<td>主任</td>") && announcement.contains("选举结果已确认"))
            #expect(!announcement.contains(">director<") && !announcement.contains("certified"))
            #expect(ConsultationTests.unmaskedNumbers(announcement).isEmpty)
        }
    }
}
