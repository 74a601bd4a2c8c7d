import ArgumentParser
import Foundation
import Governance
import GovernanceServices

/// `grassroots department register`: registers a department of a district or the city (or
/// finds the one of that name) and prints its id, for `token issue --role department`.
struct DepartmentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "department", abstract: "Manage registered departments.", subcommands: [Register.self])

    struct Register: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register a department of a district or the city; prints its id.")

        @Option(help: "The department's name, e.g. 民政局.") var name: String
        @Option(help: "The district's or city's area id.") var area: String

        func validate() throws {
            guard UUID(uuidString: area) != nil else { throw ValidationError("--area must be an area id (UUID)") }
        }

        func run() async throws {
            try await CommandEnvironment.withProvisioning(label: "grassroots.department") { provisioning in
                guard let areaId = UUID(uuidString: area) else {
                    throw ValidationError("--area is checked in validate()")
                }
                let department = try await provisioning.department(
                    named: name, areaId: areaId, deadline: CommandEnvironment.deadline())
                print(department.id.lowercasedString)
            }
        }
    }
}
