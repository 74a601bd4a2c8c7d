package import Foundation
package import Governance
package import GovernanceStore
import Postgres

/// Work-task admission: a department may push work to a community only when it was reviewed,
/// admitted, and comes with its funding (domain-rules.md §2.4, §3.3).
package struct AdmissionService: Sendable {
    let store: Store
    let areas: AreaRepository
    let admission: AdmissionRepository
    let departments: DepartmentRepository
    let exceptions: ExceptionalAssignmentRepository
    let profiles: RuleProfiles
    let calendars: WorkingCalendarRepository
    let lists: AdmissionListRepository

    /// Creates the service.
    package init(store: Store) {
        self.store = store
        self.areas = AreaRepository(store: store)
        self.admission = AdmissionRepository(store: store)
        self.departments = DepartmentRepository(store: store)
        self.exceptions = ExceptionalAssignmentRepository(store: store)
        self.profiles = RuleProfiles(store: store)
        self.calendars = WorkingCalendarRepository(store: store)
        self.lists = AdmissionListRepository(store: store)
    }

    /// ADM-1: a district or the city publishes the next version of a year's admitted lists: every
    /// admitted item of its area running in the year; items then carry the version.
    package func publishList(areaId: UUID, year: Int, context: CallContext) async throws -> AdmissionListVersion {
        try await store.audited(context.write) { transaction in
            guard
                let scope = try await areas.findForShare(
                    context.principal.scopeAreaId, scopePath: context.scopePath, in: transaction),
                let area = try await areas.findForShare(areaId, scopePath: context.scopePath, in: transaction)
            else { throw DomainError.notFound("area") }
            try AdmissionListVersion.checkPublication(
                publisherScope: scope.kind, issuer: area.kind, year: year, today: context.today)
            let published = try await lists.publish(area: area, year: year, on: context.today, in: transaction)
            return AuditedChange(
                published, resourceType: "admission_list_version", resourceId: published.id, areaPath: area.path,
                summary: [
                    "year": .int(year), "version": .int(published.version), "items": .int(published.items.count),
                ])
        }
    }

    /// One page of published list versions: those of the caller's area, and of the district and
    /// city above it.
    package func listVersions(areaId: UUID?, year: Int?, cursor: String?, limit: Int?, context: CallContext)
        async throws -> Page<AdmissionListVersion>
    {
        var validator = FieldValidator()
        validator.range("year", year, 2000...2100)
        try validator.check()
        return try await lists.list(
            scopePath: context.scopePath, areaId: areaId, year: year, after: try PageCursor.decodeID(cursor),
            limit: try PageCursor.limit(limit), deadline: context.deadline)
    }

    static func reader(_ principal: Principal) -> AdmissionRepository.Reader {
        AdmissionRepository.Reader(
            scopePath: principal.scopePath, departmentId: ownDepartment(principal), tokenId: principal.tokenId)
    }

    /// For a `department` token, the department it speaks for (every such token names one, a
    /// database constraint); `nil` for other roles.
    static func ownDepartment(_ principal: Principal) -> UUID? {
        guard principal.role == .department else { return nil }
        // A department token without a department would otherwise read as unrestricted.
        return principal.departmentId ?? UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))
    }

    static let otherDepartment = DomainError(
        .forbidden, code: "admission.other_department",
        message: LocalizedText(
            zh: "部门令牌只能代表本部门。", en: "A department token acts for its own department only."))

    /// The department a department `departmentId` names, reachable from `path`; 404 otherwise.
    private func department(_ id: UUID, reachableFrom path: String, in transaction: PostgresTransaction)
        async throws -> Department
    {
        guard let department = try await departments.find(id, reach: .visibleFrom(path), via: .transaction(transaction))
        else { throw DomainError.notFound("department") }
        return department
    }

    /// A department drafts an application for an area in its scope and its own area; an admin
    /// drafts one on behalf of a department it names.
    package func create(_ new: NewAdmissionApplication, context: CallContext) async throws -> AdmissionApplication {
        try new.validate()
        return try await store.audited(context.write) { transaction in
            guard
                let area = try await areas.findForShare(new.targetAreaId, scopePath: context.scopePath, in: transaction)
            else {
                throw DomainError.notFound("area")
            }
            guard [.district, .street, .township, .community, .village].contains(area.kind) else {
                throw DomainError(
                    .unprocessable, code: "admission.invalid_target",
                    message: LocalizedText(
                        zh: "目标须为区、街道（乡镇）或社区（村）。", en: "The target is a district, street or community."))
            }
            let departmentId = try Self.actingDepartment(named: new.departmentId, principal: context.principal)
            let department = try await department(departmentId, reachableFrom: context.scopePath, in: transaction)
            try DepartmentRules.checkInside(department, path: area.path, field: "targetAreaId")
            if let targets = new.targetCommunityIds {  // ADM-2: communities inside the target area
                let inside = try await areas.countCommunities(targets, under: area.path, in: transaction)
                guard inside == targets.count else {
                    throw DomainError.validation([
                        .init(
                            field: "targetCommunityIds", code: "outside_target",
                            message: LocalizedText(
                                zh: "目标社区须为目标区域内的社区（村）。",
                                en: "The communities lie inside the target area."))
                    ])
                }
            }
            // ADM-5: 30 working days before the start, counted with the city's calendars.
            let days = try await calendars.handlingDays(
                forAreaAt: area.path, years: (new.startsOn.year - 1)...new.startsOn.year,
                in: transaction)
            let application = try await admission.insert(
                new, departmentId: department.id, applicant: context.principal.tokenId, area: area,
                submitBy: AdmissionDeadlines.submitBy(startsOn: new.startsOn, days: days), in: transaction)
            return AuditedChange(
                application, resourceType: "admission_application", resourceId: application.id, areaPath: area.path,
                summary: [
                    "departmentId": JSONValue(department.id), "title": .string(new.title),
                    "category": JSONValue(new.category),
                ])
        }
    }

    /// The application `id` as the caller may read it.
    package func get(_ id: UUID, context: CallContext) async throws -> AdmissionApplication {
        guard
            let application = try await admission.find(
                id, reader: Self.reader(context.principal), via: .pipeline(deadline: context.deadline))
        else {
            throw DomainError.notFound("admission_application")
        }
        return application
    }

    /// One page of applications the caller may read; every filter runs in the keyset query.
    package func list(status: AdmissionStatus?, overdue: Bool?, cursor: String?, limit: Int?, context: CallContext)
        async throws -> Page<AdmissionApplication>
    {
        try await admission.list(
            reader: Self.reader(context.principal), status: status, overdue: overdue, today: context.today,
            after: try PageCursor.decodeID(cursor),
            limit: try PageCursor.limit(limit), deadline: context.deadline)
    }

    /// Moves an application along the review chain (ADM-3, ADM-4).
    package func transition(_ id: UUID, _ step: AdmissionStep, context: CallContext) async throws
        -> AdmissionApplication
    {
        try step.validate()
        return try await store.audited(context.write) { transaction in
            let reader = Self.reader(context.principal)
            guard let application = try await admission.find(id, reader: reader, via: .transaction(transaction)) else {
                throw DomainError.notFound("admission_application")
            }
            let days = try await calendars.handlingDays(
                forAreaAt: application.areaPath, years: context.today.year...context.today.year + 1, in: transaction)
            let change = try application.decide(step, by: context.principal, on: context.today, days: days)
            try await admission.apply(id, change, in: transaction)
            let owner = AdmissionRepository.Reader(
                scopePath: application.areaPath, departmentId: application.departmentId)
            guard let moved = try await admission.find(id, reader: owner, via: .transaction(transaction)) else {
                throw DomainError.notFound("admission_application")
            }
            return AuditedChange(
                moved, resourceType: "admission_application", resourceId: id, areaPath: application.areaPath,
                summary: ["from": JSONValue(application.status(on: context.today)), "to": JSONValue(step.to)])
        }
    }

    /// The admitted list for an area: items active on a day whose target overlaps it.
    package func items(areaId: UUID?, activeOn: CalendarDay?, cursor: String?, limit: Int?, context: CallContext)
        async throws -> Page<AdmissionApplication>
    {
        var path = context.scopePath
        var community: UUID?
        if let areaId {
            guard let area = try await areas.find(areaId, scopePath: context.scopePath, deadline: context.deadline)
            else {
                throw DomainError.notFound("area")
            }
            path = area.path
            if [.community, .village].contains(area.kind) { community = area.id }
        }
        return try await admission.admittedItems(
            overlapping: path, community: community, on: activeOn ?? context.today,
            after: try PageCursor.decodeID(cursor),
            limit: try PageCursor.limit(limit), deadline: context.deadline)
    }

    /// The push-time gate (ADM-2): only an admitted, active item, only to a community inside its
    /// target; anything else is 422 and nothing is recorded.
    package func assign(_ itemId: UUID, communityId: UUID, statedDay: CalendarDay?, context: CallContext)
        async throws -> (id: UUID, day: CalendarDay)
    {
        let day = context.today
        if let statedDay, statedDay != day {  // ADM-2: no backdating past an item's end
            throw DomainError.validation([
                .init(
                    field: "assignedOn", code: "assigned_on_not_today",
                    message: LocalizedText(
                        zh: "下派日期以服务器当日（\(day)）为准，不能另填（ADM-2）。",
                        en: "A push is dated by the server's today (\(day)); another date is refused (ADM-2)."))
            ])
        }
        return try await store.audited(context.write) { transaction in
            guard
                let item = try await admission.findForGate(
                    itemId, departmentId: Self.ownDepartment(context.principal), scopePath: context.scopePath,
                    in: transaction)
            else {
                throw DomainError.notFound("admission_item")
            }
            guard
                let community = try await areas.findForShare(communityId, scopePath: context.scopePath, in: transaction)
            else {
                throw DomainError.notFound("area")
            }
            let inTarget = item.targets(communityId: community.id, communityPath: community.path)
            guard item.isActive(on: day), inTarget, [.community, .village].contains(community.kind) else {
                throw DomainError(
                    .unprocessable, code: "admission.not_admitted",
                    message: LocalizedText(
                        zh: "该事项未准入、已过期，或社区不在准入范围内，不能下派（ADM-2）。",
                        en: "The item is not admitted, has expired, or the community is outside its target (ADM-2)."))
            }
            try item.matter.check()  // ADM-8, whatever the review decided
            let id = try await admission.insertAssignment(
                application: item, community: community, on: day, in: transaction)
            return AuditedChange(
                (id, day), resourceType: "admission_assignment", resourceId: id, areaPath: community.path,
                summary: ["itemId": JSONValue(itemId), "departmentId": JSONValue(item.departmentId)])
        }
    }

    /// Work pushed outside the lists (ADM-6, ADM-12): an emergency on a government decision,
    /// boxed by the community's profile, or a purchase of service by contract. Counted apart
    /// from admitted work and listed for the street.
    package func createExceptional(_ new: NewExceptionalAssignment, context: CallContext) async throws
        -> ExceptionalAssignment
    {
        try await store.audited(context.write) { transaction in
            let community = try await community(new.communityId, context: context, in: transaction)
            let profile = try await profiles.profile(
                for: community.path, on: context.today, via: .transaction(transaction))
            var term = try new.validate(today: context.today, emergencyDays: Swift.max(profile[.emergencyPushDays], 1))
            let departmentId = try Self.actingDepartment(named: new.departmentId, principal: context.principal)
            let department = try await department(departmentId, reachableFrom: context.scopePath, in: transaction)
            try DepartmentRules.checkInside(department, path: community.path, field: "communityId")
            if new.mode == .emergency, let event = new.emergencyEvent {
                let first = try await exceptions.firstEmergencyBox(
                    departmentId: department.id, communityId: community.id, event: event, in: transaction)
                term.endsOn = try NewExceptionalAssignment.checkEmergencyBox(
                    previous: first, requested: term, today: context.today)
            }
            let recorded = try await exceptions.insert(
                new, departmentId: department.id, community: community, startsOn: term.startsOn, endsOn: term.endsOn,
                in: transaction)
            return AuditedChange(
                recorded, resourceType: "admission_exception", resourceId: recorded.id, areaPath: community.path,
                summary: [
                    "mode": JSONValue(new.mode), "departmentId": JSONValue(department.id),
                    "endsOn": .string(term.endsOn.description),
                ])
        }
    }

    /// One page of the pushes outside the lists the caller may see.
    package func exceptional(
        mode: ExceptionalAssignmentMode?, activeOn: CalendarDay?, cursor: String?, limit: Int?, context: CallContext
    ) async throws -> Page<ExceptionalAssignment> {
        try await exceptions.list(
            reader: Self.reader(context.principal), mode: mode, activeOn: activeOn,
            after: try PageCursor.decodeID(cursor), limit: try PageCursor.limit(limit), deadline: context.deadline)
    }

    /// The department a write acts for: a department token's own (naming another is 403), or the
    /// one an admin names (required).
    static func actingDepartment(named: UUID?, principal: Principal) throws(DomainError) -> UUID {
        if let own = ownDepartment(principal) {
            if let named, named != own { throw otherDepartment }
            return own
        }
        guard let named else {
            throw DomainError.validation([
                DomainError.FieldError(
                    field: "departmentId", code: "required",
                    message: LocalizedText(zh: "须指定部门。", en: "Name the department."))
            ])
        }
        return named
    }

    /// A community records a refusal of work pushed without admission (ADM-7), or another
    /// violation: a separate assessment or a one-vote veto (ADM-9), a plaque, ledger, system or
    /// work body imposed on it (ADM-11). The day it happened is stated, never after today.
    package func refuse(
        communityId: UUID, departmentId: UUID, kind: AdmissionViolationKind, description: String, date: CalendarDay,
        evidence: String?, context: CallContext
    ) async throws -> AdmissionRefusal {
        var validator = FieldValidator()
        validator.length("description", description, max: 2000)
        validator.length("evidence", evidence, max: 2000)
        validator.statedDay("date", date, today: context.today)
        try validator.check()
        return try await store.audited(context.write) { transaction in
            let community = try await community(communityId, context: context, in: transaction)
            let department = try await department(departmentId, reachableFrom: community.path, in: transaction)
            let refusal = try await admission.insertRefusal(
                community: community, departmentId: department.id, kind: kind, description: description, date: date,
                evidence: evidence, in: transaction)
            return AuditedChange(
                refusal, resourceType: "admission_refusal", resourceId: refusal.id, areaPath: community.path,
                summary: ["departmentId": JSONValue(department.id), "kind": .string(kind.rawValue)])
        }
    }

    /// One page of refusals in the caller's scope.
    package func refusals(cursor: String?, limit: Int?, context: CallContext) async throws -> Page<AdmissionRefusal> {
        try await admission.refusals(
            scopePath: context.scopePath, after: try PageCursor.decodeID(cursor), limit: try PageCursor.limit(limit),
            deadline: context.deadline)
    }

    /// A reviewer upholds or dismisses a refusal.
    package func close(_ refusalId: UUID, upheld: Bool, note: String?, context: CallContext) async throws
        -> AdmissionRefusal
    {
        var validator = FieldValidator()
        validator.length("note", note, max: 2000)
        try validator.check()
        return try await store.audited(context.write) { transaction in
            guard let refusal = try await admission.refusal(refusalId, scopePath: context.scopePath, in: transaction)
            else {
                throw DomainError.notFound("admission_refusal")
            }
            guard refusal.status == "open" else {
                throw DomainError(
                    .conflict, code: "admission.refusal_closed",
                    message: LocalizedText(zh: "该记录已处理。", en: "Already closed."))
            }
            try await admission.closeRefusal(
                refusalId, outcome: upheld ? "upheld" : "dismissed", note: note, in: transaction)
            guard let closed = try await admission.refusal(refusalId, scopePath: context.scopePath, in: transaction)
            else {
                throw DomainError.notFound("admission_refusal")
            }
            return AuditedChange(
                closed, resourceType: "admission_refusal", resourceId: refusalId, areaPath: context.scopePath,
                summary: ["outcome": .string(upheld ? "upheld" : "dismissed")])
        }
    }

    /// A community rates a department once a year.
    package func rate(
        communityId: UUID, departmentId: UUID, year: Int, score: Int, comment: String?, context: CallContext
    ) async throws -> UUID {
        var validator = FieldValidator()
        validator.range("year", year, 2000...2100)
        validator.range("score", score, 1...5)
        validator.length("comment", comment, max: 1000)
        try validator.check()
        return try await store.audited(context.write) { transaction in
            let community = try await community(communityId, context: context, in: transaction)
            let department = try await department(departmentId, reachableFrom: community.path, in: transaction)
            guard
                try await admission.assigned(
                    departmentId: department.id, community: communityId, year: year, in: transaction)
            else {
                throw DomainError(
                    .unprocessable, code: "admission.nothing_to_rate",
                    message: LocalizedText(
                        zh: "该部门当年未向本社区下派工作。", en: "That department assigned no work to this community that year."))
            }
            let id = try await admission.insertRating(
                community: community, departmentId: department.id, year: year, score: score, comment: comment,
                in: transaction)
            return AuditedChange(
                id, resourceType: "department_rating", resourceId: id, areaPath: community.path,
                summary: ["departmentId": JSONValue(department.id), "year": .int(year)])
        }
    }

    /// A department's report: assignments, refusals, ratings and grid-event dispatches of a year.
    package func report(departmentId: UUID, year: Int, context: CallContext) async throws -> (
        department: Department, figures: DepartmentReport
    ) {
        var validator = FieldValidator()
        validator.range("year", year, 2000...2100)
        try validator.check()
        // Out of reach is the same 404 as a missing id, whoever asks; only then is another
        // department's report refused to a department token.
        guard
            let department = try await departments.find(
                departmentId, reach: .visibleFrom(context.scopePath), via: .pipeline(deadline: context.deadline))
        else { throw DomainError.notFound("department") }
        if let own = Self.ownDepartment(context.principal), own != departmentId { throw Self.otherDepartment }
        let figures = try await admission.report(
            departmentId: departmentId, year: year, scopePath: context.scopePath, today: context.today,
            deadline: context.deadline)
        return (department, figures)
    }

    /// A community or village in the caller's scope, locked for share; any other area is 404.
    private func community(_ id: UUID, context: CallContext, in transaction: PostgresTransaction) async throws -> Area {
        guard let community = try await areas.findForShare(id, scopePath: context.scopePath, in: transaction),
            [.community, .village].contains(community.kind)
        else { throw DomainError.notFound("area") }
        return community
    }
}
