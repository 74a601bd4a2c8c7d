import ArgumentParser
import GovernanceAPI
import GovernanceStore
import Postgres

/// `grassroots migrate`: applies pending migrations, then rewrites any ciphertext not under the
/// current data key (values from before ciphertexts carried a key id and their place); safe to
/// run concurrently and repeatedly.
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
            let rotated = try await CiphertextRotation(
                store: Store(client: environment.client, keys: environment.configuration.dataKeys)
            ).rotate()
            if rotated.total > 0 { print("re-encrypted \(rotated.total) rows under the current data key") }
        } catch {
            CommandEnvironment.fail("\(error)")
            throw ExitCode(1)
        }
    }
}
