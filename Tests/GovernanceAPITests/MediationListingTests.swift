import Foundation
import Governance
import GovernanceAPI
import GovernanceServices
import GrassrootsClient
import HTTPTypes
import HummingbirdTesting
import Postgres
import Testing

/// The case list's filters are part of the keyset query, and the statistics come from one
/// `GROUP BY` query, whatever the number of cases.
@Suite struct MediationListingTests {
    /// Inserts one case per id arising in `area`, in one statement; `u.i` (0, 1, …) shapes each.
    static func seed(
        _ database: PostgresClient, area: Area, ids: [UUID], statusSQL: String, acceptedSQL: String,
        concludedSQL: String
    ) async throws {
        try await database.withTransaction(deadline: .now.advanced(by: .seconds(120))) { transaction in
            try await transaction.query(
                """
                INSERT INTO mediation_case (id, origin_area_id, origin_path, level, level_path, source, category, description, risk, complexity,
                                            status, accepted_on, concluded_on, agreement_on, agreement_effective_on, agreement_form, escalated)
                SELECT u.id, \(area.id), \(area.path)::ltree, 'community', \(area.path)::ltree, 'grid_patrol',
                       CASE WHEN u.i % 2 = 0 THEN 'neighbour' ELSE 'property' END, '种子案件', 'low', 'general',
                       \(unsafeSQL: statusSQL), \(unsafeSQL: acceptedSQL), \(unsafeSQL: concludedSQL),
                       CASE WHEN \(unsafeSQL: statusSQL) = 'closed' THEN current_date END,
                       CASE WHEN \(unsafeSQL: statusSQL) = 'closed' THEN current_date END,
                       CASE WHEN \(unsafeSQL: statusSQL) = 'closed' THEN 'oral' END, u.i % 5 = 0
                FROM (SELECT t.id, (t.n - 1)::int AS i FROM unnest(\(ids.map(\.uuidString))::uuid[]) WITH ORDINALITY AS t(id, n)) AS u
                """)
        }
    }

    @Test func overduePagesAreFullAndCoverEveryOverdueCaseOnce() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let staff = try await tree.token(.staff, tree.community1)
            // Ids in keyset order, alternating overdue and current, so a filter applied after
            // the LIMIT would return short pages.
            let ids = (0..<9).map { _ in Identifier.make() }.sorted {
                $0.uuidString.lowercased() < $1.uuidString.lowercased()
            }
            let longAgo = GovernanceClock.system.today.addingDays(-60).description
            let recently = GovernanceClock.system.today.addingDays(-3).description
            try await Self.seed(
                database, area: tree.grid1, ids: ids,
                statusSQL: "CASE WHEN u.i % 3 = 2 THEN 'received' ELSE 'accepted' END",
                acceptedSQL:
                    "CASE WHEN u.i % 3 = 0 THEN '\(longAgo)'::date WHEN u.i % 3 = 1 THEN '\(recently)'::date END",
                concludedSQL: "NULL::date")
            let overdue = Set(ids.enumerated().filter { $0.offset % 3 == 0 }.map { $0.element.uuidString.lowercased() })

            var seen: [String] = []
            var pageSizes: [Int] = []
            var cursor: String?
            repeat {
                let page = try await client.api(staff).listMediationCases(
                    query: .init(overdue: true, limit: 2, cursor: cursor)
                )
                .ok.body.json
                #expect(page.items.allSatisfy { $0.overdue })
                seen += page.items.map(\.id)
                pageSizes.append(page.items.count)
                cursor = page.nextCursor
            } while cursor != nil && pageSizes.count < 20

            #expect(seen.count == overdue.count)
            #expect(Set(seen) == overdue)
            #expect(pageSizes.dropLast().allSatisfy { $0 == 2 })
            #expect((pageSizes.last ?? 0) >= 1)

            let current = try await client.api(staff).listMediationCases(query: .init(overdue: false, limit: 100)).ok
                .body.json
            #expect(current.items.count == ids.count - overdue.count)
        }
    }

    @Test func statisticsOfAHundredThousandCasesComeFromOneGroupByInBoundedMemory() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let staff = try await tree.token(.staff, tree.community1)
            let count = 100_000
            let longAgo = GovernanceClock.system.today.addingDays(-60).description
            let recently = GovernanceClock.system.today.addingDays(-5).description
            // i % 4: 0 received, 1 accepted long ago (overdue), 2 in mediation since recently, 3 closed
            // with an agreement after i % 10 days.
            try await Self.seed(
                database, area: tree.grid1, ids: (0..<count).map { _ in UUID() },
                statusSQL: "(ARRAY['received', 'accepted', 'in_mediation', 'closed'])[u.i % 4 + 1]",
                acceptedSQL:
                    "CASE u.i % 4 WHEN 1 THEN '\(longAgo)'::date WHEN 2 THEN '\(recently)'::date WHEN 3 THEN '\(recently)'::date END",
                concludedSQL: "CASE WHEN u.i % 4 = 3 THEN current_date + u.i % 10 END")
            // The counts the seed implies, done here rather than by the service.
            let indices = 0..<count
            let byStatus = Dictionary(
                grouping: indices, by: { ["received", "accepted", "in_mediation", "closed"][$0 % 4] }
            ).mapValues(\.count)
            let closed = indices.filter { $0 % 4 == 3 }
            let days = closed.map { $0 % 10 }.sorted()
            let median =
                days.count % 2 == 1
                ? Double(days[days.count / 2]) : Double(days[days.count / 2 - 1] + days[days.count / 2]) / 2

            // warm up
            let api = client.api(staff)
            // warm up
            _ = try await api.getMediationStats(query: .init(areaId: tree.grid2.idString))
            let before = Self.residentBytes()
            let stats = try await api.getMediationStats(query: .init(areaId: tree.grid1.idString)).ok.body.json
            let growth = Self.residentBytes() - before
            #expect(stats.total == count)
            #expect(stats.byStatus.additionalProperties == byStatus)
            #expect(stats.byCategory.additionalProperties == ["neighbour": count / 2, "property": count / 2])
            #expect(stats.byLevel.additionalProperties == ["community": count])
            #expect(stats.bySource.additionalProperties == ["grid_patrol": count])
            #expect(stats.overdue == indices.filter { $0 % 4 == 1 }.count)
            #expect(stats.concluded == closed.count)
            #expect(stats.agreements == closed.count)
            #expect(stats.escalated == indices.filter { $0 % 5 == 0 }.count)
            #expect(stats.medianDaysToConclude == median)
            #expect(stats.successRate == 1)
            // Loading 100,000 cases into the process took tens of megabytes; one GROUP BY does not.
            #expect(growth < 16 << 20, "resident memory grew by \(growth) bytes")
        }
    }

    /// The process's resident set size, from /proc.
    static func residentBytes() -> Int {
        guard let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = statm.split(separator: " ")
        return fields.count > 1 ? (Int(fields[1]) ?? 0) * 4096 : 0
    }
}
