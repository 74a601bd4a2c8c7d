public import Foundation
public import Governance
import IdentifierText
public import Postgres

/// Mediation cases and everything recorded on them.
public struct MediationRepository: Sendable {
    let store: Store

    /// Creates the repository.
    public init(store: Store) { self.store = store }

    /// A case's columns, from the cases `c` of `select` and what `related` joins to them. Its
    /// parties are the case's own column, kept by triggers (migration 0045).
    static let columns = """
        c.id, c.origin_area_id, c.origin_path::text AS origin_path, c.level, c.level_path::text AS level_path, c.source, c.category, c.description,
        c.amount, c.risk, c.complexity, c.status, c.accepted_on::text AS accepted_on, c.extension_days, c.clock_months, c.mediator_token_id,
        c.agreement_form, c.agreement_facts, c.agreement_terms, c.agreement_performance_manner,
        c.performance_deadline::text AS performance_deadline, c.agreement_on::text AS agreement_on,
        c.agreement_mediator_signed_on::text AS agreement_mediator_signed_on, c.agreement_sealed_on::text AS agreement_sealed_on,
        c.agreement_effective_on::text AS agreement_effective_on,
        c.judicial_applied_on::text AS judicial_applied_on, c.judicial_court, c.judicial_answer,
        c.judicial_answered_on::text AS judicial_answered_on, c.police_reported_at, c.police_reported_to, c.critical_street_hours,
        c.advice, c.decline_reason, c.version, c.created_at, c.grid_event_id,
        c.parties, coalesce(se.sessions, 0) AS sessions, coalesce(fu.follow_ups, 0) AS follow_ups, fu.last_follow_up_on,
        coalesce(fu.performed, false) AS performed_at_follow_up, mc.area_path IS NOT NULL AS has_mediation_committee,
        pe.case_id IS NOT NULL AS pending_escalation, coalesce(me.mediators, '[]') AS mediators,
        coalesce(he.helpers, '[]') AS helpers, fm.until AS full_time_mediator_until
        """

    /// What a case lists beside its own row, for all the cases of `c` at once: each a join on
    /// the page's ids (a subquery per case and list cost a page of a thousand cases twice as much).
    static let related = """
        LEFT JOIN (SELECT s.case_id, count(*) AS sessions FROM mediation_session s
                    WHERE s.case_id IN (SELECT id FROM c) GROUP BY s.case_id) se ON se.case_id = c.id
        LEFT JOIN (SELECT f.case_id, count(*) AS follow_ups, max(f.followed_up_on)::text AS last_follow_up_on,
                          bool_or(f.performance = 'performed') AS performed
                     FROM mediation_follow_up f WHERE f.case_id IN (SELECT id FROM c) GROUP BY f.case_id) fu ON fu.case_id = c.id
        LEFT JOIN (SELECT DISTINCT m.area_path FROM committee m
                    WHERE m.kind = 'subcommittee' AND m.subject = 'mediation' AND m.area_path IN (SELECT level_path FROM c)) mc
               ON mc.area_path = c.level_path
        LEFT JOIN (SELECT DISTINCT e.case_id FROM mediation_escalation e
                    WHERE e.status = 'pending' AND e.case_id IN (SELECT id FROM c)) pe ON pe.case_id = c.id
        LEFT JOIN (SELECT cm.case_id,
                          json_agg(json_build_object('id', m.id, 'personId', m.person_id, 'name', mp.name, 'employment', m.employment,
                                                     'chosenByParties', cm.chosen_by_parties) ORDER BY m.id)::text AS mediators
                     FROM mediation_case_mediator cm JOIN mediator m ON m.id = cm.mediator_id JOIN person mp ON mp.id = m.person_id
                    WHERE cm.case_id IN (SELECT id FROM c) GROUP BY cm.case_id) me ON me.case_id = c.id
        LEFT JOIN (SELECT h.case_id, json_agg(json_build_object('name', h.name, 'relation', h.relation) ORDER BY h.id)::text AS helpers
                     FROM mediation_helper h WHERE h.case_id IN (SELECT id FROM c) GROUP BY h.case_id) he ON he.case_id = c.id
        LEFT JOIN (SELECT m.area_path, max(coalesce(m.engaged_until, '9999-12-31'::date))::text AS until FROM mediator m
                    WHERE m.employment = 'full_time' AND m.ended_on IS NULL AND m.area_path IN (SELECT level_path FROM c)
                    GROUP BY m.area_path) fm ON fm.area_path = c.level_path
        """

