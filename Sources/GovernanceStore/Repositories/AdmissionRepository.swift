public import Foundation
public import Governance
import IdentifierText
public import Postgres

/// Admission applications, assignments, refusals and ratings.
public struct AdmissionRepository: Sendable {
    let store: Store

    /// Creates the repository.
    public init(store: Store) { self.store = store }

    static let columns = """
        a.id, a.department_id, d.name AS department_name, a.applicant_token_id, a.area_id, a.area_path::text AS area_path, a.title, a.description, a.category, a.legal_basis,
        a.starts_on::text AS starts_on, a.ends_on::text AS ends_on, a.funding_amount, a.funding_source, a.staffing, a.workload_hours_per_month,
        a.forms::text AS forms, a.status, a.submitted_on::text AS submitted_on, a.legal_opinion, a.decision_meeting,
        a.decision_date::text AS decision_date, a.decision_reference, a.version, a.created_at, a.matter,
        a.submit_by::text AS submit_by, a.submit_by_calendar, a.decision_due::text AS decision_due, a.decision_due_calendar,
        a.entrustment_reference, a.entrustment_date::text AS entrustment_date,
        (SELECT json_build_object('year', v.year, 'version', v.version)::text
           FROM admission_list_item li JOIN admission_list_version v ON v.id = li.version_id
          WHERE li.application_id = a.id ORDER BY v.year DESC, v.version DESC LIMIT 1) AS list_version,
        a.target_community_ids::text AS target_community_ids
        """

    /// Applications with their department's name.
    static let source = "admission_application a JOIN department d ON d.id = a.department_id"

    static let refusalColumns = """
        r.id, r.community_id, r.department_id, d.name AS department_name, r.description, r.refused_on::text AS refused_on,
        r.evidence, r.status, r.outcome_note, r.kind
        """

    /// Who is reading: departments see their own department's applications only; everyone
    /// else sees submitted ones, and drafts only their own.
    public struct Reader: Sendable {
        /// The caller's scope path.
        public let scopePath: String
        /// The department, for department tokens.
        public let departmentId: UUID?
        /// The caller's token.
        public let tokenId: UUID?

        /// Creates a reader.
        public init(scopePath: String, departmentId: UUID?, tokenId: UUID? = nil) {
            self.scopePath = scopePath
            self.departmentId = departmentId
            self.tokenId = tokenId
        }

        var filter: PostgresQuery {
            var query: PostgresQuery = " AND a.area_path <@ \(scopePath)::ltree"
            if let departmentId {
                query.append(" AND a.department_id = \(departmentId)")
            } else {
                query.append(" AND (a.status <> 'draft' OR a.applicant_token_id = \(tokenId))")
            }
            return query
        }
    }

    /// Drafts an application.
    public func insert(
        _ new: NewAdmissionApplication, departmentId: UUID, applicant: UUID, area: Area,
        submitBy: (day: CalendarDay, calendar: String?), in transaction: PostgresTransaction
    ) async throws -> AdmissionApplication {
        let id = Identifier.make()
        try await transaction.query(
            """
            INSERT INTO admission_application (id, department_id, applicant_token_id, area_id, area_path, title, description, category, legal_basis,
                starts_on, ends_on, funding_amount, funding_source, staffing, workload_hours_per_month, forms, matter,
                submit_by, submit_by_calendar, entrustment_reference, entrustment_date, target_community_ids)
            VALUES (\(id), \(departmentId), \(applicant), \(area.id), \(area.path)::ltree, \(new.title), \(new.description), \(new.category),
                    \(new.legalBasis), \(new.startsOn)::date, \(new.endsOn)::date, \(new.fundingAmount), \(new.fundingSource),
                    \(new.staffing), \(new.workloadHoursPerMonth), \(new.forms)::text[], \(new.matter.rawValue),
                    \(submitBy.day)::date, \(submitBy.calendar), \(new.entrustmentReference), \(new.entrustmentDate)::date,
                    \(new.targetCommunityIds)::uuid[])
            """)
        return try await find(
            id, reader: Reader(scopePath: area.path, departmentId: departmentId), via: .transaction(transaction))!
    }

