import Governance
import GovernanceAPI
import GovernanceServices
import Testing

/// `If-Match` is read at the edge; services take the version it names.
@Suite struct IfMatchTests {
    @Test func ifMatchNamesAVersion() throws {
        #expect(try IfMatch.expectedVersion(ifMatch: "\"3\"") == 3)
        #expect(try IfMatch.expectedVersion(ifMatch: "W/\"3\"") == 3)
        #expect(try IfMatch.expectedVersion(ifMatch: "*") == nil)
        #expect(try IfMatch.expectedVersion(ifMatch: nil) == nil)
        #expect(throws: DomainError.self) { try IfMatch.expectedVersion(ifMatch: "\"abc\"") }
    }
}
