import Governance
import GovernanceOpenAPI
import GovernanceServices
import Postgres

/// Implements the generated `APIProtocol`: each method maps generated types to domain calls and
/// back, and nothing else. One extension file per tag.
///
/// A class: the generated server copies its handler into every request's closures, and a copy
/// of a struct with a dozen services retained each of them (measured in the read path's profile).
final class APIHandler: APIProtocol {
    let client: PostgresClient
    let metrics: AppMetrics
    let latestSchemaVersion: Int
    /// Whether `/readyz` tolerates `fsync`, `synchronous_commit` or `full_page_writes` off.
    let allowUnsafeDurability: Bool
    let areaService: AreaService
    let personService: PersonService
    let tokenService: TokenService
    let auditService: AuditService
    let gridService: GridService
    let committeeService: CommitteeService
    let electionService: ElectionService
    let admissionService: AdmissionService
    let mediationService: MediationService
    let departmentService: DepartmentService
    let changeFeedService: ChangeFeedService
    let statisticsService: StatisticsService
    let gridEventService: GridEventService
    let workingCalendarService: WorkingCalendarService
    let mediatorService: MediatorService
    let meetingService: MeetingService
    let voterRollService: VoterRollService
    let evaluationService: EvaluationService
    let consultationService: ConsultationService
    let disclosureService: DisclosureService
    let conventionService: ConventionService

    init(
        client: PostgresClient, metrics: AppMetrics, latestSchemaVersion: Int, allowUnsafeDurability: Bool,
        areaService: AreaService, personService: PersonService, tokenService: TokenService, auditService: AuditService,
        gridService: GridService, committeeService: CommitteeService, electionService: ElectionService,
        admissionService: AdmissionService, mediationService: MediationService, departmentService: DepartmentService,
        changeFeedService: ChangeFeedService, statisticsService: StatisticsService, gridEventService: GridEventService,
        workingCalendarService: WorkingCalendarService, mediatorService: MediatorService,
        meetingService: MeetingService, voterRollService: VoterRollService, evaluationService: EvaluationService,
        consultationService: ConsultationService, disclosureService: DisclosureService,
        conventionService: ConventionService
    ) {
        self.client = client
        self.metrics = metrics
        self.latestSchemaVersion = latestSchemaVersion
        self.allowUnsafeDurability = allowUnsafeDurability
        self.areaService = areaService
        self.personService = personService
        self.tokenService = tokenService
        self.auditService = auditService
        self.gridService = gridService
        self.committeeService = committeeService
        self.electionService = electionService
        self.admissionService = admissionService
        self.mediationService = mediationService
        self.departmentService = departmentService
        self.changeFeedService = changeFeedService
        self.statisticsService = statisticsService
        self.gridEventService = gridEventService
        self.workingCalendarService = workingCalendarService
        self.mediatorService = mediatorService
        self.meetingService = meetingService
        self.voterRollService = voterRollService
        self.evaluationService = evaluationService
        self.consultationService = consultationService
        self.disclosureService = disclosureService
        self.conventionService = conventionService
    }

    /// The current request's state; set by `RequestObservationMiddleware` for every request.
    var request: RequestState { RequestState.current ?? RequestState() }

    /// Sets the `ETag` (and `Location`, for creations) of the response being built.
    func setHeaders(version: Int, location: String? = nil) {
        var headers = request.responseHeaders
        headers["ETag"] = Versioning.etag(version)
        if let location { headers["Location"] = location }
        request.responseHeaders = headers
    }
}
