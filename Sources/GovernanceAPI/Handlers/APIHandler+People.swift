import Foundation
import Governance
import GovernanceOpenAPI
import GovernanceServices
import GovernanceStore

extension APIHandler {
    func createPerson(_ input: Operations.CreatePerson.Input) async throws -> Operations.CreatePerson.Output {
        guard case .json(let body) = input.body else { throw DomainError.validation([]) }
        let new = NewPerson(
            residenceAreaId: try parseBodyID(body.residenceAreaId, field: "residenceAreaId"), name: body.name,
            gender: body.gender.domain, birthYear: body.birthYear, ethnicity: body.ethnicity,
            partyMember: body.partyMember ?? false,
            phone: body.phone, idNumber: body.idNumber)
        let person = try await personService.create(new, context: .current())
        setHeaders(version: person.version, location: "/v1/people/\(person.id.lowercasedString)")
        return .created(.init(body: .json(try .init(person))))
    }

    func listPeople(_ input: Operations.ListPeople.Input) async throws -> Operations.ListPeople.Output {
        let filter = PersonFilter(
            areaId: try parseFilterID(input.query.areaId, field: "areaId"), namePrefix: input.query.namePrefix,
            ids: try parseIDBatch(input.query.ids))
        let page = try await personService.list(
            filter: filter, cursor: input.query.cursor, limit: input.query.limit, context: .current())
        return .ok(
            .init(
                body: .json(
                    try .init(
                        items: CSVRowSink.divert(page.items.map(Components.Schemas.Person.init)),
                        nextCursor: page.nextCursor))))
    }

    func searchPeople(_ input: Operations.SearchPeople.Input) async throws -> Operations.SearchPeople.Output {
        guard case .json(let body) = input.body else { throw DomainError.validation([]) }
        let found = try await personService.search(idNumber: body.idNumber, phone: body.phone, context: .current())
        return .ok(.init(body: .json(try .init(items: found.map(Components.Schemas.Person.init)))))
    }

    func revealPersonalData(_ input: Operations.RevealPersonalData.Input) async throws
        -> Operations.RevealPersonalData.Output
    {
        let revealed = try await personService.revealPersonalData(
            try parseID(input.path.personId, resource: "person"), purpose: input.query.purpose, context: .current())
        return .ok(
            .init(
                body: .json(
                    .init(
                        personId: revealed.personId.lowercasedString, phone: revealed.phone,
                        idNumber: revealed.idNumber, purpose: revealed.purpose,
                        remainingToday: revealed.remainingToday))))
    }

    func getPerson(_ input: Operations.GetPerson.Input) async throws -> Operations.GetPerson.Output {
        let person = try await personService.get(
            try parseID(input.path.personId, resource: "person"), context: .current())
        setHeaders(version: person.version)
        return .ok(.init(body: .json(try .init(person))))
    }

    func updatePerson(_ input: Operations.UpdatePerson.Input) async throws -> Operations.UpdatePerson.Output {
        let body: Components.Schemas.PersonPatch =
            switch input.body {
            case .json(let body), .applicationMergePatchJson(let body): body
            }
        let members = MergePatch(rawBody: request.rawBody)
        try members.requireNonNull(["residenceAreaId", "name", "gender", "birthYear", "partyMember", "idNumber"])
        let patch = PersonPatch(
            residenceAreaId: try parseFilterID(body.residenceAreaId, field: "residenceAreaId"), name: body.name,
            gender: body.gender?.domain,
            birthYear: body.birthYear, ethnicity: members.clearable("ethnicity", body.ethnicity),
            partyMember: body.partyMember,
            phone: members.clearable("phone", body.phone), idNumber: body.idNumber,
            buildingId: members.clearable("buildingId", try parseFilterID(body.buildingId, field: "buildingId")),
            unitId: members.clearable("unitId", try parseFilterID(body.unitId, field: "unitId")))
        let person = try await personService.update(
            try parseID(input.path.personId, resource: "person"), patch: patch,
            expectedVersion: try IfMatch.expectedVersion(ifMatch: input.headers.ifMatch), context: .current())
        setHeaders(version: person.version)
        return .ok(.init(body: .json(try .init(person))))
    }
}