    /// The cases `cases` selects (rows of `mediation_case`, in id order) with their columns.
    static func select(_ cases: PostgresQuery) -> PostgresQuery {
        var query: PostgresQuery = "WITH c AS MATERIALIZED ("
        query.append(cases)
        query.append(") SELECT \(unsafeSQL: columns) FROM c \(unsafeSQL: related) ORDER BY c.id")
        return query
    }

    /// Who may read a case: the handling level and above, and the levels below it that it came
    /// from (a level keeps read access to what it escalated; a grid worker to its grid's cases).
    static func readable(_ scopePath: String) -> PostgresQuery {
        " AND (c.level_path <@ \(scopePath)::ltree OR c.origin_path <@ \(scopePath)::ltree)"
    }

    /// Receives a case with its parties in one statement; parties' phones are sealed.
    public func insert(
        _ new: NewMediationCase, origin: Area, level: MediationLevel, criticalStreetHours: Int,
        parties: [(personId: UUID?, name: String, phone: String?, role: String)],
        in transaction: PostgresTransaction
    ) async throws -> UUID {
        let id = Identifier.make()
        var query: PostgresQuery = """
            WITH new_case AS (
                INSERT INTO mediation_case (id, origin_area_id, origin_path, level, level_path, source, category, description, amount, risk, complexity,
                                            critical_street_hours)
                VALUES (\(id), \(origin.id), \(origin.path)::ltree, \(level), \(level.path(from: origin.path))::ltree, \(new.source), \(new.category),
                        \(new.description), \(new.amount), \(new.risk), \(new.complexity), \(criticalStreetHours))
                RETURNING id
            )
            """
        if parties.isEmpty {
            query.append(" SELECT id FROM new_case")
        } else {
            query.append(
                " INSERT INTO mediation_party (id, case_id, person_id, name, phone_cipher, phone_masked, role, position) VALUES "
            )
            for (position, party) in parties.enumerated() {
                if position > 0 { query.append(", ") }
                let partyId = Identifier.make()
                query.append(
                    """
                    (\(partyId)::uuid, \(id)::uuid, \(party.personId)::uuid, \(party.name)::text,
                     \(party.phone.map { store.keys.seal($0, in: .mediationPartyPhone(partyId)) })::bytea, \(party.phone.map(PhoneNumber.masked))::text, \(party.role)::text,
                     \(position)::integer)
                    """)
            }
        }
        try await transaction.query(query)
        return id
    }

    /// The case `id` as seen from `scopePath`, with phones revealed only to `revealFor` when it is
    /// the assigned mediator.
    public func find(
        _ id: UUID, scopePath: String, revealFor tokenId: UUID?, person personId: UUID? = nil, via route: ReadRoute,
        lock: Bool = false
    ) async throws -> MediationCase? {
        var query: PostgresQuery = "SELECT * FROM mediation_case c WHERE c.id = \(id)"
        query.append(Self.readable(scopePath))
        if lock { query.append(" FOR UPDATE OF c") }
        let rows = try await store.read(Self.select(query), via: route)
        return try rows.first.map { try mediationCase(from: $0, revealFor: tokenId, person: personId) }
    }

    /// Whether an open case is past its deadline on `today`: `MediationClock.isOverdue` in SQL
    /// (a month added to a date keeps the day or takes the month's last, as the clock does).
    static func overdue(on today: CalendarDay) -> PostgresQuery {
        "(\(unsafeSQL: openAndAccepted("c")) AND \(today)::date > \(unsafeSQL: lastDay("c")))"
    }

    /// MED-17: the last day of the case `alias` (its mediation period from acceptance, plus
    /// extensions): `mediation_last_day` of migration 0037, which the statistics' rollup uses too.
    static func lastDay(_ alias: String) -> String {
        "mediation_last_day(\(alias).accepted_on, \(alias).clock_months, \(alias).extension_days)"
    }

