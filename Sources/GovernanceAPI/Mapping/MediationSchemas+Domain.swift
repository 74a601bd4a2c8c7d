import Foundation
import Governance
import GovernanceOpenAPI
import GovernanceServices
import GovernanceStore

// Mediation: generated types ⇄ domain types, with the confidentiality of each role applied.

extension Components.Schemas.MediationCase {
    /// The case as `role` may see it: grid workers get status and parties, not the description or
    /// the agreement's terms; auditors get party names masked (phones are masked for all but the
    /// assigned mediator already).
    init(_ mediationCase: MediationCase, role: Role, today: CalendarDay, now: Date) throws {
        let visibility = MediationCase.Visibility(role)
        let confidential = visibility.showsConfidentialText
        let agreement: Components.Schemas.MediationCase.AgreementPayload? = try mediationCase.agreement.map {
            recorded in
            let content = recorded.content
            return .init(
                form: try bridged(content.form), status: try bridged(recorded.status),
                facts: confidential ? content.facts : nil, terms: confidential ? content.terms : nil,
                performanceManner: content.performanceManner, agreedOn: content.agreedOn.description,
                performanceDeadline: content.performanceDeadline?.description,
                signatures: try mediationCase.parties.compactMap { party in
                    try recorded.partySignatures[party.id].map {
                        .init(
                            partyId: party.id.lowercasedString, method: try bridged($0.method),
                            signedOn: $0.on.description)
                    }
                },
                mediatorSignedOn: recorded.mediatorSignedOn?.description, sealedOn: recorded.sealedOn?.description,
                effectiveOn: recorded.effectiveOn?.description,
                judicialConfirmationDeadline: recorded.judicialConfirmationDeadline?.description)
        }
        let judicial = mediationCase.judicialConfirmation.map {
            Components.Schemas.MediationCase.JudicialConfirmationPayload(
                appliedOn: $0.application.appliedOn.description, court: $0.application.court,
                answer: $0.answer.map { $0.accepted ? .accepted : .notAccepted },
                answeredOn: $0.answer?.answeredOn.description)
        }
        let police = mediationCase.policeReport.map {
            Components.Schemas.MediationCase.PoliceReportPayload(reportedAt: $0.reportedAt, reportedTo: $0.reportedTo)
        }
        self.init(
            id: mediationCase.id.lowercasedString, areaId: mediationCase.originAreaId.lowercasedString,
            level: try bridged(mediationCase.level), source: .init(rawValue: mediationCase.source) ?? .walkIn,
            category: .init(rawValue: mediationCase.category) ?? .other,
            description: confidential ? mediationCase.description : nil,
            amount: mediationCase.amount, riskLevel: try bridged(mediationCase.risk),
            complexity: try bridged(mediationCase.complexity), status: try bridged(mediationCase.status),
            acceptedOn: mediationCase.acceptedOn?.description, deadline: mediationCase.deadline?.description,
            overdue: mediationCase.isOverdue(on: today),
            attention: MediationEscalation.needsStreetAttention(risk: mediationCase.risk, level: mediationCase.level)
                && mediationCase.status.isOpen,
            mediatorTokenId: mediationCase.mediatorTokenId?.lowercasedString, agreement: agreement,
            mediators: try mediationCase.mediators.map {
                .init(
                    mediatorId: $0.mediatorId.lowercasedString, personId: $0.personId.lowercasedString,
                    name: visibility.name($0.name), employment: try bridged($0.employment),
                    chosenByParties: $0.chosenByParties)
            },
            helpers: confidential
                ? try mediationCase.helpers.map {
                    .init(name: visibility.name($0.name), relation: try bridged($0.relation))
                }
                : nil,
            judicialConfirmation: judicial, policeReport: police,
            findings: mediationCase.findings(now: now, today: today).map {
                Components.Schemas.Finding($0, language: (RequestState.current ?? RequestState()).language)
            },
            advice: mediationCase.advice,
            declineReason: mediationCase.declineReason,
            parties: mediationCase.parties.map { party in
                .init(
                    id: party.id.lowercasedString, personId: party.personId?.lowercasedString,
                    name: visibility.name(party.name), phone: party.phone,
                    role: .init(rawValue: party.role) ?? .thirdParty, consented: party.consented)
            },
            sessionCount: mediationCase.sessionCount, pendingEscalation: mediationCase.pendingEscalation,
            version: mediationCase.version,
            createdAt: mediationCase.createdAt, gridEventId: mediationCase.gridEventId?.lowercasedString)
    }
}

extension Components.Schemas.MediationStats {
    /// The figures of a subtree.
    init(areaId: UUID, statistics: MediationStatistics) {
        self.init(
            areaId: areaId.lowercasedString, total: statistics.total,
            byStatus: .init(additionalProperties: statistics.byStatus),
            byCategory: .init(additionalProperties: statistics.byCategory),
            byLevel: .init(additionalProperties: statistics.byLevel),
            bySource: .init(additionalProperties: statistics.bySource), concluded: statistics.concluded,
            agreements: statistics.agreements,
            successRate: statistics.successRate, medianDaysToConclude: statistics.medianDaysToConclude,
            overdue: statistics.overdue,
            escalated: statistics.escalated, escalationRate: statistics.escalationRate, performed: statistics.performed)
    }
}

extension Components.Schemas.Finding {
    /// A finding with its message in the request's language.
    init(_ finding: ComplianceFinding, language: Language) {
        self.init(
            rule: finding.rule, code: finding.code, message: finding.message.text(language), actual: finding.actual,
            expected: finding.expected)
    }
}

extension Components.Schemas.Mediator {
    /// A post as `role` may see it (auditors see the name masked), `active` on `today`.
    init(_ mediator: Mediator, role: Role, today: CalendarDay) throws {
        self.init(
            id: mediator.id.lowercasedString, personId: mediator.personId.lowercasedString,
            personName: role == .auditor ? Masking.name(mediator.personName) : mediator.personName,
            areaId: mediator.areaId.lowercasedString, committeeId: mediator.committeeId?.lowercasedString,
            kind: try bridged(mediator.kind), employment: try bridged(mediator.employment),
            engagedOn: mediator.engagedOn.description, engagedUntil: mediator.engagedUntil?.description,
            endedOn: mediator.endedOn?.description,
            endKind: mediator.endedOn == nil ? nil : .init(rawValue: mediator.endKind),
            endReason: mediator.endReason, active: mediator.isActive(on: today),
            trainings: mediator.trainings.map {
                .init(trainedOn: $0.trainedOn.description, hours: $0.hours, topic: $0.topic)
            },
            version: mediator.version, createdAt: mediator.createdAt)
    }
}
