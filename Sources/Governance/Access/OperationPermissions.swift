/// Who may call each operation: one line per `operationId` of openapi.yaml.
///
/// A test fails when the contract has an operation missing here, and a matrix test calls every
/// operation with every role and checks 2xx/403/404 against this table.
public enum OperationPermissions {
    /// Who may call an operation.
    public enum Access: Sendable, Hashable {
        /// Anyone, without a token (operations endpoints).
        case anonymous
        /// Any token holding one of these roles.
        case roles(Set<Role>)
    }

    /// Every role but the Open311 reporter apps', which call Open311 and rate their own reports only.
    static let everyone = Set(Role.allCases).subtracting([.reporterApp])
    /// Who reads the statistics (no person-level data in them).
    public static let statisticsReaders: Set<Role> = [.admin, .staff, .auditor, .analyst]
    static let personalDataReaders: Set<Role> = [.admin, .staff, .gridWorker, .mediator, .auditor]
    /// The roles whose work handles full personal data (`Role.seesPersonalData`): exact lookup
    /// and audited reveals. An auditor reads masks only.
    static let personalDataHandlers: Set<Role> = Set(Role.allCases.filter(\.seesPersonalData))

    /// The table.
    public static let table: [String: Access] = [
        // Operations
        "getHealth": .anonymous,
        "getReadiness": .anonymous,
        "getMetrics": .anonymous,
        "getContract": .anonymous,
        "getDocs": .anonymous,
        // Areas
        "createArea": .roles([.admin]),
        "listAreas": .roles(everyone),
        "getArea": .roles(everyone),
        "updateArea": .roles([.admin]),
        // People
        "createPerson": .roles([.admin, .staff, .gridWorker]),
        "listPeople": .roles(personalDataReaders),
        "getPerson": .roles(personalDataReaders),
        "searchPeople": .roles(personalDataHandlers),
        "revealPersonalData": .roles(personalDataHandlers),
        "updatePerson": .roles([.admin, .staff, .gridWorker]),
        // Tokens
        "createToken": .roles([.admin]),
        "listTokens": .roles([.admin, .auditor]),
        "revokeToken": .roles([.admin]),
        // Audit
        "listAuditEvents": .roles([.admin, .auditor]),
        // Committees (a grid worker reads its community's committees: see CommitteeService.readScope)
        "createCommittee": .roles([.admin, .staff]),
        "listCommittees": .roles([.admin, .staff, .gridWorker, .auditor, .analyst]),
        "getCommittee": .roles([.admin, .staff, .gridWorker, .auditor, .analyst]),
        "updateCommittee": .roles([.admin, .staff]),
        "getCommitteeCompliance": .roles([.admin, .staff, .gridWorker, .auditor, .analyst]),
        "addCommitteeMember": .roles([.admin, .staff]),
        "listCommitteeMembers": .roles([.admin, .staff, .gridWorker, .auditor, .analyst]),
        "updateCommitteeMember": .roles([.admin, .staff]),
        "getRuleProfile": .roles(everyone),
        "updateRuleProfile": .roles([.admin]),
        // The election committee (ELE-6)
        "addElectionCommitteeMember": .roles([.admin, .staff]),
        "getElectionCommittee": .roles([.admin, .staff, .auditor, .analyst]),
        "withdrawFromElectionCommittee": .roles([.admin, .staff]),
        // After certification: annulment by the street or above (ELE-14, GEN-2), hand-over (ELE-17)
        "annulElection": .roles([.admin, .staff]),
        "recordElectionHandover": .roles([.admin, .staff]),
        // Voter rolls (ELE-3, ELE-4, ELE-5, ELE-23)
        "registerVoter": .roles([.admin, .staff]),
        "importVoters": .roles([.admin, .staff]),
        "listVoters": .roles([.admin, .staff, .auditor, .analyst]),
        "fileRollObjection": .roles([.admin, .staff]),
        "listRollObjections": .roles([.admin, .staff, .auditor, .analyst]),
        "decideRollObjection": .roles([.admin, .staff]),
        "entrustProxy": .roles([.admin, .staff]),
        // Consultation, disclosure and conventions (CON, DIS, CNV); boards are public
        "createConsultationBody": .roles([.admin, .staff]),
        "listConsultationBodies": .roles([.admin, .staff, .gridWorker, .auditor, .analyst]),
        "publishConsultationCatalogue": .roles([.admin, .staff]),
        "listConsultationCatalogues": .roles([.admin, .staff, .gridWorker, .auditor, .analyst]),
        "proposeConsultationTopic": .roles([.admin, .staff, .gridWorker]),  // CON-4: grid roles propose
        "listConsultationTopics": .roles([.admin, .staff, .gridWorker, .auditor, .analyst]),
        "getConsultationTopic": .roles([.admin, .staff, .gridWorker, .auditor, .analyst]),
        "transitionConsultationTopic": .roles([.admin, .staff]),  // CON-4: but never select
        "holdConsultationSession": .roles([.admin, .staff]),
        "getConsultationStats": .roles(statisticsReaders),
        "listPublicConsultations": .anonymous,
        "publishDisclosure": .roles([.admin, .staff]),
        "listDisclosures": .roles([.admin, .staff, .gridWorker, .auditor, .analyst]),
        "listPublicDisclosures": .anonymous,
        "getDisclosureTimeliness": .roles([.admin, .staff, .auditor, .analyst]),
        "draftConvention": .roles([.admin, .staff]),
        "listConventions": .roles([.admin, .staff, .gridWorker, .auditor, .analyst]),
        "getConvention": .roles([.admin, .staff, .gridWorker, .auditor, .analyst]),
        "transitionConvention": .roles([.admin, .staff]),
        "recordConventionEntry": .roles([.admin, .staff]),
        // Meetings of self-governance (COM-18 – COM-21)
        "createMeeting": .roles([.admin, .staff]),
        "listMeetings": .roles([.admin, .staff, .auditor, .analyst]),
        "getMeeting": .roles([.admin, .staff, .auditor, .analyst]),
        "addMeetingDecision": .roles([.admin, .staff]),
        "recordCommitteeEvaluation": .roles([.admin, .staff]),
        // Elections
        "createElection": .roles([.admin, .staff]),
        "getElection": .roles([.admin, .staff, .auditor]),
        "transitionElection": .roles([.admin, .staff]),
        "createPollingStation": .roles([.admin, .staff]),
        "listPollingStations": .roles([.admin, .staff, .auditor]),
        "putTally": .roles([.admin, .staff]),
        "addCandidate": .roles([.admin, .staff]),
        "listCandidates": .roles([.admin, .staff, .auditor]),
        "getElectionResults": .roles([.admin, .staff, .auditor]),
        "getElectionRecord": .roles([.admin, .staff, .auditor]),
        "recallCommitteeMember": .roles([.admin, .staff]),
        "getPublicElection": .anonymous,
        // Statistics (the catalogue is public to every token; figures to these roles)
        "listMetrics": .roles(everyone),
        "getMetric": .roles(statisticsReaders),
        "getStatsDashboard": .roles(statisticsReaders),
        "listCommunityFacilities": .roles(statisticsReaders),
        "putCommunityFacility": .roles([.admin, .staff]),
        // Change feed (which types each role gets is the permission of their list operation)
        "listChanges": .roles([.admin, .staff, .auditor, .analyst]),
        // Departments (only admins of a district or the city register one: DepartmentRules)
        "createDepartment": .roles([.admin]),
        "listDepartments": .roles(everyone),
        "getDepartment": .roles(everyone),
        // Admission (who may take each step of an application is checked by AdmissionRules)
        "createAdmissionApplication": .roles([.department, .admin]),
        "listAdmissionApplications": .roles([.department, .reviewer, .admin, .staff, .auditor]),
        "getAdmissionApplication": .roles([.department, .reviewer, .admin, .staff, .auditor]),
        "transitionAdmissionApplication": .roles([.department, .reviewer, .admin]),
        "listAdmittedItems": .roles(everyone),
        "createAdmissionAssignment": .roles([.department, .admin]),
        "createExceptionalAssignment": .roles([.department, .admin]),
        "publishAdmissionList": .roles([.reviewer, .admin]),
        "listAdmissionListVersions": .roles([.department, .reviewer, .admin, .staff, .auditor, .analyst]),
        "listExceptionalAssignments": .roles([.department, .reviewer, .admin, .staff, .auditor]),
        "createAdmissionRefusal": .roles([.staff, .admin]),
        "listAdmissionRefusals": .roles([.reviewer, .admin, .staff, .auditor]),
        "closeAdmissionRefusal": .roles([.reviewer, .admin]),
        "rateDepartment": .roles([.staff, .admin]),
        "getDepartmentReport": .roles([.department, .reviewer, .admin, .auditor, .analyst]),
        // Mediation (a grid worker reads its grid's cases: status and parties only)
        "createMediationCase": .roles([.mediator, .staff, .admin, .gridWorker]),
        "listMediationCases": .roles([.mediator, .staff, .admin, .gridWorker, .auditor]),
        "getMediationCase": .roles([.mediator, .staff, .admin, .gridWorker, .auditor]),
        "transitionMediationCase": .roles([.mediator, .staff, .admin]),
        "assignMediator": .roles([.mediator, .staff, .admin]),
        "revealMediationPartyPhone": .roles([.mediator]),
        "addMediationSession": .roles([.mediator, .staff, .admin]),
        "listMediationSessions": .roles([.mediator, .staff, .admin, .auditor]),
        "recordMediationAgreement": .roles([.mediator, .staff, .admin]),
        "signMediationAgreement": .roles([.mediator, .staff, .admin]),
        "applyForJudicialConfirmation": .roles([.mediator, .staff, .admin]),
        "recordJudicialConfirmationAnswer": .roles([.mediator, .staff, .admin]),
        "reportMediationCaseToPolice": .roles([.mediator, .staff, .admin]),
        "extendMediationDeadline": .roles([.mediator, .staff, .admin]),
        "escalateMediationCase": .roles([.mediator, .staff, .admin]),
        "decideMediationEscalation": .roles([.mediator, .staff, .admin]),
        "addMediationFollowUp": .roles([.mediator, .staff, .admin]),
        "getMediationStats": .roles([.analyst, .mediator, .staff, .admin, .auditor]),
        "createMediator": .roles([.staff, .admin]),
        "listMediators": .roles([.mediator, .staff, .admin, .auditor]),
        "getMediator": .roles([.mediator, .staff, .admin, .auditor]),
        "endMediatorPost": .roles([.staff, .admin]),
        "addMediatorTraining": .roles([.staff, .admin]),
        // Grid (a grid worker's token is scoped to its grid, so it reads that grid only)
        "createBuilding": .roles([.admin, .staff]),
        "listBuildings": .roles([.admin, .staff, .gridWorker, .auditor]),
        "getBuilding": .roles([.admin, .staff, .gridWorker, .auditor]),
        "placeBuilding": .roles([.admin, .staff]),
        "updateBuilding": .roles([.admin, .staff]),
        "createGridAssignment": .roles([.admin, .staff]),
        "listGridAssignments": .roles([.admin, .staff, .gridWorker, .auditor]),
        "endGridAssignment": .roles([.admin, .staff]),
        "handOverGridAssignment": .roles([.admin, .staff]),
        "getGridCoverage": .roles([.admin, .staff, .gridWorker, .analyst, .auditor]),
        "getGridBoard": .anonymous,
        // Grid events (a department reads and acts on what was dispatched to it; which level
        // handles an event is checked by GridEvent.checkHandled)
        "createGridEvent": .roles([.admin, .staff, .gridWorker]),
        "listGridEvents": .roles([.admin, .staff, .gridWorker, .department, .auditor]),
        "getGridEvent": .roles([.admin, .staff, .gridWorker, .department, .auditor]),
        "transitionGridEvent": .roles([.admin, .staff]),
        "createGridEventDispatch": .roles([.admin, .staff]),
        "transitionGridEventDispatch": .roles([.department]),
        "rateGridEvent": .roles([.admin, .staff, .gridWorker, .reporterApp]),
        "referGridEventToMediation": .roles([.admin, .staff]),
        "listGridEventCategories": .roles(everyone),
        "updateGridEventCategory": .roles([.admin]),
        "getGridEventStats": .roles(statisticsReaders.union([.department])),
        // Working calendars (only an admin of the whole city loads one: WorkingCalendar.checkEditor)
        "getWorkingCalendar": .roles(everyone),
        "putWorkingCalendar": .roles([.admin]),
        // Open311 (the public views need no key; a submission needs a reporter app's)
        "listOpen311Services": .anonymous,
        "listOpen311Requests": .anonymous,
        "getOpen311Request": .anonymous,
        "createOpen311Request": .roles([.reporterApp]),
    ]

    /// The access rule of an operation; an operation missing from the table is refused to all.
    public static func access(for operationID: String) -> Access {
        table[operationID] ?? .roles([])
    }
}
