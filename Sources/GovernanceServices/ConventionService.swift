package import Foundation
package import Governance
package import GovernanceStore
import Postgres

/// Village rules and community conventions through 备约 → 立约 → 宣约 → 执约 → 督约 (CNV-1 – CNV-8).
package struct ConventionService: Sendable {
    let store: Store
    let areas: AreaRepository
    let conventions: ConventionRepository
    let disclosures: DisclosureRepository
    let meetings: MeetingRepository
    let consultations: ConsultationRepository
    let profiles: RuleProfiles

    /// Creates the service.
    package init(store: Store) {
        self.store = store
        self.areas = AreaRepository(store: store)
        self.conventions = ConventionRepository(store: store)
        self.disclosures = DisclosureRepository(store: store)
        self.meetings = MeetingRepository(store: store)
        self.consultations = ConsultationRepository(store: store)
        self.profiles = RuleProfiles(store: store)
    }

    /// Opens a draft, or a revision of the version in force (CNV-8).
    package func draft(
        areaId: UUID, kind: ConventionKind, draft: ConventionDraft, revises: UUID?, consultationTopicId: UUID?,
        context: CallContext
    ) async throws -> Convention {
        try ConventionCommand(action: .amendDraft, draft: draft).validate()
        try draft.checkSanctions()
        return try await store.audited(context.write) { transaction in
            guard let area = try await areas.findForShare(areaId, scopePath: context.scopePath, in: transaction)
            else { throw DomainError.notFound("area") }
            guard
                (kind == .villageRules && area.kind == .village)
                    || (kind == .communityConvention && area.kind == .community)
            else {
                throw DomainError(
                    .unprocessable, code: "convention.wrong_area",
                    message: LocalizedText(
                        zh: "村规民约属于村，社区公约属于社区（CNV-1）。",
                        en: "Village rules belong to villages, conventions to communities (CNV-1)."))
            }
            if let revises {
                guard
                    let previous = try await conventions.find(
                        revises, scopePath: area.path, via: .transaction(transaction)),
                    previous.areaId == area.id, previous.kind == kind, previous.storedStatus == .adopted
                else {
                    throw DomainError(
                        .unprocessable, code: "convention.revises_invalid",
                        message: LocalizedText(
                            zh: "只能修订本村（社区）已通过的同类公约（CNV-8）。",
                            en: "A revision revises an adopted version of the same kind here (CNV-8)."))
                }
            }
            if let consultationTopicId {
                try await checkTopic(consultationTopicId, area: area, in: transaction)
            }
            let convention = try await conventions.insert(
                kind: kind, draft: draft, area: area, revises: revises, consultationTopicId: consultationTopicId,
                in: transaction)
            return AuditedChange(
                convention, resourceType: "convention", resourceId: convention.id, areaPath: area.path,
                summary: ["kind": .string(kind.rawValue), "revises": revises.map { JSONValue($0) } ?? .null])
        }
    }

    /// The convention `id` in scope.
    package func get(_ id: UUID, context: CallContext) async throws -> Convention {
        guard
            let convention = try await conventions.find(
                id, scopePath: CommitteeService.readScope(context.principal), via: .pipeline(deadline: context.deadline)
            )
        else { throw DomainError.notFound("convention") }
        return convention
    }

    /// One page of conventions in scope.
    package func list(areaId: UUID?, kind: ConventionKind?, cursor: String?, limit: Int?, context: CallContext)
        async throws -> Page<Convention>
    {
        let scope = CommitteeService.readScope(context.principal)
        return try await conventions.list(
            scopePath: scope,
            areaPath: try await areas.filterPath(areaId, scopePath: scope, deadline: context.deadline), kind: kind,
            after: try PageCursor.decodeID(cursor),
            limit: try PageCursor.limit(limit), deadline: context.deadline)
    }

    /// The filing deadline's days for the area (CNV-6).
    package func filingDays(for convention: Convention, context: CallContext) async throws -> Int {
        try await profiles.profile(
            for: convention.areaPath, on: context.today, via: .pipeline(deadline: context.deadline)
        )[.conventionFilingDays]
    }

    /// A step of the procedure (§3.5).
    package func transition(_ id: UUID, _ command: ConventionCommand, context: CallContext) async throws -> Convention {
        try command.validate()
        return try await store.audited(context.write) { transaction in
            guard
                let convention = try await conventions.find(
                    id, scopePath: context.scopePath, via: .transaction(transaction), lock: true),
                let area = try await areas.findForShare(
                    convention.areaId, scopePath: context.scopePath, in: transaction),
                let scope = try await areas.findForShare(
                    context.principal.scopeAreaId, scopePath: context.scopePath, in: transaction)
            else { throw DomainError.notFound("convention") }
            var decision: AdoptingDecision?
            if command.action == .recordVote, let decisionId = command.meetingDecisionId {
                guard
                    let found = try await meetings.findDecision(
                        decisionId, areaIds: [area.id], scopePath: context.scopePath, in: transaction)
                else { throw DomainError.notFound("meeting_decision") }
                decision = AdoptingDecision(
                    id: decisionId, passed: found.passed, meetingKind: found.kind, heldOn: found.heldOn)
            }
            if let topicId = command.consultationTopicId {
                try await checkTopic(topicId, area: area, in: transaction)
            }
            let anotherInForce =
                command.action == .recordVote
                ? try await conventions.anotherAdopted(
                    areaId: area.id, kind: convention.kind, excluding: id, revises: convention.revises, in: transaction)
                : false
            let (next, draft) = try convention.decide(
                command, actorAboveCommunity: [.city, .district, .street, .township].contains(scope.kind),
                decision: decision, parentId: area.parentId, anotherInForce: anotherInForce, today: context.today)
            try await conventions.update(next, in: transaction)
            if let draft {
                // CNV-6, DIS-2: publication puts the text on the board.
                _ = try await disclosures.insert(
                    NewDisclosure(
                        areaId: area.id, category: draft.category, title: draft.title, periodFrom: context.today,
                        periodTo: next.draft.effectiveOn.map { max($0, context.today) } ?? context.today,
                        content: draft.content, financeLines: [], channels: [.online, .wallBoard], major: false,
                        occurredOn: nil, takeDownOn: nil, reviewerMemberId: nil, reviewedOn: nil, corrects: nil),
                    area: area, publishedOn: context.today, source: ("convention", id), in: transaction)
            }
            guard
                let updated = try await conventions.find(
                    id, scopePath: context.scopePath, via: .transaction(transaction))
            else { throw DomainError.notFound("convention") }
            return AuditedChange(
                updated, resourceType: "convention", resourceId: id, areaPath: area.path,
                summary: [
                    "action": .string(command.action.rawValue), "from": .string(convention.storedStatus.rawValue),
                    "to": .string(updated.storedStatus.rawValue),
                ])
        }
    }

    /// An execution (执约) or supervision (督约) record today (CNV-5, CNV-7).
    package func record(_ id: UUID, _ record: NewConventionRecord, context: CallContext) async throws -> Convention {
        try await store.audited(context.write) { transaction in
            guard
                let convention = try await conventions.find(
                    id, scopePath: context.scopePath, via: .transaction(transaction), lock: true)
            else { throw DomainError.notFound("convention") }
            var serving = false
            if let member = record.supervisorMemberId {
                serving = try await disclosures.servesOnSupervision(
                    memberId: member, areaId: convention.areaId, on: context.today, in: transaction)
            }
            try convention.checkRecord(record, supervisorServing: serving, today: context.today)
            try await conventions.insertRecord(conventionId: id, record, on: context.today, in: transaction)
            guard
                let updated = try await conventions.find(
                    id, scopePath: context.scopePath, via: .transaction(transaction))
            else { throw DomainError.notFound("convention") }
            return AuditedChange(
                updated, resourceType: "convention_record", resourceId: id, areaPath: convention.areaPath,
                summary: ["kind": .string(record.kind.rawValue), "clause": record.clause.map { .int($0) } ?? .null])
        }
    }

    /// A linked topic concerns the area (CNV-2, CON-3).
    private func checkTopic(_ topicId: UUID, area: Area, in transaction: PostgresTransaction) async throws {
        guard
            let topic = try await consultations.findTopic(topicId, scopePath: "", via: .transaction(transaction)),
            topic.communityIds.contains(area.id)
        else { throw DomainError.notFound("consultation_topic") }
    }
}
