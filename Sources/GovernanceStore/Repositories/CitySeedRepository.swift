public import Foundation
public import Governance
import Postgres

/// The bulk statements of `grassroots seed --city`: a whole city for benchmarks, every table
/// filled set-wise (one statement per level or batch, never a row per round trip).
///
/// Everything is derived from the seed number: ids are `md5(seed:kind:n)` UUIDs and every
/// choice is a hash of the row's number (`hashtext`), so the same seed gives the same city.
public struct CitySeedRepository: Sendable {
    let store: Store

    /// Creates the repository.
    public init(store: Store) { self.store = store }

    /// How large the city is.
    public struct Shape: Sendable {
        /// Districts.
        public var districts = 10
        /// Streets per district.
        public var streetsPerDistrict = 10
        /// Communities and villages per street (every third a village).
        public var communitiesPerStreet = 60
        /// Grids per community.
        public var gridsPerCommunity = 8
        /// Residents per grid.
        public var residentsPerGrid = 40
        /// Mediation cases per grid, over five years.
        public var casesPerGrid = 20

        /// The full city of issue 14: 10 districts, 100 streets, 6,000 communities, 48,000 grids,
        /// 1.92 million residents, 960,000 cases.
        public init() {}
    }

    /// A resident ready to insert, personal data sealed.
    public struct Resident: Sendable {
        let id: UUID
        let gridId: UUID
        let gridPath: String
        let name: String
        let gender: String
        let birthYear: Int
        let phoneCipher: Data
        let phoneHash: Data
        let phoneMasked: String
        let idNumberCipher: Data
        let idNumberHash: Data
        let idNumberMasked: String

        /// Seals the resident's phone and ID number with the store's keys.
        public init(
            id: UUID, gridId: UUID, gridPath: String, name: String, gender: String, birthYear: Int, phone: String,
            idNumber: String, keys: DataKeys
        ) {
            self.id = id
            self.gridId = gridId
            self.gridPath = gridPath
            self.name = name
            self.gender = gender
            self.birthYear = birthYear
            phoneCipher = keys.seal(phone, in: .personPhone(id))
            phoneHash = keys.lookupHash(phone)
            phoneMasked = PhoneNumber.masked(phone)
            idNumberCipher = keys.seal(idNumber, in: .personIdNumber(id))
            idNumberHash = keys.lookupHash(idNumber)
            idNumberMasked = ResidentIDNumber.masked(idNumber)
        }
    }

    static let deadline = Duration.seconds(1800)

