public import Foundation
public import Governance
public import Postgres

/// Mediation cases and everything recorded on them.
public struct MediationRepository: Sendable {
    let store: Store

    /// Creates the repository.
    public init(store: Store) { self.store = store }

    static let columns = """
        c.id, c.origin_area_id, c.origin_path::text AS origin_path, c.level, c.level_path::text AS level_path, c.source, c.category, c.description,
        c.amount, c.risk, c.complexity, c.status, c.accepted_on::text AS accepted_on, c.extension_days, c.clock_months, c.mediator_token_id, c.agreement_terms,
        c.agreement_on::text AS agreement_on, c.performance_deadline::text AS performance_deadline, c.agreement_form, c.advice, c.decline_reason,
        c.version, c.created_at,
        (SELECT coalesce(json_agg(json_build_object('id', p.id, 'personId', p.person_id, 'name', p.name, 'cipher', encode(p.phone_cipher, 'hex'),
                 'masked', p.phone_masked, 'role', p.role, 'consented', p.consented) ORDER BY p.position), '[]')
           FROM mediation_party p WHERE p.case_id = c.id)::text AS parties,
        (SELECT count(*) FROM mediation_session s WHERE s.case_id = c.id) AS sessions,
        (SELECT count(*) FROM mediation_follow_up f WHERE f.case_id = c.id) AS follow_ups,
        EXISTS (SELECT 1 FROM mediation_escalation e WHERE e.case_id = c.id AND e.status = 'pending') AS pending_escalation
        """

    /// Who may read a case: the handling level and above, and the levels below it that it came
    /// from (a level keeps read access to what it escalated; a grid worker to its grid's cases).
    static func readable(_ scopePath: String) -> PostgresQuery {
        " AND (c.level_path <@ \(scopePath)::ltree OR c.origin_path <@ \(scopePath)::ltree)"
    }

    /// Receives a case; parties' phones are sealed.
    public func insert(
        _ new: NewMediationCase, origin: Area, level: MediationLevel, parties: [(personId: UUID?, name: String, phone: String?, role: String)],
        in transaction: PostgresTransaction
    ) async throws -> UUID {
        let id = Identifier.make()
        try await transaction.query(
            """
            INSERT INTO mediation_case (id, origin_area_id, origin_path, level, level_path, source, category, description, amount, risk, complexity)
            VALUES (\(id), \(origin.id), \(origin.path)::ltree, \(level.rawValue), \(level.path(from: origin.path))::ltree, \(new.source), \(new.category),
                    \(new.description), \(new.amount), \(new.risk.rawValue), \(new.complexity.rawValue))
            """)
        for (position, party) in parties.enumerated() {
            try await transaction.query(
                """
                INSERT INTO mediation_party (id, case_id, person_id, name, phone_cipher, phone_masked, role, position)
                VALUES (\(Identifier.make()), \(id), \(party.personId), \(party.name), \(party.phone.map(store.keys.seal)),
                        \(party.phone.map(PhoneNumber.masked)), \(party.role), \(position))
                """)
        }
        return id
    }

    /// The case `id` as seen from `scopePath`, with phones revealed only to `revealFor` when it is
    /// the assigned mediator.
    public func find(
        _ id: UUID, scopePath: String, revealFor tokenId: UUID?, in transaction: PostgresTransaction? = nil, lock: Bool = false,
        deadline: ContinuousClock.Instant = .now.advanced(by: .seconds(5))
    ) async throws -> MediationCase? {
        var query: PostgresQuery = "SELECT \(unsafeSQL: Self.columns) FROM mediation_case c WHERE c.id = \(id)"
        query.append(Self.readable(scopePath))
        if lock { query.append(" FOR UPDATE OF c") }
        let rows = try await store.read(query, in: transaction, deadline: deadline)
        return try rows.first.map { try mediationCase(from: $0, revealFor: tokenId) }
    }

    /// Filters of the case list.
    public struct Filter: Sendable {
        /// Area subtree (by origin).
        public var areaPath: String?
        /// Status.
        public var status: MediationStatus?
        /// Level.
        public var level: MediationLevel?
        /// Category.
        public var category: String?
        /// Risk.
        public var risk: MediationRisk?