    /// The case `alias` is accepted and not yet concluded.
    static func openAndAccepted(_ alias: String) -> String {
        "\(alias).status IN ('received', 'accepted', 'in_mediation') AND \(alias).accepted_on IS NOT NULL"
    }

    /// One page of cases; every filter, the overdue one included, is part of the keyset query.
    public func list(
        scopePath: String, filter: MediationCaseFilter, areaPath: String?, today: CalendarDay, revealFor tokenId: UUID?,
        after: UUID?, limit: Int,
        deadline: ContinuousClock.Instant
    ) async throws -> Page<MediationCase> {
        var query: PostgresQuery = "SELECT * FROM mediation_case c WHERE true"
        query.append(Self.readable(scopePath))
        if let areaPath { query.append(" AND c.origin_path <@ \(areaPath)::ltree") }
        if let status = filter.status { query.append(" AND c.status = \(status)") }
        if let level = filter.level { query.append(" AND c.level = \(level)") }
        if let category = filter.category { query.append(" AND c.category = \(category)") }
        if let risk = filter.risk { query.append(" AND c.risk = \(risk)") }
        if let ids = filter.ids { query.append(" AND c.id = ANY(\(ids)::uuid[])") }
        if let overdue = filter.overdue {
            query.append(" AND ")
            query.append(Self.overdue(on: today))
            query.append(" = \(overdue)::boolean")
        }
        if let after { query.append(" AND c.id > \(after)") }
        query.append(" ORDER BY c.id LIMIT \(limit + 1)")
        let rows = try await store.read(Self.select(query), deadline: deadline)
        return try Page.keyset(
            rows, limit: limit, decode: { try mediationCase(from: $0, revealFor: tokenId) },
            cursor: { PageCursor.encode($0.id) })
    }

    /// Applies a change the domain decided, in one statement: a new agreement clears the
    /// signatures of the one it replaces, a party's signature is inserted beside the update.
    public func apply(_ id: UUID, _ change: MediationChange, in transaction: PostgresTransaction) async throws {
        var query: PostgresQuery = ""
        if change.agreement != nil {
            query.append("WITH cleared AS (DELETE FROM mediation_agreement_signature WHERE case_id = \(id)) ")
        } else if let signature = change.signature, case .party(let partyId) = signature.signer {
            query.append(
                """
                WITH signed AS (INSERT INTO mediation_agreement_signature (case_id, party_id, method, signed_on)
                                VALUES (\(id), \(partyId), \(signature.method), \(signature.on)::date))
                """)
        }
        query.append(
            "UPDATE mediation_case SET version = version + 1, extension_days = extension_days + \(change.addExtensionDays)"
        )
        if let status = change.status { query.append(", status = \(status)") }
        if let acceptedOn = change.acceptedOn { query.append(", accepted_on = \(acceptedOn)::date") }
        if let clockMonths = change.clockMonths { query.append(", clock_months = \(clockMonths)") }
        if let mediator = change.mediator { query.append(", mediator_token_id = \(mediator)") }
        if let level = change.level, let path = change.levelPath {
            query.append(", level = \(level), level_path = \(path)::ltree")
        }
        if let agreement = change.agreement {
            query.append(
                """
                , agreement_form = \(agreement.form), agreement_facts = \(agreement.facts), agreement_terms = \(agreement.terms),
                  agreement_performance_manner = \(agreement.performanceManner),
                  performance_deadline = \(agreement.performanceDeadline)::date, agreement_on = \(agreement.agreedOn)::date,
                  agreement_mediator_signed_on = NULL, agreement_sealed_on = NULL,
                  agreement_effective_on = \(change.agreementEffectiveOn)::date,
                  judicial_applied_on = NULL, judicial_court = NULL, judicial_answer = NULL, judicial_answered_on = NULL
                """)
        }
        if let signature = change.signature {
            switch signature.signer {
            case .mediator: query.append(", agreement_mediator_signed_on = \(signature.on)::date")
            case .committeeSeal: query.append(", agreement_sealed_on = \(signature.on)::date")
            case .party: break
            }
        }
        if change.agreement == nil, let effectiveOn = change.agreementEffectiveOn {
            query.append(", agreement_effective_on = \(effectiveOn)::date")
        }
        if let application = change.judicialApplication {
            query.append(
                ", judicial_applied_on = \(application.appliedOn)::date, judicial_court = \(application.court)")
        }
        if let answer = change.judicialAnswer {
            query.append(
                ", judicial_answer = \(answer.accepted ? "accepted" : "not_accepted"), judicial_answered_on = \(answer.answeredOn)::date"
            )
        }
        if let report = change.policeReport {
            query.append(", police_reported_at = \(report.reportedAt), police_reported_to = \(report.reportedTo)")
        }
        if let advice = change.advice { query.append(", advice = \(advice)") }
        if let reason = change.declineReason { query.append(", decline_reason = \(reason)") }
        if let concludedOn = change.concludedOn { query.append(", concluded_on = \(concludedOn)::date") }
        if change.escalated { query.append(", escalated = true") }
        query.append(" WHERE id = \(id)")
        try await transaction.query(query)
    }

