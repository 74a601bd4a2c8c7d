import ArgumentParser
import GovernanceAPI
import GovernanceStore
import Hummingbird
import Logging
import Postgres

/// `grassroots serve`: checks the database, then serves HTTP until SIGTERM or SIGINT.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Serve the API.")

    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on.") var port = 8080
    @Flag(help: "Apply pending migrations before serving instead of refusing to start.") var migrate = false

    func run() async throws {
        let environment = try CommandEnvironment.load(label: "grassroots")
        let client = environment.client
        do {
            let migrator = try Migrator(client: client, migrations: try GovernanceMigrations.all())
            if migrate {
                try await migrator.apply(deadline: CommandEnvironment.deadline())
                // As `grassroots migrate` does: values from before the current key or layout.
                _ = try await CiphertextRotation(
                    store: Store(client: client, keys: environment.configuration.dataKeys)
                ).rotate()
            }
            // A stale schema is refused rather than served (style.md §6).
            try await migrator.verify(deadline: CommandEnvironment.deadline())
            let unsafe = try await DurabilityCheck.unsafeSettings(
                client: client, deadline: CommandEnvironment.deadline())
            if !unsafe.isEmpty {
                guard environment.configuration.allowUnsafeDurability else {
                    CommandEnvironment.fail(
                        "PostgreSQL has \(unsafe.joined(separator: ", ")) off: acknowledged writes could be lost. "
                            + "Turn it on, or set GRASSROOTS_ALLOW_UNSAFE_DURABILITY=true for a throwaway database.")
                    throw ExitCode(69)
                }
                environment.logger.warning(
                    "serving with unsafe durability settings", metadata: ["settings": "\(unsafe)"])
            }
            let application = try buildApplication(
                configuration: environment.configuration, client: client, latestSchemaVersion: migrator.latestVersion,
                host: host, port: port,
                logger: environment.logger)
            try await application.runService()
        } catch let error as ExitCode {
            client.close()
            throw error
        } catch {
            client.close()
            CommandEnvironment.fail("\(error)")
            throw ExitCode(1)
        }
    }
}
