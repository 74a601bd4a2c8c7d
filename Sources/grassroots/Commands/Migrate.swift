import ArgumentParser
import GovernanceStore
import Postgres

/// `grassroots migrate`: applies pending migrations; safe to run concurrently and repeatedly.
struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply pending database migrations.")

    func run() async throws {
        let environment = try CommandEnvironment.load(label: "grassroots.migrate")
        defer { environment.client.close() }
        do {
            let migrator = try Migrator(client: environment.client, migrations: try GovernanceMigrations.all())
            let applied = try await migrator.apply(deadline: CommandEnvironment.deadline(seconds: 600))
            print(
                applied.isEmpty
                    ? "schema is current at version \(migrator.latestVersion)"
                    : "applied migrations \(applied.map(String.init).joined(separator: ", "))")
        } catch {
            CommandEnvironment.fail("\(error)")
            throw ExitCode(1)
        }
    }
}
