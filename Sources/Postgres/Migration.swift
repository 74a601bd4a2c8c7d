/// One schema change: applied once, in order, inside a transaction, and recorded with a checksum.
public struct Migration: Sendable, Hashable {
    /// Position in the order of application; unique.
    public let version: Int
    /// A short name, from the file name.
    public let name: String
    /// The SQL, run with the simple protocol so it may hold several statements.
    public let sql: String

    /// Creates a migration.
    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }
}

/// Why the migrator refused to go on.
public struct MigrationError: Error, Sendable, Hashable, CustomStringConvertible {
    fileprivate enum Code: Sendable, Hashable { case checksumMismatch, unknownApplied, pending, duplicateVersion }
    fileprivate let code: Code
    /// The migration concerned.
    public let version: Int

    /// An applied migration's SQL was changed after it was applied.
    public static func checksumMismatch(_ version: Int) -> Self { .init(code: .checksumMismatch, version: version) }
    /// The database has a migration this build does not know: it is newer than the code.
    public static func unknownApplied(_ version: Int) -> Self { .init(code: .unknownApplied, version: version) }
    /// Migrations are waiting to be applied (reported when applying is not allowed).
    public static func pending(_ version: Int) -> Self { .init(code: .pending, version: version) }
    /// Two migrations share a version number.
    public static func duplicateVersion(_ version: Int) -> Self { .init(code: .duplicateVersion, version: version) }

    public var description: String {
        switch code {
        case .checksumMismatch: "migration \(version) was changed after it was applied"
        case .unknownApplied: "the database has migration \(version), which this build does not know"
        case .pending: "migration \(version) and possibly later ones are not applied; run `grassroots migrate`"
        case .duplicateVersion: "two migrations have version \(version)"
        }
    }
}
