public import Foundation
public import Governance
import IdentifierText
public import Postgres

/// Committees, their members and the rule-profile overrides.
public struct CommitteeRepository: Sendable {
    let store: Store

    /// Creates the repository.
    public init(store: Store) { self.store = store }

    static let committeeColumns = """
        c.id, c.area_id, c.area_path::text AS area_path, c.kind, c.subject, c.name, c.compound, c.term_start::text AS term_start,
        c.term_end::text AS term_end, c.law_version, c.compliant AND c.term_end >= current_date AS compliant,
        c.finding_count + (CASE WHEN c.term_end < current_date AND c.compliant THEN 1 ELSE 0 END) AS finding_count, c.version, c.created_at
        """

    static let memberColumns = """
        m.id, m.committee_id, m.person_id, p.name AS person_name, p.gender, m.position, m.constituency, m.started_on::text AS started_on,
        m.ended_on::text AS ended_on, m.end_reason, m.concurrent_party_secretary, m.finance_role, m.close_relative_of::text AS relatives, m.version
        """

    // MARK: Committees

    /// Creates a committee.
    public func insert(
        _ new: NewCommittee, area: Area, termEnd: CalendarDay, lawVersion: Int, in transaction: PostgresTransaction
    ) async throws -> Committee {
        let id = Identifier.make()
        try await transaction.query(
            """
            INSERT INTO committee (id, area_id, area_path, kind, subject, name, compound, term_start, term_end, law_version)
            VALUES (\(id), \(area.id), \(area.path)::ltree, \(new.kind), \(new.subject), \(new.name), \(new.compound),
                    \(new.termStart)::date, \(termEnd)::date, \(lawVersion))
            """)
        return try await find(id, scopePath: area.path, via: .transaction(transaction))!
    }

    /// The committee `id` within `scopePath`.
    public func find(_ id: UUID, scopePath: String, via route: ReadRoute) async throws -> Committee? {
        let query: PostgresQuery =
            "SELECT \(unsafeSQL: Self.committeeColumns) FROM committee c WHERE c.id = \(id) AND c.area_path <@ \(scopePath)::ltree"
        let rows = try await store.read(query, via: route)
        return try rows.first.map(Self.committee(from:))
    }

    /// One page of committees in scope.
    public func list(
        scopePath: String, areaId: UUID?, kind: CommitteeKind?, compliant: Bool?, ids: [UUID]? = nil, after: UUID?,
        limit: Int, deadline: ContinuousClock.Instant
    ) async throws -> Page<Committee> {
        var query: PostgresQuery =
            "SELECT \(unsafeSQL: Self.committeeColumns) FROM committee c WHERE c.area_path <@ \(scopePath)::ltree"
        if let areaId { query.append(" AND c.area_path <@ (SELECT path FROM area WHERE id = \(areaId))") }
        if let kind { query.append(" AND c.kind = \(kind)") }
        if let ids { query.append(" AND c.id = ANY(\(ids)::uuid[])") }
        if let compliant { query.append(" AND (c.compliant AND c.term_end >= current_date) = \(compliant)") }
        if let after { query.append(" AND c.id > \(after)") }
        query.append(" ORDER BY c.id LIMIT \(limit + 1)")
        let rows = try await store.read(query, deadline: deadline)
        return try Page.keyset(rows, limit: limit, decode: Self.committee(from:), cursor: { PageCursor.encode($0.id) })
    }

    /// Applies a name or term change when the version matches.
    public func update(
        _ id: UUID, name: String?, termStart: CalendarDay?, termEnd: CalendarDay?, expectedVersion: Int?,
        scopePath: String,
        in transaction: PostgresTransaction
    ) async throws -> Bool {
        var query: PostgresQuery = "UPDATE committee SET version = version + 1, updated_at = now()"
        if let name { query.append(", name = \(name)") }
        if let termStart { query.append(", term_start = \(termStart)::date") }
        if let termEnd { query.append(", term_end = \(termEnd)::date") }
        query.append(" WHERE id = \(id) AND area_path <@ \(scopePath)::ltree")
        if let expectedVersion { query.append(" AND version = \(expectedVersion)") }
        return try await transaction.query(query).affectedRows == 1
    }

    /// Stores a committee's computed compliance.
    public func setCompliance(_ id: UUID, compliant: Bool, findingCount: Int, in transaction: PostgresTransaction)
        async throws
    {
        try await transaction.query(
            "UPDATE committee SET compliant = \(compliant), finding_count = \(findingCount) WHERE id = \(id)")
    }

