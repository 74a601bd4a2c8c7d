import Governance

extension JSONValue {
    /// The JSON Pointer-like path (`parties/0/phone`) of the first `null` member or element, in
    /// key order; `nil` when there is none.
    ///
    /// No request body of a `POST` in the contract admits `null`, but the generated types decode
    /// a `null` member like an absent one: without this check `{"phone": null}` would pass as if
    /// the field had been left out.
    func firstNull(at path: String = "") -> String? {
        switch self {
        case .null: return path
        case .array(let items):
            for (index, item) in items.enumerated() {
                if let found = item.firstNull(at: path.isEmpty ? "\(index)" : "\(path)/\(index)") { return found }
            }
            return nil
        case .object(let members):
            for key in members.keys.sorted() {
                if let found = members[key]?.firstNull(at: path.isEmpty ? key : "\(path)/\(key)") { return found }
            }
            return nil
        default: return nil
        }
    }
}