    /// Whether any building of the community at `communityPath` belongs to a compound (MED-19).
    public func communityHasCompounds(_ communityPath: String, in transaction: PostgresTransaction) async throws -> Bool
    {
        let rows = try await transaction.query(
            "SELECT EXISTS (SELECT 1 FROM building WHERE area_path <@ \(communityPath)::ltree AND compound IS NOT NULL) AS has"
        )
        return try rows.first?.decode("has") ?? false
    }

    /// Ends every post's assignment to the case (an escalation accepted above).
    public func releaseMediators(caseId: UUID, in transaction: PostgresTransaction) async throws {
        try await transaction.query("DELETE FROM mediation_case_mediator WHERE case_id = \(caseId)")
    }

    /// Names the case's mediators (replacing earlier ones) and records the helpers invited (MED-9).
    public func assignMediators(
        _ mediatorIds: [UUID], chosenByParties: Bool, helpers: [MediationHelper], caseId: UUID, on day: CalendarDay,
        in transaction: PostgresTransaction
    ) async throws {
        try await transaction.query(
            """
            WITH cleared AS (DELETE FROM mediation_case_mediator WHERE case_id = \(caseId))
            INSERT INTO mediation_case_mediator (case_id, mediator_id, chosen_by_parties, assigned_on)
            SELECT \(caseId), m, \(chosenByParties), \(day)::date FROM unnest(\(mediatorIds)::uuid[]) AS m
            """)
        for helper in helpers {
            try await transaction.query(
                """
                INSERT INTO mediation_helper (id, case_id, name, relation, invited_on)
                VALUES (\(Identifier.make()), \(caseId), \(helper.name), \(helper.relation.rawValue), \(day)::date)
                """)
        }
    }

    /// Records each party's consent.
    public func recordConsents(_ consents: [UUID: Bool], caseId: UUID, in transaction: PostgresTransaction) async throws
    {
        for (party, consent) in consents {
            try await transaction.query(
                "UPDATE mediation_party SET consented = \(consent) WHERE id = \(party) AND case_id = \(caseId)")
        }
    }

    /// Records a session.
    public func insertSession(
        caseId: UUID, heldOn: CalendarDay, place: String, attendees: [String], summary: String,
        in transaction: PostgresTransaction
    ) async throws -> UUID {
        let id = Identifier.make()
        try await transaction.query(
            """
            INSERT INTO mediation_session (id, case_id, held_on, place, attendees, summary)
            VALUES (\(id), \(caseId), \(heldOn)::date, \(place), \(attendees)::text[], \(summary))
            """)
        return id
    }

    /// The sessions of a case.
    public func sessions(of caseId: UUID, deadline: ContinuousClock.Instant) async throws -> [MediationSession] {
        let rows = try await store.read(
            """
            SELECT id, held_on::text AS held_on, place, attendees::text AS attendees, summary FROM mediation_session
            WHERE case_id = \(caseId) ORDER BY held_on, id
            """, deadline: deadline)
        return try rows.map { row in
            MediationSession(
                id: try row.decode("id"), heldOn: try row.decode("held_on"), place: try row.decode("place"),
                attendees: PostgresTextArray.parse(try row.decode("attendees", as: String.self)),
                summary: try row.decode("summary"))
        }
    }