    /// The application `id` as `reader` may see it.
    public func find(_ id: UUID, reader: Reader, via route: ReadRoute) async throws -> AdmissionApplication? {
        var query: PostgresQuery = "SELECT \(unsafeSQL: Self.columns) FROM \(unsafeSQL: Self.source) WHERE a.id = \(id)"
        query.append(reader.filter)
        let rows: PostgresRows
        switch route {
        case .transaction(let transaction): rows = try await transaction.query(query.appending(" FOR UPDATE OF a"))
        case .pipeline: rows = try await store.read(query, via: route)
        }
        return try rows.first.map(Self.application(from:))
    }

    /// One page of applications.
    public func list(
        reader: Reader, status: AdmissionStatus?, overdue: Bool?, today: CalendarDay, after: UUID?, limit: Int,
        deadline: ContinuousClock.Instant
    ) async throws -> Page<AdmissionApplication> {
        var query: PostgresQuery = "SELECT \(unsafeSQL: Self.columns) FROM \(unsafeSQL: Self.source) WHERE true"
        query.append(reader.filter)
        switch status {
        case .expired: query.append(" AND a.status = 'admitted' AND a.ends_on < \(today)::date")
        case .admitted: query.append(" AND a.status = 'admitted' AND a.ends_on >= \(today)::date")
        case .some(let status): query.append(" AND a.status = \(status)")
        case nil: break
        }
        if let overdue {
            // `AdmissionDeadlines.isOverdue` in SQL, so the filter is part of the keyset query.
            query.append(
                """
                 AND ((a.status = 'draft' AND \(today)::date > a.submit_by)
                   OR (a.status IN ('submitted', 'legal_review', 'decision') AND a.decision_due IS NOT NULL
                       AND \(today)::date > a.decision_due)) = \(overdue)::boolean
                """)
        }
        if let after { query.append(" AND a.id > \(after)") }
        query.append(" ORDER BY a.id LIMIT \(limit + 1)")
        let rows = try await store.read(query, deadline: deadline)
        return try Page.keyset(
            rows, limit: limit, decode: Self.application(from:), cursor: { PageCursor.encode($0.id) })
    }

    /// The admitted items active on `day` whose target overlaps the area `path`: a community,
    /// its street and its city see the same items.
    public func admittedItems(
        overlapping path: String, community communityId: UUID? = nil, on day: CalendarDay, after: UUID?, limit: Int,
        deadline: ContinuousClock.Instant
    ) async throws -> Page<AdmissionApplication> {
        var query: PostgresQuery = """
            SELECT \(unsafeSQL: Self.columns) FROM \(unsafeSQL: Self.source)
            WHERE a.status = 'admitted' AND a.starts_on <= \(day)::date AND a.ends_on >= \(day)::date
              AND (a.area_path <@ \(path)::ltree OR a.area_path @> \(path)::ltree)
            """
        if let communityId {
            query.append(" AND (a.target_community_ids IS NULL OR \(communityId) = ANY(a.target_community_ids))")
        }
        if let after { query.append(" AND a.id > \(after)") }
        query.append(" ORDER BY a.id LIMIT \(limit + 1)")
        let rows = try await store.read(query, deadline: deadline)
        return try Page.keyset(
            rows, limit: limit, decode: Self.application(from:), cursor: { PageCursor.encode($0.id) })
    }

    /// Records a transition and what it carries.
    public func apply(_ id: UUID, _ change: AdmissionChange, in transaction: PostgresTransaction) async throws {
        let step = change.step
        var query: PostgresQuery = "UPDATE admission_application SET status = \(step.to), version = version + 1"
        if let submittedOn = change.submittedOn { query.append(", submitted_on = \(submittedOn)::date") }
        if let due = change.decisionDue {
            query.append(", decision_due = \(due.day)::date, decision_due_calendar = \(due.calendar)")
        }
        if let legalOpinion = step.legalOpinion { query.append(", legal_opinion = \(legalOpinion)") }
        if let meeting = step.meeting { query.append(", decision_meeting = \(meeting)") }
        if let decisionDate = step.decisionDate { query.append(", decision_date = \(decisionDate)::date") }
        if let reference = step.decisionReference { query.append(", decision_reference = \(reference)") }
        query.append(" WHERE id = \(id)")
        try await transaction.query(query)
    }

