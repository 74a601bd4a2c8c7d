public import Foundation
public import Governance
import IdentifierText
public import Postgres

/// Elections, stations, candidates, tallies and recalls.
public struct ElectionRepository: Sendable {
    let store: Store

    /// Creates the repository.
    public init(store: Store) { self.store = store }

    static let columns = """
        e.id, e.committee_id, e.area_path::text AS area_path, e.kind, e.method, e.seats_director, e.seats_deputy_director, e.seats_member,
        e.polling_day::text AS polling_day, e.status, e.law_version, e.roll_days_before, e.candidate_days_before,
        e.roll_published_on::text AS roll_published_on, e.candidates_published_on::text AS candidates_published_on, e.version, e.created_at,
        e.certified_on::text AS certified_on, e.handover_on::text AS handover_on, e.annulled_on::text AS annulled_on,
        e.annulment_ground, e.annulment_reason
        """

    /// Creates an election for `committee` with the profile's numbers frozen.
    public func insert(
        _ new: NewElection, committee: Committee, lawVersion: Int, rollDaysBefore: Int, candidateDaysBefore: Int,
        in transaction: PostgresTransaction
    ) async throws -> Election {
        let id = Identifier.make()
        try await transaction.query(
            """
            INSERT INTO election (id, committee_id, area_path, kind, method, seats_director, seats_deputy_director, seats_member, polling_day,
                                  law_version, roll_days_before, candidate_days_before)
            VALUES (\(id), \(committee.id), \(committee.areaPath)::ltree, \(new.kind), \(new.method), \(new.seats[.director] ?? 0),
                    \(new.seats[.deputyDirector] ?? 0), \(new.seats[.member] ?? 0), \(new.pollingDay)::date, \(lawVersion),
                    \(rollDaysBefore), \(candidateDaysBefore))
            """)
        return try await find(id, scopePath: committee.areaPath, via: .transaction(transaction))!
    }

    /// The election `id` in scope; locked for update inside a transaction when `lock` is set.
    public func find(
        _ id: UUID, scopePath: String, via route: ReadRoute, lock: Bool = false
    ) async throws -> Election? {
        let query: PostgresQuery =
            "SELECT \(unsafeSQL: Self.columns) FROM election e WHERE e.id = \(id) AND e.area_path <@ \(scopePath)::ltree\(unsafeSQL: lock ? " FOR UPDATE" : "")"
        let rows = try await store.read(query, via: route)
        return try rows.first.map(Self.election(from:))
    }

    /// The election `id` whatever the scope (the public page).
    public func findPublic(_ id: UUID, deadline: ContinuousClock.Instant) async throws -> Election? {
        try await find(id, scopePath: "", via: .pipeline(deadline: deadline))
    }

    /// Moves the lifecycle and records the publication dates.
    public func apply(_ id: UUID, _ change: ElectionChange, in transaction: PostgresTransaction) async throws {
        var query: PostgresQuery = "UPDATE election SET status = \(change.status), version = version + 1"
        if let day = change.rollPublishedOn { query.append(", roll_published_on = \(day)::date") }
        if let day = change.candidatesPublishedOn { query.append(", candidates_published_on = \(day)::date") }
        query.append(" WHERE id = \(id)")
        try await transaction.query(query)
    }

    /// Records the certification day and the committee's term before it, so that an annulment
    /// can restore it (ELE-14).
    public func recordCertification(
        _ id: UUID, on day: CalendarDay, previous committee: Committee, in transaction: PostgresTransaction
    ) async throws {
        try await transaction.query(
            """
            UPDATE election SET certified_on = \(day)::date, previous_term_start = \(committee.termStart)::date,
                   previous_term_end = \(committee.termEnd)::date, previous_law_version = \(committee.lawVersion)
            WHERE id = \(id)
            """)
    }

    /// ELE-17: records the hand-over.
    public func recordHandover(_ id: UUID, on day: CalendarDay, note: String, in transaction: PostgresTransaction)
        async throws
    {
        try await transaction.query(
            """
            UPDATE election SET handover_on = \(day)::date, handover_note = \(note), version = version + 1
            WHERE id = \(id)
            """)
    }

    /// Whether a member the election seated has since been recalled or rated at an evaluation:
    /// records that refer to the tenure, which a rollback would remove.
    public func seatedMembersHaveRecords(_ id: UUID, in transaction: PostgresTransaction) async throws -> Bool {
        let rows = try await transaction.query(
            """
            SELECT EXISTS (SELECT 1 FROM committee_member m JOIN recall r ON r.member_id = m.id WHERE m.election_id = \(id))
                OR EXISTS (SELECT 1 FROM committee_member m JOIN committee_evaluation_rating e ON e.member_id = m.id
                           WHERE m.election_id = \(id)) AS referred
            """)
        return try rows.first?.decode("referred") ?? false
    }

