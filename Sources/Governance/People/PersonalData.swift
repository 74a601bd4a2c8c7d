public import Foundation

/// A person's phone and ID number in full: what a reveal returns, once per audited act.
public struct PersonalData: Sendable, Hashable {
    /// Whose data.
    public let personId: UUID
    /// The full phone number, if recorded.
    public let phone: String?
    /// The full ID number.
    public let idNumber: String
    /// Why it was revealed, as the caller stated it (recorded in the audit log).
    public let purpose: String
    /// Reveals left to this token today.
    public let remainingToday: Int

    /// Creates the value.
    public init(personId: UUID, phone: String?, idNumber: String, purpose: String, remainingToday: Int) {
        self.personId = personId
        self.phone = phone
        self.idNumber = idNumber
        self.purpose = purpose
        self.remainingToday = remainingToday
    }

    /// Checks a stated purpose: 2 to 200 characters once trimmed (GEN-7: every reveal says why).
    public static func validatePurpose(_ purpose: String?) throws(DomainError) -> String {
        let trimmed = purpose?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        guard (2...200).contains(trimmed.count) else {
            throw DomainError.validation([
                .init(
                    field: "purpose", code: trimmed.isEmpty ? "required" : "out_of_range",
                    message: LocalizedText(
                        zh: "须说明查看完整个人信息的目的（2 到 200 个字符）。",
                        en: "State why the full personal data is needed (2 to 200 characters)."))
            ])
        }
        return trimmed
    }
}
