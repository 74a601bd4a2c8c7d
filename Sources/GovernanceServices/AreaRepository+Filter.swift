import Foundation
import Governance
import GovernanceStore

extension AreaRepository {
    /// The path of the area a list is narrowed to, when it lies in `scopePath` (404 otherwise);
    /// nil when the list is not narrowed.
    func filterPath(_ areaId: UUID?, scopePath: String, deadline: ContinuousClock.Instant) async throws -> String? {
        guard let areaId else { return nil }
        guard let area = try await find(areaId, scopePath: scopePath, deadline: deadline) else {
            throw DomainError.notFound("area")
        }
        return area.path
    }
}
