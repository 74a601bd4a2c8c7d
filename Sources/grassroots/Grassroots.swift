import ArgumentParser

/// The `grassroots` command: serve the API and administer its database.
@main
struct Grassroots: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grassroots",
        abstract: "Grassroots (基层): community governance API service.",
        subcommands: [
            Serve.self, Migrate.self, Bootstrap.self, Token.self, Seed.self, Keys.self, DepartmentCommand.self,
        ]
    )
}
