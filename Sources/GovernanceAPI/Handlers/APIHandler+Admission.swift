import Foundation
import Governance
import GovernanceOpenAPI
import GovernanceServices
import GovernanceStore

extension APIHandler {
    func createAdmissionApplication(_ input: Operations.CreateAdmissionApplication.Input) async throws
        -> Operations.CreateAdmissionApplication.Output
    {
        let context = try CallContext.current()
        guard case .json(let body) = input.body else { throw DomainError.validation([]) }
        var new = NewAdmissionApplication(
            title: body.title, description: body.description,
            category: try parseEnum(AdmissionCategory.self, body.category.rawValue, field: "category"),
            legalBasis: body.legalBasis, targetAreaId: try parseBodyID(body.targetAreaId, field: "targetAreaId"),
            startsOn: try parseDay(body.startsOn, field: "startsOn"),
            endsOn: try parseDay(body.endsOn, field: "endsOn"), fundingAmount: body.fundingAmount,
            fundingSource: body.fundingSource, staffing: body.staffing,
            workloadHoursPerMonth: body.workloadHoursPerMonth, forms: body.forms ?? [],
            departmentId: try parseFilterID(body.departmentId, field: "departmentId"),
            matter: try body.matter.map { try bridged($0) } ?? .other)
        new.entrustmentReference = body.entrustmentReference
        new.entrustmentDate = try body.entrustmentDate.map { try parseDay($0, field: "entrustmentDate") }
        new.targetCommunityIds = try body.targetCommunityIds.map { ids in
            try ids.enumerated().map { try parseBodyID($1, field: "targetCommunityIds/\($0)") }
        }
        let application = try await admissionService.create(new, context: context)
        setHeaders(
            version: application.version, location: "/v1/admission/applications/\(application.id.lowercasedString)")
        return .created(.init(body: .json(try .init(application, today: context.today))))
    }

    func listAdmissionApplications(_ input: Operations.ListAdmissionApplications.Input) async throws
        -> Operations.ListAdmissionApplications.Output
    {
        let context = try CallContext.current()
        let page = try await admissionService.list(
            status: try input.query.status.map { try parseEnum(AdmissionStatus.self, $0.rawValue, field: "status") },
            overdue: input.query.overdue,
            cursor: input.query.cursor, limit: input.query.limit, context: context)
        return .ok(.init(body: .json(try .init(page, today: context.today))))
    }

    func getAdmissionApplication(_ input: Operations.GetAdmissionApplication.Input) async throws
        -> Operations.GetAdmissionApplication.Output
    {
        let context = try CallContext.current()
        let application = try await admissionService.get(
            try parseID(input.path.applicationId, resource: "admission_application"), context: context)
        setHeaders(version: application.version)
        return .ok(.init(body: .json(try .init(application, today: context.today))))
    }

    func transitionAdmissionApplication(_ input: Operations.TransitionAdmissionApplication.Input) async throws
        -> Operations.TransitionAdmissionApplication.Output
    {
        let context = try CallContext.current()
        guard case .json(let body) = input.body else { throw DomainError.validation([]) }
        let step = AdmissionStep(
            to: try parseEnum(AdmissionStatus.self, body.to.rawValue, field: "to"), legalOpinion: body.legalOpinion,
            meeting: try body.decisionMeeting.map {
                try parseEnum(DecisionMeeting.self, $0.rawValue, field: "decisionMeeting")
            },
            decisionDate: try body.decisionDate.map { try parseDay($0, field: "decisionDate") },
            decisionReference: body.decisionReference)
        let application = try await admissionService.transition(
            try parseID(input.path.applicationId, resource: "admission_application"), step, context: context)
        setHeaders(version: application.version)
        return .ok(.init(body: .json(try .init(application, today: context.today))))
    }

    func listAdmittedItems(_ input: Operations.ListAdmittedItems.Input) async throws
        -> Operations.ListAdmittedItems.Output
    {
        let context = try CallContext.current()
        let page = try await admissionService.items(
            areaId: try parseFilterID(input.query.areaId, field: "areaId"),
            activeOn: try input.query.activeOn.map { try parseDay($0, field: "activeOn") },
            cursor: input.query.cursor, limit: input.query.limit, context: context)
        return .ok(.init(body: .json(try .init(page, today: context.today))))
    }

    func createAdmissionAssignment(_ input: Operations.CreateAdmissionAssignment.Input) async throws
        -> Operations.CreateAdmissionAssignment.Output
    {
        guard case .json(let body) = input.body else { throw DomainError.validation([]) }
        let itemId = try parseID(input.path.itemId, resource: "admission_item")
        let communityId = try parseBodyID(body.communityId, field: "communityId")
        let stated = try body.assignedOn.map { try parseDay($0, field: "assignedOn") }
        let (id, day) = try await admissionService.assign(
            itemId, communityId: communityId, statedDay: stated, context: .current())
        return .created(
            .init(
                body: .json(
                    .init(
                        id: id.lowercasedString, itemId: itemId.lowercasedString,
                        communityId: communityId.lowercasedString, assignedOn: day.description))))
    }

    func publishAdmissionList(_ input: Operations.PublishAdmissionList.Input) async throws
        -> Operations.PublishAdmissionList.Output
    {
        guard case .json(let body) = input.body else { throw DomainError.validation([]) }
        let published = try await admissionService.publishList(
            areaId: try parseBodyID(body.areaId, field: "areaId"), year: body.year, context: .current())
        return .created(.init(body: .json(try .init(published))))
    }

