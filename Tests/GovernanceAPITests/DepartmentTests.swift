import Foundation
import Governance
import GovernanceServices
import HTTPTypes
import HummingbirdTesting
import Testing

/// Registered departments, tried as an attacker would: an admin of a street or community must
/// not be able to speak for a district or city bureau, neither by registering one nor by
/// issuing a token for an existing one.
@Suite struct DepartmentTests {
    static func register(
        _ client: any TestClientProtocol, token: String, name: String, area: Area
    ) async throws -> TestResponse {
        try await client.send(.post, "/v1/departments", token: token, json: ["name": name, "areaId": area.idString])
    }

    @Test func aDistrictAdminRegistersDepartmentsOnItsDistrictOnly() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let districtAdmin = try await tree.token(.admin, tree.district)
            let created = try await Self.register(client, token: districtAdmin, name: "民政局", area: tree.district)
            #expect(created.status == .created, "\(created.text)")
            #expect(created.json["level"] as? String == "district")
            #expect(created.json["areaId"] as? String == tree.district.idString)
            let id = try #require(created.json["id"] as? String)
            #expect(created.headers[.location] == "/v1/departments/\(id)")
            #expect(created.headers[.eTag] == "\"1\"")

            let again = try await Self.register(client, token: districtAdmin, name: "民政局", area: tree.district)
            #expect(again.status == .conflict)
            #expect(again.json["code"] as? String == "department.duplicate_name")

            let onAStreet = try await Self.register(client, token: districtAdmin, name: "街道局", area: tree.street1)
            #expect(onAStreet.status == .unprocessableContent)
            #expect(onAStreet.text.contains("department.invalid_level"))