    /// The city, its districts, streets, communities and villages, and grids; the city's id and
    /// path. Areas are created once per seed number: a second run finds the city and returns it.
    public func areas(seed: Int, shape: Shape) async throws -> (id: UUID, path: String, created: Bool) {
        try await store.client.withTransaction(deadline: .now.advanced(by: Self.deadline)) { transaction in
            let cityId = Self.id(seed, "city", 0)
            if let root = try await transaction.query(
                "SELECT id, path::text AS path FROM area WHERE parent_id IS NULL"
            ).first {
                // The tree has one root: the city of this seed, seeded before, or another one.
                guard try root.decode("id", as: UUID.self) == cityId else { throw CitySeedError.anotherCity }
                return (cityId, try root.decode("path"), false)
            }
            let rows = try await transaction.query(
                """
                INSERT INTO area (id, kind, name, path)
                VALUES (\(cityId), 'city', \("种子市\(seed)"), text2ltree('c' || nextval('area_label_seq')))
                RETURNING path::text AS path
                """)
            let cityPath: String = try rows[0].decode("path")
            // Each level under the one above, in one statement; names and sizes from the numbers.
            try await transaction.query(
                """
                INSERT INTO area (id, parent_id, kind, name, path)
                SELECT md5(\(seed) || ':district:' || n)::uuid, \(cityId), 'district', '第' || n || '区',
                       text2ltree(\(cityPath) || '.d' || nextval('area_label_seq'))
                FROM generate_series(1, \(shape.districts)) n
                """)
            try await transaction.query(
                """
                INSERT INTO area (id, parent_id, kind, name, path)
                SELECT md5(\(seed) || ':street:' || p.name || n)::uuid, p.id, 'street', p.name || '第' || n || '街道',
                       text2ltree(p.path::text || '.s' || nextval('area_label_seq'))
                FROM area p CROSS JOIN generate_series(1, \(shape.streetsPerDistrict)) n
                WHERE p.parent_id = \(cityId) ORDER BY p.path, n
                """)
            try await transaction.query(
                """
                INSERT INTO area (id, parent_id, kind, name, households, population, path)
                SELECT md5(\(seed) || ':community:' || p.name || n)::uuid, p.id,
                       CASE WHEN n % 3 = 0 THEN 'village' ELSE 'community' END,
                       p.name || '第' || n || CASE WHEN n % 3 = 0 THEN '村' ELSE '社区' END,
                       1000 + abs(hashtext(p.name || n)) % 2000, 0,
                       text2ltree(p.path::text || CASE WHEN n % 3 = 0 THEN '.v' ELSE '.m' END || nextval('area_label_seq'))
                FROM area p CROSS JOIN generate_series(1, \(shape.communitiesPerStreet)) n
                WHERE p.kind = 'street' AND p.path <@ \(cityPath)::ltree ORDER BY p.path, n
                """)
            try await transaction.query(
                """
                INSERT INTO area (id, parent_id, kind, name, households, grid_type, path)
                SELECT md5(\(seed) || ':grid:' || p.name || n)::uuid, p.id, 'grid', p.name || '第' || n || '网格',
                       p.households / \(shape.gridsPerCommunity), 'comprehensive',
                       text2ltree(p.path::text || '.g' || nextval('area_label_seq'))
                FROM area p CROSS JOIN generate_series(1, \(shape.gridsPerCommunity)) n
                WHERE p.kind IN ('community', 'village') AND p.path <@ \(cityPath)::ltree ORDER BY p.path, n
                """)
            try await transaction.query(
                """
                UPDATE area SET population = \(shape.residentsPerGrid * shape.gridsPerCommunity)
                WHERE kind IN ('community', 'village') AND path <@ \(cityPath)::ltree
                """)
            return (cityId, cityPath, true)
        }
    }

    /// The city's grids, in path order.
    public func grids(cityPath: String) async throws -> [(id: UUID, path: String)] {
        try await store.read(
            "SELECT id, path::text AS path FROM area WHERE kind = 'grid' AND path <@ \(cityPath)::ltree ORDER BY path",
            deadline: .now.advanced(by: .seconds(120))
        ).map { (try $0.decode("id"), try $0.decode("path")) }
    }

    /// One batch of residents, as arrays unnested in one statement.
    public func insert(_ residents: [Resident]) async throws {
        try await bulk(
            """
            INSERT INTO person (id, residence_area_id, area_path, name, gender, birth_year, party_member, phone_cipher,
                                phone_hash, phone_masked, id_number_cipher, id_number_hash, id_number_masked)
            SELECT id, area, path::ltree, name, gender, birth_year, false, phone_cipher, phone_hash, phone_masked,
                   id_cipher, id_hash, id_masked
            FROM unnest(\(residents.map(\.id))::uuid[], \(residents.map(\.gridId))::uuid[],
                        \(residents.map(\.gridPath))::text[], \(residents.map(\.name))::text[],
                        \(residents.map(\.gender))::text[], \(residents.map(\.birthYear))::integer[],
                        \(residents.map(\.phoneCipher))::bytea[], \(residents.map(\.phoneHash))::bytea[],
                        \(residents.map(\.phoneMasked))::text[], \(residents.map(\.idNumberCipher))::bytea[],
                        \(residents.map(\.idNumberHash))::bytea[], \(residents.map(\.idNumberMasked))::text[])
                 AS r(id, area, path, name, gender, birth_year, phone_cipher, phone_hash, phone_masked, id_cipher,
                      id_hash, id_masked)
            ON CONFLICT DO NOTHING
            """)
    }

