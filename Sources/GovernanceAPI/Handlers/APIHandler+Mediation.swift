import Foundation
import Governance
import GovernanceOpenAPI
import GovernanceServices
import GovernanceStore
import OpenAPIRuntime

extension APIHandler {
    func createMediationCase(_ input: Operations.CreateMediationCase.Input) async throws
        -> Operations.CreateMediationCase.Output
    {
        guard case .json(let body) = input.body else { throw DomainError.validation([]) }
        let new = NewMediationCase(
            areaId: try parseBodyID(body.areaId, field: "areaId"), source: body.source.rawValue,
            category: body.category.rawValue,
            description: body.description, amount: body.amount,
            risk: try parseEnum(MediationRisk.self, body.riskLevel.rawValue, field: "riskLevel"),
            complexity: try body.complexity.map {
                try parseEnum(MediationComplexity.self, $0.rawValue, field: "complexity")
            } ?? .general,
            parties: try body.parties.map {
                NewMediationParty(
                    personId: try parseFilterID($0.personId, field: "parties/personId"), name: $0.name, phone: $0.phone,
                    role: $0.role.rawValue)
            })
        let context = try CallContext.current()
        let created = try await mediationService.create(new, context: context)
        setHeaders(version: created.version, location: "/v1/mediation/cases/\(created.id.lowercasedString)")
        return .created(
            .init(
                body: .json(
                    try .init(created, role: context.principal.role, today: context.today, now: context.clock.now()))))
    }

    func listMediationCases(_ input: Operations.ListMediationCases.Input) async throws
        -> Operations.ListMediationCases.Output
    {
        let context = try CallContext.current()
        let filter = MediationCaseFilter(
            areaId: try parseFilterID(input.query.areaId, field: "areaId"),
            status: try input.query.status.map { try parseEnum(MediationStatus.self, $0.rawValue, field: "status") },
            level: try input.query.level.map { try parseEnum(MediationLevel.self, $0.rawValue, field: "level") },
            category: input.query.category?.rawValue,
            risk: try input.query.riskLevel.map { try parseEnum(MediationRisk.self, $0.rawValue, field: "riskLevel") },
            overdue: input.query.overdue, ids: try parseIDBatch(input.query.ids))
        let page = try await mediationService.list(
            filter: filter, cursor: input.query.cursor, limit: input.query.limit, context: context)
        return .ok(
            .init(
                body: .json(
                    .init(
                        items: CSVRowSink.divert(
                            try page.items.map {
                                try .init(
                                    $0, role: context.principal.role, today: context.today, now: context.clock.now())
                            }),
                        nextCursor: page.nextCursor))))
    }

    func revealMediationPartyPhone(_ input: Operations.RevealMediationPartyPhone.Input) async throws
        -> Operations.RevealMediationPartyPhone.Output
    {
        let revealed = try await mediationService.revealPartyPhone(
            try parseID(input.path.caseId, resource: "mediation_case"),
            partyId: try parseID(input.path.partyId, resource: "mediation_party"), purpose: input.query.purpose,
            context: .current())
        return .ok(
            .init(
                body: .json(
                    .init(
                        partyId: revealed.partyId.lowercasedString, phone: revealed.phone, purpose: revealed.purpose,
                        remainingToday: revealed.remainingToday))))
    }

    func getMediationCase(_ input: Operations.GetMediationCase.Input) async throws -> Operations.GetMediationCase.Output
    {
        let context = try CallContext.current()
        let found = try await mediationService.get(
            try parseID(input.path.caseId, resource: "mediation_case"), context: context)
        setHeaders(version: found.version)
        return .ok(
            .init(
                body: .json(
                    try .init(found, role: context.principal.role, today: context.today, now: context.clock.now()))))
    }

    func transitionMediationCase(_ input: Operations.TransitionMediationCase.Input) async throws
        -> Operations.TransitionMediationCase.Output
    {
        guard case .json(let body) = input.body else { throw DomainError.validation([]) }
        let context = try CallContext.current()
        let moved = try await mediationService.transition(
            try parseID(input.path.caseId, resource: "mediation_case"),
            to: try parseEnum(MediationStatus.self, body.to.rawValue, field: "to"),
            reason: body.reason, advice: body.advice?.rawValue, context: context)
        return .ok(
            .init(
                body: .json(
                    try .init(moved, role: context.principal.role, today: context.today, now: context.clock.now()))))
    }