    /// Opens an escalation; a second pending one is refused by the database as well.
    public func insertEscalation(
        caseId: UUID, from: MediationLevel, to: MediationLevel, toPath: String, reason: String,
        in transaction: PostgresTransaction
    ) async throws -> UUID {
        let id = Identifier.make()
        try await transaction.query(
            """
            INSERT INTO mediation_escalation (id, case_id, from_level, to_level, to_path, reason)
            VALUES (\(id), \(caseId), \(from), \(to), \(toPath)::ltree, \(reason))
            """)
        return id
    }

    /// A pending escalation of a case.
    public func pendingEscalation(_ id: UUID, caseId: UUID, in transaction: PostgresTransaction) async throws -> (
        to: MediationLevel, toPath: String
    )? {
        let rows = try await transaction.query(
            """
            SELECT to_level, to_path::text AS to_path FROM mediation_escalation WHERE id = \(id) AND case_id = \(caseId) AND status = 'pending' FOR UPDATE
            """)
        guard let row = rows.first, let level = MediationLevel(rawValue: try row.decode("to_level", as: String.self))
        else { return nil }
        return (level, try row.decode("to_path"))
    }

    /// Settles an escalation.
    public func decideEscalation(_ id: UUID, accepted: Bool, reason: String?, in transaction: PostgresTransaction)
        async throws
    {
        try await transaction.query(
            "UPDATE mediation_escalation SET status = \(accepted ? "accepted" : "returned"), decision_reason = \(reason) WHERE id = \(id)"
        )
    }

    /// Records a follow-up.
    public func insertFollowUp(
        caseId: UUID, performance: PerformanceStatus, on day: CalendarDay, note: String?,
        in transaction: PostgresTransaction
    ) async throws {
        try await transaction.query(
            """
            INSERT INTO mediation_follow_up (id, case_id, performance, followed_up_on, note)
            VALUES (\(Identifier.make()), \(caseId), \(performance), \(day)::date, \(note))
            """)
    }

    /// The statistics of a subtree from one `GROUP BY GROUPING SETS` query: the totals and one
    /// row per status, category, level and source; nothing is counted in Swift.
    public func statistics(areaPath: String, today: CalendarDay, deadline: ContinuousClock.Instant) async throws
        -> MediationStatistics
    {
        var query: PostgresQuery = """
            SELECT c.status, c.category, c.level, c.source, GROUPING(c.status, c.category, c.level, c.source) AS grouping,
                   count(*) AS total,
                   count(c.concluded_on) AS concluded,
                   count(*) FILTER (WHERE c.agreement_effective_on IS NOT NULL) AS agreements,
                   count(*) FILTER (WHERE c.escalated) AS escalated,
                   count(*) FILTER (WHERE EXISTS (
                       SELECT 1 FROM mediation_follow_up f WHERE f.case_id = c.id AND f.performance = 'performed')) AS performed,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY c.concluded_on - c.created_at::date) AS median_days,
                   count(*) FILTER (WHERE
            """
        query.append(Self.overdue(on: today))
        query.append(
            """
            ) AS overdue
            FROM mediation_case c WHERE c.origin_path <@ \(areaPath)::ltree
            GROUP BY GROUPING SETS ((c.status), (c.category), (c.level), (c.source), ())
            """)
        var statistics = MediationStatistics()
        for row in try await store.read(query, deadline: deadline) {
            let count: Int = try row.decode("total")
            // GROUPING's bits name the columns left out of a row's set (status is the highest).
            switch try row.decode("grouping", as: Int.self) {
            case 0b0111: statistics.byStatus[try row.decode("status")] = count
            case 0b1011: statistics.byCategory[try row.decode("category")] = count
            case 0b1101: statistics.byLevel[try row.decode("level")] = count
            case 0b1110: statistics.bySource[try row.decode("source")] = count
            default:
                statistics.total = count
                statistics.concluded = try row.decode("concluded")
                statistics.agreements = try row.decode("agreements")
                statistics.escalated = try row.decode("escalated")
                statistics.performed = try row.decode("performed")
                statistics.overdue = try row.decode("overdue")
                statistics.medianDaysToConclude = try row.decode("median_days")
            }
        }
        return statistics
    }

