import Foundation
import Governance
import GovernanceStore

/// Who is acting in which request: what services need for scope, deadlines and the audit log.
struct CallContext: Sendable {
    /// The caller.
    let principal: Principal
    /// The operation, for the audit log.
    let operationID: String
    /// The request id, for the audit log.
    let requestID: String
    /// The request's deadline.
    let deadline: ContinuousClock.Instant

    /// The context of the request the current task serves; only authenticated operations call it.
    static func current() throws -> CallContext {
        guard let state = RequestState.current, let principal = state.principal else {
            throw DomainError(
                .unauthenticated, code: "auth.invalid_token",
                message: LocalizedText(zh: "缺少有效的访问令牌。", en: "A valid bearer token is required."))
        }
        return CallContext(principal: principal, operationID: state.operationID ?? "unknown", requestID: state.requestID, deadline: state.deadline)
    }

    /// An audit entry for a change made in this request.
    func auditEntry(resourceType: String, resourceId: UUID?, areaPath: String, summary: [String: any Sendable]) -> AuditLog.Entry {
        AuditLog.Entry(
            principal: principal, operationId: operationID, resourceType: resourceType, resourceId: resourceId, areaPath: areaPath,
            requestId: requestID, summary: summary)
    }
}
