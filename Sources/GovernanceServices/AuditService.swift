import Foundation
package import Governance
package import GovernanceStore

/// Reading the audit log within scope.
package struct AuditService: Sendable {
    let audit: AuditLog

    /// Creates the service.
    package init(store: Store) { self.audit = store.auditLog }

    /// One page of the events in the caller's scope, oldest first.
    package func list(query: AuditQuery, cursor: String?, limit: Int?, context: CallContext) async throws -> Page<
        AuditEvent
    > {
        var validator = FieldValidator()
        validator.length("resourceType", query.resourceType, max: 50)
        try validator.check()
        let limit = try PageCursor.limit(limit)
        let after = try PageCursor.decodeSequence(cursor)
        return try await audit.list(
            scope: context.principal, query: query, after: after, limit: limit, deadline: context.deadline)
    }
}
