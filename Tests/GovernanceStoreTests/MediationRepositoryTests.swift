import Foundation
import Governance
import GovernanceStore
import Postgres
import Testing

/// The overdue filter is `MediationClock` written in SQL; both must agree on every day,
/// month ends and leap days included (MED-17), or pages would disagree with the flag on each case.
@Suite struct MediationRepositoryTests {
    static func deadline() -> ContinuousClock.Instant { .now.advanced(by: .seconds(30)) }

    /// A city → district → street → community → grid chain, returning the grid.
    static func grid(_ database: PostgresClient) async throws -> (id: UUID, path: String) {
        var parent: UUID?
        var path = ""
        var grid = (id: UUID(), path: "")
        for (index, kind) in ["city", "district", "street", "community", "grid"].enumerated() {
            let id = Identifier.make()
            path += (path.isEmpty ? "" : ".") + "a\(index)"
            _ = try await database.query(
                "INSERT INTO area (id, parent_id, kind, name, path) VALUES (\(id), \(parent), \(kind), \(kind), \(path)::ltree)",
                deadline: deadline())
            parent = id
            grid = (id, path)
        }
        return grid
    }

    @Test func theOverdueFilterAgreesWithTheClockAcrossMonthEndsAndLeapDays() async throws {
        try await FreshDatabase.with { database in
            let grid = try await Self.grid(database)
            let accepted = [
                "2024-01-29", "2024-01-31", "2026-01-28", "2026-01-31", "2026-03-31", "2026-12-31", "2027-01-30",
            ]
            var cases: [(id: UUID, status: MediationStatus, acceptedOn: CalendarDay, months: Int, extension: Int)] = []
            for day in accepted.compactMap({ CalendarDay($0) }) {
                for (months, extensionDays) in [(1, 0), (1, 1), (2, 0), (12, 29)] {
                    for status in [MediationStatus.accepted, .inMediation, .closed] {
                        cases.append((Identifier.make(), status, day, months, extensionDays))
                    }
                }
            }
            for item in cases {
                _ = try await database.query(
                    """
                    INSERT INTO mediation_case (id, origin_area_id, origin_path, level, level_path, source, category, description, risk,
                                                complexity, status, accepted_on, clock_months, extension_days)
                    VALUES (\(item.id), \(grid.id), \(grid.path)::ltree, 'community', \(grid.path)::ltree, 'walk_in', 'neighbour', '-',
                            'low', 'simple', \(item.status), \(item.acceptedOn)::date, \(item.months), \(item.extension))
                    """, deadline: Self.deadline())
            }
            let repository = MediationRepository(
                store: Store(client: database, keys: DataKeys(masterKey: Data(repeating: 7, count: 32))))
            let todays = [
                "2024-02-29", "2024-03-01", "2026-02-28", "2026-03-01", "2026-03-02", "2026-04-30", "2026-05-01",
                "2027-01-31", "2027-03-01",
            ]
            var overdueCounts: [Int] = []
            for today in todays.compactMap({ CalendarDay($0) }) {
                var listed: Set<UUID> = []
                var cursor: UUID?
                repeat {
                    let page = try await repository.list(
                        scopePath: grid.path, filter: MediationCaseFilter(overdue: true), areaPath: nil, today: today,
                        revealFor: nil,
                        after: cursor, limit: 50, deadline: Self.deadline())
                    listed.formUnion(page.items.map(\.id))
                    cursor = page.items.last?.id
                    if page.nextCursor == nil { cursor = nil }
                } while cursor != nil
                let expected = Set(
                    cases.filter {
                        MediationClock.isOverdue(
                            status: $0.status, acceptedOn: $0.acceptedOn, extensionDays: $0.extension,
                            months: $0.months, today: today)
                    }.map(\.id))
                #expect(listed == expected, "on \(today)")
                overdueCounts.append(expected.count)
                let statistics = try await repository.statistics(
                    areaPath: grid.path, today: today, deadline: Self.deadline())
                #expect(statistics.overdue == expected.count, "statistics on \(today)")
            }
            // The days were chosen so that the boundary moves cases in and out.
            #expect(Set(overdueCounts).count > 3, "\(overdueCounts)")
        }
    }

    /// A case's parties are listed in the order they were received (their position), whatever
    /// order PostgreSQL aggregates them in: here ids run against positions, and a signature joins.
    @Test func partiesAreListedByTheirPosition() async throws {
        try await FreshDatabase.with { database in
            let grid = try await Self.grid(database)
            let caseId = Identifier.make()
            _ = try await database.query(
                """
                INSERT INTO mediation_case (id, origin_area_id, origin_path, level, level_path, source, category, description, risk,
                                            complexity, status)
                VALUES (\(caseId), \(grid.id), \(grid.path)::ltree, 'community', \(grid.path)::ltree, 'walk_in', 'neighbour', '-',
                        'low', 'simple', 'received')
                """, deadline: Self.deadline())
            let names = ["第一", "第二", "第三", "第四", "第五"]
            let ids = names.map { _ in Identifier.make() }
            // Inserted last position first, so that the table's order and the ids' run against positions.
            for (position, id) in zip(names.indices, ids) {
                _ = try await database.query(
                    """
                    INSERT INTO mediation_party (id, case_id, name, role, position)
                    VALUES (\(id), \(caseId), \(names[position]), \(position == 0 ? "applicant" : "respondent"), \(4 - position))
                    """, deadline: Self.deadline())
            }
            _ = try await database.query(
                "INSERT INTO mediation_agreement_signature (case_id, party_id, method, signed_on) VALUES (\(caseId), \(ids[2]), 'signature', '2026-11-30')",
                deadline: Self.deadline())
            let repository = MediationRepository(
                store: Store(client: database, keys: DataKeys(masterKey: Data(repeating: 7, count: 32))))
            let page = try await repository.list(
                scopePath: grid.path, filter: MediationCaseFilter(), areaPath: nil,
                today: try #require(CalendarDay("2026-12-01")), revealFor: nil, after: nil, limit: 10,
                deadline: Self.deadline())
            let listed = try #require(page.items.first)
            #expect(listed.parties.map(\.name) == names.reversed())
            #expect(listed.parties.map(\.id) == ids.reversed())
        }
    }
}