        /// Creates a filter.
        public init(areaPath: String? = nil, status: MediationStatus? = nil, level: MediationLevel? = nil, category: String? = nil, risk: MediationRisk? = nil) {
            self.areaPath = areaPath
            self.status = status
            self.level = level
            self.category = category
            self.risk = risk
        }
    }

    /// One page of cases.
    public func list(
        scopePath: String, filter: Filter, revealFor tokenId: UUID?, after: UUID?, limit: Int, deadline: ContinuousClock.Instant
    ) async throws -> Page<MediationCase> {
        var query: PostgresQuery = "SELECT \(unsafeSQL: Self.columns) FROM mediation_case c WHERE true"
        query.append(Self.readable(scopePath))
        if let path = filter.areaPath { query.append(" AND c.origin_path <@ \(path)::ltree") }
        if let status = filter.status { query.append(" AND c.status = \(status.rawValue)") }
        if let level = filter.level { query.append(" AND c.level = \(level.rawValue)") }
        if let category = filter.category { query.append(" AND c.category = \(category)") }
        if let risk = filter.risk { query.append(" AND c.risk = \(risk.rawValue)") }
        if let after { query.append(" AND c.id > \(after)") }
        query.append(" ORDER BY c.id LIMIT \(limit + 1)")
        let rows = try await store.read(query, deadline: deadline)
        return try Page.keyset(rows, limit: limit, decode: { try mediationCase(from: $0, revealFor: tokenId) }, cursor: { PageCursor.encode($0.id) })
    }

    /// Updates a case's state and what goes with it.
    public struct Change: Sendable {
        /// New status.
        public var status: MediationStatus?
        /// Acceptance day (restarts the clock).
        public var acceptedOn: CalendarDay?
        /// The months the accepting level's profile gives.
        public var clockMonths: Int?
        /// Days to add to the deadline.
        public var addExtensionDays: Int = 0
        /// Mediator (`.some(nil)` clears).
        public var mediator: UUID??
        /// Level change (escalation accepted).
        public var level: (MediationLevel, String)?
        /// Agreement.
        public var agreement: (terms: String, on: CalendarDay, form: String, performanceDeadline: CalendarDay?)?
        /// Advice when failed.
        public var advice: String?
        /// Why declined.
        public var declineReason: String?
        /// The day the case concluded.
        public var concludedOn: CalendarDay?
        /// Mark as escalated (for the statistics).
        public var escalated = false

        /// Creates an empty change.
        public init() {}
    }

    /// Applies a change.
    public func apply(_ id: UUID, _ change: Change, in transaction: PostgresTransaction) async throws {
        var query: PostgresQuery = "UPDATE mediation_case SET version = version + 1, extension_days = extension_days + \(change.addExtensionDays)"
        if let status = change.status { query.append(", status = \(status.rawValue)") }
        if let acceptedOn = change.acceptedOn { query.append(", accepted_on = \(acceptedOn.description)::date") }
        if let clockMonths = change.clockMonths { query.append(", clock_months = \(clockMonths)") }
        if let mediator = change.mediator { query.append(", mediator_token_id = \(mediator)") }
        if let (level, path) = change.level { query.append(", level = \(level.rawValue), level_path = \(path)::ltree") }
        if let agreement = change.agreement {
            query.append(
                """
                , agreement_terms = \(agreement.terms), agreement_on = \(agreement.on.description)::date, agreement_form = \(agreement.form),
                  performance_deadline = \(agreement.performanceDeadline?.description)::date
                """)
        }
        if let advice = change.advice { query.append(", advice = \(advice)") }
        if let reason = change.declineReason { query.append(", decline_reason = \(reason)") }
        if let concludedOn = change.concludedOn { query.append(", concluded_on = \(concludedOn.description)::date") }
        if change.escalated { query.append(", escalated = true") }
        query.append(" WHERE id = \(id)")
        try await transaction.query(query)
    }

