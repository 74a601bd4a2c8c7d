/// Materialised area paths (`c3302.d03.s07`), the Swift twin of PostgreSQL's ltree `<@`.
public enum AreaPath {
    /// Whether `path` is `ancestor` or lies below it: `path <@ ancestor` in SQL. The empty path
    /// (the command line's scope) contains every path.
    public static func contains(_ ancestor: String, _ path: String) -> Bool {
        ancestor.isEmpty || path == ancestor || path.hasPrefix(ancestor + ".")
    }
}