    /// Records an assignment that passed the gate.
    public func insertAssignment(
        application: AdmissionApplication, community: Area, on day: CalendarDay, in transaction: PostgresTransaction
    ) async throws -> UUID {
        let id = Identifier.make()
        try await transaction.query(
            """
            INSERT INTO admission_assignment (id, application_id, community_id, area_path, department_id, assigned_on)
            VALUES (\(id), \(application.id), \(community.id), \(community.path)::ltree, \(application.departmentId), \(day)::date)
            """)
        return id
    }

    /// The admitted application `id` as the push gate sees it from `scopePath`.
    public func findForGate(_ id: UUID, departmentId: UUID?, scopePath: String, in transaction: PostgresTransaction)
        async throws -> AdmissionApplication?
    {
        // Visible when its target and the caller's scope overlap; otherwise the same nil as a
        // missing id (an application outside the scope must not answer differently).
        var query: PostgresQuery = """
            SELECT \(unsafeSQL: Self.columns) FROM \(unsafeSQL: Self.source)
            WHERE a.id = \(id) AND (a.area_path <@ \(scopePath)::ltree OR a.area_path @> \(scopePath)::ltree)
            """
        if let departmentId { query.append(" AND a.department_id = \(departmentId)") }
        return try await transaction.query(query).first.map(Self.application(from:))
    }

    // MARK: Refusals and ratings

    /// Records a refusal.
    public func insertRefusal(
        community: Area, departmentId: UUID, kind: AdmissionViolationKind, description: String, date: CalendarDay,
        evidence: String?, in transaction: PostgresTransaction
    ) async throws -> AdmissionRefusal {
        let id = Identifier.make()
        try await transaction.query(
            """
            INSERT INTO admission_refusal (id, community_id, area_path, department_id, description, refused_on, evidence, kind)
            VALUES (\(id), \(community.id), \(community.path)::ltree, \(departmentId), \(description), \(date)::date, \(evidence), \(kind.rawValue))
            """)
        return try await refusal(id, scopePath: community.path, in: transaction)!
    }

    /// A refusal in scope.
    public func refusal(_ id: UUID, scopePath: String, in transaction: PostgresTransaction) async throws
        -> AdmissionRefusal?
    {
        try await transaction.query(
            """
            SELECT \(unsafeSQL: Self.refusalColumns) FROM admission_refusal r JOIN department d ON d.id = r.department_id
            WHERE r.id = \(id) AND r.area_path <@ \(scopePath)::ltree FOR UPDATE OF r
            """
        ).first.map(Self.refusal(from:))
    }

    /// One page of refusals in scope.
    public func refusals(scopePath: String, after: UUID?, limit: Int, deadline: ContinuousClock.Instant) async throws
        -> Page<AdmissionRefusal>
    {
        var query: PostgresQuery = """
            SELECT \(unsafeSQL: Self.refusalColumns) FROM admission_refusal r JOIN department d ON d.id = r.department_id
            WHERE r.area_path <@ \(scopePath)::ltree
            """
        if let after { query.append(" AND r.id > \(after)") }
        query.append(" ORDER BY r.id LIMIT \(limit + 1)")
        let rows = try await store.read(query, deadline: deadline)
        return try Page.keyset(rows, limit: limit, decode: Self.refusal(from:), cursor: { PageCursor.encode($0.id) })
    }

    /// Closes a refusal.
    public func closeRefusal(_ id: UUID, outcome: String, note: String?, in transaction: PostgresTransaction)
        async throws
    {
        try await transaction.query(
            "UPDATE admission_refusal SET status = \(outcome), outcome_note = \(note) WHERE id = \(id)")
    }

    /// Records a rating; a second one for the same community, department and year is refused.
    public func insertRating(
        community: Area, departmentId: UUID, year: Int, score: Int, comment: String?,
        in transaction: PostgresTransaction
    ) async throws -> UUID {
        let id = Identifier.make()
        try await transaction.query(
            """
            INSERT INTO department_rating (id, community_id, area_path, department_id, year, score, comment)
            VALUES (\(id), \(community.id), \(community.path)::ltree, \(departmentId), \(year), \(score), \(comment))
            """)
        return id
    }

