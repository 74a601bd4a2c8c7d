public import Foundation
public import Governance
public import Postgres

/// Voter rolls, their objections and proxy entrustments (ELE-3, ELE-4, ELE-5, ELE-23).
public struct VoterRollRepository: Sendable {
    let store: Store

    /// Creates the repository.
    public init(store: Store) { self.store = store }

    /// The residents of the area at `areaPath` with the birth dates their ID numbers carry: the
    /// numbers are opened here and never leave the store.
    public func residentBirthDates(under areaPath: String, in transaction: PostgresTransaction) async throws -> [(
        personId: UUID, birthDate: CalendarDay?
    )] {
        let rows = try await transaction.query(
            "SELECT id, id_number_cipher FROM person WHERE area_path <@ \(areaPath)::ltree ORDER BY id")
        return try rows.map { row in
            let id: UUID = try row.decode("id")
            let number = store.keys.open(try row.decode("id_number_cipher", as: Data.self), in: .personIdNumber(id))
            return (id, number.flatMap(ResidentIDNumber.birthDate(of:)))
        }
    }

    /// The birth date of one person in scope, from the ID number; nil when not found.
    public func birthDate(of personId: UUID, scopePath: String, in transaction: PostgresTransaction) async throws
        -> (found: Bool, birthDate: CalendarDay?)
    {
        let rows = try await transaction.query(
            "SELECT id_number_cipher FROM person WHERE id = \(personId) AND area_path <@ \(scopePath)::ltree")
        guard let row = rows.first else { return (false, nil) }
        let number = store.keys.open(try row.decode("id_number_cipher", as: Data.self), in: .personIdNumber(personId))
        return (true, number.flatMap(ResidentIDNumber.birthDate(of:)))
    }

    /// ELE-4: of `personIds`, those on the roll of another open election of a committee of the same kind.
    public func registeredElsewhere(_ personIds: [UUID], electionId: UUID, in transaction: PostgresTransaction)
        async throws -> Set<UUID>
    {
        let rows = try await transaction.query(
            """
            SELECT DISTINCT v.person_id FROM election_voter v
            JOIN election e ON e.id = v.election_id JOIN committee c ON c.id = e.committee_id
            WHERE v.person_id = ANY(\(personIds)::uuid[]) AND v.removed_on IS NULL AND v.election_id <> \(electionId)
              AND e.status NOT IN ('certified', 'failed')
              AND c.kind = (SELECT c2.kind FROM election e2 JOIN committee c2 ON c2.id = e2.committee_id WHERE e2.id = \(electionId))
            """)
        return Set(try rows.map { try $0.decode("person_id", as: UUID.self) })
    }

    /// Of `personIds`, those already on this roll.
    public func onRoll(_ personIds: [UUID], electionId: UUID, in transaction: PostgresTransaction) async throws
        -> Set<UUID>
    {
        let rows = try await transaction.query(
            """
            SELECT person_id FROM election_voter
            WHERE election_id = \(electionId) AND person_id = ANY(\(personIds)::uuid[]) AND removed_on IS NULL
            """)
        return Set(try rows.map { try $0.decode("person_id", as: UUID.self) })
    }

    /// Puts voters on the roll in one statement.
    public func insert(
        _ voters: [NewVoter], electionId: UUID, on day: CalendarDay, in transaction: PostgresTransaction
    ) async throws {
        guard !voters.isEmpty else { return }
        try await transaction.query(
            """
            INSERT INTO election_voter (id, election_id, person_id, category, certificate, consent_meeting_id, registered_on)
            SELECT v.id, \(electionId), v.person_id, v.category, NULLIF(v.certificate, ''),
                   NULLIF(v.consent_meeting_id, '')::uuid, \(day)::date
            FROM unnest(\(voters.map { _ in Identifier.make() })::uuid[], \(voters.map(\.personId))::uuid[],
                        \(voters.map(\.category.rawValue))::text[], \(voters.map { $0.certificate ?? "" })::text[],
                        \(voters.map { $0.consentMeetingId?.lowercasedString ?? "" })::text[])
                 AS v(id, person_id, category, certificate, consent_meeting_id)
            ON CONFLICT (election_id, person_id) DO UPDATE SET removed_on = NULL, registered_on = EXCLUDED.registered_on,
                category = EXCLUDED.category, certificate = EXCLUDED.certificate,
                consent_meeting_id = EXCLUDED.consent_meeting_id
            """)
    }