    func assignMediator(_ input: Operations.AssignMediator.Input) async throws -> Operations.AssignMediator.Output {
        guard case .json(let body) = input.body else { throw DomainError.validation([]) }
        let context = try CallContext.current()
        var consents: [UUID: Bool] = [:]
        for consent in body.consents {
            if let id = try parseFilterID(consent.partyId, field: "consents/partyId") {
                consents[id] = consent.consents
            }
        }
        var mediatorIds: [UUID] = []
        for (index, id) in (body.mediatorIds ?? []).enumerated() {
            mediatorIds.append(try parseBodyID(id, field: "mediatorIds/\(index)"))
        }
        let helpers = try (body.helpers ?? []).enumerated().map { index, helper in
            MediationHelper(
                name: helper.name,
                relation: try parseEnum(
                    MediationHelper.Relation.self, helper.relation.rawValue, field: "helpers/\(index)/relation"))
        }
        let assigned = try await mediationService.assign(
            try parseID(input.path.caseId, resource: "mediation_case"),
            mediatorTokenId: try parseFilterID(body.mediatorTokenId, field: "mediatorTokenId"),
            mediatorIds: mediatorIds, chosenByParties: body.chosenByParties ?? false, helpers: helpers,
            partiesConsentToHelpers: body.partiesConsentToHelpers ?? false, consents: consents, context: context)
        return .ok(
            .init(
                body: .json(
                    try .init(assigned, role: context.principal.role, today: context.today, now: context.clock.now()))))
    }

    func addMediationSession(_ input: Operations.AddMediationSession.Input) async throws
        -> Operations.AddMediationSession.Output
    {
        guard case .json(let body) = input.body else { throw DomainError.validation([]) }
        let heldOn = try parseDay(body.heldOn, field: "heldOn")
        let id = try await mediationService.addSession(
            try parseID(input.path.caseId, resource: "mediation_case"), heldOn: heldOn, place: body.place,
            attendees: body.attendees ?? [],
            summary: body.summary, context: .current())
        return .created(
            .init(
                body: .json(
                    .init(
                        id: id.lowercasedString, heldOn: heldOn.description, place: body.place,
                        attendees: body.attendees ?? [], summary: body.summary))))
    }

    func listMediationSessions(_ input: Operations.ListMediationSessions.Input) async throws
        -> Operations.ListMediationSessions.Output
    {
        let sessions = try await mediationService.sessions(
            try parseID(input.path.caseId, resource: "mediation_case"), context: .current())
        return .ok(
            .init(
                body: .json(
                    .init(
                        items: sessions.map {
                            .init(
                                id: $0.id.lowercasedString, heldOn: $0.heldOn.description, place: $0.place,
                                attendees: $0.attendees, summary: $0.summary)
                        }))))
    }

    func recordMediationAgreement(_ input: Operations.RecordMediationAgreement.Input) async throws
        -> Operations.RecordMediationAgreement.Output
    {
        guard case .json(let body) = input.body else { throw DomainError.validation([]) }
        let context = try CallContext.current()
        let agreement = MediationAgreement(
            form: try parseEnum(AgreementForm.self, body.form.rawValue, field: "form"), facts: body.facts,
            terms: body.terms, performanceManner: body.performanceManner,
            performanceDeadline: try body.performanceDeadline.map { try parseDay($0, field: "performanceDeadline") },
            agreedOn: try parseDay(body.agreedOn, field: "agreedOn"),
            recordedByMediator: body.recordedByMediator ?? false)
        let agreed = try await mediationService.agree(
            try parseID(input.path.caseId, resource: "mediation_case"), agreement: agreement, context: context)
        return .ok(
            .init(
                body: .json(
                    try .init(agreed, role: context.principal.role, today: context.today, now: context.clock.now()))))
    }

    func signMediationAgreement(_ input: Operations.SignMediationAgreement.Input) async throws
        -> Operations.SignMediationAgreement.Output
    {
        guard case .json(let body) = input.body else { throw DomainError.validation([]) }
        let context = try CallContext.current()
        let partyId = try parseFilterID(body.partyId, field: "partyId")
        let signer: AgreementSigner
        switch body.signer {
        case .party:
            guard let partyId else { throw DomainError.required("partyId") }
            signer = .party(partyId)
        case .mediator, .committeeSeal:
            guard partyId == nil, body.method == nil else {
                throw DomainError.validation([
                    .init(
                        field: partyId == nil ? "method" : "partyId", code: "parties_only",
                        message: LocalizedText(
                            zh: "只有当事人签署时填写此项。", en: "Only a party's signature names this."))
                ])
            }
            signer = body.signer == .mediator ? .mediator : .committeeSeal
        }
        let signature = AgreementSignature(
            signer: signer,
            method: try body.method.map { try parseEnum(SigningMethod.self, $0.rawValue, field: "method") }
                ?? .signature,
            on: try body.signedOn.map { try parseDay($0, field: "signedOn") } ?? context.today)
        let signed = try await mediationService.sign(
            try parseID(input.path.caseId, resource: "mediation_case"), signature: signature, context: context)
        return .ok(
            .init(
                body: .json(
                    try .init(signed, role: context.principal.role, today: context.today, now: context.clock.now()))))
    }