    /// Committees with their members, supervision committees, the elections that seated them
    /// (stations, first-round tallies, candidates), and grid leaders and workers. People are
    /// taken as the area-path index finds them (`LIMIT` without `ORDER BY id`): ordering 1.9
    /// million residents by id per community made the planner walk the primary key for minutes.
    public func governance(seed: Int, cityPath: String) async throws {
        let statements: [PostgresQuery] = [
            // A residents' or villagers' committee per community, its term from 2021 (every
            // fourth overdue since 2026), and a supervision committee in four of five.
            """
            INSERT INTO committee (id, area_id, area_path, kind, name, term_start, term_end, law_version, compliant)
            SELECT md5(\(seed) || ':committee:' || a.id)::uuid, a.id, a.path,
                   CASE a.kind WHEN 'village' THEN 'villagers_committee' ELSE 'residents_committee' END,
                   a.name || CASE a.kind WHEN 'village' THEN '村民委员会' ELSE '居民委员会' END,
                   '2021-01-01', CASE WHEN abs(hashtext(a.name)) % 4 = 0 THEN DATE '2025-12-31' ELSE DATE '2026-12-31' END,
                   2018, abs(hashtext(a.name || 'c')) % 10 <> 0
            FROM area a WHERE a.kind IN ('community', 'village') AND a.path <@ \(cityPath)::ltree
            ON CONFLICT DO NOTHING
            """,
            """
            INSERT INTO committee (id, area_id, area_path, kind, name, term_start, term_end, law_version, compliant)
            SELECT md5(\(seed) || ':supervision:' || a.id)::uuid, a.id, a.path, 'supervision_committee',
                   a.name || '监督委员会', '2021-01-01', '2026-12-31', 2018, true
            FROM area a WHERE a.kind IN ('community', 'village') AND a.path <@ \(cityPath)::ltree
              AND abs(hashtext(a.name || 's')) % 5 <> 0
            ON CONFLICT DO NOTHING
            """,
            // Seven members from the community's residents: a director (every other one also
            // Party secretary), a deputy, five members; women among them by the resident's gender.
            """
            INSERT INTO committee_member (id, committee_id, area_path, person_id, position, started_on,
                                          concurrent_party_secretary)
            SELECT md5(\(seed) || ':member:' || c.id || p.n)::uuid, c.id, c.area_path, p.id,
                   CASE p.n WHEN 1 THEN 'director' WHEN 2 THEN 'deputy_director' ELSE 'member' END, '2021-01-01',
                   p.n = 1 AND abs(hashtext(c.name)) % 2 = 0
            FROM committee c CROSS JOIN LATERAL (
                SELECT x.id, row_number() OVER () AS n FROM person x WHERE x.area_path <@ c.area_path LIMIT 7) p
            WHERE c.kind IN ('residents_committee', 'villagers_committee') AND c.area_path <@ \(cityPath)::ltree
            ON CONFLICT DO NOTHING
            """,
            // The election of 2021 that seated them: certified, two stations, a first-round tally.
            """
            INSERT INTO election (id, committee_id, area_path, kind, method, seats_director, seats_deputy_director,
                                  seats_member, polling_day, status, law_version, roll_days_before, candidate_days_before,
                                  candidates_published_on, certified_on)
            SELECT md5(\(seed) || ':election:' || c.id)::uuid, c.id, c.area_path, 'general', 'all_voters', 1, 1, 5,
                   DATE '2020-12-01' + abs(hashtext(c.name || 'e')) % 28, 'certified', 2018, 20, 5, '2020-11-20',
                   '2020-12-30'
            FROM committee c
            WHERE c.kind IN ('residents_committee', 'villagers_committee') AND c.area_path <@ \(cityPath)::ltree
            ON CONFLICT DO NOTHING
            """,
            """
            INSERT INTO election_station (id, election_id, name, registered_voters)
            SELECT md5(\(seed) || ':station:' || e.id || n)::uuid, e.id, '第' || n || '投票站',
                   600 + abs(hashtext(e.id::text || n)) % 900
            FROM election e CROSS JOIN generate_series(1, 2) n WHERE e.area_path <@ \(cityPath)::ltree
            ON CONFLICT DO NOTHING
            """,
            """
            INSERT INTO election_tally (station_id, round, issued, cast_count, valid, invalid, proxy, votes)
            SELECT s.id, 1, s.registered_voters, s.registered_voters * (40 + abs(hashtext(s.name || s.id)) % 55) / 100,
                   s.registered_voters * (40 + abs(hashtext(s.name || s.id)) % 55) / 100, 0, 0, '{}'
            FROM election_station s JOIN election e ON e.id = s.election_id WHERE e.area_path <@ \(cityPath)::ltree
            ON CONFLICT DO NOTHING
            """,
            """
            INSERT INTO election_candidate (id, election_id, person_id, position, round)
            SELECT md5(\(seed) || ':candidate:' || e.id || p.id)::uuid, e.id, p.id, 'member', 1
            FROM election e CROSS JOIN LATERAL (
                SELECT x.id FROM person x WHERE x.area_path <@ e.area_path LIMIT 9) p
            WHERE e.area_path <@ \(cityPath)::ltree
            ON CONFLICT DO NOTHING
            """,
            """
            UPDATE committee_member m SET election_id = e.id
            FROM election e WHERE e.committee_id = m.committee_id AND m.area_path <@ \(cityPath)::ltree
            """,
            // A leader and a worker per grid (every other one full-time), from its residents.
            """
            INSERT INTO grid_assignment (id, post, target_id, area_path, person_id, employment, started_on)
            SELECT md5(\(seed) || ':post:' || g.id || p.n)::uuid,
                   CASE p.n WHEN 1 THEN 'grid_leader' ELSE 'grid_worker' END, g.id, g.path, p.id,
                   CASE WHEN p.n = 2 AND abs(hashtext(g.name)) % 2 = 0 THEN 'full_time' ELSE 'part_time' END,
                   '2024-01-01'
            FROM area g CROSS JOIN LATERAL (
                SELECT x.id, row_number() OVER () AS n FROM person x WHERE x.area_path <@ g.path LIMIT 2) p
            WHERE g.kind = 'grid' AND g.path <@ \(cityPath)::ltree
            ON CONFLICT DO NOTHING
            """,
        ]
        for statement in statements { try await bulk(statement) }
    }

