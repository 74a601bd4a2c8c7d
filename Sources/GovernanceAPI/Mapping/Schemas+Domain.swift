import Foundation
import Governance
import GovernanceOpenAPI
import GovernanceServices
import GovernanceStore
import IdentifierText
import OpenAPIRuntime

// Generated types ⇄ domain types. Handlers call these and nothing else.

extension Components.Schemas.Area {
    init(_ area: Area) throws {
        self.init(
            id: area.id.lowercasedString, parentId: area.parentId?.lowercasedString,
            kind: try .init(area.kind), name: area.name,
            code: area.code, households: area.households, population: area.population,
            gridType: try area.gridType.map { try bridged($0) },
            gridCategory: try area.gridCategory.map { try bridged($0) },
            path: area.path, version: area.version,
            createdAt: area.createdAt, updatedAt: area.updatedAt)
    }
}

extension Components.Schemas.AreaKind {
    init(_ kind: AreaKind) throws { self = try bridged(kind) }
    var domain: AreaKind { get throws { try bridged(self) } }
}

extension Components.Schemas.Person {
    init(_ person: Person) throws {
        self.init(
            id: person.id.lowercasedString, residenceAreaId: person.residenceAreaId.lowercasedString,
            name: person.name,
            gender: person.gender == .male ? .male : .female, birthYear: person.birthYear, ethnicity: person.ethnicity,
            partyMember: person.partyMember, buildingId: person.buildingId?.lowercasedString,
            unitId: person.unitId?.lowercasedString, phone: person.phone, idNumber: person.idNumber,
            version: person.version,
            createdAt: person.createdAt, updatedAt: person.updatedAt)
    }
}

extension Components.Schemas.Gender {
    var domain: Gender { self == .male ? .male : .female }
}

extension Components.Schemas.Role {
    init(_ role: Role) throws { self = try bridged(role) }
    var domain: Role { get throws { try bridged(self) } }
}

extension Components.Schemas.Token {
    init(_ token: APIToken) throws {
        self.init(
            id: token.id.lowercasedString, role: try .init(token.role),
            areaId: token.areaId.lowercasedString, label: token.label,
            departmentId: token.departmentId?.lowercasedString, personId: token.personId?.lowercasedString,
            createdAt: token.createdAt, expiresAt: token.expiresAt,
            revokedAt: token.revokedAt)
    }
}

extension Components.Schemas.IssuedToken {
    init(_ issued: IssuedToken) throws {
        self.init(
            id: issued.token.id.lowercasedString, token: issued.secret, role: try .init(issued.token.role),
            areaId: issued.token.areaId.lowercasedString, label: issued.token.label,
            departmentId: issued.token.departmentId?.lowercasedString, expiresAt: issued.token.expiresAt)
    }
}

extension Components.Schemas.AuditEvent {
    init(_ event: AuditEvent) throws {
        let summary = try? JSONDecoder().decode(OpenAPIObjectContainer.self, from: Data(event.summaryJSON.utf8))
        self.init(
            sequence: event.sequence, at: event.at, tokenId: event.tokenId?.lowercasedString, role: event.role,
            operationId: event.operationId, resourceType: event.resourceType,
            resourceId: event.resourceId?.lowercasedString,
            areaPath: event.areaPath, outcome: event.outcome, requestId: event.requestId, summary: summary ?? .init())
    }
}

/// Parses a path or query id; a malformed one is treated like a missing object (404).
func parseID(_ text: String, resource: String) throws -> UUID {
    guard let id = UUID(text: text) else { throw DomainError.notFound(resource) }
    return id
}

/// Parses an optional filter id; a malformed one is a 400 on that parameter.
func parseFilterID(_ text: String?, field: String) throws -> UUID? {
    guard let text else { return nil }
    guard let id = UUID(text: text) else {
        throw DomainError.validation([
            .init(field: field, code: "invalid_format", message: LocalizedText(zh: "须为 UUID。", en: "Must be a UUID."))
        ])
    }
    return id
}

/// Maps a generated enum's raw value to the domain's; the generator adds an empty case for
/// `null` in nullable enums, which is refused here like any unknown value.
func parseEnum<Value: RawRepresentable>(_ type: Value.Type, _ rawValue: String, field: String) throws -> Value
where Value.RawValue == String {
    guard let value = Value(rawValue: rawValue) else {
        throw DomainError.validation([
            .init(
                field: field, code: "invalid_value",
                message: LocalizedText(zh: "取值无效。", en: "This value is not allowed."))
        ])
    }
    return value
}

/// The ids of a batch read (`?ids=a,b,c`): 1 to 100 well-formed ids, else 422 naming `ids`.
func parseIDBatch(_ values: [String]?, field: String = "ids") throws -> [UUID]? {
    guard let values else { return nil }
    var ids: [UUID] = []
    var errors: [DomainError.FieldError] = []
    if values.isEmpty || values.count > PageCursor.maximumLimit {
        errors.append(
            .init(
                field: field, code: "out_of_range",
                message: LocalizedText(zh: "须给出 1 到 100 个 id。", en: "Give 1 to 100 ids.")))
    }
    for (index, value) in values.enumerated() {
        if let id = UUID(text: value) {
            ids.append(id)
        } else {
            errors.append(
                .init(
                    field: "\(field)/\(index)", code: "invalid_id",
                    message: LocalizedText(zh: "不是有效的 id。", en: "Not a valid id.")))
        }
    }
    guard errors.isEmpty else { throw DomainError.validation(errors) }
    return ids
}

/// Parses a required id in a request body; missing or malformed is a 422 on that field.
func parseBodyID(_ text: String?, field: String) throws -> UUID {
    guard let id = try parseFilterID(text, field: field) else {
        throw DomainError.validation([
            .init(field: field, code: "required", message: LocalizedText(zh: "此字段必填。", en: "Required."))
        ])
    }
    return id
}

/// The one bridge between a generated enum and its domain twin, which share raw values:
/// `EnumBridgeTests` checks every case of every pair both ways, so the error below means the
/// contract and the domain drifted apart, a bug answered 500 rather than a crash.
package func bridged<Target: RawRepresentable, Source: RawRepresentable>(
    _ value: Source, as target: Target.Type = Target.self
)
    throws -> Target
where Target.RawValue == String, Source.RawValue == String {
    guard let bridged = Target(rawValue: value.rawValue) else {
        throw EnumBridgeError(type: "\(Target.self)", value: value.rawValue)
    }
    return bridged
}

/// A domain value the contract has no case for.
package struct EnumBridgeError: Error, CustomStringConvertible {
    /// The generated type.
    package let type: String
    /// The value without a case.
    package let value: String

    /// What drifted.
    package var description: String { "no case \(value) in \(type)" }
}
