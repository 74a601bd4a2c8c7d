/// The 18-character resident identity number (GB 11643-1999): 17 digits and a check character
/// computed over them with ISO 7064 MOD 11-2.
public enum ResidentIDNumber {
    static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    static let checkCharacters: [Character] = ["1", "0", "X", "9", "8", "7", "6", "5", "4", "3", "2"]

    /// Whether `value` has the format and a correct check character. A lowercase `x` is accepted.
    public static func isValid(_ value: String) -> Bool {
        let characters = Array(value.uppercased())
        guard characters.count == 18 else { return false }
        var sum = 0
        for (index, character) in characters.prefix(17).enumerated() {
            guard let digit = character.wholeNumberValue, character.isASCII else { return false }
            sum += digit * weights[index]
        }
        guard isPlausibleDate(characters) else { return false }
        return checkCharacters[sum % 11] == characters[17]
    }

    /// The canonical form stored and hashed: uppercase `X`.
    public static func normalized(_ value: String) -> String { value.uppercased() }

    /// `**************1234`: the last four characters.
    public static func masked(_ value: String) -> String {
        Masking.idNumber(value)
    }

    /// A number already registered to someone the caller can see (409).
    public static let alreadyRegistered = DomainError(
        .conflict, code: "person.duplicate_id_number",
        message: LocalizedText(zh: "该公民身份号码已登记。", en: "A person with this ID number is already registered."))

    /// A number registered outside the caller's scope (422): the text names no area and no
    /// person, so the answer does not tell where the number is registered.
    public static let unavailableHere = DomainError(
        .unprocessable, code: "person.id_number_unavailable",
        message: LocalizedText(
            zh: "该公民身份号码无法在此登记，请联系街道办事处核实。",
            en: "This ID number cannot be registered here; ask the street office to check it."))

    /// The check character for 17 digits (for tests and seed data).
    public static func checkCharacter(for digits: String) -> Character? {
        let values = digits.compactMap(\.wholeNumberValue)
        guard values.count == 17 else { return nil }
        return checkCharacters[zip(values, weights).map(*).reduce(0, +) % 11]
    }

    /// Birth date digits (positions 7–14) form a real date between 1900 and 2099.
    /// The birth date an 18-character number carries (characters 7–14), if plausible.
    public static func birthDate(of value: String) -> CalendarDay? {
        let characters = Array(value)
        guard characters.count == 18, isPlausibleDate(characters) else { return nil }
        return CalendarDay(
            String(characters[6..<10]) + "-" + String(characters[10..<12]) + "-" + String(characters[12..<14]))
    }

    private static func isPlausibleDate(_ characters: [Character]) -> Bool {
        let digits = characters[6..<14].compactMap(\.wholeNumberValue)
        guard digits.count == 8 else { return false }
        let year = digits[0...3].reduce(0) { $0 * 10 + $1 }
        let month = digits[4] * 10 + digits[5]
        let day = digits[6] * 10 + digits[7]
        guard (1900...2099).contains(year), (1...12).contains(month), day >= 1 else { return false }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return day <= days
    }
}