    /// Records each party's consent.
    public func recordConsents(_ consents: [UUID: Bool], caseId: UUID, in transaction: PostgresTransaction) async throws {
        for (party, consent) in consents {
            try await transaction.query("UPDATE mediation_party SET consented = \(consent) WHERE id = \(party) AND case_id = \(caseId)")
        }
    }

    /// Records a session.
    public func insertSession(caseId: UUID, heldOn: CalendarDay, place: String, attendees: [String], summary: String, in transaction: PostgresTransaction) async throws -> UUID {
        let id = Identifier.make()
        try await transaction.query(
            """
            INSERT INTO mediation_session (id, case_id, held_on, place, attendees, summary)
            VALUES (\(id), \(caseId), \(heldOn.description)::date, \(place), \(attendees)::text[], \(summary))
            """)
        return id
    }

    /// The sessions of a case.
    public func sessions(of caseId: UUID, deadline: ContinuousClock.Instant) async throws -> [(id: UUID, heldOn: CalendarDay, place: String, attendees: [String], summary: String)] {
        let rows = try await store.read(
            """
            SELECT id, held_on::text AS held_on, place, attendees::text AS attendees, summary FROM mediation_session
            WHERE case_id = \(caseId) ORDER BY held_on, id
            """, deadline: deadline)
        return try rows.map { row in
            (try row.decode("id"), CalendarDay(try row.decode("held_on", as: String.self))!, try row.decode("place"),
             PostgresTextArray.parse(try row.decode("attendees", as: String.self)), try row.decode("summary"))
        }
    }

    /// Opens an escalation; a second pending one is refused by the database as well.
    public func insertEscalation(
        caseId: UUID, from: MediationLevel, to: MediationLevel, toPath: String, reason: String, in transaction: PostgresTransaction
    ) async throws -> UUID {
        let id = Identifier.make()
        do {
            try await transaction.query(
                """
                INSERT INTO mediation_escalation (id, case_id, from_level, to_level, to_path, reason)
                VALUES (\(id), \(caseId), \(from.rawValue), \(to.rawValue), \(toPath)::ltree, \(reason))
                """)
        } catch let error as PostgresError where error.constraint == "mediation_escalation_one_pending" {
            throw DomainError(
                .conflict, code: "mediation.escalation_pending",
                message: LocalizedText(zh: "已有待上级受理的上报。", en: "An escalation is already waiting for the level above."))
        }
        return id
    }

    /// A pending escalation of a case.
    public func pendingEscalation(_ id: UUID, caseId: UUID, in transaction: PostgresTransaction) async throws -> (to: MediationLevel, toPath: String)? {
        let rows = try await transaction.query(
            """
            SELECT to_level, to_path::text AS to_path FROM mediation_escalation WHERE id = \(id) AND case_id = \(caseId) AND status = 'pending' FOR UPDATE
            """)
        guard let row = rows.first, let level = MediationLevel(rawValue: try row.decode("to_level", as: String.self)) else { return nil }
        return (level, try row.decode("to_path"))
    }

    /// Settles an escalation.
    public func decideEscalation(_ id: UUID, accepted: Bool, reason: String?, in transaction: PostgresTransaction) async throws {
        try await transaction.query(
            "UPDATE mediation_escalation SET status = \(accepted ? "accepted" : "returned"), decision_reason = \(reason) WHERE id = \(id)")
    }

    /// Records a follow-up.
    public func insertFollowUp(caseId: UUID, performance: PerformanceStatus, on day: CalendarDay, note: String?, in transaction: PostgresTransaction) async throws {
        try await transaction.query(
            """
            INSERT INTO mediation_follow_up (id, case_id, performance, followed_up_on, note)
            VALUES (\(Identifier.make()), \(caseId), \(performance.rawValue), \(day.description)::date, \(note))
            """)
    }

