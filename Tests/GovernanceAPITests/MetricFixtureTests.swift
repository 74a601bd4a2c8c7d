import Foundation
import Governance
import HTTPTypes
import HummingbirdTesting
import Postgres
import Testing

/// The metrics added for data platforms (issue 14), each against a fixture counted by hand,
/// with a target met and one missed, by kind and by month, over a period, and against a city's
/// own standard from its rule profile. Facts that take long workflows through the API
/// (tallied elections, concluded cases) are written as rows; the metrics read only rows.
@Suite struct MetricFixtureTests {
    struct Fixture {
        let client: any TestClientProtocol
        let tree: TestTree
        let analyst: String

        func metric(_ key: String, _ area: Area, _ query: String = "") async throws -> [[String: Any]] {
            let response = try await client.send(
                .get, "/v1/stats/\(key)?areaId=\(area.idString)\(query)", token: analyst)
            #expect(response.status == .ok, "\(key): \(response.text)")
            return response.json["rows"] as? [[String: Any]] ?? []
        }

        /// The one row of the area's subtree.
        func whole(_ key: String, _ area: Area, _ query: String = "") async throws -> [String: Any] {
            let rows = try await metric(key, area, query)
            #expect(rows.count == 1, "\(key): \(rows)")
            return rows.first ?? [:]
        }

        /// The rows grouped by `kind` or `month`, keyed by it.
        func grouped(_ key: String, _ area: Area, by grouping: String, _ query: String = "") async throws
            -> [String: [String: Any]]
        {
            let rows = try await metric(key, area, "&groupBy=\(grouping)\(query)")
            return Dictionary(uniqueKeysWithValues: rows.map { ($0[grouping] as? String ?? "", $0) })
        }
    }

    /// Runs fixture statements, one at a time (the extended protocol takes one per query).
    static func execute(_ database: PostgresClient, _ sql: String) async throws {
        for statement in sql.components(separatedBy: ";\n") {
            _ = try await database.query(PostgresQuery(unsafeSQL: statement), deadline: .now.advanced(by: .seconds(10)))
        }
    }

    static func value(_ row: [String: Any]) -> Double? { row["value"] as? Double }

    /// Grid coverage, unit leaders, community workers per household and per 10,000 residents
    /// against the seeds' standards, the latter also against a street's own standard.
    @Test func gridAndWorkforceMetricsMatchAFixtureCountedByHand() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let admin = try await tree.token(.admin, tree.district)
            let fixture = Fixture(client: client, tree: tree, analyst: try await tree.token(.analyst, tree.district))
            // Households and residents: community1 600 / 2,000, community2 900 / 3,000; its
            // comprehensive grids hold 400 + 300 (more than community1 declares: capped at 600)
            // and 200 of community2's 900.
            for (area, households, population) in [
                (tree.community1, 600, 2000), (tree.community2, 900, 3000), (tree.grid1, 400, nil),
                (tree.grid2, 300, nil), (tree.grid3, 200, nil),
            ] {
                try await Self.execute(
                    database,
                    "UPDATE area SET households = \(households), population = \(population.map(String.init) ?? "NULL") WHERE id = '\(area.idString)'"
                )
            }
            let coverage = try await fixture.whole("grid_coverage_rate", tree.district)
            #expect(coverage["numerator"] as? Int == 800 && coverage["denominator"] as? Int == 1500)
            #expect(coverage["meetsTarget"] as? Bool == false)
            let coveredCommunity = try await fixture.whole("grid_coverage_rate", tree.community1)
            #expect(Self.value(coveredCommunity) == 1 && coveredCommunity["meetsTarget"] as? Bool == true)