    static func committee(from row: PostgresRow) throws -> Committee {
        guard let kind = CommitteeKind(rawValue: try row.decode("kind", as: String.self)),
            let start = CalendarDay(try row.decode("term_start", as: String.self)),
            let end = CalendarDay(try row.decode("term_end", as: String.self))
        else { throw PostgresError(.decoding, column: "kind", detail: "unknown committee kind or date") }
        return Committee(
            id: try row.decode("id"), areaId: try row.decode("area_id"), areaPath: try row.decode("area_path"),
            kind: kind,
            subject: try row.decode("subject", as: String?.self).flatMap(SubcommitteeSubject.init(rawValue:)),
            name: try row.decode("name"),
            compound: try row.decode("compound"), termStart: start, termEnd: end,
            lawVersion: try row.decode("law_version"),
            compliant: try row.decode("compliant"), findingCount: try row.decode("finding_count"),
            version: try row.decode("version"),
            createdAt: try row.decode("created_at"))
    }

    // MARK: Members

    /// Every tenure of a committee, oldest first, with the members' names and genders.
    public func members(of committeeId: UUID, via route: ReadRoute) async throws -> [(
        member: CommitteeMember, gender: Gender
    )] {
        let query: PostgresQuery = """
            SELECT \(unsafeSQL: Self.memberColumns) FROM committee_member m JOIN person p ON p.id = m.person_id
            WHERE m.committee_id = \(committeeId) ORDER BY m.id
            """
        let rows = try await store.read(query, via: route)
        return try rows.map { row in
            (try Self.member(from: row), Gender(rawValue: try row.decode("gender", as: String.self)) ?? .male)
        }
    }

    /// Seats a member; the database refuses a second director or an overlapping tenure.
    /// - Parameter electionId: the election whose certification seats the member (ELE-14 undoes it).
    public func insertMember(
        _ new: NewCommitteeMember, committee: Committee, electionId: UUID? = nil, in transaction: PostgresTransaction
    ) async throws -> CommitteeMember {
        let id = Identifier.make()
        try await transaction.query(
            """
            INSERT INTO committee_member (id, committee_id, area_path, person_id, position, constituency, started_on, ended_on,
                                          concurrent_party_secretary, finance_role, close_relative_of, election_id)
            VALUES (\(id), \(committee.id), \(committee.areaPath)::ltree, \(new.personId), \(new.position), \(new.constituency),
                    \(new.startedOn)::date, \(new.endedOn)::date, \(new.concurrentPartySecretary),
                    \(new.financeRole), \(new.closeRelativeOf.map { $0.uuidString })::uuid[], \(electionId))
            """)
        return try await member(id, committeeId: committee.id, in: transaction)!
    }

    /// One tenure of a committee.
    public func member(_ id: UUID, committeeId: UUID, in transaction: PostgresTransaction) async throws
        -> CommitteeMember?
    {
        let rows = try await transaction.query(
            """
            SELECT \(unsafeSQL: Self.memberColumns) FROM committee_member m JOIN person p ON p.id = m.person_id
            WHERE m.id = \(id) AND m.committee_id = \(committeeId)
            """)
        return try rows.first.map(Self.member(from:))
    }

    /// Ends or flags a tenure when the version matches.
    public func updateMember(
        _ id: UUID, endedOn: CalendarDay?, endReason: TenureEndReason?, concurrentPartySecretary: Bool?,
        expectedVersion: Int?,
        in transaction: PostgresTransaction
    ) async throws -> Bool {
        var query: PostgresQuery = "UPDATE committee_member SET version = version + 1"
        if let endedOn { query.append(", ended_on = \(endedOn)::date") }
        if let endReason { query.append(", end_reason = \(endReason)") }
        if let concurrentPartySecretary { query.append(", concurrent_party_secretary = \(concurrentPartySecretary)") }
        query.append(" WHERE id = \(id)")
        if let expectedVersion { query.append(" AND version = \(expectedVersion)") }
        return try await transaction.query(query).affectedRows == 1
    }

    /// Ends every tenure of a committee still open on `day` (a general election's winners take over).
    /// - Parameter electionId: the certification that ends them, which keeps how they were (ELE-14).
    public func endOpenTenures(
        of committeeId: UUID, on day: CalendarDay, reason: TenureEndReason, byElection electionId: UUID,
        in transaction: PostgresTransaction
    ) async throws {
        try await transaction.query(
            """
            UPDATE committee_member SET ended_on_before = ended_on, end_reason_before = end_reason,
                   ended_by_election_id = \(electionId),
                   ended_on = greatest(started_on, \(day)::date), end_reason = \(reason), version = version + 1
            WHERE committee_id = \(committeeId) AND (ended_on IS NULL OR ended_on > \(day)::date)
            """)
    }

