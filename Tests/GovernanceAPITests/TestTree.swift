import Foundation
import Governance
import GovernanceAPI
import GovernanceServices
import GovernanceStore
import GrassrootsClient
import HTTPTypes
import HummingbirdTesting
import Logging
import Postgres
import Testing

/// A subtree of its own for one test, under the shared root city:
///
///     district ─ street1 ─ community1 ─ grid1, grid2
///              └ street2 ─ community2 ─ grid3
///
/// Tokens scoped to street1 must never see street2's objects, and the reverse.
struct TestTree: Sendable {
    let district: Area
    let street1: Area
    let street2: Area
    let community1: Area
    let community2: Area
    let grid1: Area
    let grid2: Area
    let grid3: Area
    let provisioning: ProvisioningService

    static func make(_ client: PostgresClient) async throws -> TestTree {
        let provisioning = ProvisioningService(store: Store(client: client, keys: DataKeys(masterKey: TestApp.dataKey)))
        let deadline: @Sendable () -> ContinuousClock.Instant = { .now.advanced(by: .seconds(30)) }
        let city = try await root(provisioning, deadline: deadline())
        let suffix = UUID().uuidString.prefix(8)
        let district = try await provisioning.addArea(
            .district, name: "测试区\(suffix)", under: city, deadline: deadline())
        let street1 = try await provisioning.addArea(.street, name: "一街道", under: district, deadline: deadline())
        let street2 = try await provisioning.addArea(.street, name: "二街道", under: district, deadline: deadline())
        let community1 = try await provisioning.addArea(.community, name: "一社区", under: street1, deadline: deadline())
        let community2 = try await provisioning.addArea(.community, name: "二社区", under: street2, deadline: deadline())
        return TestTree(
            district: district, street1: street1, street2: street2, community1: community1, community2: community2,
            grid1: try await provisioning.addArea(.grid, name: "一网格", under: community1, deadline: deadline()),
            grid2: try await provisioning.addArea(.grid, name: "二网格", under: community1, deadline: deadline()),
            grid3: try await provisioning.addArea(.grid, name: "三网格", under: community2, deadline: deadline()),
            provisioning: provisioning)
    }

    /// The root city, created by whichever test gets there first.
    private static func root(_ provisioning: ProvisioningService, deadline: ContinuousClock.Instant) async throws
        -> Area
    {
        do {
            return try await provisioning.bootstrap(name: "测试市", code: nil, deadline: deadline).area
        } catch let error as PostgresError where error.sqlState == .uniqueViolation {
            // Another test created it at the same moment.
            return try await provisioning.bootstrap(name: "测试市", code: nil, deadline: deadline).area
        }
    }

    /// A token with `role` scoped to `area`; a `department` token acts for the district's
    /// department "test".
    func token(_ role: Role, _ area: Area, lifetime: TimeInterval = 3600) async throws -> String {
        try await provisioning.issueToken(
            role: role, areaId: area.id, lifetime: lifetime, label: "test",
            departmentId: role == .department ? try await department().id : nil,
            deadline: .now.advanced(by: .seconds(30))
        ).secret
    }

    /// The district's department `name`, registered on first use.
    func department(_ name: String = "test") async throws -> Department {
        try await provisioning.department(named: name, areaId: district.id, deadline: .now.advanced(by: .seconds(30)))
    }

    /// A token of the district's department `name`, scoped to the district.
    func departmentToken(_ name: String) async throws -> String {
        try await provisioning.issueToken(
            role: .department, areaId: district.id, lifetime: 3600, label: name,
            departmentId: try await department(name).id, deadline: .now.advanced(by: .seconds(30))
        ).secret
    }
}

/// Valid resident ID numbers, unique per call, with a correct GB 11643 check character.
enum TestIDNumbers {
    /// A number carrying the birth date `born`.
    static func make(born: CalendarDay) -> String {
        let serial = String(format: "%03d", Int.random(in: 0...999))
        let birth = String(format: "%04d%02d%02d", born.year, born.month, born.day)
        let region = String(format: "%06d", Int.random(in: 110_000...659_999))
        let digits = region + birth + serial
        return digits + String(ResidentIDNumber.checkCharacter(for: digits)!)
    }

    static func make() -> String {
        let serial = String(format: "%03d", Int.random(in: 0...999))
        let birth = String(
            format: "19%02d%02d%02d", Int.random(in: 40...99), Int.random(in: 1...12), Int.random(in: 1...28))
        let region = String(format: "%06d", Int.random(in: 110_000...659_999))
        let digits = region + birth + serial
        return digits + String(ResidentIDNumber.checkCharacter(for: digits)!)
    }
}

extension Area {
    var idString: String { id.uuidString.lowercased() }
}

extension TestClientProtocol {
    /// Creates a committee through the typed client and returns its id.
    func createCommittee(
        token: String, area: Area, kind: Components.Schemas.CommitteeKind = .residentsCommittee,
        termStart: String = "2026-01-01"
    ) async throws -> String {
        try await api(token).createCommittee(
            body: .json(.init(areaId: area.idString, kind: kind, name: kind.rawValue, termStart: termStart))
        ).created.body.json.id
    }
}
