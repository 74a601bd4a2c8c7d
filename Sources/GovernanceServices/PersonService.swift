package import Foundation
package import Governance
package import GovernanceStore
import Postgres

/// People: validation (GB 11643 check digit), residence in scope, masking by role.
package struct PersonService: Sendable {
    let store: Store
    let areas: AreaRepository
    let people: PersonRepository
    let grid: GridRepository
    let profiles: RuleProfiles

    /// Creates the service.
    package init(store: Store) {
        self.store = store
        self.areas = AreaRepository(store: store)
        self.people = PersonRepository(store: store)
        self.grid = GridRepository(store: store)
        self.profiles = RuleProfiles(store: store)
    }

    /// Registers a person living in a grid of the caller's scope.
    package func create(_ new: NewPerson, context: CallContext) async throws -> Person {
        try new.validate(currentYear: context.today.year)
        let person = try await store.audited(context.write) { transaction in
            let residence = try await residence(new.residenceAreaId, context: context, in: transaction)
            try await checkIdNumberFree(new.idNumber, except: nil, context: context, in: transaction)
            let person = try await people.insert(new, id: Identifier.make(), residence: residence, in: transaction)
            return AuditedChange(
                person, resourceType: "person", resourceId: person.id, areaPath: person.areaPath,
                summary: [
                    "residenceAreaId": JSONValue(residence.id),
                    "fields": .array(Self.fieldsOf(new).map(JSONValue.string)),
                ])
        }
        return person.visible(to: context.principal.role)
    }

    /// The person `id` in the caller's scope, masked (`Person.visible(to:)`).
    package func get(_ id: UUID, context: CallContext) async throws -> Person {
        guard
            let person = try await people.find(
                id, scopePath: context.scopePath, reveal: false, deadline: context.deadline)
        else { throw DomainError.notFound("person") }
        return person.visible(to: context.principal.role)
    }

    /// One page of people in the caller's scope, masked.
    package func list(filter: PersonFilter, cursor: String?, limit: Int?, context: CallContext) async throws -> Page<
        Person
    > {
        var validator = FieldValidator()
        validator.length("namePrefix", filter.namePrefix, max: 50)
        try validator.check()
        let limit = try PageCursor.limit(limit, batch: filter.ids)
        let after = try PageCursor.decodeID(cursor)
        let page = try await people.list(
            scopePath: context.scopePath, filter: filter, reveal: false, after: after, limit: limit,
            deadline: context.deadline)
        return Page(items: page.items.map { $0.visible(to: context.principal.role) }, nextCursor: page.nextCursor)
    }

    /// The most people a phone search answers with (a household shares a phone).
    package static let phoneMatchLimit = 20

    /// The people in scope with exactly this ID number (at most one) or this phone (at most
    /// `phoneMatchLimit`), masked: exactly one of the two is given. The search is audited with
    /// the field searched and the number of matches, never the value (GEN-7).
    package func search(idNumber: String?, phone: String?, context: CallContext) async throws -> [Person] {
        var validator = FieldValidator()
        switch (idNumber, phone) {
        case (let idNumber?, nil):
            if !ResidentIDNumber.isValid(idNumber) {
                validator.fail(
                    "idNumber", "invalid_id_number", zh: "公民身份号码格式或校验码不正确。", en: "Not a valid resident ID number.")
            }
        case (nil, let phone?):
            if !PhoneNumber.isValid(phone) {
                validator.fail("phone", "invalid_phone", zh: "电话号码格式不正确。", en: "Not a valid phone number.")
            }
        default:
            validator.fail(
                "", "one_field", zh: "须且只能给出 idNumber 或 phone 之一。", en: "Give exactly one of idNumber and phone.")
        }
        try validator.check()
        let field = idNumber == nil ? "phone" : "idNumber"
        return try await store.audited(context.write) { _ in
            let found = try await people.list(
                scopePath: context.scopePath, filter: PersonFilter(idNumber: idNumber, phone: phone), reveal: false,
                after: nil, limit: idNumber == nil ? Self.phoneMatchLimit : 2, deadline: context.deadline
            ).items.map { $0.visible(to: context.principal.role) }
            return AuditedChange(
                found, resourceType: "person", resourceId: found.count == 1 ? found[0].id : nil,
                areaPath: context.scopePath, summary: ["field": .string(field), "matches": .int(found.count)])
        }
    }

    /// The full phone and ID number of the person `id` in scope: an act with a stated purpose,
    /// written to the audit log and capped per token and day by the person's rule profile
    /// (GEN-7, `personalDataRevealsPerDay`). Beyond the cap: 429 until midnight (UTC+8).
    package func revealPersonalData(_ id: UUID, purpose: String?, context: CallContext) async throws -> PersonalData {
        let purpose = try PersonalData.validatePurpose(purpose)
        return try await store.audited(context.write) { transaction in
            guard
                let person = try await people.find(
                    id, scopePath: context.scopePath, reveal: true, deadline: context.deadline)
            else { throw DomainError.notFound("person") }
            let remaining = try await RevealQuota(store: store, profiles: profiles).take(
                areaPath: person.areaPath, context: context, in: transaction)
            return AuditedChange(
                PersonalData(
                    personId: person.id, phone: person.phone, idNumber: person.idNumber, purpose: purpose,
                    remainingToday: remaining),
                resourceType: "person", resourceId: person.id, areaPath: person.areaPath,
                summary: ["fields": .array(["phone", "idNumber"]), "purpose": .string(purpose)])
        }
    }

    /// Applies a merge patch when `expected` (from `If-Match`) still holds.
    package func update(_ id: UUID, patch original: PersonPatch, expectedVersion expected: Int?, context: CallContext)
        async throws -> Person
    {
        var patch = original
        try patch.validate(currentYear: context.today.year)
        return try await store.audited(context.write) { transaction in
            var residence: Area?
            if let areaId = patch.residenceAreaId {
                residence = try await self.residence(areaId, context: context, in: transaction)
            }
            if let idNumber = patch.idNumber {
                try await checkIdNumberFree(idNumber, except: id, context: context, in: transaction)
            }
            if patch.buildingId != nil || patch.unitId != nil || residence != nil {
                patch = try await checkDwelling(
                    id, patch: patch, residence: residence, context: context, in: transaction)
            }
            guard
                let person = try await people.update(
                    id, patch: patch, residence: residence, expectedVersion: expected, scopePath: context.scopePath,
                    reveal: false, in: transaction)
            else {
                let exists = try await people.exists(id, scopePath: context.scopePath, in: transaction)
                throw exists ? Versioning.stale : DomainError.notFound("person")
            }
            return AuditedChange(
                person.visible(to: context.principal.role), resourceType: "person", resourceId: person.id,
                areaPath: person.areaPath,
                summary: ["fields": .array(patch.changedFields.map(JSONValue.string)), "version": .int(person.version)])
        }
    }

    /// One registration per ID number city-wide. Inside the caller's scope a duplicate is 409
    /// (the caller can read the existing record); outside it, 422 with a text that names no area
    /// and no person, so the answer does not tell where the number is registered.
    private func checkIdNumberFree(
        _ idNumber: String, except: UUID?, context: CallContext, in transaction: PostgresTransaction
    ) async throws {
        switch try await people.holderOfIdNumber(
            idNumber, except: except, scopePath: context.scopePath, in: transaction)
        {
        case true?: throw ResidentIDNumber.alreadyRegistered
        case false?: throw ResidentIDNumber.unavailableHere
        case nil:
            return
        }
    }

    /// The building must be placed in the residence grid (or be in its micro-grid) and the unit
    /// must be in that building. Moving to another grid without naming a building clears both.
    private func checkDwelling(
        _ id: UUID, patch: PersonPatch, residence: Area?, context: CallContext, in transaction: PostgresTransaction
    ) async throws -> PersonPatch {
        var patch = patch
        guard
            let current = try await people.find(
                id, scopePath: context.scopePath, reveal: false, deadline: context.deadline)
        else {
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
            guard
                let building = try await grid.findBuilding(
                    buildingId, scopePath: context.scopePath, via: .transaction(transaction))
            else {
                throw DomainError.notFound("building")
            }
            let inResidence =
                building.gridIds.contains(residenceId) || building.microgridId == residenceId
                || AreaPath.contains(residencePath, building.areaPath)
            guard inResidence else {
                throw DomainError(
                    .unprocessable, code: "person.building_outside_residence",
                    message: LocalizedText(zh: "楼栋不在居住网格之内。", en: "The building is not in the residence grid."))
            }
        }
        if let unitId = patch.unitId ?? nil {
            let unitBuilding = try await grid.buildingOfUnit(unitId, scopePath: context.scopePath, in: transaction)
            guard let unitBuilding else { throw DomainError.notFound("unit") }
            guard unitBuilding == buildingId else {
                throw DomainError(
                    .unprocessable, code: "person.unit_outside_building",
                    message: LocalizedText(zh: "单元不属于所填楼栋。", en: "The unit is not in that building."))
            }
        } else if patch.buildingId != nil, patch.unitId == nil, current.unitId != nil,
            patch.buildingId != .some(current.buildingId)
        {
            patch.unitId = .some(nil)  // a new building drops the old unit
        }
        return patch
    }

    private func residence(_ areaId: UUID, context: CallContext, in transaction: PostgresTransaction) async throws
        -> Area
    {
        guard let area = try await areas.findForShare(areaId, scopePath: context.scopePath, in: transaction) else {
            throw DomainError.notFound("area")
        }
        guard area.kind.isResidence else {
            throw DomainError(
                .unprocessable, code: "person.invalid_residence",
                message: LocalizedText(zh: "居住地须为网格或微网格。", en: "The residence must be a grid or a micro-grid."))
        }
        return area
    }

    static func fieldsOf(_ new: NewPerson) -> [String] {
        ["name", "gender", "birthYear", "partyMember", "idNumber"] + (new.ethnicity == nil ? [] : ["ethnicity"])
            + (new.phone == nil ? [] : ["phone"])
    }
}
