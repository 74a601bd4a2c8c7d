import ArgumentParser
import Foundation
import Governance
import GovernanceAPI
import GovernanceServices

/// `grassroots token issue`: prints a new token as the last line of standard output.
struct Token: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Manage API tokens.", subcommands: [Issue.self])

    struct Issue: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Issue a token with one role and one scope area.")

        @Option(help: "admin, staff, grid_worker, mediator, department, reviewer, analyst or auditor.") var role: String
        @Option(help: "The scope area's id.") var area: String
        @Option(help: "Lifetime in seconds (at most 366 days).") var ttl: Int = 90 * 86_400
        @Option(help: "A label, e.g. the client system's name.") var label: String?
        @Option(help: "For role department: the registered department's id (see `grassroots department register`).")
        var department: String?
        @Option(
            help: "For role mediator: the person the token is bound to (MED-4); it sees what their posts are assigned.")
        var person: String?

        func validate() throws {
            guard Role(rawValue: role) != nil else { throw ValidationError("unknown role \(role)") }
            guard UUID(uuidString: area) != nil else { throw ValidationError("--area must be an area id (UUID)") }
            guard (role == "department") == (department != nil) else {
                throw ValidationError("--department is required for role department and refused for other roles")
            }
            if person != nil, role != "mediator" {
                throw ValidationError("--person is for role mediator only")
            }
            if let person, UUID(uuidString: person) == nil {
                throw ValidationError("--person must be a person id (UUID)")
            }
            if let department, UUID(uuidString: department) == nil {
                throw ValidationError("--department must be a department id (UUID)")
            }
        }

        func run() async throws {
            try await CommandEnvironment.withProvisioning(label: "grassroots.token") { provisioning in
                guard let role = Role(rawValue: role), let areaId = UUID(uuidString: area) else {
                    throw ValidationError("--role and --area are checked in validate()")
                }
                let issued = try await provisioning.issueToken(
                    role: role, areaId: areaId, lifetime: TimeInterval(ttl), label: label,
                    departmentId: department.flatMap(UUID.init(uuidString:)),
                    personId: person.flatMap(UUID.init(uuidString:)), deadline: CommandEnvironment.deadline())
                FileHandle.standardError.write(
                    Data("token \(issued.token.id.lowercasedString) expires \(issued.token.expiresAt)\n".utf8))
                print(issued.secret)
            }
        }
    }
}
