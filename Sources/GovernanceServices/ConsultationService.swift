package import Foundation
package import Governance
package import GovernanceStore
import Postgres

/// Community consultation (CON-1 – CON-12): bodies, catalogues and topics through their
/// procedure; results and implementation published on the disclosure board (CON-8).
package struct ConsultationService: Sendable {
    let store: Store
    let areas: AreaRepository
    let consultations: ConsultationRepository
    let disclosures: DisclosureRepository
    let conventions: ConventionRepository
    let meetings: MeetingRepository
    let profiles: RuleProfiles

    /// Creates the service.
    package init(store: Store) {
        self.store = store
        self.areas = AreaRepository(store: store)
        self.consultations = ConsultationRepository(store: store)
        self.disclosures = DisclosureRepository(store: store)
        self.conventions = ConventionRepository(store: store)
        self.meetings = MeetingRepository(store: store)
        self.profiles = RuleProfiles(store: store)
    }

    /// Records a community's consultation body (CON-1).
    package func createBody(
        areaId: UUID, name: String, kind: ConsultationBody.Kind, establishedOn: CalendarDay,
        members: [ConsultationBody.Member], context: CallContext
    ) async throws -> ConsultationBody {
        try ConsultationBody.check(name: name, establishedOn: establishedOn, members: members, today: context.today)
        return try await store.audited(context.write) { transaction in
            let area = try await community(areaId, context: context, in: transaction)
            let body = try await consultations.insertBody(
                area: area, name: name, kind: kind, establishedOn: establishedOn, members: members, in: transaction)
            return AuditedChange(
                body, resourceType: "consultation_body", resourceId: body.id, areaPath: area.path,
                summary: ["members": .int(members.count)])
        }
    }

    /// One page of bodies in scope.
    package func listBodies(areaId: UUID?, cursor: String?, limit: Int?, context: CallContext) async throws
        -> Page<ConsultationBody>
    {
        try await consultations.listBodies(
            scopePath: CommitteeService.readScope(context.principal),
            areaPath: try await areaPath(areaId, context: context),
            after: try PageCursor.decodeID(cursor), limit: try PageCursor.limit(limit), deadline: context.deadline)
    }

    /// Publishes the next version of a community's catalogue (CON-3).
    package func publishCatalogue(areaId: UUID, items: [CatalogueItem], context: CallContext) async throws
        -> ConsultationCatalogue
    {
        try CatalogueItem.check(items)
        return try await store.audited(context.write) { transaction in
            let area = try await community(areaId, context: context, in: transaction)
            let catalogue = try await consultations.insertCatalogue(
                area: area, items: items, publishedOn: context.today, in: transaction)
            return AuditedChange(
                catalogue, resourceType: "consultation_catalogue", resourceId: catalogue.id, areaPath: area.path,
                summary: ["number": .int(catalogue.number), "items": .int(items.count)])
        }
    }

    /// A community's catalogue versions, newest first.
    package func catalogues(areaId: UUID, context: CallContext) async throws -> [ConsultationCatalogue] {
        guard
            let area = try await areas.find(
                areaId, scopePath: CommitteeService.readScope(context.principal), deadline: context.deadline)
        else {
            throw DomainError.notFound("area")
        }
        return try await consultations.catalogues(areaId: area.id, via: .pipeline(deadline: context.deadline))
    }

    /// Records a proposed topic: owned by its community, or by the street for two or more
    /// (CON-10); reserved to the meeting when stated or when the catalogue says so (CON-9).
    package func propose(_ new: NewConsultationTopic, context: CallContext) async throws -> ConsultationTopic {
        // A grid worker proposes for the community its grid belongs to (CON-4).
        let readScope = CommitteeService.readScope(context.principal)
        return try await store.audited(context.write) { transaction in
            var found: [ConsultationRules.Community] = []
            var areasById: [UUID: Area] = [:]
            for id in new.communityIds.prefix(50) {
                guard let area = try await areas.findForShare(id, scopePath: readScope, in: transaction) else {
                    throw DomainError.notFound("area")
                }
                areasById[id] = area
                found.append(.init(id: area.id, kind: area.kind, parentId: area.parentId))
            }
            guard
                let scope = try await areas.findForShare(
                    context.principal.scopeAreaId, scopePath: readScope, in: transaction),
                let first = found.first.flatMap({ areasById[$0.id] })
            else { throw DomainError.notFound("area") }
            let profile = try await profiles.profile(for: first.path, on: context.today, via: .transaction(transaction))
            let ownerId = try ConsultationRules.owner(
                of: new, communities: found, proposerKind: scope.kind,
                proposalResidents: profile[.consultationProposalResidents])
            var owner = areasById[ownerId]
            if owner == nil {
                owner = try await areas.findForShare(ownerId, scopePath: readScope, in: transaction)
            }
            guard let owner else { throw DomainError.notFound("area") }
            let catalogue = try await consultations.catalogues(areaId: first.id, via: .transaction(transaction)).first
            let reserved =
                new.reservedToMeeting
                || (catalogue?.items.contains { $0.category == new.category && $0.reservedToMeeting } ?? false)
            let topic = try await consultations.insertTopic(
                new, owner: owner, reservedToMeeting: reserved, in: transaction)
            return AuditedChange(
                topic, resourceType: "consultation_topic", resourceId: topic.id, areaPath: owner.path,
                summary: ["category": .string(new.category.rawValue), "communities": .int(new.communityIds.count)])
        }
    }

    /// The topic `id` in scope.
    package func get(_ id: UUID, context: CallContext) async throws -> ConsultationTopic {
        guard
            let topic = try await consultations.findTopic(
                id, scopePath: CommitteeService.readScope(context.principal), via: .pipeline(deadline: context.deadline)
            )
        else { throw DomainError.notFound("consultation_topic") }
        return topic
    }

    /// One page of topics in scope.
    package func list(
        areaId: UUID?, status: ConsultationStatus?, cursor: String?, limit: Int?, context: CallContext
    ) async throws -> Page<ConsultationTopic> {
        try await consultations.listTopics(
            scopePath: CommitteeService.readScope(context.principal),
            areaPath: try await areaPath(areaId, context: context), status: status,
            after: try PageCursor.decodeID(cursor), limit: try PageCursor.limit(limit), deadline: context.deadline)
    }

    /// The published topics of a community, for anyone.
    package func publicTopics(communityId: UUID, cursor: String?, limit: Int?, deadline: ContinuousClock.Instant)
        async throws -> Page<ConsultationTopic>
    {
        guard let area = try await areas.find(communityId, scopePath: "", deadline: deadline),
            area.kind == .community || area.kind == .village
        else { throw DomainError.notFound("area") }
        return try await consultations.publicTopics(
            communityId: communityId, after: try PageCursor.decodeID(cursor), limit: try PageCursor.limit(limit),
            deadline: deadline)
    }

    /// A step of the procedure (§3.4).
    package func transition(_ id: UUID, _ command: ConsultationCommand, context: CallContext) async throws
        -> ConsultationTopic
    {
        try command.validate()
        return try await step(id, context: context) { topic, transaction in
            var linked: LinkedMeetingDecision?
            if command.action == .recordMeetingDecision, let decisionId = command.meetingDecisionId {
                // CON-9: a decision of the residents' (villagers') meeting of a community concerned.
                guard
                    let found = try await meetings.findDecision(
                        decisionId, areaIds: topic.communityIds, scopePath: context.scopePath, in: transaction)
                else { throw DomainError.notFound("meeting_decision") }
                linked = LinkedMeetingDecision(id: decisionId, passed: found.passed, meetingKind: found.kind)
            }
            return try topic.decide(command, decision: linked, today: context.today)
        }
    }

    /// A session held today (CON-5, CON-6).
    package func holdSession(_ id: UUID, _ session: ConsultationSession, context: CallContext) async throws
        -> ConsultationTopic
    {
        try await step(id, context: context) { topic, transaction in
            let profile = try await profiles.profile(
                for: topic.ownerPath, on: context.today, via: .transaction(transaction))
            return try topic.decideSession(
                session, noticeDays: profile[.consultationPlanNoticeDays], today: context.today)
        }
    }

    /// Loads and locks the topic, decides, writes the step, its entry and its publication.
    private func step(
        _ id: UUID, context: CallContext,
        _ decide: (ConsultationTopic, PostgresTransaction) async throws -> ConsultationStep
    ) async throws -> ConsultationTopic {
        try await store.audited(context.write) { transaction in
            guard
                let topic = try await consultations.findTopic(
                    id, scopePath: context.scopePath, via: .transaction(transaction), lock: true)
            else { throw DomainError.notFound("consultation_topic") }
            let step = try await decide(topic, transaction)
            try await consultations.updateTopic(step.topic, in: transaction)
            if let entry = step.entry {
                try await consultations.insertEntry(topicId: id, entry, on: context.today, in: transaction)
            }
            if let draft = step.disclosure {
                // CON-8, DIS-2: published on each community's board.
                for communityId in topic.communityIds {
                    guard
                        let area = try await areas.findForShare(
                            communityId, scopePath: topic.ownerPath, in: transaction)
                    else { continue }
                    _ = try await disclosures.insert(
                        NewDisclosure(
                            areaId: area.id, category: draft.category, title: draft.title,
                            periodFrom: context.today, periodTo: context.today, content: draft.content,
                            financeLines: [], channels: [.online, .wallBoard], major: false, occurredOn: nil,
                            takeDownOn: nil, reviewerMemberId: nil, reviewedOn: nil, corrects: nil),
                        area: area, publishedOn: context.today, source: ("consultation_topic", id), in: transaction)
                }
            }
            guard
                let updated = try await consultations.findTopic(
                    id, scopePath: context.scopePath, via: .transaction(transaction))
            else { throw DomainError.notFound("consultation_topic") }
            return AuditedChange(
                updated, resourceType: "consultation_topic", resourceId: id, areaPath: topic.ownerPath,
                summary: ["from": .string(topic.status.rawValue), "to": .string(updated.status.rawValue)])
        }
    }

    /// Topics by status and form, the share implemented, disclosure timeliness and conventions
    /// adopted and filed, under an area in scope.
    package func statistics(areaId: UUID?, context: CallContext) async throws -> ConsultationStatistics {
        guard
            let area = try await areas.find(
                areaId ?? context.principal.scopeAreaId, scopePath: context.scopePath, deadline: context.deadline)
        else { throw DomainError.notFound("area") }
        let topics = try await consultations.counts(areaPath: area.path, deadline: context.deadline)
        let coverage = try await disclosures.quarterCoverage(
            areaPath: area.path, year: context.today.year, today: context.today, deadline: context.deadline)
        let conventionCounts = try await conventions.counts(
            areaPath: area.path, deadline: context.deadline)
        return ConsultationStatistics(
            areaId: area.id, topicsByStatus: topics.byStatus, topicsByForm: topics.byForm,
            quartersDue: coverage.due, quartersCovered: coverage.covered, conventionsAdopted: conventionCounts.adopted,
            conventionsFiled: conventionCounts.filed)
    }

    private func community(_ id: UUID, context: CallContext, in transaction: PostgresTransaction) async throws -> Area {
        guard let area = try await areas.findForShare(id, scopePath: context.scopePath, in: transaction) else {
            throw DomainError.notFound("area")
        }
        guard area.kind == .community || area.kind == .village else {
            throw DomainError(
                .unprocessable, code: "consultation.not_a_community",
                message: LocalizedText(zh: "须为社区或村。", en: "Must be a community or village."))
        }
        return area
    }

    private func areaPath(_ areaId: UUID?, context: CallContext) async throws -> String? {
        try await areas.filterPath(
            areaId, scopePath: CommitteeService.readScope(context.principal), deadline: context.deadline)
    }
}