    /// Four departments per district, each rated once a year by every community of its district
    /// (2024 and 2025), and the items each admitted to its district's communities in the year
    /// of `today` (ADM-1): statutory duties and assistance matters, three in four funded. The
    /// applicant token is a department token whose secret nobody holds.
    public func departmentsAndAdmission(seed: Int, cityPath: String, today: CalendarDay) async throws {
        let statements: [PostgresQuery] = [
            """
            INSERT INTO department (id, name, level, area_id, area_path)
            SELECT md5(\(seed) || ':department:' || d.id || n)::uuid, d.name || (ARRAY['民政局', '司法局', '卫生健康局', '住房和城乡建设局'])[n],
                   'district', d.id, d.path
            FROM area d CROSS JOIN generate_series(1, 4) n
            WHERE d.kind = 'district' AND d.path <@ \(cityPath)::ltree
            ON CONFLICT DO NOTHING
            """,
            """
            INSERT INTO api_token (id, token_hash, role, area_id, area_path, label, expires_at, department_id)
            SELECT md5(\(seed) || ':token:' || p.id)::uuid, decode(md5(\(seed) || ':secret:' || p.id), 'hex'), 'department',
                   p.area_id, p.area_path, 'city seed', \(today)::date + 365, p.id
            FROM department p WHERE p.area_path <@ \(cityPath)::ltree
            ON CONFLICT DO NOTHING
            """,
            """
            INSERT INTO department_rating (id, community_id, area_path, year, score, department_id)
            SELECT md5(\(seed) || ':rating:' || c.id || p.id || y)::uuid, c.id, c.path, y,
                   1 + abs(hashtext(c.id::text || p.id || y)) % 5, p.id
            FROM department p JOIN area c ON c.path <@ p.area_path AND c.kind IN ('community', 'village')
            CROSS JOIN (VALUES (2024), (2025)) v(y)
            WHERE p.area_path <@ \(cityPath)::ltree
            ON CONFLICT DO NOTHING
            """,
            """
            INSERT INTO admission_application (id, applicant_token_id, area_id, area_path, title, description, category,
                                               legal_basis, starts_on, ends_on, funding_amount, funding_source, staffing,
                                               workload_hours_per_month, status, submitted_on, legal_opinion,
                                               decision_meeting, decision_date, decision_reference, department_id,
                                               submit_by, decision_due)
            SELECT md5(\(seed) || ':admission:' || p.id || n)::uuid, md5(\(seed) || ':token:' || p.id)::uuid, p.area_id,
                   p.area_path, p.name || '工作事项' || n, '进社区工作事项', CASE WHEN n % 2 = 0 THEN 'assistance' ELSE 'statutory_duty' END,
                   '《城乡社区治理条例》', make_date(\(today.year), 1, 1), make_date(\(today.year), 12, 31),
                   CASE WHEN n % 4 = 0 THEN NULL ELSE 50000 * n END, CASE WHEN n % 4 = 0 THEN NULL ELSE '区财政' END,
                   '社区工作者', 4 * n, 'admitted', make_date(\(today.year) - 1, 11, 1), '合法', '区政府常务会议',
                   make_date(\(today.year) - 1, 11, 20), '区政发〔' || (\(today.year) - 1) || '〕' || n || '号', p.id,
                   make_date(\(today.year) - 1, 12, 1), make_date(\(today.year) - 1, 11, 22)
            FROM department p CROSS JOIN generate_series(1, 3) n
            WHERE p.area_path <@ \(cityPath)::ltree
            ON CONFLICT DO NOTHING
            """,
        ]
        for statement in statements { try await bulk(statement) }
    }

