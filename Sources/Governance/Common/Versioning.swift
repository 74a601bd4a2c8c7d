/// Optimistic concurrency: every mutable resource has a `version`, sent as a strong ETag.
public enum Versioning {
    /// The ETag of a version: `"3"`.
    public static func etag(_ version: Int) -> String { "\"\(version)\"" }

    /// The 412 answer for an If-Match that no longer holds.
    public static var stale: DomainError {
        DomainError(
            .preconditionFailed, code: "version.mismatch",
            message: LocalizedText(
                zh: "资源已被修改，请重新读取后再提交。", en: "The resource has changed; read it again before updating."))
    }
}
