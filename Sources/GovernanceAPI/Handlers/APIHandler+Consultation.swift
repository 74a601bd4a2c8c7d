import Foundation
import Governance
import GovernanceOpenAPI
import GovernanceServices
import GovernanceStore
import OpenAPIRuntime

// Community consultation (CON-1 – CON-12).
extension APIHandler {
    func createConsultationBody(_ input: Operations.CreateConsultationBody.Input) async throws
        -> Operations.CreateConsultationBody.Output
    {
        guard case .json(let body) = input.body else { throw DomainError.validation([]) }
        let context = try CallContext.current()
        let created = try await consultationService.createBody(
            areaId: try parseBodyID(body.areaId, field: "areaId"), name: body.name,
            kind: try parseEnum(ConsultationBody.Kind.self, body.kind.rawValue, field: "kind"),
            establishedOn: try parseDay(body.establishedOn, field: "establishedOn"),
            members: try body.members.enumerated().map { index, member in
                ConsultationBody.Member(
                    name: member.name,
                    constituency: try parseEnum(
                        ConsultationConstituency.self, member.constituency.rawValue,
                        field: "members/\(index)/constituency"))
            }, context: context)
        setHeaders(version: created.version)
        return .created(.init(body: .json(try .init(created, role: context.principal.role))))
    }

    func listConsultationBodies(_ input: Operations.ListConsultationBodies.Input) async throws
        -> Operations.ListConsultationBodies.Output
    {
        let context = try CallContext.current()
        let page = try await consultationService.listBodies(
            areaId: try parseFilterID(input.query.areaId, field: "areaId"), cursor: input.query.cursor,
            limit: input.query.limit, context: context)
        return .ok(
            .init(
                body: .json(
                    .init(
                        items: CSVRowSink.divert(try page.items.map { try .init($0, role: context.principal.role) }),
                        nextCursor: page.nextCursor))))
    }

    func publishConsultationCatalogue(_ input: Operations.PublishConsultationCatalogue.Input) async throws
        -> Operations.PublishConsultationCatalogue.Output
    {
        guard case .json(let body) = input.body else { throw DomainError.validation([]) }
        let catalogue = try await consultationService.publishCatalogue(
            areaId: try parseID(input.path.areaId, resource: "area"),
            items: try body.items.enumerated().map { index, item in
                CatalogueItem(
                    category: try parseEnum(
                        ConsultationCategory.self, item.category.rawValue, field: "items/\(index)/category"),
                    matter: item.matter, reservedToMeeting: item.reservedToMeeting ?? false)
            }, context: .current())
        return .created(.init(body: .json(try .init(catalogue))))
    }

    func listConsultationCatalogues(_ input: Operations.ListConsultationCatalogues.Input) async throws
        -> Operations.ListConsultationCatalogues.Output
    {
        let catalogues = try await consultationService.catalogues(
            areaId: try parseID(input.path.areaId, resource: "area"), context: .current())
        return .ok(.init(body: .json(.init(items: try catalogues.map { try .init($0) }))))
    }

    func proposeConsultationTopic(_ input: Operations.ProposeConsultationTopic.Input) async throws
        -> Operations.ProposeConsultationTopic.Output
    {
        guard case .json(let body) = input.body else { throw DomainError.validation([]) }
        let topic = try await consultationService.propose(
            NewConsultationTopic(
                communityIds: try body.communityIds.enumerated().map { index, id in
                    try parseBodyID(id, field: "communityIds/\(index)")
                }, title: body.title, description: body.description,
                category: try parseEnum(ConsultationCategory.self, body.category.rawValue, field: "category"),
                proposer: try parseEnum(ConsultationProposer.self, body.proposer.rawValue, field: "proposer"),
                proposerCount: body.proposerCount, technical: body.technical ?? false,
                reservedToMeeting: body.reservedToMeeting ?? false, procedureRef: body.procedureRef),
            context: .current())
        setHeaders(version: topic.version, location: "/v1/consultation-topics/\(topic.id.lowercasedString)")
        return .created(.init(body: .json(try .init(topic, language: request.language))))
    }

    func listConsultationTopics(_ input: Operations.ListConsultationTopics.Input) async throws
        -> Operations.ListConsultationTopics.Output
    {
        let page = try await consultationService.list(
            areaId: try parseFilterID(input.query.areaId, field: "areaId"),
            status: try input.query.status.map { try parseEnum(ConsultationStatus.self, $0.rawValue, field: "status") },
            cursor: input.query.cursor, limit: input.query.limit, context: .current())
        return .ok(
            .init(
                body: .json(
                    .init(
                        items: CSVRowSink.divert(try page.items.map { try .init($0, language: request.language) }),
                        nextCursor: page.nextCursor))))
    }

