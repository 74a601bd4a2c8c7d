import ArgumentParser
import Foundation
import GovernanceAPI
import GovernanceServices
import GovernanceStore
import Logging
import Postgres

/// What every subcommand needs: the configuration and a database client.
struct CommandEnvironment {
    let configuration: AppConfiguration
    let client: PostgresClient
    let logger: Logger

    /// Reads the environment, reporting every problem at once and exiting 78 (EX_CONFIG) on any.
    static func load(label: String) throws -> CommandEnvironment {
        let configuration: AppConfiguration
        do {
            configuration = try AppConfiguration.fromEnvironment(ProcessInfo.processInfo.environment)
        } catch {
            FileHandle.standardError.write(Data("grassroots: \(error)\n".utf8))
            throw ExitCode(78)
        }
        let level = Logger.Level(rawValue: configuration.logLevel) ?? .info
        LoggingSystem.bootstrap { JSONLogHandler(label: $0, level: level) }
        // Lines are written by a thread of their own; the last ones must not die with the process.
        atexit { LogQueue.shared.flush() }
        let logger = Logger(label: label)
        return CommandEnvironment(
            configuration: configuration, client: PostgresClient(configuration: configuration.database, logger: logger),
            logger: logger)
    }

    /// Runs `body` with the provisioning service, closing the client after and turning domain
    /// errors into a message and exit code 1.
    static func withProvisioning(label: String, _ body: (ProvisioningService) async throws -> Void) async throws {
        let environment = try load(label: label)
        defer { environment.client.close() }
        do {
            let migrator = try Migrator(client: environment.client, migrations: try GovernanceMigrations.all())
            try await migrator.verify(deadline: deadline())
            try await body(
                ProvisioningService(
                    store: Store(
                        client: environment.client, keys: environment.configuration.dataKeys)))
        } catch let error as ExitCode {
            throw error
        } catch {
            fail("\(error)")
            throw ExitCode(1)
        }
    }

    /// A deadline for administrative work.
    static func deadline(seconds: Int = 60) -> ContinuousClock.Instant {
        .now.advanced(by: .seconds(seconds))
    }

    /// Writes a line to standard error.
    static func fail(_ message: String) {
        FileHandle.standardError.write(Data("grassroots: \(message)\n".utf8))
    }
}
