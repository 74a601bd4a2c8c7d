import Foundation
import Governance
import GovernanceServices
import GovernanceStore

/// Which members a JSON Merge Patch body (RFC 7396) names, and which of them are `null`.
///
/// The generated types decode both an absent member and `null` to `nil`; the raw body tells
/// them apart: absent leaves a field unchanged, `null` clears it.
struct MergePatch {
    private let members: [String: JSONValue]

    /// Reads the raw body kept by `WriteTransactionMiddleware`.
    init(rawBody: Data?) {
        members = rawBody.flatMap { JSONValue(parsing: $0)?.objectValue } ?? [:]
    }

    /// Whether the member is present with the value `null`.
    func isNull(_ name: String) -> Bool { members[name] == .null }

    /// A clearable field: absent → nil (unchanged); `null` → .some(nil) (clear); a value → .some(value).
    func clearable<Value>(_ name: String, _ value: Value?) -> Value?? {
        if isNull(name) { return .some(nil) }
        return value.map { .some($0) }
    }

    /// Refuses `null` for fields that cannot be cleared.
    func requireNonNull(_ names: [String]) throws(DomainError) {
        var validator = FieldValidator()
        for name in names where isNull(name) {
            validator.fail(name, "not_nullable", zh: "该字段不能清空。", en: "This field cannot be cleared.")
        }
        try validator.check()
    }
}
