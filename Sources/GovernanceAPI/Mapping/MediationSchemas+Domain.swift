import Foundation
import Governance
import GovernanceOpenAPI

// Mediation: generated types ⇄ domain types, with the confidentiality of each role applied.

extension Components.Schemas.MediationCase {
    /// The case as `role` may see it: grid workers get status and parties, not the description or
    /// the agreement's terms; auditors get party names masked (phones are masked for all but the
    /// assigned mediator already).
    init(_ mediationCase: MediationCase, role: Role, today: CalendarDay) {
        let confidential = role != .gridWorker
        let agreement: Components.Schemas.MediationCase.AgreementPayload? =
            mediationCase.agreementOn.map { day in
                .init(
                    terms: confidential ? mediationCase.agreementTerms : nil, agreedOn: day.description, form: mediationCase.agreementForm,
                    performanceDeadline: mediationCase.performanceDeadline?.description,
                    judicialConfirmationDeadline: MediationClock.judicialConfirmationDeadline(agreementOn: day).description)
            }
        self.init(
            id: mediationCase.id.lowercasedString, areaId: mediationCase.originAreaId.lowercasedString,
            level: .init(rawValue: mediationCase.level.rawValue)!, source: .init(rawValue: mediationCase.source) ?? .walkIn,
            category: .init(rawValue: mediationCase.category) ?? .other, description: confidential ? mediationCase.description : nil,
            amount: mediationCase.amount, riskLevel: .init(rawValue: mediationCase.risk.rawValue)!,
            complexity: .init(rawValue: mediationCase.complexity.rawValue)!, status: .init(rawValue: mediationCase.status.rawValue)!,
            acceptedOn: mediationCase.acceptedOn?.description, deadline: mediationCase.deadline?.description,
            overdue: MediationService.isOverdue(mediationCase, today: today),
            attention: MediationEscalation.needsStreetAttention(risk: mediationCase.risk, level: mediationCase.level) && mediationCase.status.isOpen,
            mediatorTokenId: mediationCase.mediatorTokenId?.lowercasedString, agreement: agreement, advice: mediationCase.advice,
            declineReason: mediationCase.declineReason,
            parties: mediationCase.parties.map { party in
                .init(
                    id: party.id.lowercasedString, personId: party.personId?.lowercasedString,
                    name: role == .auditor ? String(party.name.prefix(1)) + "*" : party.name, phone: party.phone,
                    role: .init(rawValue: party.role) ?? .thirdParty, consented: party.consented)
            },
            sessionCount: mediationCase.sessionCount, pendingEscalation: mediationCase.pendingEscalation, version: mediationCase.version,
            createdAt: mediationCase.createdAt)
    }
}
