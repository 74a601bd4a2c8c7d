import Foundation
import Governance
import GovernanceServices
import GovernanceStore
import Postgres
import Testing

/// Issue 14: the metrics that are a state on a day read each community's cached facts
/// (migration 0038). On a seeded city, before and after random writes to every table those
/// metrics read, and before and after a refresh, every figure must equal the count from the
/// sources; and the cache must really be what is read.
@Suite struct CommunityStatisticsCacheTests {
    static func deadline() -> ContinuousClock.Instant { .now.advanced(by: .seconds(60)) }

    /// Every cached metric at each level and grouping equals the sources' count.
    /// With `quick`, the city by district only.
    static func expectExact(
        _ repository: StatisticsRepository, _ client: PostgresClient, today: CalendarDay, _ label: String,
        quick: Bool = false, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let areas = try await client.query(
            quick
                ? "SELECT id, kind FROM area WHERE kind = 'city'"
                : """
                (SELECT id, kind FROM area WHERE kind = 'city')
                UNION ALL (SELECT id, kind FROM area WHERE kind = 'district' ORDER BY id LIMIT 1)
                UNION ALL (SELECT id, kind FROM area WHERE kind = 'street' ORDER BY id LIMIT 1)
                UNION ALL (SELECT id, kind FROM area WHERE kind IN ('community', 'village') ORDER BY id LIMIT 2)
                UNION ALL (SELECT id, kind FROM area WHERE kind = 'grid' ORDER BY id LIMIT 1)
                """, deadline: deadline())
        let groupings: [MetricGrouping?] = quick ? [.child] : [nil, .child, .kind]
        for key in [
            "grid_coverage_rate", "grid_staffing_rate", "full_time_grid_worker_rate", "building_leader_coverage",
            "unit_leader_coverage", "households_per_worker", "community_workers_per_10k", "committee_size_compliance",
            "self_governance_compliance_rate", "women_member_rate", "one_shoulder_rate", "term_overdue_count",
            "supervision_committee_coverage", "full_time_mediator_coverage", "facility_area_per_100_households",
            "office_service_area", "community_operating_funds",
        ] {
            let metric = try #require(MetricCatalogue.metric(key))
            for row in areas {
                let areaId: UUID = try row.decode("id")
                for grouping in groupings {
                    for to in [nil, today.addingDays(-400)] {
                        if to != nil && !["office_service_area", "community_operating_funds"].contains(key) {
                            continue
                        }
                        let read = { (cached: Bool) in
                            try await repository.counts(
                                metric, areaId: areaId, grouping: grouping, from: nil, to: to, today: today,
                                cached: cached, deadline: deadline()
                            ).map { "\($0.areaId)|\($0.dimension ?? "")|\($0.numerator)|\($0.denominator)" }
                        }
                        let cached = try await read(true)
                        let direct = try await read(false)
                        let kind: String = try row.decode("kind")
                        #expect(
                            cached == direct,
                            "\(label): \(key) at a \(kind) by \(grouping?.rawValue ?? "-") to \(to?.description ?? "-")",
                            sourceLocation: sourceLocation)
                    }
                }
            }
        }
        // The dashboard reads them all in one statement: the same figures and targets.
        let tree = AreaRepository(
            store: Store(client: client, keys: DataKeys(masterKey: Data(repeating: 7, count: 32))))
        for row in areas {
            let areaId: UUID = try row.decode("id")
            let kind: String = try row.decode("kind")
            let area = try #require(try await tree.find(areaId, scopePath: "", deadline: deadline()))
            let kept = MetricCatalogue.all.filter { StatisticsRepository.keptPerCommunity($0.key) }
            let together = try await repository.counts(of: kept, area: area, today: today, deadline: deadline())
            #expect(
                together.count == (kind == "grid" ? 0 : 17), "\(label): the dashboard's statement at a \(kind)",
                sourceLocation: sourceLocation)
            for (key, counts) in together {
                let metric = try #require(MetricCatalogue.metric(key))
                let direct = try await repository.counts(
                    metric, areaId: areaId, grouping: nil, from: nil, to: nil, today: today, cached: false,
                    deadline: deadline())
                #expect(
                    direct.map {
                        "\($0.numerator)|\($0.denominator)|\($0.profileValue?.value ?? -1)|\($0.profileValue?.setBy?.uuidString ?? "")"
                    }
                        == [
                            "\(counts.numerator)|\(counts.denominator)|\(counts.profileValue?.value ?? -1)|\(counts.profileValue?.setBy?.uuidString ?? "")"
                        ],
                    "\(label): the dashboard's \(key) at a \(kind)", sourceLocation: sourceLocation)
            }
        }
    }

    @Test func cachedFiguresEqualTheSourcesAfterRandomWritesAndRefreshes() async throws {
        let today = GovernanceClock.system.today
        try await CitySeedTests.withFreshDatabase { client in
            let store = Store(client: client, keys: DataKeys(masterKey: TestApp.dataKey))
            _ = try await CitySeeder(store: store).seed(7, shape: CitySeedTests.shape, today: today, progress: { _ in })
            let repository = StatisticsRepository(store: store)
            let run = { (sql: PostgresQuery) in _ = try await client.query(sql, deadline: Self.deadline()) }
            let count = { (sql: PostgresQuery) in
                try await client.query(sql, deadline: Self.deadline())[0].decode("n", as: Int.self)
            }

            // The seed leaves the caches computed, as the service's refresher would.
            #expect(try await count("SELECT count(*) AS n FROM stat_community_fresh") == 12 * 17)
            #expect(try await count("SELECT count(*) AS n FROM stat_dirty") == 0)
            try await Self.expectExact(repository, client, today: today, "seeded")
            try await run("DELETE FROM stat_community_fresh")
            try await Self.expectExact(repository, client, today: today, "nothing cached")
            let first = try await repository.refreshCommunityFacts(today: today, deadline: Self.deadline())
            #expect(first == 12 * 17, "every community and village, once per cached metric")
            #expect(try await count("SELECT count(*) AS n FROM stat_dirty") == 0)
            #expect(try await repository.refreshCommunityFacts(today: today, deadline: Self.deadline()) == 0)
            try await Self.expectExact(repository, client, today: today, "all cached")

            // A write to each table the cached metrics read (and none to the caches).
            let writes: [PostgresQuery] = [
                "UPDATE area SET households = coalesce(households, 0) + 7 WHERE kind IN ('community', 'village') AND md5(id::text || 'h') < '8'",
                "UPDATE area SET households = coalesce(households, 0) + 3, grid_type = 'exclusive' WHERE kind = 'grid' AND md5(id::text || 'g') < '6'",
                """
                INSERT INTO area (id, parent_id, kind, name, path, households)
                SELECT gen_random_uuid(), c.id, 'grid', '新网格', c.path || 'g999'::ltree, 40
                FROM area c WHERE c.kind = 'community' ORDER BY c.id LIMIT 1
                """,
                "UPDATE grid_assignment SET ended_on = \(today)::date, end_reason = 'resigned' WHERE md5(id::text || 'end') < '4'",
                "UPDATE grid_assignment SET employment = 'full_time' WHERE ended_on IS NULL AND md5(id::text || 'ft') < '8'",
                """
                INSERT INTO building (id, grid_id, area_path, name)
                SELECT gen_random_uuid(), g.id, g.path, '1号楼' FROM area g WHERE g.kind = 'grid' ORDER BY g.id LIMIT 3
                """,
                """
                INSERT INTO building_unit (id, building_id, name, households)
                SELECT gen_random_uuid(), b.id, '1单元', 12 FROM building b
                """,
                """
                INSERT INTO grid_assignment (id, post, target_id, area_path, person_id, employment, started_on)
                SELECT gen_random_uuid(), 'building_leader', b.id, b.area_path,
                       (SELECT p.id FROM person p ORDER BY p.id LIMIT 1), 'part_time', \(today)::date - 3
                FROM building b ORDER BY b.id LIMIT 2
                """,
                "UPDATE committee SET compliant = NOT compliant WHERE md5(id::text || 'c') < '7'",
                "UPDATE committee SET term_end = \(today)::date - 10 WHERE md5(id::text || 't') < '5'",
                """
                UPDATE committee_member SET ended_on = \(today)::date - 1, end_reason = 'resigned'
                WHERE ended_on IS NULL AND position = 'member' AND md5(id::text || 'm') < '5'
                """,
                "UPDATE committee_member SET concurrent_party_secretary = true WHERE position = 'director' AND md5(id::text || 'p') < '9'",
                """
                UPDATE person SET gender = CASE gender WHEN 'female' THEN 'male' ELSE 'female' END
                WHERE id IN (SELECT person_id FROM committee_member WHERE md5(id::text || 'gender') < '6')
                """,
                """
                INSERT INTO mediator (id, person_id, area_id, area_path, committee_id, kind, employment, engaged_on)
                SELECT gen_random_uuid(), m.person_id, k.area_id, k.area_path, k.id, 'member', 'full_time', \(today)::date - 5
                FROM committee k JOIN committee_member m ON m.committee_id = k.id
                WHERE md5(k.id::text || 'mediator') < '9' AND m.position = 'director'
                """,
                """
                INSERT INTO community_facility (id, area_id, area_path, year, service_area_m2, public_service_area_m2, operating_funds_yuan)
                SELECT gen_random_uuid(), c.id, c.path, y, 500 + (abs(hashtext(c.id::text)) % 300), 400, 150000 + y
                FROM area c CROSS JOIN (VALUES (\(today.year)::int), (\(today.year - 1)::int)) v(y)
                WHERE c.kind IN ('community', 'village') AND md5(c.id::text || 'f') < 'a'
                """,
                """
                INSERT INTO rule_profile_override (area_id, parameter, value)
                SELECT id, p, v FROM area CROSS JOIN (VALUES ('residentsCommitteeMin', 6), ('officeServiceAreaMin', 550)) o(p, v)
                WHERE kind = 'street' ORDER BY id LIMIT 2
                """,
            ]
            // Each write on its own, so that a table whose trigger is missing shows.
            for (index, write) in writes.enumerated() {
                try await run(write)
                #expect(try await count("SELECT count(*) AS n FROM stat_dirty") > 0, "write \(index) marked nothing")
                try await Self.expectExact(
                    repository, client, today: today, "write \(index), not refreshed", quick: true)
                #expect(try await repository.refreshCommunityFacts(today: today, deadline: Self.deadline()) > 0)
                #expect(try await count("SELECT count(*) AS n FROM stat_dirty") == 0)
            }
            try await Self.expectExact(repository, client, today: today, "refreshed")

            // A write to an ancestor marks every community below it; a deletion leaves no trace.
            try await run("DELETE FROM rule_profile_override WHERE parameter = 'residentsCommitteeMin'")
            try await run("DELETE FROM grid_assignment WHERE post = 'building_leader'")
            try await Self.expectExact(repository, client, today: today, "deleted, not refreshed")
            #expect(try await repository.refreshCommunityFacts(today: today, deadline: Self.deadline()) > 0)
            try await Self.expectExact(repository, client, today: today, "deleted and refreshed")

            // A community created, totalled, moved to another street and deleted: the totals of
            // the streets and of the city stay exact throughout.
            let created = "00000000-0000-4000-8000-0000000000c1"
            try await run(
                """
                INSERT INTO area (id, parent_id, kind, name, path, households, population)
                SELECT \(created)::uuid, s.id, 'community', '新社区', s.path || 'k999'::ltree, 300, 900
                FROM area s WHERE s.kind = 'street' ORDER BY s.id LIMIT 1
                """)
            try await Self.expectExact(repository, client, today: today, "a community created")
            #expect(try await repository.refreshCommunityFacts(today: today, deadline: Self.deadline()) > 0)
            try await Self.expectExact(repository, client, today: today, "a community created and totalled")
            try await run(
                """
                UPDATE area m SET parent_id = s.id, path = s.path || 'k999'::ltree
                FROM (SELECT id, path FROM area WHERE kind = 'street' ORDER BY id OFFSET 1 LIMIT 1) s
                WHERE m.id = \(created)::uuid
                """)
            try await Self.expectExact(repository, client, today: today, "a community moved")
            try await run("DELETE FROM area WHERE id = \(created)::uuid")
            try await Self.expectExact(repository, client, today: today, "a community deleted")
            #expect(try await repository.refreshCommunityFacts(today: today, deadline: Self.deadline()) >= 0)
            try await Self.expectExact(repository, client, today: today, "a community deleted and refreshed")

            // Tomorrow nothing is fresh: the figures come from the sources until a refresh.
            let tomorrow = today.addingDays(1)
            try await Self.expectExact(repository, client, today: tomorrow, "another day")

            // The figure a city reads is the cache's: a tampered cache shows through (a write
            // would have marked its community), and the sources' count does not.
            try await run("UPDATE stat_community_fact SET n = n + 1000 WHERE metric = 'grid_staffing_rate'")
            let metric = try #require(MetricCatalogue.metric("grid_staffing_rate"))
            let city: UUID = try await client.query(
                "SELECT id FROM area WHERE kind = 'city'", deadline: Self.deadline())[0]
                .decode("id")
            let tampered = try await repository.counts(
                metric, areaId: city, grouping: nil, from: nil, to: nil, today: today, deadline: Self.deadline())
            let direct = try await repository.counts(
                metric, areaId: city, grouping: nil, from: nil, to: nil, today: today, cached: false,
                deadline: Self.deadline())
            let tamperedRows = try await count(
                "SELECT count(*) AS n FROM stat_community_fact WHERE metric = 'grid_staffing_rate'")
            #expect(tamperedRows >= 12)
            #expect(tampered[0].numerator == direct[0].numerator + 1000 * tamperedRows)
            let cityArea = try #require(
                try await AreaRepository(store: store).find(city, scopePath: "", deadline: Self.deadline()))
            // The dashboard reads each area's total: a tampered total shows through too.
            try await run(
                "UPDATE stat_area_total SET n = n + 1000 WHERE metric = 'grid_staffing_rate' AND area_id = \(city)")
            let dashboard = try await repository.counts(
                of: [metric], area: cityArea, today: today, deadline: Self.deadline())
            #expect(dashboard["grid_staffing_rate"]?.numerator == direct[0].numerator + 1000)
        }
    }
}
