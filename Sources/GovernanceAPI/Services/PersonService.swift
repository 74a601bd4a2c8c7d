import Foundation
import Governance
import GovernanceStore
import Postgres

/// People: validation (GB 11643 check digit), residence in scope, masking by role.
struct PersonService: Sendable {
    let store: Store
    let areas: AreaRepository
    let people: PersonRepository
    let grid: GridRepository
    let audit: AuditLog

    func create(_ new: NewPerson, context: CallContext) async throws -> Person {
        try new.validate(currentYear: Self.currentYear)
        let person = try await Self.mappingDuplicateIDNumber {
            try await store.write(deadline: context.deadline) { transaction in
                let residence = try await residence(new.residenceAreaId, context: context, in: transaction)
                let person = try await people.insert(new, id: Identifier.make(), residence: residence, in: transaction)
                try await audit.append(
                    context.auditEntry(
                        resourceType: "person", resourceId: person.id, areaPath: person.areaPath,
                        summary: ["residenceAreaId": residence.id.uuidString.lowercased(), "fields": Self.fieldsOf(new)]),
                    in: transaction)
                return person
            }
        }
        return context.principal.role.seesPersonalData ? person : Self.masked(person)
    }

    func get(_ id: UUID, context: CallContext) async throws -> Person {
        guard
            let person = try await people.find(
                id, scopePath: context.principal.scopePath, reveal: context.principal.role.seesPersonalData, deadline: context.deadline)
        else { throw DomainError.notFound("person") }
        return person
    }

    func list(filter: PersonRepository.Filter, cursor: String?, limit: Int?, context: CallContext) async throws -> Page<Person> {
        var validator = FieldValidator()
        validator.length("namePrefix", filter.namePrefix, max: 50)
        if let idNumber = filter.idNumber, !ResidentIDNumber.isValid(idNumber) {
            validator.fail("idNumber", "invalid_id_number", zh: "公民身份号码格式或校验码不正确。", en: "Not a valid resident ID number.")
        }
        try validator.check()
        let limit = try PageCursor.limit(limit)
        let after = try PageCursor.decodeID(cursor)
        return try await people.list(
            scopePath: context.principal.scopePath, filter: filter, reveal: context.principal.role.seesPersonalData, after: after, limit: limit,
            deadline: context.deadline)
    }

    func update(_ id: UUID, patch original: PersonPatch, ifMatch: String?, context: CallContext) async throws -> Person {
        var patch = original
        try patch.validate(currentYear: Self.currentYear)
        let expected = try Versioning.expectedVersion(ifMatch: ifMatch)
        return try await Self.mappingDuplicateIDNumber {
            try await store.write(deadline: context.deadline) { transaction in
                var residence: Area?
                if let areaId = patch.residenceAreaId { residence = try await self.residence(areaId, context: context, in: transaction) }
                if patch.buildingId != nil || patch.unitId != nil || residence != nil {
                    patch = try await checkDwelling(id, patch: patch, residence: residence, context: context, in: transaction)
                }
                guard
                    let person = try await people.update(
                        id, patch: patch, residence: residence, expectedVersion: expected, scopePath: context.principal.scopePath,
                        reveal: context.principal.role.seesPersonalData, in: transaction)
                else {
                    let exists = try await people.exists(id, scopePath: context.principal.scopePath, in: transaction)
                    throw exists ? Versioning.stale : DomainError.notFound("person")
                }
                try await audit.append(
                    context.auditEntry(
                        resourceType: "person", resourceId: person.id, areaPath: person.areaPath,
                        summary: ["fields": patch.changedFields, "version": person.version]),
                    in: transaction)
                return person
            }
        }
    }

