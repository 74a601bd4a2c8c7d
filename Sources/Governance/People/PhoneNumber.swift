/// Mainland mobile numbers (11 digits starting 13–19) and landlines (area code and number).
public enum PhoneNumber {
    /// Whether `value` is a mobile number or a landline like `0574-87654321`.
    public static func isValid(_ value: String) -> Bool {
        let bytes = Array(value.utf8)
        let isDigit: (UInt8) -> Bool = { $0 >= 48 && $0 <= 57 }
        if bytes.count == 11, bytes[0] == UInt8(ascii: "1"), (UInt8(ascii: "3")...UInt8(ascii: "9")).contains(bytes[1])
        {
            return bytes.allSatisfy(isDigit)
        }
        let parts = value.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].first == "0", (3...4).contains(parts[0].count),
            (7...8).contains(parts[1].count)
        else {
            return false
        }
        return parts.allSatisfy { $0.utf8.allSatisfy(isDigit) }
    }

    /// `138****8000`: the first three and last four digits.
    public static func masked(_ value: String) -> String {
        Masking.phone(value)
    }
}
