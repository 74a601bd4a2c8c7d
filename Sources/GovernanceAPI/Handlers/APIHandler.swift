import Governance
import GovernanceOpenAPI
import GovernanceServices
import Postgres

/// Implements the generated `APIProtocol`: each method maps generated types to domain calls and
/// back, and nothing else. One extension file per tag.
struct APIHandler: APIProtocol {
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