    func applyForJudicialConfirmation(_ input: Operations.ApplyForJudicialConfirmation.Input) async throws
        -> Operations.ApplyForJudicialConfirmation.Output
    {
        guard case .json(let body) = input.body else { throw DomainError.validation([]) }
        let context = try CallContext.current()
        var applicants: [UUID] = []
        for (index, id) in body.applicantPartyIds.enumerated() {
            applicants.append(try parseBodyID(id, field: "applicantPartyIds/\(index)"))
        }
        let applied = try await mediationService.applyForJudicialConfirmation(
            try parseID(input.path.caseId, resource: "mediation_case"),
            appliedOn: try parseDay(body.appliedOn, field: "appliedOn"), applicants: applicants, court: body.court,
            context: context)
        return .ok(
            .init(
                body: .json(
                    try .init(applied, role: context.principal.role, today: context.today, now: context.clock.now()))))
    }

    func recordJudicialConfirmationAnswer(_ input: Operations.RecordJudicialConfirmationAnswer.Input) async throws
        -> Operations.RecordJudicialConfirmationAnswer.Output
    {
        guard case .json(let body) = input.body else { throw DomainError.validation([]) }
        let context = try CallContext.current()
        let answered = try await mediationService.recordJudicialAnswer(
            try parseID(input.path.caseId, resource: "mediation_case"), accepted: body.accepted,
            answeredOn: try parseDay(body.answeredOn, field: "answeredOn"), context: context)
        return .ok(
            .init(
                body: .json(
                    try .init(answered, role: context.principal.role, today: context.today, now: context.clock.now()))))
    }

    func reportMediationCaseToPolice(_ input: Operations.ReportMediationCaseToPolice.Input) async throws
        -> Operations.ReportMediationCaseToPolice.Output
    {
        guard case .json(let body) = input.body else { throw DomainError.validation([]) }
        let context = try CallContext.current()
        let reported = try await mediationService.reportToPolice(
            try parseID(input.path.caseId, resource: "mediation_case"),
            report: PoliceReport(reportedAt: body.reportedAt, reportedTo: body.reportedTo), context: context)
        return .ok(
            .init(
                body: .json(
                    try .init(reported, role: context.principal.role, today: context.today, now: context.clock.now()))))
    }

    func extendMediationDeadline(_ input: Operations.ExtendMediationDeadline.Input) async throws
        -> Operations.ExtendMediationDeadline.Output
    {
        guard case .json(let body) = input.body else { throw DomainError.validation([]) }
        let context = try CallContext.current()
        let extended = try await mediationService.extend(
            try parseID(input.path.caseId, resource: "mediation_case"), days: body.days, reason: body.reason,
            everyPartyConsents: body.everyPartyConsents,
            context: context)
        return .ok(
            .init(
                body: .json(
                    try .init(extended, role: context.principal.role, today: context.today, now: context.clock.now()))))
    }

    func escalateMediationCase(_ input: Operations.EscalateMediationCase.Input) async throws
        -> Operations.EscalateMediationCase.Output
    {
        guard case .json(let body) = input.body else { throw DomainError.validation([]) }
        let caseId = try parseID(input.path.caseId, resource: "mediation_case")
        let escalation = try await mediationService.escalate(caseId, reason: body.reason, context: .current())
        return .created(
            .init(
                body: .json(
                    .init(
                        id: escalation.id.lowercasedString, caseId: caseId.lowercasedString,
                        fromLevel: escalation.from.rawValue, toLevel: escalation.to.rawValue,
                        status: .pending))))
    }

    func decideMediationEscalation(_ input: Operations.DecideMediationEscalation.Input) async throws
        -> Operations.DecideMediationEscalation.Output
    {
        guard case .json(let body) = input.body else { throw DomainError.validation([]) }
        let context = try CallContext.current()
        let decided = try await mediationService.decide(
            try parseID(input.path.caseId, resource: "mediation_case"),
            escalationId: try parseID(input.path.escalationId, resource: "mediation_escalation"),
            accept: body.accept, reason: body.reason, context: context)
        return .ok(
            .init(
                body: .json(
                    try .init(decided, role: context.principal.role, today: context.today, now: context.clock.now()))))
    }

    func addMediationFollowUp(_ input: Operations.AddMediationFollowUp.Input) async throws
        -> Operations.AddMediationFollowUp.Output
    {
        guard case .json(let body) = input.body else { throw DomainError.validation([]) }
        let context = try CallContext.current()
        let followed = try await mediationService.followUp(
            try parseID(input.path.caseId, resource: "mediation_case"),
            performance: try parseEnum(PerformanceStatus.self, body.performance.rawValue, field: "performance"),
            on: try parseDay(body.followedUpOn, field: "followedUpOn"), note: body.note, reopen: body.reopen ?? false,
            context: context)
        return .created(
            .init(
                body: .json(
                    try .init(followed, role: context.principal.role, today: context.today, now: context.clock.now()))))
    }

    func getMediationStats(_ input: Operations.GetMediationStats.Input) async throws
        -> Operations.GetMediationStats.Output
    {
        let (areaId, statistics) = try await mediationService.stats(
            areaId: try parseFilterID(input.query.areaId, field: "areaId"), context: .current())
        return .ok(.init(body: .json(.init(areaId: areaId, statistics: statistics))))
    }
}
