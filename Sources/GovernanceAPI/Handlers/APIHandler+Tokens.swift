import Foundation
import Governance
import GovernanceOpenAPI
import GovernanceServices
import GovernanceStore

extension APIHandler {
    func createToken(_ input: Operations.CreateToken.Input) async throws -> Operations.CreateToken.Output {
        guard case .json(let body) = input.body else { throw DomainError.validation([]) }
        var new = NewToken(
            role: try body.role.domain, areaId: try parseBodyID(body.areaId, field: "areaId"),
            expiresAt: body.expiresAt,
            label: body.label, departmentId: try parseFilterID(body.departmentId, field: "departmentId"))
        new.personId = try parseFilterID(body.personId, field: "personId")
        let issued = try await tokenService.issue(new, context: .current())
        request.responseHeaders["Location"] = "/v1/tokens/\(issued.token.id.lowercasedString)"
        return .created(.init(body: .json(try .init(issued))))
    }

    func listTokens(_ input: Operations.ListTokens.Input) async throws -> Operations.ListTokens.Output {
        let page = try await tokenService.list(
            cursor: input.query.cursor, limit: input.query.limit, context: .current())
        return .ok(
            .init(
                body: .json(
                    try .init(
                        items: CSVRowSink.divert(page.items.map(Components.Schemas.Token.init)),
                        nextCursor: page.nextCursor))))
    }

    func revokeToken(_ input: Operations.RevokeToken.Input) async throws -> Operations.RevokeToken.Output {
        try await tokenService.revoke(
            try parseID(input.path.tokenId, resource: "token"), cascade: input.query.cascade ?? false,
            context: .current())
        return .noContent(.init())
    }

    func listAuditEvents(_ input: Operations.ListAuditEvents.Input) async throws -> Operations.ListAuditEvents.Output {
        let query = AuditQuery(
            resourceType: input.query.resourceType,
            resourceId: try parseFilterID(input.query.resourceId, field: "resourceId"),
            tokenId: try parseFilterID(input.query.tokenId, field: "tokenId"), from: input.query.from,
            to: input.query.to)
        let page = try await auditService.list(
            query: query, cursor: input.query.cursor, limit: input.query.limit, context: .current())
        return .ok(
            .init(
                body: .json(
                    try .init(
                        items: CSVRowSink.divert(page.items.map(Components.Schemas.AuditEvent.init)),
                        nextCursor: page.nextCursor))))
    }
}