    func getConsultationTopic(_ input: Operations.GetConsultationTopic.Input) async throws
        -> Operations.GetConsultationTopic.Output
    {
        let topic = try await consultationService.get(
            try parseID(input.path.topicId, resource: "consultation_topic"), context: .current())
        setHeaders(version: topic.version)
        return .ok(.init(body: .json(try .init(topic, language: request.language))))
    }

    func transitionConsultationTopic(_ input: Operations.TransitionConsultationTopic.Input) async throws
        -> Operations.TransitionConsultationTopic.Output
    {
        guard case .json(let body) = input.body else { throw DomainError.validation([]) }
        let command = ConsultationCommand(
            action: try parseEnum(ConsultationCommand.Action.self, body.action.rawValue, field: "action"),
            plan: try body.plan?.domain(), reason: body.reason,
            outcome: try body.outcome.map { try parseEnum(ConsultationOutcome.self, $0.rawValue, field: "outcome") },
            adoption: try body.adoption.map {
                try parseEnum(ConsultationAdoption.self, $0.rawValue, field: "adoption")
            },
            summary: body.summary,
            assessment: try body.assessment.map {
                ConsultationAssessment(
                    kind: try parseEnum(ConsultationAssessmentKind.self, $0.kind.rawValue, field: "assessment/kind"),
                    assessor: $0.assessor, summary: $0.summary)
            },
            progress: try body.progress.map {
                ConsultationProgress(
                    note: $0.note,
                    actionKind: try parseEnum(
                        ConsultationActionKind.self, $0.actionKind.rawValue, field: "progress/actionKind"),
                    actionRef: $0.actionRef)
            },
            evaluatorType: try body.evaluatorType.map {
                try parseEnum(ConsultationEvaluatorType.self, $0.rawValue, field: "evaluatorType")
            }, rating: body.rating,
            meetingDecisionId: try parseFilterID(body.meetingDecisionId, field: "meetingDecisionId"))
        let topic = try await consultationService.transition(
            try parseID(input.path.topicId, resource: "consultation_topic"), command, context: .current())
        setHeaders(version: topic.version)
        return .ok(.init(body: .json(try .init(topic, language: request.language))))
    }

    func holdConsultationSession(_ input: Operations.HoldConsultationSession.Input) async throws
        -> Operations.HoldConsultationSession.Output
    {
        guard case .json(let body) = input.body else { throw DomainError.validation([]) }
        let session = ConsultationSession(
            form: try parseEnum(ConsultationForm.self, body.form.rawValue, field: "form"),
            attendance: try body.attendance.enumerated().map { index, group in
                ParticipantGroup(
                    constituency: try parseEnum(
                        ConsultationConstituency.self, group.constituency.rawValue,
                        field: "attendance/\(index)/constituency"), count: group.count)
            }, opinions: body.opinions ?? [],
            votes: body.votes.map { SessionVotes(yes: $0.yes, no: $0.no, abstain: $0.abstain) })
        let topic = try await consultationService.holdSession(
            try parseID(input.path.topicId, resource: "consultation_topic"), session, context: .current())
        setHeaders(version: topic.version)
        return .created(.init(body: .json(try .init(topic, language: request.language))))
    }

    func listPublicConsultations(_ input: Operations.ListPublicConsultations.Input) async throws
        -> Operations.ListPublicConsultations.Output
    {
        let page = try await consultationService.publicTopics(
            communityId: try parseID(input.path.areaId, resource: "area"), cursor: input.query.cursor,
            limit: input.query.limit, deadline: request.deadline)
        return .ok(
            .init(
                body: .json(
                    .init(items: CSVRowSink.divert(try page.items.map { try .init($0) }), nextCursor: page.nextCursor)))
        )
    }

    func getConsultationStats(_ input: Operations.GetConsultationStats.Input) async throws
        -> Operations.GetConsultationStats.Output
    {
        let stats = try await consultationService.statistics(
            areaId: try parseFilterID(input.query.areaId, field: "areaId"), context: .current())
        return .ok(
            .init(
                body: .json(
                    .init(
                        areaId: stats.areaId.lowercasedString,
                        topicsByStatus: .init(additionalProperties: stats.topicsByStatus),
                        topicsByForm: .init(additionalProperties: stats.topicsByForm),
                        shareImplemented: stats.shareImplemented, disclosureTimeliness: stats.disclosureTimeliness,
                        quartersDue: stats.quartersDue, quartersCovered: stats.quartersCovered,
                        conventionsAdopted: stats.conventionsAdopted, conventionsFiled: stats.conventionsFiled))))
    }
}

