import Governance
import GovernanceStore

extension CallContext {
    /// The context of the request the current task serves, built at the edge from its state;
    /// only authenticated operations call it.
    static func current() throws -> CallContext {
        guard let state = RequestState.current, let principal = state.principal else {
            throw DomainError(
                .unauthenticated, code: "auth.invalid_token",
                message: LocalizedText(zh: "缺少有效的访问令牌。", en: "A valid bearer token is required."))
        }
        return CallContext(
            principal: principal, operationID: state.operationID ?? "unknown", requestID: state.requestID,
            deadline: state.deadline,
            clock: .system, transaction: state.transaction)
    }
}
