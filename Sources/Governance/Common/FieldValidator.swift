/// Collects every invalid field of a request, so one answer lists them all.
///
/// The OpenAPI generator enforces types only; lengths, patterns and ranges written in the
/// contract are checked here.
public struct FieldValidator: Sendable {
    /// The errors found so far.
    public private(set) var errors: [DomainError.FieldError] = []

    /// Creates an empty validator.
    public init() {}

    /// Records an error on `field`.
    public mutating func fail(_ field: String, _ code: String, zh: String, en: String) {
        errors.append(DomainError.FieldError(field: field, code: code, message: LocalizedText(zh: zh, en: en)))
    }

    /// Checks a string's length in characters (as JSON Schema counts them: code points).
    public mutating func length(_ field: String, _ value: String?, min: Int = 1, max: Int) {
        guard let value else { return }
        let count = value.unicodeScalars.count
        if count < min {
            fail(
                field, min <= 1 ? "empty" : "too_short", zh: "长度不能少于 \(min) 个字符。",
                en: "Must be at least \(min) characters.")
        } else if count > max {
            fail(field, "too_long", zh: "长度不能超过 \(max) 个字符。", en: "Must be at most \(max) characters.")
        }
    }

    /// Checks that a trimmed string is not blank.
    public mutating func notBlank(_ field: String, _ value: String?) {
        guard let value else { return }
        if !value.isEmpty, value.allSatisfy(\.isWhitespace) {
            fail(field, "blank", zh: "不能只包含空白字符。", en: "Must not be blank.")
        }
    }

    /// Checks an integer range.
    public mutating func range(_ field: String, _ value: Int?, _ range: ClosedRange<Int>) {
        guard let value, !range.contains(value) else { return }
        fail(
            field, "out_of_range", zh: "取值须在 \(range.lowerBound) 到 \(range.upperBound) 之间。",
            en: "Must be between \(range.lowerBound) and \(range.upperBound).")
    }

    /// Checks that every character is an ASCII digit and the length is exactly `count`.
    public mutating func digits(_ field: String, _ value: String?, count: Int) {
        guard let value else { return }
        if value.utf8.count != count || !value.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) {
            fail(field, "invalid_format", zh: "须为 \(count) 位数字。", en: "Must be exactly \(count) digits.")
        }
    }

    /// A day the client states for an act done offline: never after the server's `today`
    /// (UTC+8), never before the step it follows.
    public mutating func statedDay(
        _ field: String, _ day: CalendarDay?, today: CalendarDay, notBefore earliest: CalendarDay? = nil
    ) {
        guard let day else { return }
        if day > today {
            fail(field, "in_future", zh: "日期不能晚于今天。", en: "Cannot be after today.")
        }
        if let earliest, day < earliest {
            fail(
                field, "before_previous_step", zh: "日期不能早于上一步（\(earliest)）。",
                en: "Cannot be before the previous step (\(earliest)).")
        }
    }

    /// Throws the collected errors as one validation error, if any.
    public func check() throws(DomainError) {
        if !errors.isEmpty { throw DomainError.validation(errors) }
    }
}