// Affairs disclosure (DIS-1 – DIS-6).
extension APIHandler {
    func publishDisclosure(_ input: Operations.PublishDisclosure.Input) async throws
        -> Operations.PublishDisclosure.Output
    {
        guard case .json(let body) = input.body else { throw DomainError.validation([]) }
        let item = try await disclosureService.publish(
            NewDisclosure(
                areaId: try parseBodyID(body.areaId, field: "areaId"),
                category: try parseEnum(DisclosureCategory.self, body.category.rawValue, field: "category"),
                title: body.title, periodFrom: try parseDay(body.periodFrom, field: "periodFrom"),
                periodTo: try parseDay(body.periodTo, field: "periodTo"), content: body.content,
                financeLines: try (body.financeLines ?? []).enumerated().map { try $1.domain(index: $0) },
                channels: try body.channels.enumerated().map { index, channel in
                    try parseEnum(DisclosureChannel.self, channel.rawValue, field: "channels/\(index)")
                }, major: body.major ?? false,
                occurredOn: try body.occurredOn.map { try parseDay($0, field: "occurredOn") },
                takeDownOn: try body.takeDownOn.map { try parseDay($0, field: "takeDownOn") },
                reviewerMemberId: try parseFilterID(body.reviewerMemberId, field: "reviewerMemberId"),
                reviewedOn: try body.reviewedOn.map { try parseDay($0, field: "reviewedOn") },
                corrects: try parseFilterID(body.corrects, field: "corrects")),
            context: .current())
        return .created(.init(body: .json(try .init(item))))
    }

    func listDisclosures(_ input: Operations.ListDisclosures.Input) async throws -> Operations.ListDisclosures.Output {
        let page = try await disclosureService.list(
            areaId: try parseFilterID(input.query.areaId, field: "areaId"),
            category: try input.query.category.map {
                try parseEnum(DisclosureCategory.self, $0.rawValue, field: "category")
            }, cursor: input.query.cursor, limit: input.query.limit, context: .current())
        return .ok(
            .init(
                body: .json(
                    .init(items: CSVRowSink.divert(try page.items.map { try .init($0) }), nextCursor: page.nextCursor)))
        )
    }

    func listPublicDisclosures(_ input: Operations.ListPublicDisclosures.Input) async throws
        -> Operations.ListPublicDisclosures.Output
    {
        let page = try await disclosureService.board(
            communityId: try parseID(input.path.areaId, resource: "area"),
            category: try input.query.category.map {
                try parseEnum(DisclosureCategory.self, $0.rawValue, field: "category")
            }, cursor: input.query.cursor, limit: input.query.limit, deadline: request.deadline,
            today: GovernanceClock.system.today)
        let board = Components.Schemas.PublicDisclosurePage(
            items: CSVRowSink.divert(try page.items.map { try .init($0) }), nextCursor: page.nextCursor)
        if PublicPages.prefersHTML(input.headers.accept) {
            return .ok(.init(body: .html(HTTPBody(PublicPages.disclosures(board)))))
        }
        return .ok(.init(body: .json(board)))
    }

    func getDisclosureTimeliness(_ input: Operations.GetDisclosureTimeliness.Input) async throws
        -> Operations.GetDisclosureTimeliness.Output
    {
        let areaId = try parseID(input.path.areaId, resource: "area")
        let report = try await disclosureService.timeliness(
            areaId: areaId, from: try input.query.from.map { try parseDay($0, field: "from") },
            to: try input.query.to.map { try parseDay($0, field: "to") }, context: .current())
        return .ok(
            .init(
                body: .json(
                    .init(
                        areaId: areaId.lowercasedString, from: report.from.description, to: report.to.description,
                        due: report.due, onTime: report.onTime, rate: report.rate,
                        findings: report.findings.map { .init($0, language: request.language) }))))
    }
}

// Conventions (CNV-1 – CNV-8).
extension APIHandler {
    func draftConvention(_ input: Operations.DraftConvention.Input) async throws -> Operations.DraftConvention.Output {
        guard case .json(let body) = input.body else { throw DomainError.validation([]) }
        let context = try CallContext.current()
        let convention = try await conventionService.draft(
            areaId: try parseBodyID(body.areaId, field: "areaId"),
            kind: try parseEnum(ConventionKind.self, body.kind.rawValue, field: "kind"), draft: try body.draft.domain(),
            revises: try parseFilterID(body.revises, field: "revises"),
            consultationTopicId: try parseFilterID(body.consultationTopicId, field: "consultationTopicId"),
            context: context)
        setHeaders(version: convention.version, location: "/v1/conventions/\(convention.id.lowercasedString)")
        return .created(.init(body: .json(try await schema(convention, context: context))))
    }

