package import Foundation
package import Governance
package import GovernanceStore
import Postgres

/// People's mediation: intake, the legal clock, sessions, agreements, escalation and follow-up,
/// with the parties' personal data shown in full to the assigned mediator only.
package struct MediationService: Sendable {
    let store: Store
    let areas: AreaRepository
    let people: PersonRepository
    let tokens: TokenRepository
    let mediation: MediationRepository
    let profiles: RuleProfiles
    let mediators: MediatorRepository

    /// Creates the service.
    package init(store: Store) {
        self.store = store
        self.areas = AreaRepository(store: store)
        self.people = PersonRepository(store: store)
        self.tokens = TokenRepository(store: store)
        self.mediation = MediationRepository(store: store)
        self.profiles = RuleProfiles(store: store)
        self.mediators = MediatorRepository(store: store)
    }

    /// Receives a dispute (from a grid patrol, an application, a referral or a walk-in).
    package func create(_ new: NewMediationCase, context: CallContext) async throws -> MediationCase {
        try new.validate()
        return try await store.audited(context.write) { transaction in
            guard let origin = try await areas.findForShare(new.areaId, scopePath: context.scopePath, in: transaction)
            else {
                throw DomainError.notFound("area")
            }
            let (id, level) = try await receive(new, origin: origin, context: context, in: transaction)
            return AuditedChange(
                try await reloaded(id, context: context, in: transaction), resourceType: "mediation_case",
                resourceId: id, areaPath: origin.path,
                summary: [
                    "category": .string(new.category), "risk": JSONValue(new.risk),
                    "parties": .int(new.parties.count), "level": JSONValue(level),
                ])
        }
    }

    /// Stores a validated intake arising at `origin` inside the caller's transaction: the area
    /// checked, registered parties resolved in scope, the level set by complexity (MED-19).
    /// Intake here and a grid event's referral (EVT-10) share it.
    func receive(
        _ new: NewMediationCase, origin: Area, context: CallContext, in transaction: PostgresTransaction
    ) async throws -> (id: UUID, level: MediationLevel) {
        try MediationLevel.checkIntakeArea(origin.kind)
        var parties: [(personId: UUID?, name: String, phone: String?, role: String)] = []
        for party in new.parties {
            if let personId = party.personId {
                guard
                    let person = try await people.find(
                        personId, scopePath: context.scopePath, reveal: true, deadline: context.deadline)
                else {
                    throw DomainError.notFound("person")
                }
                parties.append((personId, person.name, party.phone ?? person.phone, party.role))
            } else {
                parties.append((nil, party.name ?? "", party.phone, party.role))
            }
        }
        // MED-19: only a simple dispute asks whether the community has compounds.
        let hasCompounds =
            new.complexity == .simple
            ? try await mediation.communityHasCompounds(
                MediationLevel.community.path(from: origin.path), in: transaction)
            : false
        let level = MediationLevel.initial(for: new.complexity, communityHasCompounds: hasCompounds)
        let profile = try await profiles.profile(for: origin.path, on: context.today, via: .transaction(transaction))
        let criticalStreetHours = Swift.min(Swift.max(profile[.criticalCaseStreetHours], 1), 720)  // MED-10
        return (
            try await mediation.insert(
                new, origin: origin, level: level, criticalStreetHours: criticalStreetHours, parties: parties,
                in: transaction),
            level
        )
    }

    /// The case `id` as the caller may read it, parties' phones masked for every role (the
    /// assigned mediator reveals one with `revealPartyPhone`).
    package func get(_ id: UUID, context: CallContext) async throws -> MediationCase {
        guard
            let found = try await mediation.find(
                id, scopePath: context.scopePath, revealFor: nil, via: .pipeline(deadline: context.deadline))
        else { throw DomainError.notFound("mediation_case") }
        return found
    }

    /// One page of the cases the caller may read; every filter runs in the keyset query.
    package func list(filter: MediationCaseFilter, cursor: String?, limit: Int?, context: CallContext) async throws
        -> Page<MediationCase>
    {
        var areaPath: String?
        if let areaId = filter.areaId {
            guard let area = try await areas.find(areaId, scopePath: context.scopePath, deadline: context.deadline)
            else { throw DomainError.notFound("area") }
            areaPath = area.path
        }
        return try await mediation.list(
            scopePath: context.scopePath, filter: filter, areaPath: areaPath, today: context.today, revealFor: nil,
            after: try PageCursor.decodeID(cursor), limit: try PageCursor.limit(limit, batch: filter.ids),
            deadline: context.deadline)
    }

    /// MED-17's months from the rule profile of the accepting level, frozen on the case.
    private func clockMonths(for levelPath: String, context: CallContext, in transaction: PostgresTransaction)
        async throws -> Int
    {
        let profile = try await profiles.profile(for: levelPath, on: context.today, via: .transaction(transaction))
        return Swift.min(Swift.max(profile[.mediationMonths], 1), 12)
    }

    /// Moves a case along its lifecycle; the domain decides what the step records.
    package func transition(
        _ id: UUID, to target: MediationStatus, reason: String?, advice: String?, context: CallContext
    ) async throws -> MediationCase {
        var validator = FieldValidator()
        validator.length("reason", reason, max: 1000)
        try validator.check()
        return try await changed(id, context: context) { current, transaction in
            var change = try current.decideTransition(to: target, reason: reason, advice: advice, on: context.today)
            if change.acceptedOn != nil {
                change.clockMonths = try await clockMonths(for: current.levelPath, context: context, in: transaction)
            }
            return (change, ["from": JSONValue(current.status), "to": JSONValue(target)])
        }
    }

    /// Names the mediators with every party's consent; a refusal declines the case (mediation is
    /// voluntary). Mediators are posts of the case's level (MED-9; a recalled or dismissed one is
    /// refused, MED-22), chosen by the committee or by the parties; a `mediator` token may still
    /// be named, alone or beside them. Helpers are invited only with the parties' consent.
    package func assign(
        _ id: UUID, mediatorTokenId: UUID?, mediatorIds: [UUID], chosenByParties: Bool, helpers: [MediationHelper],
        partiesConsentToHelpers: Bool, consents: [UUID: Bool], context: CallContext
    ) async throws -> MediationCase {
        var validator = FieldValidator()
        if mediatorTokenId == nil, mediatorIds.isEmpty {
            validator.fail(
                "mediatorIds", "mediator_required", zh: "须指派至少一名调解员。", en: "Name at least one mediator.")
        }
        if mediatorIds.count > 5 || Set(mediatorIds).count != mediatorIds.count {
            validator.fail("mediatorIds", "invalid", zh: "调解员最多 5 名且不能重复。", en: "At most 5 distinct mediators.")
        }
        if helpers.count > 10 { validator.fail("helpers", "too_many", zh: "邀请人员不超过 10 名。", en: "At most 10 helpers.") }
        for (index, helper) in helpers.enumerated() {
            validator.length("helpers/\(index)/name", helper.name, max: 50)
            validator.notBlank("helpers/\(index)/name", helper.name)
        }
        if !helpers.isEmpty, !partiesConsentToHelpers {
            validator.fail(
                "partiesConsentToHelpers", "consent_required", zh: "邀请他人参与调解须经当事人同意（MED-9）。",
                en: "Helpers are invited with the parties' consent (MED-9).")
        }
        try validator.check()
        return try await changed(id, context: context) { current, transaction in
            guard current.status == .accepted else { throw MediationCase.wrongState("accepted") }
            if let mediatorTokenId {
                // Only a token the caller can see, and only a live one: a token outside the scope
                // answers like a missing one, an expired one like a revoked one.
                let mediator = try await tokens.find(
                    mediatorTokenId, scopePath: context.scopePath, deadline: context.deadline)
                let ended = mediator.map { $0.revokedAt != nil || $0.expiresAt <= context.clock.now() } ?? false
                try MediationCase.checkMediator(
                    role: mediator?.role, revoked: ended, servesAt: mediator?.areaPath, casePath: current.levelPath)
            }
            let posts =
                mediatorIds.isEmpty
                ? [] : try await mediators.findAll(mediatorIds, scopePath: context.scopePath, in: transaction)
            guard posts.count == mediatorIds.count else { throw DomainError.notFound("mediator") }
            try MediatorRules.checkAssignable(posts, levelPath: current.levelPath, today: context.today)
            let change = try current.decideAssignment(mediator: mediatorTokenId, consents: consents, on: context.today)
            try await mediation.recordConsents(consents, caseId: id, in: transaction)
            if change.status == .inMediation {
                try await mediation.assignMediators(
                    mediatorIds, chosenByParties: chosenByParties, helpers: helpers, caseId: id, on: context.today,
                    in: transaction)
            }
            return (
                change,
                [
                    "mediatorToken": mediatorTokenId.map { JSONValue($0) } ?? .null,
                    "mediators": .array(mediatorIds.map { JSONValue($0) }), "helpers": .int(helpers.count),
                    "allConsent": .bool(change.status == .inMediation),
                ]
            )
        }
    }

    /// Records a mediation session (MED-18: a case closes only with one).
    package func addSession(
        _ id: UUID, heldOn: CalendarDay, place: String, attendees: [String], summary: String, context: CallContext
    ) async throws -> UUID {
        try MediationCase.validateSession(
            heldOn: heldOn, place: place, attendees: attendees, summary: summary, today: context.today)
        return try await store.audited(context.write) { transaction in
            let current = try await handled(id, context: context, in: transaction)
            guard [.inMediation, .agreement].contains(current.status) else {
                throw MediationCase.wrongState("in_mediation")
            }
            let session = try await mediation.insertSession(
                caseId: id, heldOn: heldOn, place: place, attendees: attendees, summary: summary, in: transaction)
            return AuditedChange(
                session, resourceType: "mediation_session", resourceId: session, areaPath: current.levelPath,
                summary: ["heldOn": .string(heldOn.description)])
        }
    }

    /// The sessions of a case the caller may read.
    package func sessions(_ id: UUID, context: CallContext) async throws -> [MediationSession] {
        _ = try await get(id, context: context)
        return try await mediation.sessions(of: id, deadline: context.deadline)
    }

    /// Records the agreement, written (pending until signed and sealed) or oral (MED-12, MED-13).
    package func agree(_ id: UUID, agreement: MediationAgreement, context: CallContext) async throws -> MediationCase {
        try agreement.validate()
        return try await changed(id, context: context) { current, _ in
            (
                try current.decideAgreement(agreement, today: context.today),
                ["agreement": JSONValue(agreement.form)]
            )
        }
    }

    /// Records a party's signature, the mediator's or the committee's seal (MED-13).
    package func sign(_ id: UUID, signature: AgreementSignature, context: CallContext) async throws -> MediationCase {
        try await changed(id, context: context) { current, _ in
            let change = try current.decideSignature(signature, today: context.today)
            var summary: [String: JSONValue] = ["signedOn": .string(signature.on.description)]
            switch signature.signer {
            case .party(let partyId): summary["partyId"] = JSONValue(partyId)
            case .mediator: summary["signer"] = "mediator"
            case .committeeSeal: summary["signer"] = "committee_seal"
            }
            if let effective = change.agreementEffectiveOn { summary["effectiveOn"] = .string(effective.description) }
            return (change, summary)
        }
    }

    /// Records the parties' joint application for judicial confirmation (MED-15).
    package func applyForJudicialConfirmation(
        _ id: UUID, appliedOn: CalendarDay, applicants: [UUID], court: String, context: CallContext
    ) async throws -> MediationCase {
        var validator = FieldValidator()
        validator.length("court", court, max: 200)
        validator.notBlank("court", court)
        validator.range("applicantPartyIds", applicants.count, 1...50)
        try validator.check()
        return try await changed(id, context: context) { current, _ in
            (
                try current.decideJudicialApplication(
                    appliedOn: appliedOn, applicants: Set(applicants), court: court, today: context.today),
                ["appliedOn": .string(appliedOn.description)]
            )
        }
    }

    /// Records the court's answer to the application (MED-16).
    package func recordJudicialAnswer(_ id: UUID, accepted: Bool, answeredOn: CalendarDay, context: CallContext)
        async throws -> MediationCase
    {
        try await changed(id, context: context) { current, _ in
            (
                try current.decideJudicialAnswer(accepted: accepted, answeredOn: answeredOn, today: context.today),
                ["accepted": .bool(accepted)]
            )
        }
    }

    /// Records the report to the police (MED-10).
    package func reportToPolice(_ id: UUID, report: PoliceReport, context: CallContext) async throws -> MediationCase {
        var validator = FieldValidator()
        validator.length("reportedTo", report.reportedTo, max: 200)
        validator.notBlank("reportedTo", report.reportedTo)
        try validator.check()
        return try await changed(id, context: context) { current, _ in
            (try current.decidePoliceReport(report, now: context.clock.now()), ["reportedToPolice": true])
        }
    }

    /// Extends the clock with every party's consent (MED-17).
    package func extend(_ id: UUID, days: Int, reason: String, everyPartyConsents: Bool, context: CallContext)
        async throws -> MediationCase
    {
        try MediationClock.checkExtension(days: days, reason: reason, everyPartyConsents: everyPartyConsents)
        return try await changed(id, context: context) { current, _ in
            (try current.decideExtension(days: days), ["extensionDays": .int(days)])
        }
    }

    /// Escalates a case one level up (MED-20); the receiving level accepts or returns it.
    package func escalate(_ id: UUID, reason: String, context: CallContext) async throws -> (
        id: UUID, from: MediationLevel, to: MediationLevel
    ) {
        var validator = FieldValidator()
        validator.length("reason", reason, max: 1000)
        validator.notBlank("reason", reason)
        try validator.check()
        return try await store.audited(context.write) { transaction in
            let current = try await handled(id, context: context, in: transaction)
            let target = try MediationEscalation.target(
                from: current.level, status: current.status, hasPendingEscalation: current.pendingEscalation)
            let escalation = try await mediation.insertEscalation(
                caseId: id, from: current.level, to: target, toPath: target.path(from: current.originPath),
                reason: reason, in: transaction)
            var change = MediationChange()
            change.escalated = true
            try await mediation.apply(id, change, in: transaction)
            return AuditedChange(
                (escalation, current.level, target), resourceType: "mediation_escalation", resourceId: escalation,
                areaPath: current.levelPath,
                summary: ["from": JSONValue(current.level), "to": JSONValue(target)])
        }
    }

    /// The receiving level accepts an escalation (the clock restarts there) or returns it (GEN-2).
    package func decide(_ id: UUID, escalationId: UUID, accept: Bool, reason: String?, context: CallContext)
        async throws -> MediationCase
    {
        var validator = FieldValidator()
        validator.length("reason", reason, max: 1000)
        try validator.check()
        return try await store.audited(context.write) { transaction in
            guard
                try await mediation.find(
                    id, scopePath: context.scopePath, revealFor: nil, via: .transaction(transaction), lock: true)
                    != nil,
                let escalation = try await mediation.pendingEscalation(escalationId, caseId: id, in: transaction)
            else { throw DomainError.notFound("mediation_escalation") }
            try MediationEscalation.checkReceiver(scopePath: context.scopePath, targetPath: escalation.toPath)  // GEN-2
            if !accept, reason == nil { throw DomainError.required("reason") }
            try await mediation.decideEscalation(escalationId, accepted: accept, reason: reason, in: transaction)
            if accept {
                var change = MediationChange.acceptance(at: escalation.to, path: escalation.toPath, on: context.today)
                change.clockMonths = try await clockMonths(for: escalation.toPath, context: context, in: transaction)
                try await mediation.apply(id, change, in: transaction)
                // The level below's mediators leave the case with it; the receiving level assigns its own.
                try await mediation.releaseMediators(caseId: id, in: transaction)
            }
            return AuditedChange(
                try await reloaded(id, context: context, in: transaction), resourceType: "mediation_escalation",
                resourceId: escalationId,
                areaPath: escalation.toPath, summary: ["accepted": .bool(accept)])
        }
    }

    /// Records a follow-up of the agreement; not performed can reopen the case.
    package func followUp(
        _ id: UUID, performance: PerformanceStatus, on day: CalendarDay, note: String?, reopen: Bool,
        context: CallContext
    ) async throws -> MediationCase {
        var validator = FieldValidator()
        validator.length("note", note, max: 2000)
        validator.statedDay("followedUpOn", day, today: context.today)
        try validator.check()
        return try await changed(id, context: context) { current, transaction in
            let change = try current.decideFollowUp(performance: performance, reopen: reopen)
            try await mediation.insertFollowUp(
                caseId: id, performance: performance, on: day, note: note, in: transaction)
            return (change, ["followUp": JSONValue(performance), "reopened": .bool(reopen)])
        }
    }

    /// Statistics of a subtree, computed in one `GROUP BY` query without personal data.
    package func stats(areaId: UUID?, context: CallContext) async throws -> (
        areaId: UUID, statistics: MediationStatistics
    ) {
        var areaPath = context.scopePath
        var resolvedId = context.principal.scopeAreaId
        if let areaId {
            guard let area = try await areas.find(areaId, scopePath: context.scopePath, deadline: context.deadline)
            else { throw DomainError.notFound("area") }
            areaPath = area.path
            resolvedId = area.id
        }
        return (
            resolvedId,
            try await mediation.statistics(areaPath: areaPath, today: context.today, deadline: context.deadline)
        )
    }

    // MARK: The one write path of a case

    /// Load the case the caller's level handles, locked → let `decide` return the change → apply
    /// it → audit → reload: every step of a case's lifecycle goes through here.
    private func changed(
        _ id: UUID, context: CallContext,
        decide: (MediationCase, PostgresTransaction) async throws -> (
            change: MediationChange, summary: [String: JSONValue]
        )
    ) async throws -> MediationCase {
        try await store.audited(context.write) { transaction in
            let current = try await handled(id, context: context, in: transaction)
            let (change, summary) = try await decide(current, transaction)
            try await mediation.apply(id, change, in: transaction)
            return AuditedChange(
                try await reloaded(id, context: context, in: transaction), resourceType: "mediation_case",
                resourceId: id,
                areaPath: current.levelPath, summary: summary)
        }
    }

    /// The case, locked, when the caller's level handles it: lower levels keep read access only.
    private func handled(_ id: UUID, context: CallContext, in transaction: PostgresTransaction) async throws
        -> MediationCase
    {
        guard
            let found = try await mediation.find(
                id, scopePath: context.scopePath, revealFor: nil, via: .transaction(transaction), lock: true)
        else {
            throw DomainError.notFound("mediation_case")
        }
        try found.checkHandled(by: context.principal)
        return found
    }

    private func reloaded(_ id: UUID, context: CallContext, in transaction: PostgresTransaction) async throws
        -> MediationCase
    {
        guard
            let found = try await mediation.find(
                id, scopePath: context.scopePath, revealFor: nil, via: .transaction(transaction))
        else { throw DomainError.notFound("mediation_case") }
        return found
    }

    /// A party's full phone for the case's assigned mediator: an act with a stated purpose,
    /// audited and counted against the token's daily reveals, like a person's (GEN-7).
    package func revealPartyPhone(_ id: UUID, partyId: UUID, purpose: String?, context: CallContext) async throws
        -> MediationPartyPhone
    {
        let purpose = try PersonalData.validatePurpose(purpose)
        return try await store.audited(context.write) { transaction in
            guard
                let found = try await mediation.find(
                    id, scopePath: context.scopePath, revealFor: context.principal.tokenId,
                    person: context.principal.personId, via: .transaction(transaction))
            else { throw DomainError.notFound("mediation_case") }
            guard
                MediationCase.revealsPartyPhones(
                    to: context.principal.tokenId, person: context.principal.personId,
                    assignedToken: found.mediatorTokenId, assignedPersons: found.mediators.map(\.personId))
            else {
                throw DomainError(
                    .forbidden, code: "mediation.not_assigned_mediator",
                    message: LocalizedText(
                        zh: "只有本案指派的调解员可以查看当事人的完整电话。",
                        en: "Only the case's assigned mediator may see a party's full phone number."))
            }
            guard let party = found.parties.first(where: { $0.id == partyId }) else {
                throw DomainError.notFound("mediation_party")
            }
            let remaining = try await RevealQuota(store: store, profiles: profiles).take(
                areaPath: found.levelPath, context: context, in: transaction)
            return AuditedChange(
                MediationPartyPhone(partyId: party.id, phone: party.phone, purpose: purpose, remainingToday: remaining),
                resourceType: "mediation_case", resourceId: id, areaPath: found.levelPath,
                summary: ["fields": .array(["phone"]), "partyId": JSONValue(party.id), "purpose": .string(purpose)])
        }
    }
}
