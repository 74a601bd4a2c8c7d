import ArgumentParser
import GovernanceAPI
import GovernanceStore
import Postgres

/// `grassroots keys`: the data key's id, and re-encryption under a new key.
///
/// To replace the master key: set `GRASSROOTS_DATA_KEY` to the new key and put the old one in
/// `GRASSROOTS_PREVIOUS_DATA_KEYS`, restart the servers (they write under the new key and read
/// both), run `grassroots keys rotate`, and drop the old key once `keys status` shows nothing
/// pending and 48 h have passed (idempotency records keep the old key's fingerprints that long).
struct Keys: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the data key and re-encrypt stored personal data under it.",
        subcommands: [Rotate.self, Status.self])

    struct Rotate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Re-encrypt, online and in batches, every value not yet under GRASSROOTS_DATA_KEY.")

        @Option(help: "Rows per transaction.") var batchSize: Int = 500

        func validate() throws {
            guard (1...10_000).contains(batchSize) else { throw ValidationError("--batch-size must be 1…10000") }
        }

        func run() async throws {
            try await Keys.withRotation(label: "grassroots.keys") { rotation, keyId in
                let report = try await rotation.rotate(batchSize: batchSize)
                print(
                    "key \(keyId): rewrote \(report.people) people, \(report.mediationParties) mediation parties, \(report.gridEventReporters) event reporters, "
                        + "\(report.idempotencyResponses) stored responses")
            }
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the current key id and how many rows are not yet under it.")

        func run() async throws {
            try await Keys.withRotation(label: "grassroots.keys") { rotation, keyId in
                let pending = try await rotation.pending(deadline: CommandEnvironment.deadline(seconds: 600))
                print("key \(keyId): \(pending) rows pending rotation")
            }
        }
    }

    /// Runs `body` against a migrated database, turning errors into a message and exit code 1.
    static func withRotation(label: String, _ body: (CiphertextRotation, String) async throws -> Void) async throws {
        let environment = try CommandEnvironment.load(label: label)
        defer { environment.client.close() }
        do {
            let migrator = try Migrator(client: environment.client, migrations: try GovernanceMigrations.all())
            try await migrator.verify(deadline: CommandEnvironment.deadline())
            let keys = environment.configuration.dataKeys
            try await body(CiphertextRotation(store: Store(client: environment.client, keys: keys)), keys.currentKeyId)
        } catch {
            CommandEnvironment.fail("\(error)")
            throw ExitCode(1)
        }
    }
}
