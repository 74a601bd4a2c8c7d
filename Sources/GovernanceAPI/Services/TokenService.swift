import Foundation
import Governance
import GovernanceStore

/// Tokens: issued only within the issuer's scope; revocation effective within seconds.
struct TokenService: Sendable {
    let store: Store
    let areas: AreaRepository
    let tokens: TokenRepository
    let audit: AuditLog

    func issue(_ new: NewToken, context: CallContext) async throws -> IssuedToken {
        let expiresAt = try new.validatedExpiry(now: Date())
        return try await store.write(deadline: context.deadline) { transaction in
            guard let area = try await areas.findForShare(new.areaId, scopePath: context.principal.scopePath, in: transaction) else {
                throw DomainError.notFound("area")
            }
            let issued = try await tokens.insert(
                role: new.role, area: area, label: new.label, expiresAt: expiresAt, createdBy: context.principal.tokenId, in: transaction)
            try await audit.append(
                context.auditEntry(
                    resourceType: "token", resourceId: issued.token.id, areaPath: area.path,
                    summary: ["role": new.role.rawValue, "areaId": area.id.uuidString.lowercased(), "expiresAt": ISO8601DateFormatter().string(from: expiresAt)]),
                in: transaction)
            return issued
        }
    }

    func list(cursor: String?, limit: Int?, context: CallContext) async throws -> Page<APIToken> {
        let limit = try PageCursor.limit(limit)
        let after = try PageCursor.decodeID(cursor)
        return try await tokens.list(scopePath: context.principal.scopePath, after: after, limit: limit, deadline: context.deadline)
    }

    func revoke(_ id: UUID, context: CallContext) async throws {
        try await store.write(deadline: context.deadline) { transaction in
            guard let (token, changed) = try await tokens.revoke(id, scopePath: context.principal.scopePath, in: transaction) else {
                throw DomainError.notFound("token")
            }
            try await audit.append(
                context.auditEntry(resourceType: "token", resourceId: token.id, areaPath: token.areaPath, summary: ["alreadyRevoked": !changed]),
                in: transaction)
        }
    }
}