    private func mediationCase(from row: PostgresRow, revealFor tokenId: UUID?, person personId: UUID? = nil) throws
        -> MediationCase
    {
        guard let level = MediationLevel(rawValue: try row.decode("level", as: String.self)),
            let status = MediationStatus(rawValue: try row.decode("status", as: String.self)),
            let risk = MediationRisk(rawValue: try row.decode("risk", as: String.self)),
            let complexity = MediationComplexity(rawValue: try row.decode("complexity", as: String.self))
        else { throw PostgresError(.decoding, column: "status", detail: "unknown case field") }
        let mediator = try row.decode("mediator_token_id", as: UUID?.self)
        let mediators = try row.decodeJSON("mediators", as: [CaseMediatorColumn].self).compactMap { column in
            MediatorEmployment(rawValue: column.employment).map {
                CaseMediator(
                    mediatorId: column.id, personId: column.personId, name: column.name, employment: $0,
                    chosenByParties: column.chosenByParties)
            }
        }
        let reveal = MediationCase.revealsPartyPhones(
            to: tokenId, person: personId, assignedToken: mediator, assignedPersons: mediators.map(\.personId))
        var signatures: [UUID: AgreementSignature] = [:]
        let parties = try PartyColumn.parties(try row.decode("parties", as: String?.self)).map { party in
            var phone = party.masked
            if reveal, let cipher = party.cipher {
                guard let sealed = Data(hexString: cipher),
                    let value = store.keys.open(sealed, in: .mediationPartyPhone(party.id))
                else { throw PostgresError(.decoding, column: "phone_cipher", detail: "cannot decrypt") }
                phone = value
            }
            if let method = party.signMethod.flatMap(SigningMethod.init(rawValue:)),
                let day = party.signedOn.flatMap({ CalendarDay($0) })
            {
                signatures[party.id] = AgreementSignature(signer: .party(party.id), method: method, on: day)
            }
            return MediationParty(
                id: party.id, personId: party.personId, name: party.name, phone: phone, role: party.role,
                consented: party.consented)
        }
        var agreement: RecordedAgreement?
        if let form = try row.decode("agreement_form", as: String?.self).flatMap(AgreementForm.init(rawValue:)),
            let agreedOn = try row.decode("agreement_on", as: CalendarDay?.self)
        {
            agreement = RecordedAgreement(
                content: MediationAgreement(
                    form: form, facts: try row.decode("agreement_facts"),
                    terms: try row.decode("agreement_terms") ?? "",
                    performanceManner: try row.decode("agreement_performance_manner"),
                    performanceDeadline: try row.decode("performance_deadline", as: CalendarDay?.self),
                    agreedOn: agreedOn, recordedByMediator: form == .oral),
                partySignatures: signatures,
                mediatorSignedOn: try row.decode("agreement_mediator_signed_on", as: CalendarDay?.self),
                sealedOn: try row.decode("agreement_sealed_on", as: CalendarDay?.self),
                effectiveOn: try row.decode("agreement_effective_on", as: CalendarDay?.self))
        }
        var judicial: JudicialConfirmation?
        if let appliedOn = try row.decode("judicial_applied_on", as: CalendarDay?.self) {
            let answeredOn = try row.decode("judicial_answered_on", as: CalendarDay?.self)
            judicial = JudicialConfirmation(
                application: .init(appliedOn: appliedOn, court: try row.decode("judicial_court") ?? ""),
                answer: answeredOn.map {
                    .init(
                        accepted: (try? row.decode("judicial_answer", as: String?.self)) == "accepted", answeredOn: $0)
                })
        }
        var policeReport: PoliceReport?
        if let reportedAt = try row.decode("police_reported_at", as: Date?.self) {
            policeReport = PoliceReport(reportedAt: reportedAt, reportedTo: try row.decode("police_reported_to") ?? "")
        }
        return MediationCase(
            id: try row.decode("id"), originAreaId: try row.decode("origin_area_id"),
            originPath: try row.decode("origin_path"), level: level,
            levelPath: try row.decode("level_path"), source: try row.decode("source"),
            category: try row.decode("category"),
            description: try row.decode("description"), amount: try row.decode("amount"), risk: risk,
            complexity: complexity, status: status,
            acceptedOn: try row.decode("accepted_on", as: CalendarDay?.self),
            extensionDays: try row.decode("extension_days"),
            clockMonths: try row.decode("clock_months"),
            mediatorTokenId: mediator, agreement: agreement, judicialConfirmation: judicial, policeReport: policeReport,
            criticalStreetHours: try row.decode("critical_street_hours"),
            communityHasMediationCommittee: try row.decode("has_mediation_committee"),
            lastFollowUpOn: try row.decode("last_follow_up_on", as: CalendarDay?.self),
            performedAtFollowUp: try row.decode("performed_at_follow_up"),
            mediators: mediators,
            helpers: try row.decodeJSON("helpers", as: [HelperColumn].self).compactMap { column in
                MediationHelper.Relation(rawValue: column.relation).map {
                    MediationHelper(name: column.name, relation: $0)
                }
            },
            fullTimeMediatorUntil: try row.decode("full_time_mediator_until", as: CalendarDay?.self),
            advice: try row.decode("advice"),
            declineReason: try row.decode("decline_reason"),
            parties: parties, sessionCount: try row.decode("sessions"), followUpCount: try row.decode("follow_ups"),
            pendingEscalation: try row.decode("pending_escalation"), version: try row.decode("version"),
            createdAt: try row.decode("created_at"), gridEventId: try row.decode("grid_event_id"))
    }
}

