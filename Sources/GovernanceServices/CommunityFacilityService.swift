package import Foundation
package import Governance
package import GovernanceStore

/// Community facility records (issue 14): written by the street or the community's staff,
/// audited, read by whoever reads the area's statistics.
package struct CommunityFacilityService: Sendable {
    let store: Store
    let areas: AreaRepository
    let facilities: CommunityFacilityRepository

    /// Creates the service.
    package init(store: Store) {
        self.store = store
        self.areas = AreaRepository(store: store)
        self.facilities = CommunityFacilityRepository(store: store)
    }

    /// Records the year's figures of a community or village; `created` is false when they replaced
    /// an earlier record of the year.
    package func put(areaId: UUID, _ facts: CommunityFacilityFacts, context: CallContext) async throws -> (
        facility: CommunityFacility, created: Bool
    ) {
        try facts.validate(today: context.today)
        return try await store.audited(context.write) { transaction in
            guard let area = try await areas.findForShare(areaId, scopePath: context.scopePath, in: transaction)
            else { throw DomainError.notFound("area") }
            guard area.kind == .community || area.kind == .village else { throw Self.notACommunity }
            let saved = try await facilities.put(facts, area: area, in: transaction)
            return AuditedChange(
                saved, resourceType: "community_facility", resourceId: saved.facility.id, areaPath: area.path,
                summary: [
                    "year": .int(facts.year), "serviceAreaM2": .int(facts.serviceAreaM2),
                    "publicServiceAreaM2": .int(facts.publicServiceAreaM2),
                    "operatingFundsYuan": .int(facts.operatingFundsYuan), "created": .bool(saved.created),
                ])
        }
    }

    /// Every year's record of an area in scope.
    package func list(areaId: UUID, context: CallContext) async throws -> [CommunityFacility] {
        guard try await areas.find(areaId, scopePath: context.scopePath, deadline: context.deadline) != nil else {
            throw DomainError.notFound("area")
        }
        return try await facilities.list(areaId: areaId, deadline: context.deadline)
    }

    static let notACommunity = DomainError(
        .unprocessable, code: "facility.not_a_community",
        message: LocalizedText(
            zh: "设施记录属于社区或村。", en: "Facility records belong to communities and villages."))
}