    func listAdmissionListVersions(_ input: Operations.ListAdmissionListVersions.Input) async throws
        -> Operations.ListAdmissionListVersions.Output
    {
        let page = try await admissionService.listVersions(
            areaId: try parseFilterID(input.query.areaId, field: "areaId"), year: input.query.year,
            cursor: input.query.cursor, limit: input.query.limit, context: .current())
        return .ok(
            .init(
                body: .json(
                    .init(
                        items: CSVRowSink.divert(try page.items.map(Components.Schemas.AdmissionListVersion.init)),
                        nextCursor: page.nextCursor))))
    }

    func createExceptionalAssignment(_ input: Operations.CreateExceptionalAssignment.Input) async throws
        -> Operations.CreateExceptionalAssignment.Output
    {
        guard case .json(let body) = input.body else { throw DomainError.validation([]) }
        let context = try CallContext.current()
        let recorded = try await admissionService.createExceptional(
            NewExceptionalAssignment(
                mode: try parseEnum(ExceptionalAssignmentMode.self, body.mode.rawValue, field: "mode"),
                departmentId: try parseFilterID(body.departmentId, field: "departmentId"),
                communityId: try parseBodyID(body.communityId, field: "communityId"), title: body.title,
                matter: try body.matter.map { try parseEnum(AdmissionMatter.self, $0.rawValue, field: "matter") }
                    ?? .other,
                emergencyEvent: body.emergencyEvent, decisionReference: body.decisionReference, days: body.days,
                contractReference: body.contractReference, amount: body.amount,
                endsOn: try body.endsOn.map { try parseDay($0, field: "endsOn") }),
            context: context)
        return .created(.init(body: .json(try .init(recorded, today: context.today))))
    }

    func listExceptionalAssignments(_ input: Operations.ListExceptionalAssignments.Input) async throws
        -> Operations.ListExceptionalAssignments.Output
    {
        let context = try CallContext.current()
        let page = try await admissionService.exceptional(
            mode: try input.query.mode.map {
                try parseEnum(ExceptionalAssignmentMode.self, $0.rawValue, field: "mode")
            },
            activeOn: try input.query.activeOn.map { try parseDay($0, field: "activeOn") },
            cursor: input.query.cursor, limit: input.query.limit, context: context)
        return .ok(
            .init(
                body: .json(
                    .init(
                        items: CSVRowSink.divert(try page.items.map { try .init($0, today: context.today) }),
                        nextCursor: page.nextCursor))))
    }

    func createAdmissionRefusal(_ input: Operations.CreateAdmissionRefusal.Input) async throws
        -> Operations.CreateAdmissionRefusal.Output
    {
        guard case .json(let body) = input.body else { throw DomainError.validation([]) }
        let refusal = try await admissionService.refuse(
            communityId: try parseBodyID(body.communityId, field: "communityId"),
            departmentId: try parseBodyID(body.departmentId, field: "departmentId"),
            kind: try body.kind.map { try parseEnum(AdmissionViolationKind.self, $0.rawValue, field: "kind") }
                ?? .nonAdmittedWork,
            description: body.description,
            date: try parseDay(body.date, field: "date"), evidence: body.evidence, context: .current())
        return .created(.init(body: .json(try .init(refusal))))
    }

    func listAdmissionRefusals(_ input: Operations.ListAdmissionRefusals.Input) async throws
        -> Operations.ListAdmissionRefusals.Output
    {
        let page = try await admissionService.refusals(
            cursor: input.query.cursor, limit: input.query.limit, context: .current())
        return .ok(
            .init(
                body: .json(
                    try .init(
                        items: CSVRowSink.divert(page.items.map(Components.Schemas.AdmissionRefusal.init)),
                        nextCursor: page.nextCursor))))
    }

    func closeAdmissionRefusal(_ input: Operations.CloseAdmissionRefusal.Input) async throws
        -> Operations.CloseAdmissionRefusal.Output
    {
        guard case .json(let body) = input.body else { throw DomainError.validation([]) }
        let refusal = try await admissionService.close(
            try parseID(input.path.refusalId, resource: "admission_refusal"), upheld: body.outcome == .upheld,
            note: body.note, context: .current())
        return .ok(.init(body: .json(try .init(refusal))))
    }

    func rateDepartment(_ input: Operations.RateDepartment.Input) async throws -> Operations.RateDepartment.Output {
        guard case .json(let body) = input.body else { throw DomainError.validation([]) }
        let departmentId = try parseBodyID(body.departmentId, field: "departmentId")
        let id = try await admissionService.rate(
            communityId: try parseBodyID(body.communityId, field: "communityId"), departmentId: departmentId,
            year: body.year, score: body.score, comment: body.comment, context: .current())
        return .created(
            .init(
                body: .json(
                    .init(
                        id: id.lowercasedString, departmentId: departmentId.lowercasedString, year: body.year,
                        score: body.score))))
    }

    func getDepartmentReport(_ input: Operations.GetDepartmentReport.Input) async throws
        -> Operations.GetDepartmentReport.Output
    {
        let (department, report) = try await admissionService.report(
            departmentId: try parseID(input.path.departmentId, resource: "department"), year: input.query.year,
            context: .current())
        return .ok(
            .init(
                body: .json(
                    .init(
                        departmentId: department.id.lowercasedString, departmentName: department.name,
                        year: input.query.year, applications: report.applications,
                        admitted: report.admitted,
                        rejected: report.rejected, assignments: report.assignments,
                        upheldRefusals: report.upheldRefusals,
                        upheldViolations: .init(additionalProperties: report.upheldViolations), ratings: report.ratings,
                        averageRating: report.averageRating,
                        gridEvents: .init(
                            dispatched: report.gridEventDispatches, fedBack: report.gridEventFeedback,
                            onTime: report.gridEventOnTime, overdue: report.gridEventOverdue,
                            onTimeRate: report.gridEventOnTimeRate),
                        emergencyAssignments: report.emergencyAssignments,
                        purchasedServices: report.purchasedServices))))
    }
}