    /// The facts behind the statistics of a subtree: counts are done in SQL, no personal data.
    public func statisticsRows(areaPath: String, deadline: ContinuousClock.Instant) async throws -> [(status: String, category: String, level: String, source: String, acceptedOn: CalendarDay?, extensionDays: Int, clockMonths: Int, concludedDays: Int?, escalated: Bool, agreement: Bool, performed: Bool)] {
        let rows = try await store.read(
            """
            SELECT c.status, c.category, c.level, c.source, c.accepted_on::text AS accepted_on, c.extension_days, c.clock_months, c.escalated,
                   (c.concluded_on - c.created_at::date) AS concluded_days, c.agreement_on IS NOT NULL AS agreement,
                   EXISTS (SELECT 1 FROM mediation_follow_up f WHERE f.case_id = c.id AND f.performance = 'performed') AS performed
            FROM mediation_case c WHERE c.origin_path <@ \(areaPath)::ltree
            """, deadline: deadline)
        return try rows.map { row in
            (try row.decode("status"), try row.decode("category"), try row.decode("level"), try row.decode("source"),
             try row.decode("accepted_on", as: String?.self).flatMap(CalendarDay.init), try row.decode("extension_days"), try row.decode("clock_months"),
             try row.decode("concluded_days"), try row.decode("escalated"), try row.decode("agreement"), try row.decode("performed"))
        }
    }

    private func mediationCase(from row: PostgresRow, revealFor tokenId: UUID?) throws -> MediationCase {
        guard let level = MediationLevel(rawValue: try row.decode("level", as: String.self)),
            let status = MediationStatus(rawValue: try row.decode("status", as: String.self)),
            let risk = MediationRisk(rawValue: try row.decode("risk", as: String.self)),
            let complexity = MediationComplexity(rawValue: try row.decode("complexity", as: String.self))
        else { throw PostgresError(.decoding, column: "status", detail: "unknown case field") }
        let mediator = try row.decode("mediator_token_id", as: UUID?.self)
        let reveal = tokenId != nil && tokenId == mediator
        let objects = (try? JSONSerialization.jsonObject(with: Data(try row.decode("parties", as: String.self).utf8))) as? [[String: Any]] ?? []
        let parties = objects.compactMap { object -> MediationParty? in
            guard let id = (object["id"] as? String).flatMap(UUID.init(uuidString:)), let name = object["name"] as? String else { return nil }
            var phone = object["masked"] as? String
            if reveal, let hex = object["cipher"] as? String, let sealed = Data(hexString: hex) { phone = store.keys.open(sealed) }
            return MediationParty(
                id: id, personId: (object["personId"] as? String).flatMap(UUID.init(uuidString:)), name: name, phone: phone,
                role: object["role"] as? String ?? "third_party", consented: object["consented"] as? Bool)
        }
        return MediationCase(
            id: try row.decode("id"), originAreaId: try row.decode("origin_area_id"), originPath: try row.decode("origin_path"), level: level,
            levelPath: try row.decode("level_path"), source: try row.decode("source"), category: try row.decode("category"),
            description: try row.decode("description"), amount: try row.decode("amount"), risk: risk, complexity: complexity, status: status,
            acceptedOn: try row.decode("accepted_on", as: String?.self).flatMap(CalendarDay.init), extensionDays: try row.decode("extension_days"),
            clockMonths: try row.decode("clock_months"),
            mediatorTokenId: mediator, agreementTerms: try row.decode("agreement_terms"),
            agreementOn: try row.decode("agreement_on", as: String?.self).flatMap(CalendarDay.init),
            performanceDeadline: try row.decode("performance_deadline", as: String?.self).flatMap(CalendarDay.init),
            agreementForm: try row.decode("agreement_form"), advice: try row.decode("advice"), declineReason: try row.decode("decline_reason"),
            parties: parties, sessionCount: try row.decode("sessions"), followUpCount: try row.decode("follow_ups"),
            pendingEscalation: try row.decode("pending_escalation"), version: try row.decode("version"), createdAt: try row.decode("created_at"))
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
            guard let byte = UInt8(String(decoding: bytes[index..<index + 2], as: UTF8.self), radix: 16) else { return nil }
            data.append(byte)
            index += 2
        }
        self = data
    }
}
