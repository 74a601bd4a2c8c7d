package import Foundation
package import Governance
package import GovernanceStore

/// Tokens: issued only within the issuer's scope; revocation effective within seconds.
package struct TokenService: Sendable {
    let store: Store
    let areas: AreaRepository
    let tokens: TokenRepository
    let people: PersonRepository
    let departments: DepartmentRepository

    /// Creates the service.
    package init(store: Store) {
        self.store = store
        self.areas = AreaRepository(store: store)
        self.tokens = TokenRepository(store: store)
        self.departments = DepartmentRepository(store: store)
        self.people = PersonRepository(store: store)
    }

    /// Issues a token for an area in the caller's scope. A `department` token names a department
    /// of an area in the caller's scope, and its own area lies in that department's.
    package func issue(_ new: NewToken, context: CallContext) async throws -> IssuedToken {
        let expiresAt = try new.validatedExpiry(now: context.clock.now())
        return try await store.audited(context.write) { transaction in
            guard let area = try await areas.findForShare(new.areaId, scopePath: context.scopePath, in: transaction)
            else {
                throw DomainError.notFound("area")
            }
            try await departments.checkTokenBinding(
                new.departmentId, issuerScope: context.scopePath, tokenArea: area, in: transaction)
            // MED-4: a mediator token is bound to a person the issuer can see.
            if let personId = new.personId,
                try await people.find(personId, scopePath: context.scopePath, reveal: false, deadline: context.deadline)
                    == nil
            {
                throw DomainError.notFound("person")
            }
            let issued = try await tokens.insert(
                role: new.role, area: area, label: new.label, departmentId: new.departmentId, personId: new.personId,
                expiresAt: expiresAt,
                createdBy: context.principal.tokenId, in: transaction)
            return AuditedChange(
                issued, resourceType: "token", resourceId: issued.token.id, areaPath: area.path,
                summary: [
                    "role": JSONValue(new.role), "areaId": JSONValue(area.id),
                    "expiresAt": .string(expiresAt.ISO8601Format()),
                ])
        }
    }

    /// One page of the tokens in the caller's scope.
    package func list(cursor: String?, limit: Int?, context: CallContext) async throws -> Page<APIToken> {
        let limit = try PageCursor.limit(limit)
        let after = try PageCursor.decodeID(cursor)
        return try await tokens.list(
            scopePath: context.scopePath, after: after, limit: limit, deadline: context.deadline)
    }

    /// Revokes a token in the caller's scope; revoking twice is not an error.
    ///
    /// Tokens it issued stay valid unless `cascade` is set; then every token issued from it,
    /// transitively, is revoked in the same transaction (a leaked admin token).
    package func revoke(_ id: UUID, cascade: Bool, context: CallContext) async throws {
        try await store.audited(context.write) { transaction in
            guard let (token, changed) = try await tokens.revoke(id, scopePath: context.scopePath, in: transaction)
            else {
                throw DomainError.notFound("token")
            }
            let descendants =
                cascade ? try await tokens.revokeIssued(by: id, scopePath: context.scopePath, in: transaction) : 0
            return AuditedChange(
                (), resourceType: "token", resourceId: token.id, areaPath: token.areaPath,
                summary: ["alreadyRevoked": .bool(!changed), "cascadeRevoked": .int(descendants)])
        }
    }
}