    /// Takes a voter off the roll (an upheld objection).
    public func remove(personId: UUID, electionId: UUID, on day: CalendarDay, in transaction: PostgresTransaction)
        async throws
    {
        try await transaction.query(
            """
            UPDATE election_voter SET removed_on = \(day)::date
            WHERE election_id = \(electionId) AND person_id = \(personId) AND removed_on IS NULL
            """)
    }

    /// The voter of `personId` on this roll, if on it.
    public func voter(personId: UUID, electionId: UUID, via route: ReadRoute) async throws -> Voter? {
        try await store.read(
            """
            SELECT \(unsafeSQL: Self.columns) FROM \(unsafeSQL: Self.source)
            WHERE v.election_id = \(electionId) AND v.person_id = \(personId) AND v.removed_on IS NULL
            """, via: route
        ).first.map(Self.voter(from:))
    }

    /// One page of the roll (voters still on it).
    public func voters(electionId: UUID, after: UUID?, limit: Int, deadline: ContinuousClock.Instant) async throws
        -> Page<Voter>
    {
        var query: PostgresQuery = """
            SELECT \(unsafeSQL: Self.columns) FROM \(unsafeSQL: Self.source)
            WHERE v.election_id = \(electionId) AND v.removed_on IS NULL
            """
        if let after { query.append(" AND v.id > \(after)") }
        query.append(" ORDER BY v.id LIMIT \(limit + 1)")
        let rows = try await store.read(query, deadline: deadline)
        return try Page.keyset(rows, limit: limit, decode: Self.voter(from:), cursor: { PageCursor.encode($0.id) })
    }

    /// The number of voters on the roll, or nil when the election has none (registered voters
    /// are then the stations' stated numbers).
    public func size(electionId: UUID, via route: ReadRoute) async throws -> Int? {
        let rows = try await store.read(
            """
            SELECT count(*) FILTER (WHERE removed_on IS NULL) AS active, count(*) AS ever
            FROM election_voter WHERE election_id = \(electionId)
            """, via: route)
        guard let row = rows.first, try row.decode("ever", as: Int.self) > 0 else { return nil }
        return try row.decode("active", as: Int.self)
    }

    /// ELE-4: the consenting meeting of the village at `areaId`: its kind and whether one of its decisions passed.
    public func consent(meetingId: UUID, areaId: UUID, in transaction: PostgresTransaction) async throws -> (
        kind: MeetingKind, passed: Bool
    )? {
        let rows = try await transaction.query(
            """
            SELECT m.kind, EXISTS (SELECT 1 FROM meeting_decision d WHERE d.meeting_id = m.id AND d.passed) AS passed
            FROM meeting m WHERE m.id = \(meetingId) AND m.area_id = \(areaId)
            """)
        guard let row = rows.first, let kind = MeetingKind(rawValue: try row.decode("kind", as: String.self)) else {
            return nil
        }
        return (kind, try row.decode("passed"))
    }

    // MARK: Objections

    /// Files an objection.
    public func insertObjection(
        electionId: UUID, personId: UUID, kind: RollObjectionKind, statement: String, filedOn: CalendarDay,
        in transaction: PostgresTransaction
    ) async throws -> RollObjection {
        let id = Identifier.make()
        try await transaction.query(
            """
            INSERT INTO election_roll_objection (id, election_id, person_id, kind, statement, filed_on)
            VALUES (\(id), \(electionId), \(personId), \(kind.rawValue), \(statement), \(filedOn)::date)
            """)
        return RollObjection(
            id: id, personId: personId, kind: kind, statement: statement, filedOn: filedOn, decidedOn: nil,
            upheld: nil, decision: nil)
    }

