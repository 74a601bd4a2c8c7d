import Foundation
import Governance
import GovernanceStore
import Postgres

extension DepartmentRepository {
    /// Checks the department a new token names, when it names one: the department lies in the
    /// issuer's scope (else the same 404 as a missing one) and the token's area in the
    /// department's (422). The API and the command line issue tokens through this one check.
    func checkTokenBinding(
        _ departmentId: UUID?, issuerScope: String, tokenArea: Area, in transaction: PostgresTransaction
    ) async throws {
        guard let departmentId else { return }
        guard
            let department = try await find(departmentId, reach: .within(issuerScope), via: .transaction(transaction))
        else { throw DomainError.notFound("department") }
        try DepartmentRules.checkInside(department, path: tokenArea.path, field: "areaId")
    }
}
