public import struct Foundation.Date
public import struct Foundation.UUID

/// Gender as recorded on the resident ID.
public enum Gender: String, Sendable, Hashable, CaseIterable {
    case male, female
}

/// A resident, referred to by committees, grid posts and mediation cases.
public struct Person: Sendable, Hashable {
    /// Time-ordered id.
    public let id: UUID
    /// The grid or micro-grid where the person lives; the person is in that area's scope.
    public let residenceAreaId: UUID
    /// The residence area's path.
    public let areaPath: String
    /// Name.
    public let name: String
    /// Gender.
    public let gender: Gender
    /// Year of birth; nil for roles that do not handle personal data (with the region code it
    /// narrows an ID number to a few guesses).
    public let birthYear: Int?
    /// Ethnicity (民族), e.g. 汉族.
    public let ethnicity: String?
    /// Member of the Communist Party of China.
    public let partyMember: Bool
    /// The building lived in, if recorded.
    public let buildingId: UUID?
    /// The unit lived in, if recorded.
    public let unitId: UUID?
    /// The phone number: masked in every answer but a reveal (`PersonalData`).
    public let phone: String?
    /// The ID number: masked in every answer but a reveal (`PersonalData`).
    public let idNumber: String
    /// Optimistic-concurrency version.
    public let version: Int
    /// When created.
    public let createdAt: Date
    /// When last changed.
    public let updatedAt: Date

    /// Creates a person value.
    public init(
        id: UUID, residenceAreaId: UUID, areaPath: String, name: String, gender: Gender, birthYear: Int?,
        ethnicity: String?,
        partyMember: Bool, buildingId: UUID? = nil, unitId: UUID? = nil, phone: String?, idNumber: String, version: Int,
        createdAt: Date,
        updatedAt: Date
    ) {
        self.id = id
        self.residenceAreaId = residenceAreaId
        self.areaPath = areaPath
        self.name = name
        self.gender = gender
        self.birthYear = birthYear
        self.ethnicity = ethnicity
        self.partyMember = partyMember
        self.buildingId = buildingId
        self.unitId = unitId
        self.phone = phone
        self.idNumber = idNumber
        self.version = version
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// What a client sends to register a person.
public struct NewPerson: Sendable, Hashable {
    /// Residence grid or micro-grid.
    public var residenceAreaId: UUID
    /// Name.
    public var name: String
    /// Gender.
    public var gender: Gender
    /// Year of birth.
    public var birthYear: Int
    /// Ethnicity.
    public var ethnicity: String?
    /// Party membership.
    public var partyMember: Bool
    /// Phone number.
    public var phone: String?
    /// Resident ID number.
    public var idNumber: String

    /// Creates the request value.
    public init(
        residenceAreaId: UUID, name: String, gender: Gender, birthYear: Int, ethnicity: String?, partyMember: Bool,
        phone: String?,
        idNumber: String
    ) {
        self.residenceAreaId = residenceAreaId
        self.name = name
        self.gender = gender
        self.birthYear = birthYear
        self.ethnicity = ethnicity
        self.partyMember = partyMember
        self.phone = phone
        self.idNumber = idNumber
    }

    /// Checks every field; the ID number's check digit per GB 11643.
    public func validate(currentYear: Int) throws(DomainError) {
        var validator = FieldValidator()
        PersonFields.validate(
            into: &validator, name: name, birthYear: birthYear, ethnicity: ethnicity, phone: phone, idNumber: idNumber,
            currentYear: currentYear)
        try validator.check()
    }
}

/// A JSON Merge Patch of a person.
public struct PersonPatch: Sendable, Hashable {
    /// New residence.
    public var residenceAreaId: UUID?
    /// New name.
    public var name: String?
    /// New gender.
    public var gender: Gender?
    /// New birth year.
    public var birthYear: Int?
    /// New ethnicity, or cleared.
    public var ethnicity: String??
    /// New party membership.
    public var partyMember: Bool?
    /// New phone, or cleared.
    public var phone: String??
    /// New ID number.
    public var idNumber: String?
    /// New building lived in, or cleared.
    public var buildingId: UUID??
    /// New unit lived in, or cleared.
    public var unitId: UUID??

    /// Creates a patch.
    public init(
        residenceAreaId: UUID? = nil, name: String? = nil, gender: Gender? = nil, birthYear: Int? = nil,
        ethnicity: String?? = nil,
        partyMember: Bool? = nil, phone: String?? = nil, idNumber: String? = nil, buildingId: UUID?? = nil,
        unitId: UUID?? = nil
    ) {
        self.buildingId = buildingId
        self.unitId = unitId
        self.residenceAreaId = residenceAreaId
        self.name = name
        self.gender = gender
        self.birthYear = birthYear
        self.ethnicity = ethnicity
        self.partyMember = partyMember
        self.phone = phone
        self.idNumber = idNumber
    }

    /// The names of the fields the patch touches (for the audit summary: names, never values).
    public var changedFields: [String] {
        var fields: [String] = []
        if residenceAreaId != nil { fields.append("residenceAreaId") }
        if name != nil { fields.append("name") }
        if gender != nil { fields.append("gender") }
        if birthYear != nil { fields.append("birthYear") }
        if ethnicity != nil { fields.append("ethnicity") }
        if partyMember != nil { fields.append("partyMember") }
        if phone != nil { fields.append("phone") }
        if idNumber != nil { fields.append("idNumber") }
        if buildingId != nil { fields.append("buildingId") }
        if unitId != nil { fields.append("unitId") }
        return fields
    }

    /// Checks every field present.
    public func validate(currentYear: Int) throws(DomainError) {
        var validator = FieldValidator()
        PersonFields.validate(
            into: &validator, name: name, birthYear: birthYear, ethnicity: ethnicity ?? nil, phone: phone ?? nil,
            idNumber: idNumber,
            currentYear: currentYear)
        try validator.check()
    }
}

/// The field rules shared by creation and patches.
enum PersonFields {
    static func validate(
        into validator: inout FieldValidator, name: String?, birthYear: Int?, ethnicity: String?, phone: String?,
        idNumber: String?,
        currentYear: Int
    ) {
        validator.length("name", name, max: 50)
        validator.notBlank("name", name)
        validator.range("birthYear", birthYear, 1900...currentYear)
        validator.length("ethnicity", ethnicity, max: 20)
        if let phone, !PhoneNumber.isValid(phone) {
            validator.fail(
                "phone", "invalid_format", zh: "手机号或固定电话格式不正确。", en: "Not a valid mobile or landline number.")
        }
        if let idNumber, !ResidentIDNumber.isValid(idNumber) {
            validator.fail(
                "idNumber", "invalid_id_number", zh: "公民身份号码格式或校验码不正确（GB 11643）。",
                en: "Not a valid resident ID number (format or GB 11643 check digit).")
        }
    }
}