    /// The objection `id` of the election, locked when asked.
    public func objection(_ id: UUID, electionId: UUID, via route: ReadRoute, lock: Bool = false) async throws
        -> RollObjection?
    {
        var query: PostgresQuery = """
            SELECT \(unsafeSQL: Self.objectionColumns) FROM election_roll_objection o
            WHERE o.id = \(id) AND o.election_id = \(electionId)
            """
        if lock { query.append(" FOR UPDATE") }
        return try await store.read(query, via: route).first.map(Self.objection(from:))
    }

    /// Every objection of the election, in the order filed.
    public func objections(electionId: UUID, via route: ReadRoute) async throws -> [RollObjection] {
        try await store.read(
            """
            SELECT \(unsafeSQL: Self.objectionColumns) FROM election_roll_objection o
            WHERE o.election_id = \(electionId) ORDER BY o.id
            """, via: route
        ).map(Self.objection(from:))
    }

    /// Records the decision of an objection.
    public func decide(
        _ id: UUID, upheld: Bool, decision: String, on day: CalendarDay, in transaction: PostgresTransaction
    ) async throws {
        try await transaction.query(
            """
            UPDATE election_roll_objection SET decided_on = \(day)::date, upheld = \(upheld), decision = \(decision)
            WHERE id = \(id)
            """)
    }

    // MARK: Proxies

    /// How many entrustments `personId` holds as a proxy in this election.
    public func entrustmentsHeld(by personId: UUID, electionId: UUID, in transaction: PostgresTransaction)
        async throws -> Int
    {
        let rows = try await transaction.query(
            """
            SELECT count(*) AS held FROM election_proxy
            WHERE election_id = \(electionId) AND proxy_person_id = \(personId)
            """)
        return try rows.first?.decode("held") ?? 0
    }

    /// Records a written entrustment.
    public func insertProxy(
        electionId: UUID, voter: UUID, proxy: UUID, writtenOn: CalendarDay, in transaction: PostgresTransaction
    ) async throws -> ProxyEntrustment {
        let id = Identifier.make()
        try await transaction.query(
            """
            INSERT INTO election_proxy (id, election_id, voter_person_id, proxy_person_id, written_on)
            VALUES (\(id), \(electionId), \(voter), \(proxy), \(writtenOn)::date)
            """)
        return ProxyEntrustment(id: id, voterPersonId: voter, proxyPersonId: proxy, writtenOn: writtenOn)
    }

    static let columns = """
        v.id, v.person_id, p.name AS person_name, v.category, v.certificate, v.consent_meeting_id,
        v.registered_on::text AS registered_on, v.removed_on::text AS removed_on
        """
    static let source = "election_voter v JOIN person p ON p.id = v.person_id"
    static let objectionColumns = """
        o.id, o.person_id, o.kind, o.statement, o.filed_on::text AS filed_on, o.decided_on::text AS decided_on,
        o.upheld, o.decision
        """

    static func voter(from row: PostgresRow) throws -> Voter {
        guard let category = VoterCategory(rawValue: try row.decode("category", as: String.self)) else {
            throw PostgresError(.decoding, column: "category", detail: "unknown voter category")
        }
        return Voter(
            id: try row.decode("id"), personId: try row.decode("person_id"), personName: try row.decode("person_name"),
            category: category, certificate: try row.decode("certificate"),
            consentMeetingId: try row.decode("consent_meeting_id"),
            registeredOn: try row.decode("registered_on", as: CalendarDay.self),
            removedOn: try row.decode("removed_on", as: CalendarDay?.self))
    }

    static func objection(from row: PostgresRow) throws -> RollObjection {
        guard let kind = RollObjectionKind(rawValue: try row.decode("kind", as: String.self)) else {
            throw PostgresError(.decoding, column: "kind", detail: "unknown objection kind")
        }
        return RollObjection(
            id: try row.decode("id"), personId: try row.decode("person_id"), kind: kind,
            statement: try row.decode("statement"), filedOn: try row.decode("filed_on", as: CalendarDay.self),
            decidedOn: try row.decode("decided_on", as: CalendarDay?.self), upheld: try row.decode("upheld"),
            decision: try row.decode("decision"))
    }
}
