public import Foundation
public import Governance
public import GovernanceStore
import Postgres

/// What the command line does outside any token's scope: create the root city, issue tokens,
/// seed a demo tree. Each change is audited as the `cli` role.
public struct ProvisioningService: Sendable {
    /// The storage facade (the city seeder shares it).
    package let store: Store
    let areas: AreaRepository
    let tokens: TokenRepository
    let departments: DepartmentRepository
    let people: PersonRepository

    /// Creates the service.
    public init(store: Store) {
        self.store = store
        self.areas = AreaRepository(store: store)
        self.tokens = TokenRepository(store: store)
        self.departments = DepartmentRepository(store: store)
        self.people = PersonRepository(store: store)
    }

    /// The root city, if the tree has one.
    public func root(deadline: ContinuousClock.Instant) async throws -> Area? {
        try await areas.root(deadline: deadline)
    }

    /// Creates the root city when the tree is empty; returns it and whether it was created now.
    public func bootstrap(name: String, code: String?, deadline: ContinuousClock.Instant) async throws -> (
        area: Area, created: Bool
    ) {
        if let existing = try await root(deadline: deadline) { return (existing, false) }
        var validator = FieldValidator()
        validator.length("name", name, max: 100)
        validator.digits("code", code, count: 12)
        try validator.check()
        let area = try await store.audited(Self.command("bootstrap", deadline: deadline)) { transaction in
            let new = NewArea(parentId: nil, kind: .city, name: name, code: code, households: nil, population: nil)
            let area = try await areas.insert(new, id: Identifier.make(), parent: nil, in: transaction)
            return AuditedChange(
                area, resourceType: "area", resourceId: area.id, areaPath: area.path, summary: ["name": .string(name)])
        }
        return (area, true)
    }

    /// Creates a child area (for seeding), checking the placement rule.
    public func addArea(
        _ kind: AreaKind, name: String, code: String? = nil, under parent: Area, deadline: ContinuousClock.Instant
    ) async throws -> Area {
        try AreaKind.checkPlacement(child: kind, parent: parent.kind)
        return try await store.audited(Self.command("seed", deadline: deadline)) { transaction in
            let new = NewArea(parentId: parent.id, kind: kind, name: name, code: code, households: nil, population: nil)
            let area = try await areas.insert(new, id: Identifier.make(), parent: parent, in: transaction)
            return AuditedChange(
                area, resourceType: "area", resourceId: area.id, areaPath: area.path, summary: ["name": .string(name)])
        }
    }

    /// Issues a token for `areaId`, valid for `lifetime`; a `department` token names its
    /// department, whose area holds `areaId`.
    public func issueToken(
        role: Role, areaId: UUID, lifetime: TimeInterval, label: String?, departmentId: UUID? = nil,
        personId: UUID? = nil, deadline: ContinuousClock.Instant
    ) async throws -> IssuedToken {
        let now = GovernanceClock.system.now()
        var new = NewToken(
            role: role, areaId: areaId, expiresAt: now.addingTimeInterval(lifetime), label: label,
            departmentId: departmentId)
        new.personId = personId
        let expiresAt = try new.validatedExpiry(now: now)
        return try await store.audited(Self.command("token.issue", deadline: deadline)) { transaction in
            guard let area = try await areas.findForShare(areaId, scopePath: "", in: transaction) else {
                throw DomainError.notFound("area")
            }
            try await departments.checkTokenBinding(departmentId, issuerScope: "", tokenArea: area, in: transaction)
            // MED-4: a mediator token may be bound to a person.
            if let personId, try await people.find(personId, scopePath: "", reveal: false, deadline: deadline) == nil {
                throw DomainError.notFound("person")
            }
            let issued = try await tokens.insert(
                role: role, area: area, label: label, departmentId: departmentId, personId: personId,
                expiresAt: expiresAt,
                createdBy: nil, in: transaction)
            return AuditedChange(
                issued, resourceType: "token", resourceId: issued.token.id, areaPath: area.path,
                summary: ["role": JSONValue(role)])
        }
    }

    /// The department named `name` on the district or city `areaId`, registered now if it was not.
    public func department(named name: String, areaId: UUID, deadline: ContinuousClock.Instant) async throws
        -> Department
    {
        let new = NewDepartment(name: name, areaId: areaId)
        try new.validate()
        return try await store.audited(Self.command("department.register", deadline: deadline)) { transaction in
            guard let area = try await areas.findForShare(areaId, scopePath: "", in: transaction) else {
                throw DomainError.notFound("area")
            }
            let level = try DepartmentRules.level(registeredOn: area.kind)
            let department = try await departments.insert(
                new, level: level, area: area, existingIsFine: true, in: transaction)
            return AuditedChange(
                department, resourceType: "department", resourceId: department.id, areaPath: area.path,
                summary: ["name": .string(name)])
        }
    }

    /// The children of an area.
    public func children(of area: Area, deadline: ContinuousClock.Instant) async throws -> [Area] {
        try await areas.list(scopePath: "", parentId: area.id, kind: nil, after: nil, limit: 200, deadline: deadline)
            .items
    }

    /// The command line acts without a token, in a transaction of its own.
    private static func command(_ name: String, deadline: ContinuousClock.Instant) -> WriteContext {
        WriteContext(principal: nil, operationID: name, requestID: nil, deadline: deadline, transaction: nil)
    }
}