    /// Starts a new term (COM-6).
    public func setTerm(
        _ id: UUID, start: CalendarDay, end: CalendarDay, lawVersion: Int, in transaction: PostgresTransaction
    ) async throws {
        try await transaction.query(
            """
            UPDATE committee SET term_start = \(start)::date, term_end = \(end)::date, law_version = \(lawVersion),
                   version = version + 1, updated_at = now()
            WHERE id = \(id)
            """)
    }

    /// Active members of the area's committees of `kinds` on `day`, with their declared relatives (COM-11).
    public func activeMembers(
        areaId: UUID, kinds: [CommitteeKind], on day: CalendarDay, in transaction: PostgresTransaction
    ) async throws -> [(person: UUID, relatives: [UUID])] {
        let rows = try await transaction.query(
            """
            SELECT m.person_id, m.close_relative_of::text AS relatives FROM committee_member m JOIN committee c ON c.id = m.committee_id
            WHERE c.area_id = \(areaId) AND c.kind = ANY(\(kinds.map(\.rawValue))::text[])
              AND m.started_on <= \(day)::date AND (m.ended_on IS NULL OR m.ended_on >= \(day)::date)
            """)
        return try rows.map { row in
            (try row.decode("person_id"), PostgresTextArray.uuids(try row.decode("relatives", as: String.self)))
        }
    }

    /// The committee's officers (every position but representative) in office on `day`.
    public func activeOfficerCount(of committeeId: UUID, on day: CalendarDay, in transaction: PostgresTransaction)
        async throws -> Int
    {
        let rows = try await transaction.query(
            """
            SELECT count(*) AS officers FROM committee_member
            WHERE committee_id = \(committeeId) AND position <> 'representative'
              AND started_on <= \(day)::date AND (ended_on IS NULL OR ended_on >= \(day)::date)
            """)
        return try rows.first?.decode("officers") ?? 0
    }

    static func member(from row: PostgresRow) throws -> CommitteeMember {
        guard let position = CommitteePosition(rawValue: try row.decode("position", as: String.self)),
            let started = CalendarDay(try row.decode("started_on", as: String.self))
        else { throw PostgresError(.decoding, column: "position", detail: "unknown position or date") }
        return CommitteeMember(
            id: try row.decode("id"), committeeId: try row.decode("committee_id"),
            personId: try row.decode("person_id"),
            personName: try row.decode("person_name"), position: position,
            constituency: try row.decode("constituency", as: String?.self).flatMap(Constituency.init(rawValue:)),
            startedOn: started,
            endedOn: try row.decode("ended_on", as: CalendarDay?.self),
            endReason: try row.decode("end_reason", as: String?.self).flatMap(TenureEndReason.init(rawValue:)),
            concurrentPartySecretary: try row.decode("concurrent_party_secretary"),
            financeRole: try row.decode("finance_role", as: String?.self).flatMap(FinanceRole.init(rawValue:)),
            closeRelativeOf: PostgresTextArray.uuids(try row.decode("relatives", as: String.self)),
            version: try row.decode("version"))
    }

    // MARK: Compliance facts