            let blank = try await Self.register(client, token: districtAdmin, name: "   ", area: tree.district)
            #expect(blank.status == .unprocessableContent)
            let long = try await Self.register(
                client, token: districtAdmin, name: String(repeating: "局", count: 101), area: tree.district)
            #expect(long.status == .unprocessableContent)
        }
    }

    @Test func aStreetOrCommunityAdminCannotSpeakForADistrictBureau() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let bureau = try await tree.department("住建局")
            for area in [tree.street1, tree.community1] {
                let admin = try await tree.token(.admin, area)
                // Registering a bureau: refused for the admin's level, whatever the area named.
                for target in [tree.district, area] {
                    let registered = try await Self.register(client, token: admin, name: "住建局", area: target)
                    #expect(registered.status == .forbidden, "\(registered.text)")
                    #expect(registered.json["code"] as? String == "department.registrar_level")
                }
                // Issuing a token for the district's bureau: the same 404 as a department that does not exist.
                for departmentId in [bureau.id.lowercasedString, UUID().uuidString.lowercased()] {
                    let issued = try await client.send(
                        .post, "/v1/tokens", token: admin,
                        json: ["role": "department", "areaId": area.idString, "departmentId": departmentId])
                    #expect(issued.status == .notFound, "\(issued.text)")
                    #expect(issued.json["code"] as? String == "department.not_found")
                }
                // A department token without a department is refused outright.
                let unnamed = try await client.send(
                    .post, "/v1/tokens", token: admin,
                    json: ["role": "department", "areaId": area.idString, "label": "住建局"])
                #expect(unnamed.status == .unprocessableContent)
                #expect(unnamed.text.contains("departmentId"))
            }
            // The district admin issues it, scoped inside the bureau's district; other roles name no department.
            let districtAdmin = try await tree.token(.admin, tree.district)
            let issued = try await client.send(
                .post, "/v1/tokens", token: districtAdmin,
                json: [
                    "role": "department", "areaId": tree.street1.idString, "departmentId": bureau.id.lowercasedString,
                ])
            #expect(issued.status == .created, "\(issued.text)")
            #expect(issued.json["departmentId"] as? String == bureau.id.lowercasedString)
            let staffNamingOne = try await client.send(
                .post, "/v1/tokens", token: districtAdmin,
                json: ["role": "staff", "areaId": tree.street1.idString, "departmentId": bureau.id.lowercasedString])
            #expect(staffNamingOne.status == .unprocessableContent)
        }
    }

    @Test func departmentsAboveTheScopeAreVisibleAndThoseOfAnotherDistrictAreNot() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let own = try await tree.department("民政局")
            let otherDistrict = try await tree.provisioning.addArea(
                .district, name: "邻区\(UUID().uuidString.prefix(8))",
                under: try #require(try await tree.provisioning.root(deadline: .now.advanced(by: .seconds(5)))),
                deadline: .now.advanced(by: .seconds(5)))
            let foreign = try await tree.provisioning.department(
                named: "民政局", areaId: otherDistrict.id, deadline: .now.advanced(by: .seconds(5)))
            let staff = try await tree.token(.staff, tree.community1)
            let visible = try await client.send(.get, "/v1/departments/\(own.id.lowercasedString)", token: staff)
            #expect(visible.status == .ok)
            #expect(visible.json["name"] as? String == "民政局")
            let hidden = try await client.send(.get, "/v1/departments/\(foreign.id.lowercasedString)", token: staff)
            #expect(hidden.status == .notFound)
            let listed = try await client.send(
                .get, "/v1/departments?areaId=\(tree.district.idString)&limit=100", token: staff)
            let ids = (listed.json["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            #expect(ids.contains(own.id.lowercasedString))
            let all = try await client.send(.get, "/v1/departments?limit=100", token: staff)
            #expect(!all.text.contains(foreign.id.lowercasedString))
        }
    }

    @Test func admissionRefersToTheRegisteredDepartment() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let civil = try await tree.department("民政局")
            let civilToken = try await tree.departmentToken("民政局")
            let health = try await tree.department("卫健委")
            let body: [String: Any] = [
                "title": "入户调查", "description": "d", "category": "statutory_duty", "legalBasis": "l",
                "targetAreaId": tree.street1.idString, "startsOn": "2027-01-01", "endsOn": "2027-12-31",
                "workloadHoursPerMonth": 1,
            ]
            let own = try await client.send(.post, "/v1/admission/applications", token: civilToken, json: body)
            #expect(own.status == .created, "\(own.text)")
            #expect(own.json["departmentId"] as? String == civil.id.lowercasedString)
            #expect(own.json["departmentName"] as? String == "民政局")
            // A department token cannot apply in another department's name.
            var asHealth = body
            asHealth["departmentId"] = health.id.lowercasedString
            let impersonated = try await client.send(
                .post, "/v1/admission/applications", token: civilToken, json: asHealth)
            #expect(impersonated.status == .forbidden)
            #expect(impersonated.json["code"] as? String == "admission.other_department")
            // An admin drafts on a department's behalf only by naming it.
            let admin = try await tree.token(.admin, tree.district)
            let unnamed = try await client.send(.post, "/v1/admission/applications", token: admin, json: body)
            #expect(unnamed.status == .unprocessableContent)
            let named = try await client.send(.post, "/v1/admission/applications", token: admin, json: asHealth)
            #expect(named.status == .created)
            #expect(named.json["departmentName"] as? String == "卫健委")
            // A district bureau's application cannot target another district.
            let otherDistrict = try await tree.provisioning.addArea(
                .district, name: "邻区\(UUID().uuidString.prefix(8))",
                under: try #require(try await tree.provisioning.root(deadline: .now.advanced(by: .seconds(5)))),
                deadline: .now.advanced(by: .seconds(5)))
            let cityAdmin = try await tree.token(
                .admin, try #require(try await tree.provisioning.root(deadline: .now.advanced(by: .seconds(5)))))
            var elsewhere = asHealth
            elsewhere["targetAreaId"] = otherDistrict.idString
            let outside = try await client.send(
                .post, "/v1/admission/applications", token: cityAdmin, json: elsewhere)
            #expect(outside.status == .unprocessableContent)
            #expect(outside.text.contains("department.outside_area"))
        }
    }
}