    /// Whether the department assigned work to the community in the year (only they may be rated).
    public func assigned(departmentId: UUID, community: UUID, year: Int, in transaction: PostgresTransaction)
        async throws -> Bool
    {
        let rows = try await transaction.query(
            """
            SELECT EXISTS (SELECT 1 FROM admission_assignment WHERE department_id = \(departmentId) AND community_id = \(community)
                           AND extract(year FROM assigned_on) = \(year)) AS assigned
            """)
        return try rows[0].decode("assigned", as: Bool.self)
    }

    /// A department's report for a year within `scopePath`, in one statement.
    public func report(
        departmentId: UUID, year: Int, scopePath: String, today: CalendarDay, deadline: ContinuousClock.Instant
    ) async throws -> DepartmentReport {
        let rows = try await store.read(
            """
            SELECT
              (SELECT count(*) FROM admission_application WHERE department_id = \(departmentId) AND area_path <@ \(scopePath)::ltree
                 AND extract(year FROM created_at AT TIME ZONE 'Asia/Shanghai') = \(year)) AS applications,
              (SELECT count(*) FROM admission_application WHERE department_id = \(departmentId) AND area_path <@ \(scopePath)::ltree
                 AND extract(year FROM created_at AT TIME ZONE 'Asia/Shanghai') = \(year) AND status IN ('admitted', 'withdrawn')) AS admitted,
              (SELECT count(*) FROM admission_application WHERE department_id = \(departmentId) AND area_path <@ \(scopePath)::ltree
                 AND extract(year FROM created_at AT TIME ZONE 'Asia/Shanghai') = \(year) AND status = 'rejected') AS rejected,
              (SELECT count(*) FROM admission_assignment WHERE department_id = \(departmentId) AND area_path <@ \(scopePath)::ltree
                 AND extract(year FROM assigned_on) = \(year)) AS assignments,
              (SELECT count(*) FROM admission_refusal WHERE department_id = \(departmentId) AND area_path <@ \(scopePath)::ltree
                 AND extract(year FROM refused_on) = \(year) AND status = 'upheld' AND kind = 'non_admitted_work') AS upheld,
              (SELECT coalesce(json_object_agg(k.kind, k.n), '{}')::text FROM (
                 SELECT kind, count(*) AS n FROM admission_refusal WHERE department_id = \(departmentId) AND area_path <@ \(scopePath)::ltree
                   AND extract(year FROM refused_on) = \(year) AND status = 'upheld' GROUP BY kind) AS k) AS violations,
              (SELECT count(*) FROM department_rating WHERE department_id = \(departmentId) AND area_path <@ \(scopePath)::ltree AND year = \(year)) AS ratings,
              (SELECT avg(score)::float8 FROM department_rating WHERE department_id = \(departmentId) AND area_path <@ \(scopePath)::ltree AND year = \(year)) AS average,
              (SELECT count(*) FROM admission_exception WHERE department_id = \(departmentId) AND area_path <@ \(scopePath)::ltree
                 AND mode = 'emergency' AND extract(year FROM starts_on) = \(year)) AS emergencies,
              (SELECT count(*) FROM admission_exception WHERE department_id = \(departmentId) AND area_path <@ \(scopePath)::ltree
                 AND mode = 'purchase_of_service' AND extract(year FROM starts_on) = \(year)) AS purchases,
              dispatched.*
            FROM (
              SELECT count(*) AS dispatches,
                     count(*) FILTER (WHERE d.status = 'fed_back') AS feedback,
                     count(*) FILTER (WHERE d.status = 'fed_back' AND d.fed_back_on <= d.due_on) AS on_time,
                     count(*) FILTER (WHERE d.status IN ('pending', 'accepted') AND \(today)::date > d.due_on) AS overdue
              FROM grid_event_dispatch d JOIN grid_event e ON e.id = d.event_id
              WHERE d.department_id = \(departmentId) AND e.area_path <@ \(scopePath)::ltree
                AND extract(year FROM d.dispatched_on) = \(year)
            ) AS dispatched
            """, deadline: deadline)
        let row = rows[0]
        var report = DepartmentReport()
        report.applications = try row.decode("applications")
        report.admitted = try row.decode("admitted")
        report.rejected = try row.decode("rejected")
        report.assignments = try row.decode("assignments")
        report.upheldRefusals = try row.decode("upheld")
        report.upheldViolations = try row.decodeJSON("violations", as: [String: Int].self)
        report.ratings = try row.decode("ratings")
        report.averageRating = try row.decode("average")
        report.gridEventDispatches = try row.decode("dispatches")
        report.gridEventFeedback = try row.decode("feedback")
        report.gridEventOnTime = try row.decode("on_time")
        report.gridEventOverdue = try row.decode("overdue")
        report.emergencyAssignments = try row.decode("emergencies")
        report.purchasedServices = try row.decode("purchases")
        return report
    }

