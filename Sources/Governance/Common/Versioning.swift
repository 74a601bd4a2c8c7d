/// Optimistic concurrency: every mutable resource has a `version`, sent as a strong ETag.
public enum Versioning {
    /// The ETag of a version: `"3"`.
    public static func etag(_ version: Int) -> String { "\"\(version)\"" }

    /// The version an `If-Match` value names; `nil` when absent or `*`.
    /// A value that names no version of ours is a stale precondition.
    public static func expectedVersion(ifMatch: String?) throws(DomainError) -> Int? {
        guard let ifMatch else { return nil }
        let trimmed = String(ifMatch.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
        if trimmed == "*" { return nil }
        var tag = Substring(trimmed)
        if tag.hasPrefix("W/") { tag = tag.dropFirst(2) }
        guard tag.count >= 3, tag.first == "\"", tag.last == "\"", let version = Int(tag.dropFirst().dropLast()) else {
            throw stale
        }
        return version
    }

    /// The 412 answer for an If-Match that no longer holds.
    public static var stale: DomainError {
        DomainError(
            .preconditionFailed, code: "version.mismatch",
            message: LocalizedText(zh: "资源已被修改，请重新读取后再提交。", en: "The resource has changed; read it again before updating."))
    }
}

