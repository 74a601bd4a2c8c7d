import Foundation
import Governance
import GovernanceOpenAPI
import GovernanceServices
import GovernanceStore

// Admission: generated types ⇄ domain types.

extension Components.Schemas.AdmissionApplication {
    init(_ application: AdmissionApplication, today: CalendarDay) throws {
        self.init(
            matter: try bridged(application.matter),
            id: application.id.lowercasedString, departmentId: application.departmentId.lowercasedString,
            departmentName: application.departmentName,
            targetAreaId: application.areaId.lowercasedString,
            title: application.title, description: application.description, category: try bridged(application.category),
            legalBasis: application.legalBasis, startsOn: application.startsOn.description,
            endsOn: application.endsOn.description,
            fundingAmount: application.fundingAmount, fundingSource: application.fundingSource,
            staffing: application.staffing,
            workloadHoursPerMonth: application.workloadHoursPerMonth, forms: application.forms,
            status: try bridged(application.status(on: today)), submittedOn: application.submittedOn?.description,
            submitBy: application.submitBy.description,
            submitByCalendar: application.submitByCalendar.flatMap { .init(rawValue: $0) },
            decisionDue: application.decisionDue?.description,
            entrustmentReference: application.entrustmentReference,
            entrustmentDate: application.entrustmentDate?.description,
            targetCommunityIds: application.targetCommunityIds?.map(\.lowercasedString),
            listVersion: application.listVersion.map { .init(year: $0.year, version: $0.version) },
            decisionDueCalendar: application.decisionDueCalendar.flatMap { .init(rawValue: $0) },
            overdue: AdmissionDeadlines.isOverdue(application, today: today), legalOpinion: application.legalOpinion,
            decisionMeeting: try application.decisionMeeting.map { try bridged($0) },
            decisionDate: application.decisionDate?.description,
            decisionReference: application.decisionReference, version: application.version,
            createdAt: application.createdAt)
    }
}

extension Components.Schemas.AdmissionRefusal {
    init(_ refusal: AdmissionRefusal) throws {
        self.init(
            id: refusal.id.lowercasedString, communityId: refusal.communityId.lowercasedString,
            departmentId: refusal.departmentId.lowercasedString, departmentName: refusal.departmentName,
            description: refusal.description, date: refusal.date.description, evidence: refusal.evidence,
            status: .init(rawValue: refusal.status) ?? .open, outcomeNote: refusal.outcomeNote,
            kind: try bridged(refusal.kind))
    }
}

extension Components.Schemas.AdmissionApplicationPage {
    /// A page of applications, each with its status and deadlines on `today`.
    init(_ page: Page<AdmissionApplication>, today: CalendarDay) throws {
        self.init(
            items: CSVRowSink.divert(try page.items.map { try .init($0, today: today) }), nextCursor: page.nextCursor)
    }
}

extension Components.Schemas.ExceptionalAssignment {
    /// A push outside the lists, `active` on the server's `today`.
    init(_ assignment: ExceptionalAssignment, today: CalendarDay) throws {
        self.init(
            id: assignment.id.lowercasedString, mode: try bridged(assignment.mode),
            departmentId: assignment.departmentId.lowercasedString, departmentName: assignment.departmentName,
            communityId: assignment.communityId.lowercasedString, title: assignment.title,
            matter: try bridged(assignment.matter), emergencyEvent: assignment.emergencyEvent,
            decisionReference: assignment.decisionReference, contractReference: assignment.contractReference,
            amount: assignment.amount, startsOn: assignment.startsOn.description,
            endsOn: assignment.endsOn.description, active: assignment.isActive(on: today),
            createdAt: assignment.createdAt)
    }
}

extension Components.Schemas.AdmissionListVersion {
    /// A published list version.
    init(_ version: AdmissionListVersion) throws {
        self.init(
            id: version.id.lowercasedString, areaId: version.areaId.lowercasedString, year: version.year,
            version: version.version, publishedOn: version.publishedOn.description,
            items: try version.items.map {
                .init(applicationId: $0.applicationId.lowercasedString, category: try bridged($0.category))
            })
    }
}
