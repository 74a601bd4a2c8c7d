/// SQL text with its parameters kept apart: every interpolated value becomes `$n` and a bind.
///
/// ```swift
/// let query: PostgresQuery = "SELECT id FROM area WHERE path <@ \(scope)::ltree AND name = \(name)"
/// ```
/// Raw SQL fragments (identifiers, composed clauses) must be spelled `\(unsafeSQL: …)` so that
/// the reader sees each place where text reaches the statement unbound.
public struct PostgresQuery: Sendable, Hashable, ExpressibleByStringInterpolation {
    /// The statement with `$1 … $n` placeholders.
    public private(set) var sql: String
    /// The parameter values in text format; `nil` is SQL NULL.
    public private(set) var binds: [String?]

    /// A statement with explicit SQL text and binds.
    public init(unsafeSQL sql: String, binds: [String?] = []) {
        self.sql = sql
        self.binds = binds
    }

    public init(stringLiteral value: String) {
        self.init(unsafeSQL: value)
    }

    public init(stringInterpolation: StringInterpolation) {
        self.init(unsafeSQL: stringInterpolation.sql, binds: stringInterpolation.binds)
    }

    /// Appends another query, renumbering its placeholders after ours.
    public mutating func append(_ other: PostgresQuery) {
        sql += Self.renumber(other.sql, offset: binds.count)
        binds += other.binds
    }

    /// Returns this query followed by `other`.
    public func appending(_ other: PostgresQuery) -> PostgresQuery {
        var copy = self
        copy.append(other)
        return copy
    }

    /// Shifts `$n` placeholders by `offset`; a `$` that is not followed by digits is kept as is.
    private static func renumber(_ sql: String, offset: Int) -> String {
        guard offset > 0 else { return sql }
        var result = ""
        var index = sql.startIndex
        while index < sql.endIndex {
            let character = sql[index]
            if character == "$" {
                var end = sql.index(after: index)
                while end < sql.endIndex, sql[end].isASCII, sql[end].isNumber { end = sql.index(after: end) }
                if end > sql.index(after: index), let number = Int(sql[sql.index(after: index)..<end]) {
                    result += "$\(number + offset)"
                    index = end
                    continue
                }
            }
            result.append(character)
            index = sql.index(after: index)
        }
        return result
    }

    /// Builds the SQL text and binds of an interpolated query.
    public struct StringInterpolation: StringInterpolationProtocol {
        var sql: String
        var binds: [String?]

        public init(literalCapacity: Int, interpolationCount: Int) {
            sql = ""
            sql.reserveCapacity(literalCapacity + interpolationCount * 3)
            binds = []
            binds.reserveCapacity(interpolationCount)
        }

        public mutating func appendLiteral(_ literal: String) {
            sql += literal
        }

        /// Binds a value as the next parameter.
        public mutating func appendInterpolation(_ value: some PostgresEncodable) {
            binds.append(value.postgresText)
            sql += "$\(binds.count)"
        }

        /// Binds an optional value; `nil` is SQL NULL.
        public mutating func appendInterpolation(_ value: (some PostgresEncodable)?) {
            binds.append(value?.postgresText)
            sql += "$\(binds.count)"
        }

        /// Splices SQL text unbound. Only for identifiers and clauses the code itself composes.
        public mutating func appendInterpolation(unsafeSQL text: String) {
            sql += text
        }
    }
}
