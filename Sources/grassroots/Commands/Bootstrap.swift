import ArgumentParser
import Foundation
import Governance
import GovernanceAPI
import GovernanceServices
import GovernanceStore

/// `grassroots bootstrap`: creates the root city when the tree is empty and prints an admin
/// token for it as the last line of standard output.
struct Bootstrap: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create the root city and print an admin token for it.")

    @Option(help: "The city's name.") var name: String
    @Option(help: "The city's 12-digit statistical division code.") var code: String?
    @Option(help: "Token lifetime in seconds.") var ttl: Int = 90 * 86_400

    func run() async throws {
        try await CommandEnvironment.withProvisioning(label: "grassroots.bootstrap") { provisioning in
            let (city, created) = try await provisioning.bootstrap(
                name: name, code: code, deadline: CommandEnvironment.deadline())
            FileHandle.standardError.write(
                Data("\(created ? "created" : "found") city \(city.name) (\(city.id.lowercasedString))\n".utf8))
            let issued = try await provisioning.issueToken(
                role: .admin, areaId: city.id, lifetime: TimeInterval(ttl), label: "bootstrap",
                deadline: CommandEnvironment.deadline())
            print(issued.secret)
        }
    }
}
