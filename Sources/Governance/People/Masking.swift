/// The one way personal data is masked for roles that do not need it in full (PIPL Art. 6,
/// minimum necessary): names keep their family name, phones their first three and last four
/// digits, ID numbers their region code and last four characters.
public enum Masking {
    /// `王*`: the family name and one star, whatever the length, so the mask tells nothing more.
    public static func name(_ value: String) -> String {
        value.isEmpty ? value : String(value.prefix(1)) + "*"
    }

    /// A member's or voter's name as `role` may see it: whole for roles that see personal data,
    /// masked (`王*`) for the others, left out for analysts.
    public static func name(_ value: String?, for role: Role) -> String? {
        switch role {
        case .analyst: nil
        case _ where role.seesPersonalData: value
        default: value.map { name($0) }
        }
    }

    /// `138****8000`.
    public static func phone(_ value: String) -> String {
        guard value.count > 7 else { return String(repeating: "*", count: value.count) }
        return String(value.prefix(3)) + String(repeating: "*", count: value.count - 7) + String(value.suffix(4))
    }

    /// `**************0020`: the last four characters only. The region code and the check
    /// digit together with a birth year would leave a few dozen guesses for the rest.
    public static func idNumber(_ value: String) -> String {
        String(repeating: "*", count: max(0, value.count - 4)) + String(value.suffix(4))
    }
}