    func listConventions(_ input: Operations.ListConventions.Input) async throws -> Operations.ListConventions.Output {
        let context = try CallContext.current()
        let page = try await conventionService.list(
            areaId: try parseFilterID(input.query.areaId, field: "areaId"),
            kind: try input.query.kind.map { try parseEnum(ConventionKind.self, $0.rawValue, field: "kind") },
            cursor: input.query.cursor, limit: input.query.limit, context: context)
        // One profile read per area on the page, not per convention.
        var filingDays: [String: Int] = [:]
        var items: [Components.Schemas.Convention] = []
        for convention in page.items {
            if filingDays[convention.areaPath] == nil {
                filingDays[convention.areaPath] = try await conventionService.filingDays(
                    for: convention, context: context)
            }
            items.append(try schema(convention, filingDays: filingDays[convention.areaPath]!, context: context))
        }
        return .ok(.init(body: .json(.init(items: CSVRowSink.divert(items), nextCursor: page.nextCursor))))
    }

    func getConvention(_ input: Operations.GetConvention.Input) async throws -> Operations.GetConvention.Output {
        let context = try CallContext.current()
        let convention = try await conventionService.get(
            try parseID(input.path.conventionId, resource: "convention"), context: context)
        setHeaders(version: convention.version)
        return .ok(.init(body: .json(try await schema(convention, context: context))))
    }

    func transitionConvention(_ input: Operations.TransitionConvention.Input) async throws
        -> Operations.TransitionConvention.Output
    {
        guard case .json(let body) = input.body else { throw DomainError.validation([]) }
        let context = try CallContext.current()
        let command = ConventionCommand(
            action: try parseEnum(ConventionCommand.Action.self, body.action.rawValue, field: "action"),
            draft: try body.draft?.domain(), note: body.note,
            consultationTopicId: try parseFilterID(body.consultationTopicId, field: "consultationTopicId"),
            reviewerType: try body.reviewerType.map {
                try parseEnum(LegalityReviewerType.self, $0.rawValue, field: "reviewerType")
            },
            findings: try (body.findings ?? []).enumerated().map { index, finding in
                LegalityFinding(
                    kind: try parseEnum(
                        LegalityFindingKind.self, finding.kind.rawValue, field: "findings/\(index)/kind"),
                    clause: finding.clause, note: finding.note)
            }, reasons: body.reasons, sanctionsCleared: body.sanctionsCleared ?? false,
            meetingDecisionId: try parseFilterID(body.meetingDecisionId, field: "meetingDecisionId"),
            authorisationRef: body.authorisationRef, filedWith: try parseFilterID(body.filedWith, field: "filedWith"))
        let convention = try await conventionService.transition(
            try parseID(input.path.conventionId, resource: "convention"), command, context: context)
        setHeaders(version: convention.version)
        return .ok(.init(body: .json(try await schema(convention, context: context))))
    }

    func recordConventionEntry(_ input: Operations.RecordConventionEntry.Input) async throws
        -> Operations.RecordConventionEntry.Output
    {
        guard case .json(let body) = input.body else { throw DomainError.validation([]) }
        let context = try CallContext.current()
        let convention = try await conventionService.record(
            try parseID(input.path.conventionId, resource: "convention"),
            NewConventionRecord(
                kind: try parseEnum(ConventionRecordKind.self, body.kind.rawValue, field: "kind"), clause: body.clause,
                subjectName: body.subjectName, note: body.note, amountFen: body.amountFen,
                supervisorMemberId: try parseFilterID(body.supervisorMemberId, field: "supervisorMemberId")),
            context: context)
        setHeaders(version: convention.version)
        return .created(.init(body: .json(try await schema(convention, context: context))))
    }

    private func schema(_ convention: Convention, context: CallContext) async throws -> Components.Schemas.Convention {
        try schema(
            convention, filingDays: try await conventionService.filingDays(for: convention, context: context),
            context: context)
    }

    private func schema(_ convention: Convention, filingDays: Int, context: CallContext) throws
        -> Components.Schemas.Convention
    {
        try .init(
            convention, today: context.today, filingDays: filingDays, role: context.principal.role,
            language: request.language)
    }
}