    /// Mediation cases of one grid slice over five years: most concluded (three in five with an
    /// agreement), some open, a few overdue; one in twenty escalated; two parties each.
    public func mediationCases(seed: Int, cityPath: String, perGrid: Int, today: CalendarDay) async throws {
        // Cases and their parties are written in id order: the service's ids are time-ordered, so
        // a real table lies in id order and a list read in id order reads neighbouring pages.
        // The parties go first (their reference to the case is checked at commit) so that each
        // case is written once, with its parties' text (migration 0045), not written again by
        // the parties' trigger.
        try await store.client.withTransaction(deadline: .now.advanced(by: Self.deadline)) { transaction in
            _ = try await transaction.query("SET CONSTRAINTS mediation_party_case_id_fk DEFERRED")
            _ = try await transaction.query(
                """
                CREATE TEMPORARY TABLE seed_case ON COMMIT DROP AS
                SELECT md5(\(seed) || ':case:' || g.id || n)::uuid AS id, g.id AS origin_area_id, g.path AS origin_path,
                       'community' AS level, c.path AS level_path,
                       (ARRAY['party_application', 'grid_patrol', 'referral', 'walk_in'])[1 + h % 4] AS source,
                       (ARRAY['neighbour', 'family', 'property', 'labour', 'other'])[1 + (h / 4) % 5] AS category,
                       '纠纷' AS description, 'low' AS risk, 'simple' AS complexity,
                       CASE WHEN h % 10 < 8 THEN 'closed' WHEN h % 10 = 8 THEN 'in_mediation' ELSE 'received' END AS status,
                       CASE WHEN h % 10 < 9 THEN day + 1 END AS accepted_on,
                       CASE WHEN h % 10 < 8 THEN day + 1 + (h / 7) % 40 END AS concluded_on,
                       CASE WHEN h % 10 < 8 AND (h / 3) % 5 < 3 THEN day + 1 + (h / 7) % 40 END AS agreement_on,
                       CASE WHEN h % 10 < 8 AND (h / 3) % 5 < 3 THEN day + 1 + (h / 7) % 40 END AS agreement_effective_on,
                       day::timestamptz AS created_at
                FROM area g JOIN area c ON c.id = g.parent_id
                CROSS JOIN generate_series(1, \(perGrid)) n
                CROSS JOIN LATERAL (SELECT abs(hashtext(g.id::text || n)) AS h) hashed
                CROSS JOIN LATERAL (SELECT \(today)::date - 1826 + (h / 11) % 1826 AS day) dated
                WHERE g.kind = 'grid' AND g.path <@ \(cityPath)::ltree
                  AND NOT EXISTS (SELECT 1 FROM mediation_case m WHERE m.id = md5(\(seed) || ':case:' || g.id || n)::uuid)
                """)
            // Two parties a case, an applicant and a respondent, without phones (a phone is sealed
            // with the data key, which SQL does not hold); consent recorded once a case is accepted.
            _ = try await transaction.query(
                """
                INSERT INTO mediation_party (id, case_id, name, role, consented, position)
                SELECT md5(\(seed) || ':party:' || m.id || ':' || r.position)::uuid, m.id,
                       (ARRAY['张', '王', '李', '赵', '刘', '陈', '杨', '黄', '周', '吴'])[1 + abs(hashtext(m.id::text || r.role)) % 10]
                         || (ARRAY['某', '先生', '女士'])[1 + abs(hashtext(m.id::text || r.role || 'given')) % 3],
                       r.role, CASE WHEN m.accepted_on IS NOT NULL THEN true END, r.position
                FROM seed_case m CROSS JOIN (VALUES ('applicant', 0), ('respondent', 1)) AS r (role, position)
                ORDER BY m.id, r.position
                ON CONFLICT DO NOTHING
                """)
            _ = try await transaction.query(
                """
                INSERT INTO mediation_case (id, origin_area_id, origin_path, level, level_path, source, category, description,
                                            risk, complexity, status, accepted_on, concluded_on, agreement_on,
                                            agreement_effective_on, created_at, parties)
                SELECT id, origin_area_id, origin_path, level, level_path, source, category, description, risk, complexity,
                       status, accepted_on, concluded_on, agreement_on, agreement_effective_on, created_at,
                       mediation_case_parties(id)
                FROM seed_case ORDER BY id
                ON CONFLICT DO NOTHING
                """)
        }
        // One accepted case in twenty handed up to its street two days later, one in four of
        // those handed back.
        try await bulk(
            """
            INSERT INTO mediation_escalation (id, case_id, from_level, to_level, to_path, reason, status, created_at)
            SELECT md5(\(seed) || ':escalation:' || m.id)::uuid, m.id, 'community', 'street', subpath(m.origin_path, 0, 3),
                   '调解不成', CASE WHEN (h / 20) % 4 = 0 THEN 'returned' ELSE 'accepted' END, (m.accepted_on + 2)::timestamptz
            FROM mediation_case m CROSS JOIN LATERAL (SELECT abs(hashtext(m.id::text || 'escalate')) AS h) hashed
            WHERE m.origin_path <@ \(cityPath)::ltree AND m.accepted_on IS NOT NULL AND h % 20 = 0
            ON CONFLICT DO NOTHING
            """)
    }

    /// Runs one bulk statement in a transaction of its own, whose statement timeout is the
    /// seed's half hour rather than a request's few seconds.
    private func bulk(_ statement: PostgresQuery) async throws {
        try await store.client.withTransaction(deadline: .now.advanced(by: Self.deadline)) { transaction in
            _ = try await transaction.query(statement)
        }
    }

    /// The `index`th resident's id under a seed.
    public static func residentID(_ seed: Int, _ index: Int) -> UUID { id(seed, "resident", index) }

    /// The deterministic id of the `n`th thing of `kind` under a seed.
    static func id(_ seed: Int, _ kind: String, _ n: Int) -> UUID {
        let digest = Crypto.sha256(Data("\(seed):\(kind):\(n)".utf8))
        var bytes = Array(digest.prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return UUID(
            uuid: (
                bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7], bytes[8], bytes[9],
                bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
            ))
    }
}

/// Why a city cannot be seeded.
public enum CitySeedError: Error, CustomStringConvertible {
    /// The tree already has a root city that is not this seed's.
    case anotherCity

    public var description: String {
        "the database already has a city: seed --city needs an empty database (or the city of the same --seed)"
    }
}
