import Foundation
import Governance
import GrassrootsClient
import HTTPTypes
import HummingbirdTesting
import Testing

/// People through the typed client; the idempotency tests stay raw HTTP (they check replayed
/// headers and byte-identical retries).
@Suite struct PeopleTests {
    static func body(_ tree: TestTree, idNumber: String = TestIDNumbers.make(), name: String = "李四") -> [String: Any] {
        [
            "residenceAreaId": tree.grid1.idString, "name": name, "gender": "male", "birthYear": 1980,
            "phone": "13800138000", "idNumber": idNumber,
        ]
    }

    /// A person living in grid1, through the typed client.
    static func person(
        _ tree: TestTree, idNumber: String = TestIDNumbers.make(), name: String = "李四", residence: Area? = nil
    ) -> Components.Schemas.PersonCreate {
        .init(
            residenceAreaId: (residence ?? tree.grid1).idString, name: name, gender: .male, birthYear: 1980,
            phone: "13800138000",
            idNumber: idNumber)
    }

    @Test func aBadCheckDigitIs422AndADuplicateIs409() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let api = client.api(try await tree.token(.staff, tree.street1))
            let valid = TestIDNumbers.make()
            let wrongCheck = String(valid.dropLast()) + (valid.last == "1" ? "2" : "1")
            let bad = try await api.createPerson(body: .json(Self.person(tree, idNumber: wrongCheck)))
            #expect(statusCode(of: bad) == 422)
            #expect(problem(in: bad)?.errors?.first?.field == "idNumber")
            #expect(statusCode(of: try await api.createPerson(body: .json(Self.person(tree, idNumber: valid)))) == 201)
            let duplicate = try await api.createPerson(body: .json(Self.person(tree, idNumber: valid.lowercased())))
            #expect(statusCode(of: duplicate) == 409)
            #expect(problem(in: duplicate)?.code == "person.duplicate_id_number")
        }
    }

    /// H1 of the personal-data review, as an attacker would try it: an auditor who knows the
    /// mask and the birth year guesses the rest by exact lookups. Neither half works any more.
    @Test func anAuditorCannotReverseAMaskedIDNumber() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let staff = client.api(try await tree.token(.staff, tree.street1))
            let auditorToken = try await tree.token(.auditor, tree.street1)
            let auditor = client.api(auditorToken)
            let idNumber = TestIDNumbers.make()
            let created = try await staff.createPerson(body: .json(Self.person(tree, idNumber: idNumber))).created.body
                .json
            let seen = try await auditor.getPerson(path: .init(personId: created.id)).ok.body.json
            #expect(seen.idNumber == String(repeating: "*", count: 14) + String(idNumber.suffix(4)))
            #expect(seen.birthYear == nil)
            #expect(seen.phone == "138****8000")
            let listed = try await auditor.listPeople().ok.body.json.items.first { $0.id == created.id }
            #expect(listed?.idNumber == seen.idNumber && listed?.birthYear == nil)
            // Exact lookup and reveal are not the auditor's: 403, whatever the guess.
            let guess = try await auditor.searchPeople(body: .json(.init(idNumber: idNumber)))
            #expect(statusCode(of: guess) == 403)
            let reveal = try await auditor.revealPersonalData(
                path: .init(personId: created.id), query: .init(purpose: "核对"))
            #expect(statusCode(of: reveal) == 403)
            // The old query-string lookup is gone: the parameter is ignored, nothing narrows.
            let byQuery = try await client.send(.get, "/v1/people?idNumber=\(idNumber)&limit=100", token: auditorToken)
            #expect(byQuery.status == .ok)
            #expect(!byQuery.text.contains(idNumber))
            let audit = try await client.send(.get, "/v1/audit-events?resourceId=\(created.id)", token: auditorToken)
            #expect(!audit.text.contains(idNumber) && !audit.text.contains("13800138000"))
        }
    }

    /// H2: list pages and items are masked for every role, the staff who registered the person
    /// included; only the birth year stays for roles that handle personal data.
    @Test func aStaffListPageShowsMasksOnly() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let staff = client.api(try await tree.token(.staff, tree.street1))
            let idNumber = TestIDNumbers.make()
            let created = try await staff.createPerson(body: .json(Self.person(tree, idNumber: idNumber))).created.body
                .json
            #expect(created.idNumber == String(repeating: "*", count: 14) + String(idNumber.suffix(4)))
            let page = try await staff.listPeople(query: .init(limit: 100)).ok.body.json.items
            #expect(!page.isEmpty)
            #expect(page.allSatisfy { $0.idNumber.hasPrefix("**************") && $0.idNumber.count == 18 })
            #expect(page.allSatisfy { $0.phone.map { $0.contains("****") } ?? true })
            #expect(page.first { $0.id == created.id }?.birthYear == 1980)
            let item = try await staff.getPerson(path: .init(personId: created.id)).ok.body.json
            #expect(item.idNumber == created.idNumber && item.phone == "138****8000")
        }
    }

    @Test func anExactSearchTakesTheNumberInTheBodyAndIsAuditedWithoutIt() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let staffToken = try await tree.token(.staff, tree.street1)
            let staff = client.api(staffToken)
            let idNumber = TestIDNumbers.make()
            let created = try await staff.createPerson(body: .json(Self.person(tree, idNumber: idNumber))).created.body
                .json
            let found = try await staff.searchPeople(body: .json(.init(idNumber: idNumber.lowercased()))).ok.body.json
            #expect(found.items.map(\.id) == [created.id])
            #expect(found.items.first?.idNumber == created.idNumber)
            let none = try await staff.searchPeople(body: .json(.init(idNumber: TestIDNumbers.make()))).ok.body.json
            #expect(none.items.isEmpty)
            let invalid = String(idNumber.dropLast()) + (idNumber.last == "1" ? "2" : "1")
            #expect(statusCode(of: try await staff.searchPeople(body: .json(.init(idNumber: invalid)))) == 422)
            // Outside the scope the number finds nothing (the same answer as an unknown number).
            let street2 = client.api(try await tree.token(.staff, tree.street2))
            #expect(try await street2.searchPeople(body: .json(.init(idNumber: idNumber))).ok.body.json.items.isEmpty)
            let audit = try await client.send(
                .get, "/v1/audit-events?resourceId=\(created.id)", token: try await tree.token(.auditor, tree.street1))
            #expect(audit.text.contains("searchPeople"))
            #expect(!audit.text.contains(idNumber))
        }
    }

    @Test func aPhoneSearchFindsTheHouseholdInScopeMaskedAndAnAuditorIsRefused() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let staff = client.api(try await tree.token(.staff, tree.street1))
            // A number of this test's own, shared by two residents of grid1 and one of street2.
            let phone = "139" + String(format: "%08d", Int.random(in: 0...99_999_999))
            func register(_ residence: Area, token: String) async throws -> String {
                var body = Self.person(tree, residence: residence)
                body.phone = phone
                return try await client.api(token).createPerson(body: .json(body)).created.body.json.id
            }
            let staffToken = try await tree.token(.staff, tree.street1)
            let household = [
                try await register(tree.grid1, token: staffToken), try await register(tree.grid2, token: staffToken),
            ]
            let neighbour = try await register(tree.grid3, token: try await tree.token(.staff, tree.street2))
            let found = try await staff.searchPeople(body: .json(.init(phone: phone))).ok.body.json
            #expect(Set(found.items.map(\.id)) == Set(household))
            #expect(!found.items.map(\.id).contains(neighbour))
            #expect(found.items.allSatisfy { $0.phone == Masking.phone(phone) })
            // Exactly one field, each well-formed.
            for body: [String: Any] in [
                [:], ["phone": phone, "idNumber": TestIDNumbers.make()], ["phone": "12345678901"],
                ["phone": "138001380000"],
            ] {
                let refused = try await client.send(.post, "/v1/people/search", token: staffToken, json: body)
                #expect(refused.status == .unprocessableContent, "\(body): \(refused.text)")
            }
            // An auditor reads masks only and may not look anyone up by number.
            let auditorToken = try await tree.token(.auditor, tree.street1)
            let byAuditor = try await client.send(
                .post, "/v1/people/search", token: auditorToken, json: ["phone": phone])
            #expect(byAuditor.status == .forbidden)
            let audit = try await client.send(.get, "/v1/audit-events?limit=100", token: auditorToken)
            #expect(audit.text.contains("\"field\":\"phone\""))
            #expect(!audit.text.contains(phone))
        }
    }

    /// GEN-7: a reveal states its purpose (422 without), is audited with it, and a token gets
    /// `personalDataRevealsPerDay` (50) reveals a day: the 50th passes, the 51st is 429.
    @Test func aRevealNeedsAPurposeIsAuditedAndTheFiftyFirstOfTheDayIsRefused() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let staffToken = try await tree.token(.staff, tree.street1)
            let staff = client.api(staffToken)
            let idNumber = TestIDNumbers.make()
            let created = try await staff.createPerson(body: .json(Self.person(tree, idNumber: idNumber))).created.body
                .json
            let path = Operations.RevealPersonalData.Input.Path(personId: created.id)
            let unstated = try await staff.revealPersonalData(path: path, query: .init())
            #expect(statusCode(of: unstated) == 422)
            #expect(problem(in: unstated)?.errors?.first?.field == "purpose")
            #expect(statusCode(of: try await staff.revealPersonalData(path: path, query: .init(purpose: " "))) == 422)
            let first = try await staff.revealPersonalData(path: path, query: .init(purpose: "上门核实低保申请")).ok.body.json
            #expect(first.idNumber == idNumber && first.phone == "13800138000")
            #expect(first.remainingToday == 49)
            let auditor = try await tree.token(.auditor, tree.street1)
            let audit = try await client.send(.get, "/v1/audit-events?resourceId=\(created.id)", token: auditor)
            #expect(audit.text.contains("revealPersonalData") && audit.text.contains("上门核实低保申请"))
            #expect(!audit.text.contains(idNumber))
            for _ in 2...50 {
                _ = try await staff.revealPersonalData(path: path, query: .init(purpose: "批量核对")).ok
            }
            let fiftyFirst = try await staff.revealPersonalData(path: path, query: .init(purpose: "批量核对"))
            #expect(statusCode(of: fiftyFirst) == 429)
            #expect(problem(in: fiftyFirst)?.code == "personal_data.daily_limit")
            let again = try await client.send(
                .get, "/v1/people/\(created.id)/personal-data?purpose=%E6%A0%B8%E5%AF%B9", token: staffToken)
            #expect(again.status == .tooManyRequests)
            #expect(Int(again.headers[.retryAfter] ?? "") ?? 0 > 0)
            let raw = try await client.send(
                .get, "/v1/people/\(created.id)/personal-data?purpose=%E6%A0%B8%E5%AF%B9",
                token: try await tree.token(.staff, tree.street1))
            #expect(raw.status == .ok, "the cap is per token")
            // Out of scope: the same 404 as a missing id.
            let street2 = client.api(try await tree.token(.staff, tree.street2))
            #expect(
                statusCode(of: try await street2.revealPersonalData(path: path, query: .init(purpose: "核对"))) == 404)
        }
    }

    @Test func peopleOutsideTheScopeAreInvisible() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let districtStaff = client.api(try await tree.token(.staff, tree.district))
            let street2Staff = client.api(try await tree.token(.staff, tree.street2))
            let id = try await districtStaff.createPerson(body: .json(Self.person(tree))).created.body.json.id
            #expect(statusCode(of: try await street2Staff.getPerson(path: .init(personId: id))) == 404)
            let patch = try await street2Staff.updatePerson(path: .init(personId: id), body: .json(.init(name: "改")))
            #expect(statusCode(of: patch) == 404)
            #expect(try await street2Staff.listPeople().ok.body.json.items.allSatisfy { $0.id != id })
            // grid1 is in street1.
            #expect(statusCode(of: try await street2Staff.createPerson(body: .json(Self.person(tree)))) == 404)
        }
    }

    @Test func aResidenceMustBeAGrid() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let api = client.api(try await tree.token(.staff, tree.street1))
            let response = try await api.createPerson(body: .json(Self.person(tree, residence: tree.community1)))
            #expect(statusCode(of: response) == 422)
            #expect(problem(in: response)?.code == "person.invalid_residence")
        }
    }

    @Test func anIdempotentRetryCreatesOneRowAndReplaysTheResponse() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let staff = try await tree.token(.staff, tree.street1)
            let body = Self.body(tree, name: "幂等\(UUID().uuidString.prefix(6))")
            let key: HTTPFields = [HTTPField.Name("Idempotency-Key")!: "retry-\(UUID())"]
            let first = try await client.send(.post, "/v1/people", token: staff, json: body, headers: key)
            let second = try await client.send(.post, "/v1/people", token: staff, json: body, headers: key)
            #expect(first.status == .created)
            #expect(second.status == .created)
            #expect(second.json["id"] as? String == first.json["id"] as? String)
            #expect(second.headers[HTTPField.Name("Idempotent-Replayed")!] == "true")
            let list = try await client.send(
                .get,
                "/v1/people?namePrefix=\(body["name"] as! String)".addingPercentEncoding(
                    withAllowedCharacters: .urlQueryAllowed)!, token: staff)
            #expect((list.json["items"] as? [[String: Any]])?.count == 1)
            var other = body
            other["birthYear"] = 1981
            let reused = try await client.send(.post, "/v1/people", token: staff, json: other, headers: key)
            #expect(reused.status == .unprocessableContent)
            #expect(reused.json["code"] as? String == "idempotency.key_reused")
            // The same key from another token is another key.
            let otherToken = try await tree.token(.staff, tree.street1)
            var third = Self.body(tree)
            third["name"] = "另一个"
            #expect(
                try await client.send(.post, "/v1/people", token: otherToken, json: third, headers: key).status
                    == .created)
        }
    }

    @Test func concurrentRetriesWithOneKeyCreateOneRow() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let staff = try await tree.token(.staff, tree.street1)
            let name = "并发\(UUID().uuidString.prefix(6))"
            let idNumber = TestIDNumbers.make()
            let key: HTTPFields = [HTTPField.Name("Idempotency-Key")!: "burst-\(UUID())"]
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        let body = Self.body(tree, idNumber: idNumber, name: name)
                        return Int(
                            try await client.send(.post, "/v1/people", token: staff, json: body, headers: key).status
                                .code)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.allSatisfy { $0 == 201 || $0 == 409 })
            #expect(statuses.contains(201))
            let list = try await client.send(
                .get, "/v1/people?namePrefix=\(name)".addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)!,
                token: staff)
            #expect((list.json["items"] as? [[String: Any]])?.count == 1)
        }
    }

    @Test func everyWriteLeavesExactlyOneAuditEventAndAFailedOneNone() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let staff = try await tree.token(.staff, tree.street1)
            let admin = try await tree.token(.admin, tree.street1)
            let created = try await client.send(.post, "/v1/people", token: staff, json: Self.body(tree))
            let id = try #require(created.json["id"] as? String)
            _ = try await client.send(.patch, "/v1/people/\(id)", token: staff, json: ["ethnicity": "回族"])
            _ = try await client.send(
                .patch, "/v1/people/\(id)", token: staff, json: ["ethnicity": NSNull()], headers: [.ifMatch: "\"2\""])
            _ = try await client.send(.patch, "/v1/people/\(id)", token: staff, json: ["birthYear": 1700])  // refused
            _ = try await client.send(
                .patch, "/v1/people/\(id)", token: staff, json: ["name": "x"], headers: [.ifMatch: "\"1\""])  // stale
            let audit = try await client.send(
                .get, "/v1/audit-events?resourceType=person&resourceId=\(id)", token: admin)
            let operations = (audit.json["items"] as? [[String: Any]] ?? []).compactMap { $0["operationId"] as? String }
            #expect(operations == ["createPerson", "updatePerson", "updatePerson"])
            let person = try await client.send(.get, "/v1/people/\(id)", token: staff)
            #expect(person.json["ethnicity"] == nil)
            #expect(person.json["version"] as? Int == 3)
        }
    }
}
