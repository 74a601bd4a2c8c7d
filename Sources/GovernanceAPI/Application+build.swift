import Foundation
import Governance
import GovernanceOpenAPI
import GovernanceServices
import GovernanceStore
public import Hummingbird
public import Logging
import OpenAPIHummingbird
import OpenAPIRuntime
public import Postgres
import ServiceLifecycle

/// Builds the service: router, middleware, generated handlers and the services it runs.
///
/// `main` and the tests call the same function, so the tests exercise the real application.
/// - Parameters:
///   - configuration: settings read from the environment.
///   - client: the database client; closed by the application on graceful shutdown.
///   - host, port: where to listen.
///   - logger: the application's logger.
public func buildApplication(
    configuration: AppConfiguration, client: PostgresClient, latestSchemaVersion: Int, host: String = "127.0.0.1",
    port: Int = 8080,
    logger: Logger
) throws -> some ApplicationProtocol {
    let metrics = AppMetrics()
    let routes = RouteTable()
    let router = Router(context: AppRequestContext.self)
    // Middleware applies to the routes registered after it, so it is added first; the first
    // added is the outermost.
    router.add(middleware: CORSMiddleware(allowedOrigins: Set(configuration.corsAllowedOrigins), routes: routes))
    router.add(
        middleware: RequestObservationMiddleware(
            metrics: metrics, requestTimeout: .milliseconds(configuration.requestTimeoutMilliseconds),
            accessLog: AccessLogSampler(oneIn: configuration.accessLogSample)))
    router.add(middleware: CompressionMiddleware())
    router.add(middleware: ConditionalReadMiddleware())
    router.add(middleware: MethodNotAllowedMiddleware(routes: routes))
    router.add(middleware: BodyLimitMiddleware(maxBytes: configuration.maxBodyBytes))

    let replica = configuration.readReplica.map { replicaConfiguration in
        ReadReplica(
            client: PostgresClient(configuration: replicaConfiguration, logger: logger),
            maxLag: .milliseconds(configuration.readReplicaMaxLagMilliseconds),
            onRead: { [metrics] fallback in metrics.recordReplicaRead(fallback) })
    }
    let store = Store(client: client, keys: configuration.dataKeys, replica: replica)
    let tokens = TokenRepository(store: store)
    let idempotency = IdempotencyStore(store: store)
    let committeeService = CommitteeService(store: store)
    let handler = APIHandler(
        client: client, metrics: metrics, latestSchemaVersion: latestSchemaVersion,
        allowUnsafeDurability: configuration.allowUnsafeDurability,
        areaService: AreaService(store: store), personService: PersonService(store: store),
        tokenService: TokenService(store: store),
        auditService: AuditService(store: store), gridService: GridService(store: store),
        committeeService: committeeService,
        electionService: ElectionService(store: store, committeeService: committeeService),
        admissionService: AdmissionService(store: store),
        mediationService: MediationService(store: store), departmentService: DepartmentService(store: store),
        changeFeedService: ChangeFeedService(store: store), statisticsService: StatisticsService(store: store),
        gridEventService: GridEventService(store: store), workingCalendarService: WorkingCalendarService(store: store),
        mediatorService: MediatorService(store: store),
        meetingService: MeetingService(store: store, committeeService: committeeService),
        voterRollService: VoterRollService(store: store),
        evaluationService: EvaluationService(store: store, committeeService: committeeService),
        consultationService: ConsultationService(store: store), disclosureService: DisclosureService(store: store),
        conventionService: ConventionService(store: store))
    // Compact JSON with sorted keys: the runtime's default also pretty-prints (−14 % on a read,
    // performance.md), and keys in a fixed order make equal answers equal bytes, which the
    // conditional reads' ETags hash (the encoder's own order varies between encodings).
    try handler.registerHandlers(
        on: RecordingTransport(base: CSVExportingTransport(base: router), table: routes),
        configuration: Configuration(dateTranscoder: LenientDateTranscoder(), jsonEncodingOptions: [.sortedKeys]),
        middlewares: [
            OperationMiddleware(),
            AuthenticationMiddleware(
                authenticator: Authenticator(tokens: tokens, metrics: metrics),
                perAddress: configuration.rateLimitPerAddress > 0
                    ? RateLimiter(
                        .init(
                            name: "address", perSecond: Double(configuration.rateLimitPerAddress),
                            burst: Double(configuration.rateLimitPerAddress * 2))) : nil,
                perToken: configuration.rateLimitPerToken > 0
                    ? RateLimiter(
                        .init(
                            name: "token", perSecond: Double(configuration.rateLimitPerToken),
                            burst: Double(configuration.rateLimitPerToken * 2))) : nil,
                authFailures: RateLimiter(
                    .init(
                        name: "auth-failures", perSecond: Double(configuration.authFailuresPerMinute) / 60,
                        burst: Double(configuration.authFailuresPerMinute)))),
            ReplicaReadMiddleware(),
            WriteTransactionMiddleware(
                store: store, idempotency: idempotency, maxBodyBytes: configuration.maxBodyBytes),
            ResponseHeadersMiddleware(),
        ])

    // A connection that completes no request head, body part or end within the idle timeout is
    // closed: a client trickling a header byte a second (slowloris) holds nothing for long.
    var application = Application(
        router: router,
        server: .http1(
            configuration: .init(idleTimeout: .milliseconds(Int64(configuration.idleTimeoutMilliseconds)))),
        configuration: .init(address: .hostname(host, port: port), serverName: nil),
        logger: logger)
    // Services stop in reverse order: the HTTP server first (draining requests), the pool last.
    application.addServices(
        DatabaseLifecycleService(client: client, replica: replica?.client),
        HousekeepingService(
            idempotency: idempotency, changes: ChangeLogRepository(store: store),
            events: GridEventRepository(store: store), statistics: StatisticsRepository(store: store),
            logger: logger),
        StatisticsRefreshService(
            statistics: StatisticsRepository(store: store), interval: .seconds(5), logger: logger))
    return application
}

/// Closes the database client once the HTTP server has drained (services stop in reverse order).
struct DatabaseLifecycleService: Service {
    let client: PostgresClient
    let replica: PostgresClient?

    func run() async throws {
        try? await gracefulShutdown()
        replica?.close()
        client.close()
    }
}
