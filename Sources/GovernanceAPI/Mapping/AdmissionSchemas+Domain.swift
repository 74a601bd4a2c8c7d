import Foundation
import Governance
import GovernanceOpenAPI

// Admission: generated types ⇄ domain types.

extension Components.Schemas.AdmissionApplication {
    init(_ application: AdmissionApplication, today: CalendarDay) {
        self.init(
            id: application.id.lowercasedString, department: application.department, targetAreaId: application.areaId.lowercasedString,
            title: application.title, description: application.description, category: .init(rawValue: application.category.rawValue)!,
            legalBasis: application.legalBasis, startsOn: application.startsOn.description, endsOn: application.endsOn.description,
            fundingAmount: application.fundingAmount, fundingSource: application.fundingSource, staffing: application.staffing,
            workloadHoursPerMonth: application.workloadHoursPerMonth, forms: application.forms,
            status: .init(rawValue: application.status(on: today).rawValue)!, submittedOn: application.submittedOn?.description,
            submitBy: AdmissionDeadlines.submitBy(startsOn: application.startsOn).description,
            decisionDue: application.submittedOn.map { AdmissionDeadlines.decisionDue(submittedOn: $0).description },
            overdue: AdmissionDeadlines.isOverdue(application, today: today), legalOpinion: application.legalOpinion,
            decisionMeeting: application.decisionMeeting.map { .init(rawValue: $0.rawValue)! }, decisionDate: application.decisionDate?.description,
            decisionReference: application.decisionReference, version: application.version, createdAt: application.createdAt)
    }
}

extension Components.Schemas.AdmissionRefusal {
    init(_ refusal: AdmissionRefusal) {
        self.init(
            id: refusal.id.lowercasedString, communityId: refusal.communityId.lowercasedString, department: refusal.department,
            description: refusal.description, date: refusal.date.description, evidence: refusal.evidence,
            status: .init(rawValue: refusal.status) ?? .open, outcomeNote: refusal.outcomeNote)
    }
}