    /// ELE-14: rolls the certification back: the members the election seated leave, then the
    /// tenures it ended resume as they were (in that order, so that a re-elected member's two
    /// tenures never overlap), the committee's term returns, and the election is annulled.
    public func annul(
        _ id: UUID, committeeId: UUID, on day: CalendarDay, ground: AnnulmentGround, reason: String,
        in transaction: PostgresTransaction
    ) async throws {
        try await transaction.query("DELETE FROM committee_member WHERE election_id = \(id)")
        try await transaction.query(
            """
            UPDATE committee_member SET ended_on = ended_on_before, end_reason = end_reason_before,
                   ended_by_election_id = NULL, ended_on_before = NULL, end_reason_before = NULL, version = version + 1
            WHERE ended_by_election_id = \(id)
            """)
        try await transaction.query(
            """
            UPDATE committee c SET term_start = e.previous_term_start, term_end = e.previous_term_end,
                   law_version = e.previous_law_version, version = c.version + 1, updated_at = now()
            FROM election e WHERE e.id = \(id) AND c.id = \(committeeId) AND e.previous_term_start IS NOT NULL
            """)
        try await transaction.query(
            """
            UPDATE election SET status = 'annulled', annulled_on = \(day)::date, annulment_ground = \(ground.rawValue),
                   annulment_reason = \(reason), version = version + 1
            WHERE id = \(id)
            """)
    }

    // MARK: Election committee (ELE-6)

    /// Seats a person on the election committee.
    public func insertCommitteeMember(
        electionId: UUID, personId: UUID, role: ElectionCommitteeMember.Role, on day: CalendarDay,
        in transaction: PostgresTransaction
    ) async throws -> UUID {
        let id = Identifier.make()
        try await transaction.query(
            """
            INSERT INTO election_committee_member (id, election_id, person_id, role, joined_on)
            VALUES (\(id), \(electionId), \(personId), \(role.rawValue), \(day)::date)
            """)
        return id
    }

    /// The election committee, in the order seated.
    public func electionCommittee(of electionId: UUID, via route: ReadRoute) async throws -> [ElectionCommitteeMember] {
        try await store.read(
            """
            SELECT id, person_id, role, joined_on::text AS joined_on, withdrawn_on::text AS withdrawn_on
            FROM election_committee_member WHERE election_id = \(electionId) ORDER BY id
            """, via: route
        ).map { row in
            ElectionCommitteeMember(
                id: try row.decode("id"), personId: try row.decode("person_id"),
                role: ElectionCommitteeMember.Role(rawValue: try row.decode("role", as: String.self)) ?? .member,
                joinedOn: try row.decode("joined_on", as: CalendarDay.self),
                withdrawnOn: try row.decode("withdrawn_on", as: CalendarDay?.self))
        }
    }

    /// A member withdraws today; false when no such serving member.
    public func withdraw(
        _ memberId: UUID, electionId: UUID, on day: CalendarDay, in transaction: PostgresTransaction
    ) async throws -> Bool {
        !(try await transaction.query(
            """
            UPDATE election_committee_member SET withdrawn_on = \(day)::date
            WHERE id = \(memberId) AND election_id = \(electionId) AND withdrawn_on IS NULL RETURNING id
            """
        )).isEmpty
    }

    // MARK: Stations and tallies

    /// Adds a polling station.
    public func insertStation(
        electionId: UUID, name: String, registeredVoters: Int, mobile: Bool, secretBooth: Bool,
        in transaction: PostgresTransaction
    ) async throws -> UUID {
        let id = Identifier.make()
        try await transaction.query(
            """
            INSERT INTO election_station (id, election_id, name, registered_voters, mobile, secret_booth)
            VALUES (\(id), \(electionId), \(name), \(registeredVoters), \(mobile), \(secretBooth))
            """)
        return id
    }

    /// The stations of an election with their tallies, in one statement.
    public func stations(of electionId: UUID, via route: ReadRoute) async throws -> [PollingStation] {
        let query: PostgresQuery = """
            SELECT s.id, s.name, s.registered_voters, s.mobile, s.secret_booth,
                   (SELECT coalesce(json_agg(json_build_object('round', t.round, 'issued', t.issued, 'cast', t.cast_count, 'valid', t.valid,
                                                               'invalid', t.invalid, 'proxy', t.proxy, 'votes', t.votes) ORDER BY t.round), '[]')
                      FROM election_tally t WHERE t.station_id = s.id)::text AS tallies
            FROM election_station s WHERE s.election_id = \(electionId) ORDER BY s.id
            """
        let rows = try await store.read(query, via: route)
        return try rows.map { row in
            let tallies = try row.decodeJSON("tallies", as: [TallyColumn].self).map(\.tally)
            var station = PollingStation(
                id: try row.decode("id"), name: try row.decode("name"),
                registeredVoters: try row.decode("registered_voters"),
                mobile: try row.decode("mobile"), tallies: tallies)
            station.secretBooth = try row.decode("secret_booth")
            return station
        }
    }

