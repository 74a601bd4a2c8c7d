package import Governance

/// The `If-Match` request header, read at the edge: services take the version it names.
package enum IfMatch {
    /// The version an `If-Match` value names; `nil` when absent or `*`.
    /// A value that names no version of ours is a stale precondition.
    package static func expectedVersion(ifMatch: String?) throws(DomainError) -> Int? {
        guard let ifMatch else { return nil }
        let trimmed = String(ifMatch.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
        if trimmed == "*" { return nil }
        var tag = Substring(trimmed)
        if tag.hasPrefix("W/") { tag = tag.dropFirst(2) }
        guard tag.count >= 3, tag.first == "\"", tag.last == "\"" else { throw Versioning.stale }
        // A read's tag is `"<version>.<digest>"`; a write's is `"<version>"`. Both name the version.
        let opaque = tag.dropFirst().dropLast()
        guard let version = Int(opaque.prefix { $0 != "." }) else { throw Versioning.stale }
        return version
    }
}