            func person(_ grid: Area) async throws -> String {
                var body = PeopleTests.body(tree)
                body["residenceAreaId"] = grid.idString
                let response = try await client.send(.post, "/v1/people", token: admin, json: body)
                return try #require(response.json["id"] as? String, "\(response.text)")
            }
            // community1's residents' committee: five serving members, one of them also a
            // full-time grid worker; a second full-time grid worker; a part-time one not counted.
            let committee = try #require(
                try await client.send(
                    .post, "/v1/committees", token: admin,
                    json: [
                        "areaId": tree.community1.idString, "kind": "residents_committee", "name": "居委会",
                        "termStart": "2026-01-01",
                    ]
                ).json["id"] as? String)
            var members: [String] = []
            for position in ["director", "deputy_director", "member", "member", "member"] {
                let member = try await person(tree.grid1)
                members.append(member)
                let added = try await client.send(
                    .post, "/v1/committees/\(committee)/members", token: admin,
                    json: ["personId": member, "position": position, "startedOn": "2026-01-01"])
                #expect(added.status == .created, "\(added.text)")
            }
            for (grid, worker, employment) in [
                (tree.grid1, members[0], "full_time"), (tree.grid2, try await person(tree.grid2), "full_time"),
                (tree.grid2, try await person(tree.grid2), "part_time"),
            ] {
                let assigned = try await client.send(
                    .post, "/v1/grid-assignments", token: admin,
                    json: [
                        "post": "grid_worker", "targetId": grid.idString, "personId": worker,
                        "startedOn": "2026-01-01", "employment": employment,
                    ])
                #expect(assigned.status == .created, "\(assigned.text)")
            }
            // Six workers: 1,500 households ÷ 6 = 250 ≤ 300; community2 has none (undefined).
            let perWorker = try await fixture.whole("households_per_worker", tree.district)
            #expect(perWorker["numerator"] as? Int == 1500 && perWorker["denominator"] as? Int == 6)
            #expect(Self.value(perWorker) == 250 && perWorker["meetsTarget"] as? Bool == true)
            let unstaffed = try await fixture.whole("households_per_worker", tree.community2)
            #expect(unstaffed["value"] == nil && unstaffed["meetsTarget"] == nil)
            // 6 ÷ 5,000 × 10,000 = 12 < 18 for the district.
            let per10k = try await fixture.whole("community_workers_per_10k", tree.district)
            #expect(Self.value(per10k) == 12 && per10k["meetsTarget"] as? Bool == false, "\(per10k)")
            let national = try #require(per10k["target"] as? [String: Any])
            #expect(national["value"] as? Double == 18 && national["profile"] as? String == "national")
            // Street 1 sets its own standard of 10: community1's 30 is measured against it, and
            // the row says so; community2 keeps the national 18.
            let override = try await client.send(
                .patch, "/v1/areas/\(tree.street1.idString)/rule-profile", token: admin,
                json: ["parameters": ["communityWorkersPer10k": 10]])
            #expect(override.status == .ok, "\(override.text)")
            let byStreet = try await fixture.metric("community_workers_per_10k", tree.district, "&groupBy=child")
            let street1 = try #require(byStreet.first { $0["areaId"] as? String == tree.street1.idString })
            let street1Target = try #require(street1["target"] as? [String: Any])
            #expect(Self.value(street1) == 30 && street1Target["value"] as? Double == 10)
            #expect(street1Target["profile"] as? String == "area:\(tree.street1.idString)")
            #expect(street1["meetsTarget"] as? Bool == true)
            let street2 = try #require(byStreet.first { $0["areaId"] as? String == tree.street2.idString })
            #expect((street2["target"] as? [String: Any])?["value"] as? Double == 18)
            #expect(street2["meetsTarget"] as? Bool == false)
            let byKind = try await fixture.grouped("community_workers_per_10k", tree.district, by: "kind")
            #expect(Set(byKind.keys) == ["community"])

            // Units: two in a building of grid1, one with a leader.
            let building = try #require(
                try await client.send(
                    .post, "/v1/buildings", token: admin, json: ["gridId": tree.grid1.idString, "name": "1号楼"]
                ).json["id"] as? String)
            let (led, unled) = (UUID().uuidString.lowercased(), UUID().uuidString.lowercased())
            try await Self.execute(
                database,
                """
                INSERT INTO building_unit (id, building_id, name, households)
                VALUES ('\(led)', '\(building)', '1单元', 12), ('\(unled)', '\(building)', '2单元', 12);
                INSERT INTO grid_assignment (id, post, target_id, area_path, person_id, started_on)
                SELECT gen_random_uuid(), 'unit_leader', '\(led)', path, '\(members[1])', '2026-01-01'
                FROM area WHERE id = '\(tree.grid1.idString)'
                """)
            let units = try await fixture.whole("unit_leader_coverage", tree.district)
            #expect(units["numerator"] as? Int == 1 && units["denominator"] as? Int == 2)
            #expect(units["meetsTarget"] as? Bool == false)
            let unitGroups = try await client.send(
                .get, "/v1/stats/unit_leader_coverage?areaId=\(tree.district.idString)&groupBy=kind",
                token: fixture.analyst)
            #expect(unitGroups.status == .unprocessableContent)
            #expect(unitGroups.text.contains("stats.grouping_unavailable"))
        }
    }

    /// COM-1/COM-2: a committee of five residents' members is within 5–9, one of four is not,
    /// until its street lowers the minimum to 4.
    @Test func committeeSizeComplianceFollowsTheProfileCOM1COM2() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let admin = try await tree.token(.admin, tree.district)
            let fixture = Fixture(client: client, tree: tree, analyst: try await tree.token(.analyst, tree.district))
            for (community, seated) in [(tree.community1, 5), (tree.community2, 4)] {
                let committee = try #require(
                    try await client.send(
                        .post, "/v1/committees", token: admin,
                        json: [
                            "areaId": community.idString, "kind": "residents_committee", "name": "居委会",
                            "termStart": "2026-01-01",
                        ]
                    ).json["id"] as? String)
                for index in 0..<seated {
                    var body = PeopleTests.body(tree)
                    body["residenceAreaId"] = (community == tree.community1 ? tree.grid1 : tree.grid3).idString
                    let member = try #require(
                        try await client.send(.post, "/v1/people", token: admin, json: body).json["id"] as? String)
                    let added = try await client.send(
                        .post, "/v1/committees/\(committee)/members", token: admin,
                        json: [
                            "personId": member, "position": index == 0 ? "director" : "member",
                            "startedOn": "2026-01-01",
                        ])
                    #expect(added.status == .created, "\(added.text)")
                }
            }
            let size = try await fixture.whole("committee_size_compliance", tree.district)
            #expect(size["numerator"] as? Int == 1 && size["denominator"] as? Int == 2)
            #expect(size["meetsTarget"] as? Bool == false)
            let kinds = try await fixture.grouped("committee_size_compliance", tree.district, by: "kind")
            #expect(Self.value(kinds["residents_committee"] ?? [:]) == 0.5)
            let lowered = try await client.send(
                .patch, "/v1/areas/\(tree.street2.idString)/rule-profile", token: admin,
                json: ["parameters": ["residentsCommitteeMin": 4]])
            #expect(lowered.status == .ok, "\(lowered.text)")
            let after = try await fixture.whole("committee_size_compliance", tree.district)
            #expect(after["numerator"] as? Int == 2 && after["meetsTarget"] as? Bool == true)
        }
    }

    /// ELE-9 turnout (more than half), ELE-7 candidates per seat (more than one), ELE-11 seats
    /// filled in the first round; by method, by month and over a period.
    @Test func electionMetricsMatchTalliesCountedByHandELE7ELE9ELE11() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let admin = try await tree.token(.admin, tree.district)
            let fixture = Fixture(client: client, tree: tree, analyst: try await tree.token(.analyst, tree.district))
            var people: [String] = []
            for _ in 0..<7 {
                people.append(
                    try #require(
                        try await client.send(.post, "/v1/people", token: admin, json: PeopleTests.body(tree))
                            .json["id"] as? String))
            }
            let (committee1, committee2) = (UUID().uuidString.lowercased(), UUID().uuidString.lowercased())
            let (election1, election2) = (UUID().uuidString.lowercased(), UUID().uuidString.lowercased())
            let stations = (0..<3).map { _ in UUID().uuidString.lowercased() }
            let candidates1 = people.enumerated().map { index, person in
                "(gen_random_uuid(), '\(election1)', '\(person)', 'member', 1)"
            }.joined(separator: ", ")
            let candidates2 = people.prefix(5).map { "(gen_random_uuid(), '\(election2)', '\($0)', 'member', 1)" }
                .joined(separator: ", ")
            // Election 1 (all voters, March): seats 1 + 4, 7 candidates, two stations of 600
            // and 400 voters casting 400 and 300; certified, five seated of whom one won only
            // in the run-off. Election 2 (household representatives, May): 5 seats, 5
            // candidates, 1,000 voters, 450 cast; failed.
            try await Self.execute(
                database,
                """
                INSERT INTO committee (id, area_id, area_path, kind, name, term_start, term_end, law_version)
                SELECT '\(committee1)', id, path, 'residents_committee', '居委会', '2026-01-01', '2030-12-31', 2026
                FROM area WHERE id = '\(tree.community1.idString)';
                INSERT INTO committee (id, area_id, area_path, kind, name, term_start, term_end, law_version)
                SELECT '\(committee2)', id, path, 'residents_committee', '居委会', '2026-01-01', '2030-12-31', 2026
                FROM area WHERE id = '\(tree.community2.idString)';
                INSERT INTO election (id, committee_id, area_path, kind, method, seats_director, seats_deputy_director,
                                      seats_member, polling_day, status, law_version, roll_days_before,
                                      candidate_days_before, candidates_published_on)
                SELECT '\(election1)', '\(committee1)', path, 'general', 'all_voters', 1, 0, 4, '2026-03-15',
                       'certified', 2026, 20, 5, '2026-03-10'
                FROM area WHERE id = '\(tree.community1.idString)';
                INSERT INTO election (id, committee_id, area_path, kind, method, seats_director, seats_deputy_director,
                                      seats_member, polling_day, status, law_version, roll_days_before,
                                      candidate_days_before, candidates_published_on)
                SELECT '\(election2)', '\(committee2)', path, 'general', 'household_representatives', 1, 0, 4,
                       '2026-05-20', 'failed', 2026, 20, 5, '2026-05-15'
                FROM area WHERE id = '\(tree.community2.idString)';
                INSERT INTO election_station (id, election_id, name, registered_voters) VALUES
                    ('\(stations[0])', '\(election1)', '一站', 600), ('\(stations[1])', '\(election1)', '二站', 400),
                    ('\(stations[2])', '\(election2)', '一站', 1000);
                INSERT INTO election_tally (station_id, round, issued, cast_count, valid, invalid, proxy, votes) VALUES
                    ('\(stations[0])', 1, 600, 400, 400, 0, 0, '{}'), ('\(stations[1])', 1, 400, 300, 300, 0, 0, '{}'),
                    ('\(stations[2])', 1, 1000, 450, 450, 0, 0, '{}');
                INSERT INTO election_candidate (id, election_id, person_id, position, round) VALUES \(candidates1);
                INSERT INTO election_candidate (id, election_id, person_id, position, round) VALUES \(candidates2);
                INSERT INTO election_candidate (id, election_id, person_id, position, round)
                    VALUES (gen_random_uuid(), '\(election1)', '\(people[4])', 'member', 2);
                INSERT INTO committee_member (id, committee_id, area_path, person_id, position, started_on, election_id)
                SELECT gen_random_uuid(), '\(committee1)', c.area_path, p, 'member', '2026-03-16', '\(election1)'
                FROM committee c, unnest(ARRAY['\(people[0...4].joined(separator: "', '"))']::uuid[]) p
                WHERE c.id = '\(committee1)'
                """)
            // (700 + 450) ÷ (1,000 + 1,000) = 0.575 > 0.5.
            let turnout = try await fixture.whole("election_turnout", tree.district)
            #expect(turnout["numerator"] as? Int == 1150 && turnout["denominator"] as? Int == 2000)
            #expect(turnout["meetsTarget"] as? Bool == true)
            let byMethod = try await fixture.grouped("election_turnout", tree.district, by: "kind")
            #expect(Self.value(byMethod["all_voters"] ?? [:]) == 0.7)
            #expect(byMethod["household_representatives"]?["meetsTarget"] as? Bool == false)
            let byMonth = try await fixture.grouped("election_turnout", tree.district, by: "month")
            #expect(Set(byMonth.keys) == ["2026-03", "2026-05"])
            let may = try await fixture.whole("election_turnout", tree.district, "&from=2026-04-01&to=2026-12-31")
            #expect(Self.value(may) == 0.45 && may["meetsTarget"] as? Bool == false)
            let validity = try await fixture.whole("election_validity_rate", tree.district)
            #expect(validity["numerator"] as? Int == 1 && validity["denominator"] as? Int == 2)
            // (7 + 5) ÷ (5 + 5) = 1.2 > 1; election 2 alone, 5 ÷ 5, is not contested.
            let contest = try await fixture.whole("election_contest_ratio", tree.district)
            #expect(Self.value(contest) == 1.2 && contest["meetsTarget"] as? Bool == true)
            let uncontested = try await fixture.whole("election_contest_ratio", tree.community2)
            #expect(Self.value(uncontested) == 1 && uncontested["meetsTarget"] as? Bool == false)
            let firstRound = try await fixture.whole("election_first_round_fill_rate", tree.district)
            #expect(firstRound["numerator"] as? Int == 4 && firstRound["denominator"] as? Int == 5)
            // A period ending before it starts, or a period on a state metric, is refused.
            let reversed = try await client.send(
                .get, "/v1/stats/election_turnout?from=2026-05-01&to=2026-04-01", token: fixture.analyst)
            #expect(reversed.status == .unprocessableContent && reversed.text.contains("stats.period_reversed"))
            let state = try await client.send(
                .get, "/v1/stats/grid_staffing_rate?from=2026-05-01", token: fixture.analyst)
            #expect(state.status == .unprocessableContent && state.text.contains("stats.not_dated"))
        }
    }

    /// MED-17: a case concluded on the last day of its month is in time, a day later is not; an
    /// open case past its limit is overdue unless extended. MED-15: court confirmations. Seed 004
    /// 第二十条: escalations per level. Department ratings (双评议) averaged per department.
    @Test func mediationAndSatisfactionMetricsMatchByHandMED15MED17() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let fixture = Fixture(client: client, tree: tree, analyst: try await tree.token(.analyst, tree.district))
            // (status, concluded, agreement effective, judicial answer, extension days)
            let cases: [(String, String?, String?, String?, Int)] = [
                ("closed", "2026-03-20", "2026-03-20", nil, 0),  // in time
                ("closed", "2026-04-02", nil, nil, 0),  // the last day: in time
                ("closed", "2026-04-03", nil, nil, 0),  // a day late
                ("closed", "2026-04-01", "2026-04-01", "2026-04-20", 0),  // in time, confirmed by a court
                ("closed", "2026-03-10", nil, nil, 0),  // in time
                ("in_mediation", nil, nil, nil, 300),  // extended to 2027-01-27: not overdue
                ("in_mediation", nil, nil, nil, 0),  // overdue since 2026-04-03
            ]
            var ids: [String] = []
            for (status, concluded, effective, answered, extended) in cases {
                let id = UUID().uuidString.lowercased()
                ids.append(id)
                func date(_ text: String?) -> String { text.map { "'\($0)'" } ?? "NULL" }
                try await Self.execute(
                    database,
                    """
                    INSERT INTO mediation_case (id, origin_area_id, origin_path, level, level_path, source, category,
                        description, risk, complexity, status, accepted_on, extension_days, concluded_on, agreement_on,
                        agreement_effective_on, judicial_applied_on, judicial_answer, judicial_answered_on)
                    SELECT '\(id)', a.id, a.path, 'community', c.path, 'walk_in', 'neighbour', '纠纷', 'low', 'simple',
                           '\(status)', '2026-03-02', \(extended), \(date(concluded)), \(date(effective)),
                           \(date(effective)), \(date(answered == nil ? nil : "2026-04-05")),
                           \(answered == nil ? "NULL" : "'accepted'"), \(date(answered))
                    FROM area a, area c WHERE a.id = '\(tree.grid1.idString)' AND c.id = '\(tree.community1.idString)'
                    """)
            }
            // Case 7 went to the street and was taken; case 6's escalation was returned.
            try await Self.execute(
                database,
                """
                INSERT INTO mediation_escalation (id, case_id, from_level, to_level, to_path, reason, status, created_at)
                SELECT gen_random_uuid(), '\(ids[6])', 'community', 'street', path, '疑难', 'accepted', '2026-04-10'
                FROM area WHERE id = '\(tree.street1.idString)';
                INSERT INTO mediation_escalation (id, case_id, from_level, to_level, to_path, reason, status, created_at)
                SELECT gen_random_uuid(), '\(ids[5])', 'community', 'street', path, '疑难', 'returned', '2026-04-11'
                FROM area WHERE id = '\(tree.street1.idString)'
                """)
            #expect(Self.value(try await fixture.whole("mediation_cases_accepted", tree.district)) == 7)
            let inTime = try await fixture.whole("mediation_cases_concluded_in_time", tree.district)
            #expect(inTime["numerator"] as? Int == 4 && inTime["denominator"] as? Int == 5)
            #expect(inTime["meetsTarget"] as? Bool == false)
            // Four concluded in March and April alone: too few cases to show.
            let april = try await fixture.whole(
                "mediation_cases_concluded_in_time", tree.district, "&from=2026-04-01&to=2026-04-30")
            #expect(april["suppressed"] as? Bool == true && april["value"] == nil)
            let overdue = try await fixture.whole("mediation_cases_overdue", tree.district)
            #expect(Self.value(overdue) == 1 && overdue["meetsTarget"] as? Bool == false)
            let success = try await fixture.whole("mediation_success_rate", tree.district)
            #expect(success["numerator"] as? Int == 2 && success["denominator"] as? Int == 7)
            let confirmations = try await fixture.grouped(
                "mediation_judicial_confirmations", tree.district, by: "month")
            #expect(Self.value(confirmations["2026-04"] ?? [:]) == 1 && confirmations.count == 1)
            let escalation = try await fixture.grouped("escalation_rate_by_level", tree.district, by: "kind")
            #expect(escalation["community"]?["numerator"] as? Int == 1)
            #expect(escalation["community"]?["denominator"] as? Int == 7)
            #expect(escalation["street"]?["numerator"] as? Int == 0)
            #expect(escalation["street"]?["denominator"] as? Int == 1)

            let department = try await tree.department()
            try await Self.execute(
                database,
                """
                INSERT INTO department_rating (id, community_id, area_path, department_id, year, score)
                SELECT gen_random_uuid(), id, path, '\(department.id.lowercasedString)', 2025, 4
                FROM area WHERE id = '\(tree.community1.idString)';
                INSERT INTO department_rating (id, community_id, area_path, department_id, year, score)
                SELECT gen_random_uuid(), id, path, '\(department.id.lowercasedString)', 2026, 5
                FROM area WHERE id = '\(tree.community2.idString)'
                """)
            let satisfaction = try await fixture.whole("department_satisfaction", tree.district)
            #expect(Self.value(satisfaction) == 4.5)
            let thisYear = try await fixture.whole("department_satisfaction", tree.district, "&from=2026-01-01")
            #expect(Self.value(thisYear) == 5)
            #expect(
                Set(try await fixture.grouped("department_satisfaction", tree.district, by: "kind").keys)
                    == [department.name])
        }
    }

    /// Facility records: written per community and year, audited, refused for a street, a year
    /// to come or a public part larger than the whole; counted against the seeds' standards and
    /// a street's own funding standard (at its bound: ¥150,000 meets 15 万元).
    @Test func facilityRecordsAndTheirMetrics() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let staff = try await tree.token(.staff, tree.district)
            let fixture = Fixture(client: client, tree: tree, analyst: try await tree.token(.analyst, tree.district))
            let year = GovernanceClock.system.today.year
            for (area, households) in [(tree.community1, 600), (tree.community2, 900)] {
                try await Self.execute(
                    database, "UPDATE area SET households = \(households) WHERE id = '\(area.idString)'")
            }
            func put(_ area: Area, _ year: Int, _ body: [String: Any]) async throws -> TestResponse {
                try await client.send(.put, "/v1/areas/\(area.idString)/facilities/\(year)", token: staff, json: body)
            }
            let first = try await put(
                tree.community1, year,
                ["serviceAreaM2": 700, "publicServiceAreaM2": 500, "operatingFundsYuan": 250_000])
            #expect(first.status == .created, "\(first.text)")
            let replaced = try await put(
                tree.community1, year,
                ["serviceAreaM2": 720, "publicServiceAreaM2": 520, "operatingFundsYuan": 250_000, "note": "含党群服务中心"])
            #expect(replaced.status == .ok && replaced.json["version"] as? Int == 2)
            #expect(
                try await put(
                    tree.community2, year,
                    ["serviceAreaM2": 600, "publicServiceAreaM2": 300, "operatingFundsYuan": 150_000]
                ).status == .created)
            #expect(
                try await put(
                    tree.community2, year - 1,
                    ["serviceAreaM2": 2000, "publicServiceAreaM2": 2000, "operatingFundsYuan": 900_000]
                ).status == .created)
            let tooLarge = try await put(
                tree.community2, year, ["serviceAreaM2": 600, "publicServiceAreaM2": 601, "operatingFundsYuan": 0])
            #expect(tooLarge.status == .unprocessableContent && tooLarge.text.contains("exceeds_service_area"))
            let future = try await put(
                tree.community2, year + 1, ["serviceAreaM2": 600, "publicServiceAreaM2": 1, "operatingFundsYuan": 0])
            #expect(future.status == .unprocessableContent)
            let street = try await put(
                tree.street1, year, ["serviceAreaM2": 600, "publicServiceAreaM2": 1, "operatingFundsYuan": 0])
            #expect(street.status == .unprocessableContent && street.text.contains("facility.not_a_community"))
            let listed = try await client.send(
                .get, "/v1/areas/\(tree.community2.idString)/facilities", token: fixture.analyst)
            #expect((listed.json["items"] as? [[String: Any]])?.map { $0["year"] as? Int } == [year, year - 1])
            let audited = try await database.query(
                "SELECT count(*) AS n FROM audit_event WHERE resource_type = 'community_facility' AND outcome = 'success' AND area_path <@ \(tree.district.path)::ltree",
                deadline: .now.advanced(by: .seconds(5)))
            #expect(try audited.first?.decode("n", as: Int.self) == 4)

            // (720 + 600) m² ÷ 1,500 households × 100 = 88 ≥ 40; this year's records, not last year's.
            let area = try await fixture.whole("facility_area_per_100_households", tree.district)
            #expect(Self.value(area) == 88 && area["meetsTarget"] as? Bool == true)
            // 720 m² with 520 public (≥ 2/3) meets; 600 m² with 300 public does not.
            let office = try await fixture.whole("office_service_area", tree.district)
            #expect(office["numerator"] as? Int == 1 && office["denominator"] as? Int == 2)
            let funds = try await fixture.whole("community_operating_funds", tree.district)
            #expect(funds["numerator"] as? Int == 1 && funds["meetsTarget"] as? Bool == false)
            let admin = try await tree.token(.admin, tree.district)
            let lowered = try await client.send(
                .patch, "/v1/areas/\(tree.street2.idString)/rule-profile", token: admin,
                json: ["parameters": ["urbanOperatingFundsTenThousandYuan": 15]])
            #expect(lowered.status == .ok, "\(lowered.text)")
            let fundsAfter = try await fixture.whole("community_operating_funds", tree.district)
            #expect(fundsAfter["numerator"] as? Int == 2 && fundsAfter["meetsTarget"] as? Bool == true)
        }
    }
}