    static func refusal(from row: PostgresRow) throws -> AdmissionRefusal {
        AdmissionRefusal(
            id: try row.decode("id"), communityId: try row.decode("community_id"),
            departmentId: try row.decode("department_id"), departmentName: try row.decode("department_name"),
            description: try row.decode("description"), date: try row.decode("refused_on", as: CalendarDay.self),
            evidence: try row.decode("evidence"), status: try row.decode("status"),
            outcomeNote: try row.decode("outcome_note"),
            kind: AdmissionViolationKind(rawValue: try row.decode("kind", as: String.self)) ?? .nonAdmittedWork)
    }

    static func application(from row: PostgresRow) throws -> AdmissionApplication {
        guard let category = AdmissionCategory(rawValue: try row.decode("category", as: String.self)),
            let status = AdmissionStatus(rawValue: try row.decode("status", as: String.self)),
            let starts = CalendarDay(try row.decode("starts_on", as: String.self)),
            let ends = CalendarDay(try row.decode("ends_on", as: String.self)),
            let matter = AdmissionMatter(rawValue: try row.decode("matter", as: String.self))
        else { throw PostgresError(.decoding, column: "status", detail: "unknown application field") }
        let forms = try row.decode("forms", as: String.self)
        return AdmissionApplication(
            id: try row.decode("id"), departmentId: try row.decode("department_id"),
            departmentName: try row.decode("department_name"),
            applicantTokenId: try row.decode("applicant_token_id"),
            areaId: try row.decode("area_id"), areaPath: try row.decode("area_path"), title: try row.decode("title"),
            description: try row.decode("description"), category: category, legalBasis: try row.decode("legal_basis"),
            startsOn: starts, endsOn: ends,
            fundingAmount: try row.decode("funding_amount"), fundingSource: try row.decode("funding_source"),
            staffing: try row.decode("staffing"),
            workloadHoursPerMonth: try row.decode("workload_hours_per_month"), forms: PostgresTextArray.parse(forms),
            storedStatus: status,
            submittedOn: try row.decode("submitted_on", as: CalendarDay?.self),
            legalOpinion: try row.decode("legal_opinion"),
            decisionMeeting: try row.decode("decision_meeting", as: String?.self).flatMap(
                DecisionMeeting.init(rawValue:)),
            decisionDate: try row.decode("decision_date", as: CalendarDay?.self),
            decisionReference: try row.decode("decision_reference"), version: try row.decode("version"),
            createdAt: try row.decode("created_at"), matter: matter,
            submitBy: try row.decode("submit_by", as: CalendarDay.self),
            decisionDue: try row.decode("decision_due", as: CalendarDay?.self),
            submitByCalendar: try row.decode("submit_by_calendar"),
            decisionDueCalendar: try row.decode("decision_due_calendar"),
            entrustmentReference: try row.decode("entrustment_reference"),
            entrustmentDate: try row.decode("entrustment_date", as: CalendarDay?.self),
            listVersion: try row.decode("list_version", as: String?.self).map {
                try JSONDecoder().decode(ListVersionReference.self, from: Data($0.utf8))
            },
            targetCommunityIds: try row.decode("target_community_ids", as: String?.self).map(PostgresTextArray.uuids))
    }
}