/// An assigned mediator as the cases' JSON column lists it.
private struct CaseMediatorColumn: Decodable {
    let id: UUID
    let personId: UUID
    let name: String
    let employment: String
    let chosenByParties: Bool
}

/// A helper as the cases' JSON column lists it.
private struct HelperColumn: Decodable {
    let name: String
    let relation: String
}

/// A party as the case's `parties` column lists it (`mediation_case_parties`, migration 0045): a
/// row of ten texts in a two-dimensional array, in the parties' order, `NULL` for none.
private struct PartyColumn {
    let id: UUID
    let personId: UUID?
    let name: String
    let cipher: String?
    let masked: String?
    let role: String
    let consented: Bool?
    let signMethod: String?
    let signedOn: String?

    /// The members of a row, in the column's order.
    static let width = 10

    static func parties(_ column: String?) throws -> [PartyColumn] {
        guard let column else { return [] }
        guard let texts = PostgresTextArray.elements(column), texts.count % width == 0 else {
            throw PostgresError(.decoding, column: "parties", detail: "not rows of \(width)")
        }
        return try stride(from: 0, to: texts.count, by: width).map { start in
            let row = texts[start..<start + width]
            func text(_ offset: Int) -> String? { row[start + offset] }
            guard let id = text(0).flatMap(UUID.init(text:)), let name = text(2), let role = text(5) else {
                throw PostgresError(.decoding, column: "parties", detail: "a party without id, name or role")
            }
            return PartyColumn(
                id: id, personId: text(1).flatMap(UUID.init(text:)), name: name, cipher: text(3), masked: text(4),
                role: role, consented: text(6).map { $0 == "true" }, signMethod: text(7), signedOn: text(8))
        }
    }
}

extension Data {
    /// Bytes from hexadecimal text; `nil` when it is not hex.
    init?(hexString: String) {
        let bytes = Array(hexString.utf8)
        guard bytes.count % 2 == 0 else { return nil }
        var data = Data(capacity: bytes.count / 2)
        var index = 0
        while index < bytes.count {
            guard let byte = UInt8(String(decoding: bytes[index..<index + 2], as: UTF8.self), radix: 16) else {
                return nil
            }
            data.append(byte)
            index += 2
        }
        self = data
    }
}
