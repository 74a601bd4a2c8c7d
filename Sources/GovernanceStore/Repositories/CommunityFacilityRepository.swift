public import Foundation
public import Governance
public import Postgres

/// Community facility records: one per community or village and year.
public struct CommunityFacilityRepository: Sendable {
    let store: Store

    /// Creates the repository.
    public init(store: Store) { self.store = store }

    static let columns = """
        f.id, f.area_id, f.year, f.service_area_m2, f.public_service_area_m2, f.operating_funds_yuan, f.note,
        f.version, f.updated_at
        """

    /// Writes the year's record of the area, creating it or replacing its figures; `created` says which.
    public func put(_ facts: CommunityFacilityFacts, area: Area, in transaction: PostgresTransaction) async throws
        -> (facility: CommunityFacility, created: Bool)
    {
        let rows = try await transaction.query(
            """
            INSERT INTO community_facility (id, area_id, area_path, year, service_area_m2, public_service_area_m2,
                                            operating_funds_yuan, note)
            VALUES (\(Identifier.make()), \(area.id), \(area.path)::ltree, \(facts.year), \(facts.serviceAreaM2),
                    \(facts.publicServiceAreaM2), \(facts.operatingFundsYuan), \(facts.note))
            ON CONFLICT (area_id, year) DO UPDATE SET
                service_area_m2 = EXCLUDED.service_area_m2, public_service_area_m2 = EXCLUDED.public_service_area_m2,
                operating_funds_yuan = EXCLUDED.operating_funds_yuan, note = EXCLUDED.note,
                version = community_facility.version + 1, updated_at = now()
            RETURNING \(unsafeSQL: Self.columns.replacingOccurrences(of: "f.", with: "")), (xmax = 0) AS created
            """)
        return (try Self.facility(from: rows[0]), try rows[0].decode("created"))
    }

    /// Every year's record of the area, the latest first (a community has a few dozen at most).
    public func list(areaId: UUID, deadline: ContinuousClock.Instant) async throws -> [CommunityFacility] {
        try await store.read(
            "SELECT \(unsafeSQL: Self.columns) FROM community_facility f WHERE f.area_id = \(areaId) ORDER BY f.year DESC",
            deadline: deadline
        ).map(Self.facility(from:))
    }

    static func facility(from row: PostgresRow) throws -> CommunityFacility {
        CommunityFacility(
            id: try row.decode("id"), areaId: try row.decode("area_id"), year: try row.decode("year"),
            serviceAreaM2: try row.decode("service_area_m2"),
            publicServiceAreaM2: try row.decode("public_service_area_m2"),
            operatingFundsYuan: try row.decode("operating_funds_yuan"), note: try row.decode("note"),
            version: try row.decode("version"), updatedAt: try row.decode("updated_at"))
    }
}
