import Foundation
import Governance
import GovernanceStore
import Postgres
import Testing

/// Issue 14: above a street the mediation metrics read `mediation_rollup`, which triggers keep as
/// deltas of every statement that writes cases or escalations. After random inserts, updates
/// (single and multi-row, concurrent ones included), deletes and a compaction, every figure must
/// equal a direct count made here in Swift from the cases' and escalations' columns (MED-17's
/// clock included; overdue cases on several days, this month's days among them).
@Suite struct MediationRollupTests {
    static func deadline() -> ContinuousClock.Instant { .now.advanced(by: .seconds(60)) }

    static let metrics = [
        "mediation_cases_received", "mediation_cases_accepted", "mediation_success_rate",
        "mediation_cases_concluded_in_time", "mediation_judicial_confirmations", "escalation_rate_by_level",
        "mediation_cases_overdue",
    ]
    static let categories = ["neighbour", "family", "property", "labour", "other"]

    /// A small deterministic generator, so a failure can be replayed.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    struct Area {
        let id: UUID
        let path: String
        let parent: String?
    }

    /// A city with two districts, three streets, four communities and a grid in each.
    static func tree(_ database: PostgresClient) async throws -> [Area] {
        let shape: [(path: String, kind: String)] = [
            ("c", "city"), ("c.d1", "district"), ("c.d2", "district"), ("c.d1.s1", "street"), ("c.d1.s2", "street"),
            ("c.d2.s3", "street"), ("c.d1.s1.k1", "community"), ("c.d1.s1.k2", "community"),
            ("c.d1.s2.k3", "community"), ("c.d2.s3.k4", "community"), ("c.d1.s1.k1.g1", "grid"),
            ("c.d1.s1.k2.g2", "grid"), ("c.d1.s2.k3.g3", "grid"), ("c.d2.s3.k4.g4", "grid"),
        ]
        var areas: [Area] = []
        for (path, kind) in shape {
            let parentPath = path.split(separator: ".").dropLast().joined(separator: ".")
            let parent = areas.first { $0.path == parentPath }
            let area = Area(id: Identifier.make(), path: path, parent: parent?.path)
            _ = try await database.query(
                """
                INSERT INTO area (id, parent_id, kind, name, path)
                VALUES (\(area.id), \(parent?.id), \(kind), \(path), \(path)::ltree)
                """, deadline: deadline())
            areas.append(area)
        }
        return areas
    }

    /// Inserts `count` random cases in one statement, from any origin but the city.
    static func insertCases(
        _ count: Int, origins: [Area], into executor: (PostgresQuery) async throws -> Void,
        random: inout SplitMix
    ) async throws {
        var query: PostgresQuery = """
            INSERT INTO mediation_case (id, origin_area_id, origin_path, level, level_path, source, category, description,
                                        risk, complexity, status, accepted_on, concluded_on, clock_months, extension_days,
                                        agreement_on, agreement_effective_on, created_at)
            VALUES
            """
        let base = CalendarDay("2024-11-20")!
        for index in 0..<count {
            let origin = origins.randomElement(using: &random)!
            let created = base.addingDays(Int.random(in: 0..<760, using: &random))
            let accepted: CalendarDay? = Bool.random(using: &random) || index % 3 == 0 ? created.addingDays(1) : nil
            let concluded = accepted.flatMap { day in
                Int.random(in: 0..<3, using: &random) > 0 ? day.addingDays(Int.random(in: 0..<70, using: &random)) : nil
            }
            let effective = concluded.flatMap { day in Bool.random(using: &random) ? day : nil }
            let status = concluded != nil ? "closed" : accepted != nil ? "in_mediation" : "received"
            let createdAt = "\(created) \(Int.random(in: 0..<24, using: &random)):30:00+00"
            query.append(index == 0 ? " " : ", ")
            query.append(
                """
                (\(Identifier.make()), \(origin.id), \(origin.path)::ltree, 'community', \(origin.path)::ltree, 'walk_in',
                 \(categories.randomElement(using: &random)!), '-', 'low', 'simple', \(status), \(accepted)::date,
                 \(concluded)::date, \(Int.random(in: 1...2, using: &random)), \(Int.random(in: 0...3, using: &random) * 10),
                 \(effective)::date, \(effective)::date, \(createdAt)::timestamptz)
                """)
        }
        try await executor(query)
    }

    /// Escalates random accepted cases in one statement: each gets a decided escalation and,
    /// for some, a later pending one (a case has at most one pending).
    static func escalate(_ database: PostgresClient, random: inout SplitMix) async throws {
        let rows = try await database.query(
            "SELECT id, accepted_on FROM mediation_case WHERE accepted_on IS NOT NULL ORDER BY id", deadline: deadline()
        )
        let levels = ["community", "street", "district"]
        var query: PostgresQuery =
            "INSERT INTO mediation_escalation (id, case_id, from_level, to_level, to_path, reason, status, created_at) VALUES"
        var count = 0
        for row in rows where Int.random(in: 0..<3, using: &random) == 0 {
            let caseId = try row.decode("id", as: UUID.self)
            let accepted = try row.decode("accepted_on", as: CalendarDay.self)
            let decisions = Int.random(in: 1...2, using: &random)
            for step in 0..<decisions {
                let from = levels[Int.random(in: 0..<2, using: &random)]
                let status =
                    step == decisions - 1 && Bool.random(using: &random)
                    ? "pending" : Bool.random(using: &random) ? "accepted" : "returned"
                // Inserted latest first, at times a statement's order does not give.
                let day = accepted.addingDays(Int.random(in: 0..<50, using: &random))
                query.append(count == 0 ? " " : ", ")
                query.append(
                    """
                    (\(Identifier.make()), \(caseId), \(from), \(from == "community" ? "street" : "district"), 'c', '-',
                     \(status), \("\(day) \(Int.random(in: 0..<24, using: &random)):10:00+00")::timestamptz)
                    """)
                count += 1
            }
        }
        if count > 0 { _ = try await database.query(query, deadline: deadline()) }
    }

    /// An escalation as the direct count reads it.
    struct Escalation {
        let path: String
        let from: String
        let to: String
        let status: String
        let day: CalendarDay

        /// `(kind, day, n, d)` rows it adds to the escalation rate.
        var facts: [(kind: String, day: CalendarDay?, n: Int, d: Int)] {
            (status != "returned" ? [(from, day, 1, 0)] : []) + (status == "accepted" ? [(to, day, 0, 1)] : [])
        }
    }

    static func escalations(_ database: PostgresClient) async throws -> [Escalation] {
        let rows = try await database.query(
            """
            SELECT m.origin_path::text AS path, e.from_level, e.to_level, e.status, (e.created_at AT TIME ZONE 'UTC')::date AS day
            FROM mediation_escalation e JOIN mediation_case m ON m.id = e.case_id
            """, deadline: deadline())
        return try rows.map { row in
            Escalation(
                path: try row.decode("path"), from: try row.decode("from_level"), to: try row.decode("to_level"),
                status: try row.decode("status"), day: try row.decode("day"))
        }
    }

    /// A case as the direct count reads it.
    struct Case {
        let path: String
        let category: String
        let created: CalendarDay
        let accepted: CalendarDay?
        let concluded: CalendarDay?
        let months: Int
        let extensionDays: Int
        let effective: Bool
        let judicialAccepted: Bool
        let judicialDay: CalendarDay?
        let status: String
        let level: String
        /// The level its earliest escalation left, if it has one.
        let firstEscalatedFrom: String?

        /// `(kind, day, n, d)` of the metric on `today`, when the case counts for it.
        func fact(_ metric: String, today: CalendarDay) -> (kind: String, day: CalendarDay?, n: Int, d: Int)? {
            switch metric {
            case "escalation_rate_by_level": return accepted.map { (firstEscalatedFrom ?? level, $0, 0, 1) }
            case "mediation_cases_overdue":
                guard let accepted, ["received", "accepted", "in_mediation"].contains(status) else { return nil }
                let last = MediationClock.deadline(acceptedOn: accepted, months: months, extensionDays: extensionDays)
                return today > last ? (level, nil, 1, 0) : nil
            case "mediation_cases_received": return (category, created, 1, 0)
            case "mediation_cases_accepted": return accepted.map { (category, $0, 1, 0) }
            case "mediation_success_rate": return accepted.map { (category, $0, effective ? 1 : 0, 1) }
            case "mediation_cases_concluded_in_time":
                guard let accepted, let concluded else { return nil }
                let last = MediationClock.deadline(acceptedOn: accepted, months: months, extensionDays: extensionDays)
                return (category, concluded, concluded <= last ? 1 : 0, 1)
            case "mediation_judicial_confirmations": return judicialAccepted ? (category, judicialDay, 1, 0) : nil
            default: return nil
            }
        }
    }

    static func cases(_ database: PostgresClient) async throws -> [Case] {
        let rows = try await database.query(
            """
            SELECT origin_path::text AS path, category, (created_at AT TIME ZONE 'UTC')::date AS created, accepted_on,
                   concluded_on, clock_months, extension_days, agreement_effective_on IS NOT NULL AS effective,
                   coalesce(judicial_answer = 'accepted', false) AS judicial, judicial_answered_on, status, level,
                   (SELECT e.from_level FROM mediation_escalation e WHERE e.case_id = m.id
                    ORDER BY e.created_at, e.id LIMIT 1) AS first_from
            FROM mediation_case m
            """, deadline: deadline())
        return try rows.map { row in
            Case(
                path: try row.decode("path"), category: try row.decode("category"),
                created: try row.decode("created"), accepted: try row.decode("accepted_on"),
                concluded: try row.decode("concluded_on"), months: try row.decode("clock_months"),
                extensionDays: try row.decode("extension_days"), effective: try row.decode("effective"),
                judicialAccepted: try row.decode("judicial"), judicialDay: try row.decode("judicial_answered_on"),
                status: try row.decode("status"), level: try row.decode("level"),
                firstEscalatedFrom: try row.decode("first_from"))
        }
    }

    /// Every figure the repository gives for these groups and periods equals the direct count.
    static func expectExact(
        _ database: PostgresClient, areas: [Area], _ label: String, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let store = Store(client: database, keys: DataKeys(masterKey: Data(repeating: 7, count: 32)))
        let repository = StatisticsRepository(store: store)
        let cases = try await cases(database)
        let escalations = try await escalations(database)
        let periods: [(CalendarDay?, CalendarDay?)] = [
            (nil, nil), (CalendarDay("2025-02-15"), CalendarDay("2026-03-10")),
            (CalendarDay("2025-03-01"), CalendarDay("2025-05-31")),
            (CalendarDay("2025-04-10"), CalendarDay("2025-04-20")),
            (CalendarDay("2025-06-01"), nil), (nil, CalendarDay("2025-09-17")),
        ]
        let queries: [(area: String, grouping: MetricGrouping?)] = [
            ("c", nil), ("c", .child), ("c", .kind), ("c", .month), ("c.d1", .child), ("c.d2", nil),
            ("c.d1.s1", .child), ("c.d1.s2", .kind), ("c.d1.s1.k1", nil),
        ]
        for key in metrics {
            let metric = try #require(MetricCatalogue.metric(key))
            // Overdue is a state on a day: today at a month's start, in a month's middle and on
            // its last day; the others are dated, on one day over periods.
            let days = metric.dated ? ["2026-12-01"] : ["2026-12-01", "2025-06-15", "2026-02-28"]
            for (today, (from, to)) in days.flatMap({ day in
                (metric.dated ? periods : [(nil, nil)]).map { (CalendarDay(day)!, $0) }
            }) {
                for (areaPath, grouping) in queries where metric.dated || grouping != .month {
                    let area = try #require(areas.first { $0.path == areaPath })
                    let counts = try await repository.counts(
                        metric, areaId: area.id, grouping: grouping, from: from, to: to, today: today,
                        deadline: deadline())
                    var actual: [String: [Int]] = [:]
                    for row in counts {
                        let name = areas.first { $0.id == row.areaId }?.path ?? "?"
                        actual["\(name)|\(row.dimension ?? "")"] = [row.numerator, row.denominator]
                    }
                    let groups = grouping == .child ? areas.filter { $0.parent == areaPath }.map(\.path) : [areaPath]
                    var expected: [String: [Int]] = [:]
                    if grouping == nil || grouping == .child {
                        for group in groups { expected["\(group)|"] = [0, 0] }
                    }
                    let facts =
                        cases.compactMap { item in item.fact(key, today: today).map { (item.path, $0) } }
                        + (key == "escalation_rate_by_level"
                            ? escalations.flatMap { item in item.facts.map { (item.path, $0) } } : [])
                    for (path, fact) in facts {
                        if let day = fact.day, let from, day < from { continue }
                        if let day = fact.day, let to, day > to { continue }
                        for group in groups where path == group || path.hasPrefix(group + ".") {
                            let dimension: String
                            switch grouping {
                            case .kind: dimension = fact.kind
                            case .month:
                                guard let day = fact.day else { continue }
                                dimension = String(day.description.prefix(7))
                            case .child, nil: dimension = ""
                            }
                            let sum = expected["\(group)|\(dimension)", default: [0, 0]]
                            expected["\(group)|\(dimension)"] = [sum[0] + fact.n, sum[1] + fact.d]
                        }
                    }
                    // The dashboard's one statement, where it answers, gives the same figure.
                    if from == nil, to == nil, grouping == nil,
                        let area = try await AreaRepository(store: store).find(
                            area.id, scopePath: "", deadline: deadline()),
                        StatisticsRepository.answeredTogether(key, for: area)
                    {
                        let together = try await repository.counts(
                            of: [metric], area: area, today: today, deadline: deadline())
                        #expect(
                            together[key].map { [$0.numerator, $0.denominator] } == expected["\(areaPath)|"],
                            "\(label): the dashboard's \(key) on \(today) at \(areaPath)",
                            sourceLocation: sourceLocation)
                    }
                    #expect(
                        actual == expected,
                        "\(label): \(key) on \(today) at \(areaPath) by \(grouping?.rawValue ?? "-") from \(from?.description ?? "-") to \(to?.description ?? "-")",
                        sourceLocation: sourceLocation)
                }
            }
        }
    }

    @Test func rolledUpMediationFiguresEqualADirectCountAfterRandomWrites() async throws {
        try await FreshDatabase.with { database in
            let areas = try await Self.tree(database)
            let origins = areas.filter { $0.path != "c" }
            var random = SplitMix(state: 20_261_201)
            let run: (PostgresQuery) async throws -> Void = { query in
                _ = try await database.query(query, deadline: Self.deadline())
            }
            for _ in 0..<4 { try await Self.insertCases(60, origins: origins, into: run, random: &random) }
            try await Self.escalate(database, random: &random)
            try await Self.expectExact(database, areas: areas, "after inserts")

            // Updates of many rows at once, and ones that change nothing counted.
            let rowsBefore = try await database.query(
                "SELECT count(*) AS n FROM mediation_rollup", deadline: Self.deadline())[0].decode("n", as: Int.self)
            _ = try await database.query(
                "UPDATE mediation_case SET version = version + 1, description = 'x'", deadline: Self.deadline())
            let rowsAfter = try await database.query(
                "SELECT count(*) AS n FROM mediation_rollup", deadline: Self.deadline())[0].decode("n", as: Int.self)
            #expect(rowsAfter == rowsBefore, "an update that changes nothing counted adds no delta")
            let updates: [PostgresQuery] = [
                """
                UPDATE mediation_case SET concluded_on = accepted_on + 45, status = 'closed'
                WHERE accepted_on IS NOT NULL AND concluded_on IS NULL AND md5(id::text || 'conclude') < '8'
                """,
                "UPDATE mediation_case SET category = 'family' WHERE md5(id::text || 'category') < '4'",
                "UPDATE mediation_case SET extension_days = extension_days + 30 WHERE md5(id::text || 'extend') < '5'",
                """
                UPDATE mediation_case SET accepted_on = (created_at AT TIME ZONE 'UTC')::date + 2, status = 'accepted'
                WHERE accepted_on IS NULL AND md5(id::text || 'accept') < 'a'
                """,
                """
                UPDATE mediation_case SET judicial_applied_on = agreement_effective_on + 3,
                       judicial_answer = CASE WHEN md5(id::text || 'answer') < '9' THEN 'accepted' ELSE 'not_accepted' END,
                       judicial_answered_on = CASE WHEN md5(id::text || 'undated') < '2' THEN NULL ELSE agreement_effective_on + 9 END
                WHERE agreement_effective_on IS NOT NULL AND md5(id::text || 'judicial') < 'b'
                """,
                """
                UPDATE mediation_case m SET origin_area_id = a.id, origin_path = a.path
                FROM area a WHERE a.path = 'c.d2.s3.k4.g4' AND md5(m.id::text || 'move') < '3'
                """,
                // Escalations decided, a case's first escalation removed, cases taken over by a street.
                "UPDATE mediation_escalation SET status = CASE WHEN md5(id::text) < '8' THEN 'accepted' ELSE 'returned' END WHERE status = 'pending' AND md5(id::text || 'decide') < 'a'",
                """
                DELETE FROM mediation_escalation e WHERE md5(e.case_id::text || 'unescalate') < '4'
                  AND e.id = (SELECT f.id FROM mediation_escalation f WHERE f.case_id = e.case_id ORDER BY f.created_at, f.id LIMIT 1)
                """,
                """
                UPDATE mediation_case SET level = 'street', level_path = subpath(origin_path, 0, 3)
                WHERE nlevel(origin_path) >= 3 AND md5(id::text || 'street') < '5'
                """,
                "DELETE FROM mediation_case m WHERE md5(id::text || 'delete') < '2' AND NOT EXISTS (SELECT 1 FROM mediation_escalation e WHERE e.case_id = m.id)",
            ]
            for update in updates { try await run(update) }
            try await Self.expectExact(database, areas: areas, "after updates and deletes")

            // Two transactions writing cases of the same streets and months at once (different
            // cases: only the rollup is shared).
            async let first: Void = database.withTransaction(deadline: Self.deadline()) { transaction in
                _ = try await transaction.query(
                    "UPDATE mediation_case SET category = 'labour' WHERE md5(id::text || 'first') < '6'")
                try await Task.sleep(for: .milliseconds(200))
                _ = try await transaction.query(
                    "UPDATE mediation_case SET agreement_on = concluded_on, agreement_effective_on = concluded_on WHERE concluded_on IS NOT NULL AND agreement_on IS NULL AND md5(id::text || 'first') < '6'"
                )
            }
            async let second: Void = database.withTransaction(deadline: Self.deadline()) { transaction in
                _ = try await transaction.query(
                    "UPDATE mediation_case SET concluded_on = NULL, agreement_on = NULL, agreement_effective_on = NULL, judicial_applied_on = NULL, judicial_answer = NULL, judicial_answered_on = NULL, status = 'in_mediation' WHERE md5(id::text || 'first') >= '6' AND md5(id::text || 'second') < '5'"
                )
            }
            _ = try await (first, second)
            var more = random
            try await Self.insertCases(40, origins: origins, into: run, random: &more)
            try await Self.expectExact(database, areas: areas, "after concurrent writes")

            let repository = StatisticsRepository(
                store: Store(client: database, keys: DataKeys(masterKey: Data(repeating: 7, count: 32))))
            let folded = try await repository.compactRollups(deadline: Self.deadline())
            #expect(folded > 0)
            try await Self.expectExact(database, areas: areas, "after compaction")
            #expect(
                try await repository.compactRollups(deadline: Self.deadline()) == 0, "a second compaction folds nothing"
            )
        }
    }
}
