import GovernanceOpenAPI
import Postgres

/// Implements the generated `APIProtocol`: each method maps generated types to domain calls and
/// back, and nothing else. One extension file per tag.
struct APIHandler: APIProtocol {
    let client: PostgresClient
    let metrics: AppMetrics
    let latestSchemaVersion: Int

    /// The current request's state; set by `RequestObservationMiddleware` for every request.
    var request: RequestState { RequestState.current ?? RequestState() }
}