    /// Stores a station's tally for a round, replacing an earlier one.
    public func putTally(stationId: UUID, _ tally: Tally, in transaction: PostgresTransaction) async throws {
        let votesJSON = try jsonText(
            Dictionary(uniqueKeysWithValues: tally.votes.map { ($0.key.lowercasedString, $0.value) }))
        try await transaction.query(
            """
            INSERT INTO election_tally (station_id, round, issued, cast_count, valid, invalid, proxy, votes)
            VALUES (\(stationId), \(tally.round), \(tally.issued), \(tally.cast), \(tally.valid), \(tally.invalid), \(tally.proxy), \(votesJSON)::jsonb)
            ON CONFLICT (station_id, round) DO UPDATE SET issued = EXCLUDED.issued, cast_count = EXCLUDED.cast_count, valid = EXCLUDED.valid,
                invalid = EXCLUDED.invalid, proxy = EXCLUDED.proxy, votes = EXCLUDED.votes, updated_at = now()
            """)
    }

    // MARK: Candidates

    /// Adds a candidate.
    public func insertCandidate(
        electionId: UUID, personId: UUID, position: CommitteePosition, round: Int, in transaction: PostgresTransaction
    ) async throws -> UUID {
        let id = Identifier.make()
        try await transaction.query(
            """
            INSERT INTO election_candidate (id, election_id, person_id, position, round)
            VALUES (\(id), \(electionId), \(personId), \(position), \(round))
            """)
        return id
    }

    /// The candidates of an election with their names.
    public func candidates(of electionId: UUID, via route: ReadRoute) async throws -> [Candidate] {
        let query: PostgresQuery = """
            SELECT c.id, c.person_id, p.name, c.position, c.round FROM election_candidate c JOIN person p ON p.id = c.person_id
            WHERE c.election_id = \(electionId) ORDER BY c.round, c.position, c.id
            """
        let rows = try await store.read(query, via: route)
        return try rows.map { row in
            Candidate(
                id: try row.decode("id"), personId: try row.decode("person_id"), name: try row.decode("name"),
                position: CommitteePosition(rawValue: try row.decode("position", as: String.self)) ?? .member,
                round: try row.decode("round"))
        }
    }

    // MARK: Recall

    /// Records a recall and its outcome.
    public func insertRecall(
        memberId: UUID, areaPath: String, vote: RecallVote, reasons: String, in transaction: PostgresTransaction
    ) async throws -> UUID {
        let id = Identifier.make()
        try await transaction.query(
            """
            INSERT INTO recall (id, member_id, area_path, signatures, representative_signatures, representatives, registered_voters, cast_count,
                                in_favour, passed, reasons)
            VALUES (\(id), \(memberId), \(areaPath)::ltree, \(vote.signatures), \(vote.representativeSignatures), \(vote.representatives),
                    \(vote.registeredVoters), \(vote.cast), \(vote.inFavour), \(vote.passed), \(reasons))
            """)
        return id
    }

    static func election(from row: PostgresRow) throws -> Election {
        guard let kind = ElectionKind(rawValue: try row.decode("kind", as: String.self)),
            let method = ElectionMethod(rawValue: try row.decode("method", as: String.self)),
            let status = ElectionStatus(rawValue: try row.decode("status", as: String.self)),
            let pollingDay = CalendarDay(try row.decode("polling_day", as: String.self))
        else { throw PostgresError(.decoding, column: "status", detail: "unknown election field") }
        var election = Election(
            id: try row.decode("id"), committeeId: try row.decode("committee_id"),
            areaPath: try row.decode("area_path"), kind: kind, method: method,
            seats: [
                .director: try row.decode("seats_director"), .deputyDirector: try row.decode("seats_deputy_director"),
                .member: try row.decode("seats_member"),
            ],
            pollingDay: pollingDay, status: status, lawVersion: try row.decode("law_version"),
            rollDaysBefore: try row.decode("roll_days_before"),
            candidateDaysBefore: try row.decode("candidate_days_before"),
            rollPublishedOn: try row.decode("roll_published_on", as: CalendarDay?.self),
            candidatesPublishedOn: try row.decode("candidates_published_on", as: CalendarDay?.self),
            version: try row.decode("version"), createdAt: try row.decode("created_at"))
        election.certifiedOn = try row.decode("certified_on", as: CalendarDay?.self)
        election.handoverOn = try row.decode("handover_on", as: CalendarDay?.self)
        if let annulledOn = try row.decode("annulled_on", as: CalendarDay?.self),
            let ground = AnnulmentGround(rawValue: try row.decode("annulment_ground", as: String.self))
        {
            election.annulment = ElectionAnnulment(
                annulledOn: annulledOn, ground: ground, reason: try row.decode("annulment_reason"))
        }
        return election
    }
}

/// A tally as the stations' JSON column lists it.
private struct TallyColumn: Decodable {
    let round: Int
    let issued: Int
    let cast: Int
    let valid: Int
    let invalid: Int
    let proxy: Int
    let votes: [String: Int]?

    var tally: Tally {
        Tally(
            round: round, issued: issued, cast: cast, valid: valid, invalid: invalid, proxy: proxy,
            votes: (votes ?? [:]).reduce(into: [UUID: Int]()) { result, entry in
                if let id = UUID(text: entry.key) { result[id] = entry.value }
            })
    }
}
