package import Foundation
package import Governance
package import GovernanceStore

/// Areas: placement rules, scope, versioned changes, one audit event per write.
package struct AreaService: Sendable {
    let store: Store
    let areas: AreaRepository

    /// Creates the service.
    package init(store: Store) {
        self.store = store
        self.areas = AreaRepository(store: store)
    }

    /// Creates an area under a parent in the caller's scope (placement rules of the tree).
    package func create(_ new: NewArea, context: CallContext) async throws -> Area {
        try new.validate()
        try VillageEstablishment.check(kind: new.kind, new.establishment)  // COM-7
        guard let parentId = new.parentId else { throw DomainError.notFound("area") }
        return try await store.audited(context.write) { transaction in
            guard let parent = try await areas.findForShare(parentId, scopePath: context.scopePath, in: transaction)
            else {
                throw DomainError.notFound("area")
            }
            try AreaKind.checkPlacement(child: new.kind, parent: parent.kind)
            let area = try await areas.insert(new, id: Identifier.make(), parent: parent, in: transaction)
            if let establishment = new.establishment {
                try await areas.recordEstablishment(establishment, of: area.id, proposedBy: parent.id, in: transaction)
            }
            return AuditedChange(
                area, resourceType: "area", resourceId: area.id, areaPath: area.path, summary: Self.summary(of: area))
        }
    }

    /// The area `id` in the caller's scope.
    package func get(_ id: UUID, context: CallContext) async throws -> Area {
        guard let area = try await areas.find(id, scopePath: context.scopePath, deadline: context.deadline) else {
            throw DomainError.notFound("area")
        }
        return area
    }

    /// One page of areas in the caller's scope.
    package func list(
        parentId: UUID?, kind: AreaKind?, ids: [UUID]? = nil, cursor: String?, limit: Int?, context: CallContext
    ) async throws -> Page<Area> {
        let limit = try PageCursor.limit(limit, batch: ids)
        let after = try PageCursor.decodeID(cursor)
        return try await areas.list(
            scopePath: context.scopePath, parentId: parentId, kind: kind, ids: ids, after: after, limit: limit,
            deadline: context.deadline)
    }

    /// Applies a merge patch when `expectedVersion` (from `If-Match`) still holds.
    package func update(_ id: UUID, patch: AreaPatch, expectedVersion: Int?, context: CallContext) async throws -> Area
    {
        try patch.validate()
        return try await store.audited(context.write) { transaction in
            if patch.gridType != nil || patch.gridCategory != nil,
                let current = try await areas.findForShare(id, scopePath: context.scopePath, in: transaction)
            {
                let (gridType, category) = patch.gridAttributes(applyingTo: current)
                try GridRules.checkAttributes(kind: current.kind, gridType: gridType, category: category)  // GRID-1
            }
            guard
                let area = try await areas.update(
                    id, patch: patch, expectedVersion: expectedVersion, scopePath: context.scopePath, in: transaction)
            else {
                // Nothing matched: missing (or out of scope) is 404, a stale version 412.
                guard try await areas.findForShare(id, scopePath: context.scopePath, in: transaction) != nil else {
                    throw DomainError.notFound("area")
                }
                throw Versioning.stale
            }
            var changed: [String: JSONValue] = [:]
            if let name = patch.name { changed["name"] = .string(name) }
            if let code = patch.code { changed["code"] = JSONValue(code) }
            if let households = patch.households { changed["households"] = JSONValue(households) }
            if let population = patch.population { changed["population"] = JSONValue(population) }
            if let gridType = patch.gridType { changed["gridType"] = JSONValue(gridType) }
            if let gridCategory = patch.gridCategory { changed["gridCategory"] = JSONValue(gridCategory) }
            return AuditedChange(
                area, resourceType: "area", resourceId: area.id, areaPath: area.path,
                summary: ["changed": .object(changed), "version": .int(area.version)])
        }
    }

    static func summary(of area: Area) -> [String: JSONValue] {
        [
            "kind": JSONValue(area.kind), "name": .string(area.name), "code": JSONValue(area.code),
            "parentId": JSONValue(area.parentId),
        ]
    }
}