    /// The facts of every committee of an area on `day`, in one statement.
    public func facts(areaId: UUID, on day: CalendarDay, in transaction: PostgresTransaction) async throws -> [(
        id: UUID, facts: CommitteeFacts
    )] {
        let rows = try await transaction.query(
            """
            SELECT c.id, c.kind, c.subject, a.kind AS area_kind, a.population, c.term_end::text AS term_end,
                   c.law_version, c.term_start::text AS term_start, a.households,
                   EXISTS (SELECT 1 FROM committee sc WHERE sc.area_id = c.area_id AND sc.kind = 'supervision_committee'
                            AND sc.term_end >= \(day)::date) AS has_supervision,
                   (SELECT max(ev.held_on)::text FROM committee_evaluation ev WHERE ev.committee_id = c.id) AS last_evaluated_on,
                   EXISTS (SELECT 1 FROM election a WHERE a.committee_id = c.id AND a.status = 'annulled'
                            AND NOT EXISTS (SELECT 1 FROM election r WHERE r.committee_id = c.id
                                             AND r.status = 'certified' AND r.created_at > a.created_at)) AS reelection_due,
                   EXISTS (SELECT 1 FROM election u WHERE u.committee_id = c.id AND u.kind = 'general'
                            AND u.status NOT IN ('draft', 'registration', 'certified', 'failed', 'annulled')) AS election_under_way,
                   (SELECT coalesce(json_agg(mt.held_on::text), '[]') FROM meeting mt
                     WHERE mt.area_id = c.area_id AND mt.kind = 'villager_representative_assembly'
                       AND mt.held_on >= \(day)::date - 200)::text AS assembly_meeting_days,
                   (SELECT coalesce(json_agg(json_build_object('position', m.position, 'gender', p.gender, 'constituency', m.constituency)), '[]')
                      FROM committee_member m JOIN person p ON p.id = m.person_id
                     WHERE m.committee_id = c.id AND m.started_on <= \(day)::date
                       AND (m.ended_on IS NULL OR m.ended_on >= \(day)::date))::text AS members,
                   (SELECT count(*) FROM committee_member m JOIN person p ON p.id = m.person_id
                     WHERE m.committee_id = c.id AND m.position <> 'representative' AND m.started_on <= \(day)::date
                       AND (m.ended_on IS NULL OR m.ended_on >= \(day)::date)
                       AND p.ethnicity IS NOT NULL AND p.ethnicity NOT IN ('汉族', '汉')) AS minority_officers,
                   (SELECT coalesce(array_agg(DISTINCT s.subject), '{}') FROM committee s
                     WHERE s.area_id = c.area_id AND s.kind = 'subcommittee' AND s.term_end >= \(day)::date)::text AS subjects
            FROM committee c JOIN area a ON a.id = c.area_id
            WHERE c.area_id = \(areaId)
            """)
        return try rows.map { row in
            let members = try row.decodeJSON("members", as: [MemberFacts].self).compactMap { member in
                member.domain
            }
            let subjects = try row.decode("subjects", as: String.self).trimmingCharacters(
                in: CharacterSet(charactersIn: "{}")
            )
            .split(separator: ",").compactMap { SubcommitteeSubject(rawValue: String($0)) }
            var facts = CommitteeFacts(
                kind: CommitteeKind(rawValue: try row.decode("kind", as: String.self)) ?? .subcommittee,
                areaKind: AreaKind(rawValue: try row.decode("area_kind", as: String.self)) ?? .community,
                population: try row.decode("population"),
                termEnd: CalendarDay(try row.decode("term_end", as: String.self)) ?? day, members: members,
                subcommitteeSubjects: Set(subjects),
                subject: (try row.decode("subject", as: String?.self)).flatMap(SubcommitteeSubject.init(rawValue:)))
            facts.minorityOfficers = try row.decode("minority_officers")
            facts.lawVersion = try row.decode("law_version")
            facts.termStart = CalendarDay(try row.decode("term_start", as: String.self))
            facts.reelectionDue = try row.decode("reelection_due")
            facts.households = try row.decode("households")
            facts.areaHasSupervisionCommittee = try row.decode("has_supervision")
            facts.lastEvaluatedOn = try row.decode("last_evaluated_on", as: CalendarDay?.self)
            facts.electionUnderWay = try row.decode("election_under_way")
            facts.assemblyMeetingDays = try row.decodeJSON("assembly_meeting_days", as: [String].self).compactMap {
                CalendarDay($0)
            }
            return (try row.decode("id"), facts)
        }
    }

    // MARK: Rule profiles

    /// Overrides on `areaPath` and its ancestors, from the root down.
    public func overrides(for areaPath: String, via route: ReadRoute) async throws -> [(
        areaId: String, parameter: String, value: Int
    )] {
        let query: PostgresQuery = """
            SELECT o.area_id, o.parameter, o.value FROM rule_profile_override o JOIN area a ON a.id = o.area_id
            WHERE a.path @> \(areaPath)::ltree ORDER BY nlevel(a.path), o.parameter
            """
        let rows = try await store.read(query, via: route)
        return try rows.map {
            (
                try $0.decode("area_id", as: UUID.self).lowercasedString, try $0.decode("parameter"),
                try $0.decode("value")
            )
        }
    }

    /// Sets or removes (`nil`) overrides on an area.
    public func setOverrides(areaId: UUID, _ parameters: [String: Int?], in transaction: PostgresTransaction)
        async throws
    {
        for (name, value) in parameters.sorted(by: { $0.key < $1.key }) {
            if let value {
                try await transaction.query(
                    """
                    INSERT INTO rule_profile_override (area_id, parameter, value) VALUES (\(areaId), \(name), \(value))
                    ON CONFLICT (area_id, parameter) DO UPDATE SET value = EXCLUDED.value, updated_at = now()
                    """)
            } else {
                try await transaction.query(
                    "DELETE FROM rule_profile_override WHERE area_id = \(areaId) AND parameter = \(name)")
            }
        }
    }
}

/// A member as the compliance facts' JSON column lists them.
private struct MemberFacts: Decodable {
    let position: String
    let gender: String
    let constituency: String?

    /// The domain values; `nil` for a value this version does not know.
    var domain: (position: CommitteePosition, gender: Gender, constituency: Constituency?)? {
        guard let position = CommitteePosition(rawValue: position), let gender = Gender(rawValue: gender) else {
            return nil
        }
        return (position, gender, constituency.flatMap(Constituency.init(rawValue:)))
    }
}
