import Foundation
import Governance
import Testing

@Suite struct PeopleRulesTests {
    @Test(arguments: ["11010519491231002X", "11010519491231002x", "330205199001011239", "330203196805120020"])
    func validResidentIDNumbersPass(value: String) {
        #expect(ResidentIDNumber.isValid(value))
    }

    @Test(arguments: [
        "110105194912310021",  // wrong check character
        "11010519491231002",  // 17 characters
        "1101051949123100211",  // 19 characters
        "11010519491331002X",  // month 13
        "110105194902300028",  // 30 February
        "11010518991231002X",  // born before 1900
        "1101051949123100X2",  // X not last
        "１１０１０５１９４９１２３１００２Ｘ",  // full-width digits
    ])
    func invalidResidentIDNumbersFail(value: String) {
        #expect(!ResidentIDNumber.isValid(value))
    }

    @Test func theCheckCharacterFollowsGB11643() {
        #expect(ResidentIDNumber.checkCharacter(for: "11010519491231002") == "X")
        #expect(ResidentIDNumber.checkCharacter(for: "33020519900101123") == "9")
    }

    @Test func idNumbersAndPhonesAreMaskedToTheirEnds() {
        #expect(ResidentIDNumber.masked("330203196805120020") == "**************0020")
        #expect(PhoneNumber.masked("13800138000") == "138****8000")
    }

    @Test(arguments: [
        ("13800138000", true), ("19912345678", true), ("12800138000", false), ("1380013800", false),
        ("0574-87654321", true), ("010-1234567", true), ("574-87654321", false), ("0574-876", false),
    ])
    func phoneNumbers(value: String, valid: Bool) {
        #expect(PhoneNumber.isValid(value) == valid)
    }

    @Test func aNewPersonListsEveryInvalidFieldAtOnce() {
        let person = NewPerson(
            residenceAreaId: UUID(), name: String(repeating: "名", count: 51), gender: .male, birthYear: 1899,
            ethnicity: nil,
            partyMember: false, phone: "123", idNumber: "110105194912310021")
        #expect {
            try person.validate(currentYear: 2026)
        } throws: { error in
            guard let error = error as? DomainError else { return false }
            return error.kind == .unprocessable
                && Set(error.fieldErrors.map(\.field)) == ["name", "birthYear", "phone", "idNumber"]
        }
    }

    @Test func nameLengthCountsCharactersNotBytes() throws {
        let person = NewPerson(
            residenceAreaId: UUID(), name: String(repeating: "名", count: 50), gender: .female, birthYear: 1990,
            ethnicity: "汉族",
            partyMember: true, phone: nil, idNumber: "330205199001011239")
        try person.validate(currentYear: 2026)
    }

    /// GEN-7: names on committee and roll lists: whole for roles that see personal data,
    /// masked for auditors, left out for analysts.
    @Test func namesAreShownAsTheRoleMaySeeThem() {
        #expect(Masking.name("王小明", for: .staff) == "王小明")
        #expect(Masking.name("王小明", for: .auditor) == "王*")
        #expect(Masking.name("王小明", for: .analyst) == nil)
        #expect(Masking.name(nil, for: .staff) == nil)
    }
}
