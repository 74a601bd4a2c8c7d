import ArgumentParser
import Foundation
import Governance
import GovernanceAPI
import GovernanceServices
import GovernanceStore

/// `grassroots seed --demo`: a demo city with districts, streets, communities and grids, and
/// an admin token for it (printed last, and written to `--token-file`). `grassroots seed --city`:
/// a whole city for the statistics benchmarks (10 districts, 100 streets, 6,000 communities,
/// 48,000 grids, 1.92 million residents, 960,000 mediation cases by default), deterministic
/// from `--seed`.
struct Seed: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Seed a demo city (idempotent) and print an admin token.")

    @Flag(help: "Seed the demo city.") var demo = false
    @Flag(help: "Seed a whole city for benchmarks (see --seed and the shape options).") var city = false
    @Option(help: "The city's seed number: the same number gives the same city.") var seed = 1
    @Option(help: "Districts of the city.") var districts = 10
    @Option(help: "Streets per district.") var streetsPerDistrict = 10
    @Option(help: "Communities and villages per street.") var communitiesPerStreet = 60
    @Option(help: "Grids per community.") var gridsPerCommunity = 8
    @Option(help: "Residents per grid.") var residentsPerGrid = 40
    @Option(help: "Mediation cases per grid, over five years.") var casesPerGrid = 20
    @Option(help: "Write the admin token to this file.") var tokenFile: String?
    @Option(help: "Write a schemathesis auth file with tokens of every role in two sibling scopes.") var contractAuth:
        String?

    func run() async throws {
        if city { return try await seedCity() }
        guard demo else { throw ValidationError("say what to seed: --demo or --city") }
        try await CommandEnvironment.withProvisioning(label: "grassroots.seed") { provisioning in
            let deadline = { CommandEnvironment.deadline() }
            let city = try await provisioning.bootstrap(name: "示范市", code: "330200000000", deadline: deadline()).area
            if try await provisioning.children(of: city, deadline: deadline()).isEmpty {
                for (districtIndex, districtName) in ["海曙区", "江北区"].enumerated() {
                    let district = try await provisioning.addArea(
                        .district, name: districtName, under: city, deadline: deadline())
                    for streetIndex in 1...2 {
                        let street = try await provisioning.addArea(
                            .street, name: "\(districtName)第\(streetIndex)街道", under: district, deadline: deadline())
                        for communityIndex in 1...2 {
                            let community = try await provisioning.addArea(
                                .community, name: "\(street.name)\(communityIndex)社区", under: street,
                                deadline: deadline())
                            for gridIndex in 1...2 {
                                _ = try await provisioning.addArea(
                                    .grid, name: "\(community.name)第\(gridIndex)网格", under: community,
                                    deadline: deadline())
                            }
                        }
                    }
                    _ = districtIndex
                }
            }
            let admin = try await provisioning.issueToken(
                role: .admin, areaId: city.id, lifetime: 30 * 86_400, label: "demo", deadline: deadline())
            if let tokenFile { try admin.secret.write(toFile: tokenFile, atomically: true, encoding: .utf8) }
            if let contractAuth {
                try await writeContractAuth(provisioning, city: city, admin: admin.secret, to: contractAuth)
            }
            print(admin.secret)
        }
    }

    private func seedCity() async throws {
        var shape = CitySeedRepository.Shape()
        shape.districts = districts
        shape.streetsPerDistrict = streetsPerDistrict
        shape.communitiesPerStreet = communitiesPerStreet
        shape.gridsPerCommunity = gridsPerCommunity
        shape.residentsPerGrid = residentsPerGrid
        shape.casesPerGrid = casesPerGrid
        try await CommandEnvironment.withProvisioning(label: "grassroots.seed") { provisioning in
            let cityId = try await CitySeeder(store: provisioning.store).seed(
                seed, shape: shape, today: GovernanceClock.system.today,
                progress: { FileHandle.standardError.write(Data("seeded \($0)\n".utf8)) })
            let admin = try await provisioning.issueToken(
                role: .admin, areaId: cityId, lifetime: 7 * 86_400, label: "city seed",
                deadline: CommandEnvironment.deadline())
            if let tokenFile { try admin.secret.write(toFile: tokenFile, atomically: true, encoding: .utf8) }
            print(admin.secret)
        }
    }

    /// Tokens for schemathesis: the city admin first, then a street admin per sibling street,
    /// so `object_level_authorization` checks that one street never reads the other's objects.
    private func writeContractAuth(_ provisioning: ProvisioningService, city: Area, admin: String, to path: String)
        async throws
    {
        let deadline = { CommandEnvironment.deadline() }
        let district = try await provisioning.children(of: city, deadline: deadline()).first!
        let streets = try await provisioning.children(of: district, deadline: deadline())
        var entries: [JSONValue] = [
            ["name": "city", "fixedHeaders": [["name": "Authorization", "value": .string("Bearer \(admin)")]]]
        ]
        for (index, street) in streets.prefix(2).enumerated() {
            let token = try await provisioning.issueToken(
                role: .admin, areaId: street.id, lifetime: 86_400, label: "contract", deadline: deadline())
            entries.append([
                "name": .string("street\(index + 1)"),
                "fixedHeaders": [["name": "Authorization", "value": .string("Bearer \(token.secret)")]],
            ])
        }
        let document: JSONValue = ["schemaVersion": "1.0", "auth": .array(entries)]
        try document.canonicalData.write(to: URL(fileURLWithPath: path))
    }
}
