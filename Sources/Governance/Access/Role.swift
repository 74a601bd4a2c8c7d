/// The role a token carries; with its scope area it decides what the token may do.
public enum Role: String, Sendable, CaseIterable, Hashable {
    /// Everything within scope; issues and revokes tokens within scope.
    case admin
    /// Community and street staff: committees, elections, grids, mediation intake, people.
    case staff
    /// A grid worker, scoped to a grid.
    case gridWorker = "grid_worker"
    /// A people's mediator.
    case mediator
    /// A city department submitting work-task admission applications.
    case department
    /// Reviews work-task admission applications.
    case reviewer
    /// Statistics and the change feed only; never personal data.
    case analyst
    /// Reads everything in scope, the audit log included, with personal data masked.
    case auditor
    /// A third-party app submitting residents' reports through Open311, and nothing else.
    case reporterApp = "reporter_app"

    /// Whether responses may show this role full phone and ID numbers. Everyone else gets
    /// masked values (PIPL Art. 6: only what the work needs).
    public var seesPersonalData: Bool {
        switch self {
        case .admin, .staff, .gridWorker, .mediator: true
        case .department, .reviewer, .analyst, .auditor, .reporterApp: false
        }
    }
}
