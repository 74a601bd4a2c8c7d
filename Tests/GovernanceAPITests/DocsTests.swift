import Foundation
import Governance
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// `GET /docs`: the contract as a page for people, offline.
@Suite struct DocsTests {
    /// Every operation of the contract is on the page with who may call it; labels follow
    /// `lang`; no script and nothing loaded from another origin.
    @Test func everyOperationIsDocumentedWithoutScriptsOrOutsideResources() async throws {
        try await TestApp.withApp { client, _ in
            let chinese = try await client.send(.get, "/docs", token: nil)
            #expect(chinese.status == .ok)
            #expect(chinese.headers[.contentType]?.hasPrefix("text/html") == true)
            let page = chinese.text
            for operation in AuthorizationMatrixTests.contractOperations {
                #expect(page.contains("id=\"\(operation)\""), "\(operation) is not on the page")
            }
            #expect(page.contains("调用角色") && page.contains("数据结构"))
            #expect(!page.lowercased().contains("<script"))
            #expect(!page.contains("src=\"http") && !page.contains("href=\"http"))
            #expect(page.contains("<a href=\"#schema-ConsultationTopic\">ConsultationTopic</a>"))
            let english = try await client.send(.get, "/docs?lang=en", token: nil)
            #expect(english.text.contains("Who may call") && english.text.contains("<html lang=\"en\">"))
            let preferred = try await client.execute(
                uri: "/docs", method: .get, headers: [.acceptLanguage: "en-GB,en;q=0.9"]
            ) { String(buffer: $0.body) }
            #expect(preferred.contains("Who may call"))
        }
    }
}
