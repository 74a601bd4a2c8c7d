/// Materialised area paths (`c3302.d03.s07`), the Swift twin of PostgreSQL's ltree `<@`.
public enum AreaPath {
    /// Whether `path` is `ancestor` or lies below it: `path <@ ancestor` in SQL. The empty path
    /// (the command line's scope) contains every path.
    public static func contains(_ ancestor: String, _ path: String) -> Bool {
        ancestor.isEmpty || path == ancestor || path.hasPrefix(ancestor + ".")
    }

    /// The city a path lies in: its first label (`c3302.d03` → `c3302`).
    public static func city(of path: String) -> String? {
        path.split(separator: ".").first.map(String.init)
    }

    /// Whether a scope covers a whole city (or, empty, everything): where a city's own data
    /// (its event catalogue, its working calendars) is edited.
    public static func isCityWide(_ scopePath: String) -> Bool {
        scopePath.split(separator: ".").count <= 1
    }
}
