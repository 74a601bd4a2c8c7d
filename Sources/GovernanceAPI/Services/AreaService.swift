import Foundation
import Governance
import GovernanceStore
import Postgres

/// Areas: placement rules, scope, versioned changes, one audit event per write.
struct AreaService: Sendable {
    let store: Store
    let areas: AreaRepository
    let audit: AuditLog

    func create(_ new: NewArea, context: CallContext) async throws -> Area {
        try new.validate()
        guard let parentId = new.parentId else { throw DomainError.notFound("area") }
        return try await Self.mappingDuplicateCode {
            try await store.write(deadline: context.deadline) { transaction in
                guard let parent = try await areas.findForShare(parentId, scopePath: context.principal.scopePath, in: transaction) else {
                    throw DomainError.notFound("area")
                }
                try AreaKind.checkPlacement(child: new.kind, parent: parent.kind)
                let area = try await areas.insert(new, id: Identifier.make(), parent: parent, in: transaction)
                try await audit.append(
                    context.auditEntry(resourceType: "area", resourceId: area.id, areaPath: area.path, summary: Self.summary(of: area)),
                    in: transaction)
                return area
            }
        }
    }

    func get(_ id: UUID, context: CallContext) async throws -> Area {
        guard let area = try await areas.find(id, scopePath: context.principal.scopePath, deadline: context.deadline) else {
            throw DomainError.notFound("area")
        }
        return area
    }

    func list(parentId: UUID?, kind: AreaKind?, cursor: String?, limit: Int?, context: CallContext) async throws -> Page<Area> {
        let limit = try PageCursor.limit(limit)
        let after = try PageCursor.decodeID(cursor)
        return try await areas.list(
            scopePath: context.principal.scopePath, parentId: parentId, kind: kind, after: after, limit: limit, deadline: context.deadline)
    }

    func update(_ id: UUID, patch: AreaPatch, ifMatch: String?, context: CallContext) async throws -> Area {
        try patch.validate()
        let expected = try Versioning.expectedVersion(ifMatch: ifMatch)
        return try await Self.mappingDuplicateCode {
            try await store.write(deadline: context.deadline) { transaction in
                if patch.gridType != nil || patch.gridCategory != nil,
                    let current = try await areas.findForShare(id, scopePath: context.principal.scopePath, in: transaction)
                {
                    let (gridType, category) = patch.gridAttributes(applyingTo: current)
                    try GridRules.checkAttributes(kind: current.kind, gridType: gridType, category: category)  // GRID-1
                }
                guard
                    let area = try await areas.update(
                        id, patch: patch, expectedVersion: expected, scopePath: context.principal.scopePath, in: transaction)
                else {
                    // Nothing matched: missing (or out of scope) is 404, a stale version 412.
                    guard try await areas.findForShare(id, scopePath: context.principal.scopePath, in: transaction) != nil else {
                        throw DomainError.notFound("area")
                    }
                    throw Versioning.stale
                }
                var changed: [String: any Sendable] = [:]
                if let name = patch.name { changed["name"] = name }
                if let code = patch.code { changed["code"] = code ?? NSNull() }
                if let households = patch.households { changed["households"] = households ?? NSNull() }
                if let population = patch.population { changed["population"] = population ?? NSNull() }
                if let gridType = patch.gridType { changed["gridType"] = gridType?.rawValue ?? NSNull() }
                if let gridCategory = patch.gridCategory { changed["gridCategory"] = gridCategory?.rawValue ?? NSNull() }
                try await audit.append(
                    context.auditEntry(
                        resourceType: "area", resourceId: area.id, areaPath: area.path, summary: ["changed": changed, "version": area.version]),
                    in: transaction)
                return area
            }
        }
    }

    static func summary(of area: Area) -> [String: any Sendable] {
        ["kind": area.kind.rawValue, "name": area.name, "code": area.code ?? NSNull(), "parentId": area.parentId?.uuidString.lowercased() ?? NSNull()]
    }

    /// A duplicate statistical code is a conflict the client can act on.
    static func mappingDuplicateCode<Value>(_ body: () async throws -> Value) async throws -> Value {
        do {
            return try await body()
        } catch let error as PostgresError where error.sqlState == .uniqueViolation && error.constraint == "area_code_key" {
            throw DomainError(
                .conflict, code: "area.duplicate_code",
                message: LocalizedText(zh: "该统计用区划代码已被其他区域使用。", en: "Another area already has this statistical code."))
        }
    }
}