    /// The building must be placed in the residence grid (or be in its micro-grid) and the unit
    /// must be in that building. Moving to another grid without naming a building clears both.
    private func checkDwelling(
        _ id: UUID, patch: PersonPatch, residence: Area?, context: CallContext, in transaction: PostgresTransaction
    ) async throws -> PersonPatch {
        var patch = patch
        guard let current = try await people.find(id, scopePath: context.principal.scopePath, reveal: false, deadline: context.deadline) else {
            throw DomainError.notFound("person")
        }
        if residence != nil, patch.buildingId == nil {
            patch.buildingId = .some(nil)
            if patch.unitId == nil { patch.unitId = .some(nil) }
        }
        let residenceId = residence?.id ?? current.residenceAreaId
        let residencePath = residence?.path ?? current.areaPath
        let buildingId = patch.buildingId ?? current.buildingId
        if let buildingId {
            guard let building = try await grid.findBuilding(buildingId, scopePath: context.principal.scopePath, in: transaction) else {
                throw DomainError.notFound("building")
            }
            let inResidence = building.gridIds.contains(residenceId) || building.microgridId == residenceId
                || building.areaPath == residencePath || building.areaPath.hasPrefix(residencePath + ".")
            guard inResidence else {
                throw DomainError(
                    .unprocessable, code: "person.building_outside_residence",
                    message: LocalizedText(zh: "楼栋不在居住网格之内。", en: "The building is not in the residence grid."))
            }
        }
        if let unitId = patch.unitId ?? nil {
            let unitBuilding = try await grid.buildingOfUnit(unitId, scopePath: context.principal.scopePath, in: transaction)
            guard let unitBuilding else { throw DomainError.notFound("unit") }
            guard unitBuilding == buildingId else {
                throw DomainError(
                    .unprocessable, code: "person.unit_outside_building",
                    message: LocalizedText(zh: "单元不属于所填楼栋。", en: "The unit is not in that building."))
            }
        } else if patch.buildingId != nil, patch.unitId == nil, current.unitId != nil, patch.buildingId != .some(current.buildingId) {
            patch.unitId = .some(nil)  // a new building drops the old unit
        }
        return patch
    }

    private func residence(_ areaId: UUID, context: CallContext, in transaction: PostgresTransaction) async throws -> Area {
        guard let area = try await areas.findForShare(areaId, scopePath: context.principal.scopePath, in: transaction) else {
            throw DomainError.notFound("area")
        }
        guard area.kind.isResidence else {
            throw DomainError(
                .unprocessable, code: "person.invalid_residence",
                message: LocalizedText(zh: "居住地须为网格或微网格。", en: "The residence must be a grid or a micro-grid."))
        }
        return area
    }

    static var currentYear: Int { Calendar(identifier: .gregorian).component(.year, from: Date()) }

    static func fieldsOf(_ new: NewPerson) -> [String] {
        ["name", "gender", "birthYear", "partyMember", "idNumber"] + (new.ethnicity == nil ? [] : ["ethnicity"]) + (new.phone == nil ? [] : ["phone"])
    }

    static func masked(_ person: Person) -> Person {
        Person(
            id: person.id, residenceAreaId: person.residenceAreaId, areaPath: person.areaPath, name: person.name, gender: person.gender,
            birthYear: person.birthYear, ethnicity: person.ethnicity, partyMember: person.partyMember, buildingId: person.buildingId,
            unitId: person.unitId, phone: person.phone.map(PhoneNumber.masked),
            idNumber: ResidentIDNumber.masked(person.idNumber), version: person.version, createdAt: person.createdAt, updatedAt: person.updatedAt)
    }

    /// A resident ID number is unique nationally; a second registration is a conflict.
    static func mappingDuplicateIDNumber<Value>(_ body: () async throws -> Value) async throws -> Value {
        do {
            return try await body()
        } catch let error as PostgresError where error.sqlState == .uniqueViolation && error.constraint == "person_id_number_unique" {
            throw DomainError(
                .conflict, code: "person.duplicate_id_number",
                message: LocalizedText(zh: "该公民身份号码已登记。", en: "A person with this ID number is already registered."))
        }
    }
}

