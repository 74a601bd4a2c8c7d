import Foundation
import Governance
import GrassrootsClient
import HTTPTypes
import HummingbirdTesting
import Testing

/// Areas and scope through the typed client; JSON Merge Patch's `null` and read-only members stay
/// raw HTTP, since a typed body cannot send them.
@Suite struct AreaAndScopeTests {
    @Test func anAdminCreatesAnAreaUnderAParentInScopeWithOneAuditEvent() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let api = client.api(try await tree.token(.admin, tree.street1))
            let created = try await api.createArea(
                body: .json(.init(parentId: tree.community1.idString, kind: .grid, name: "新网格", households: 120))
            ).created
            let area = try created.body.json
            #expect(area.path.hasPrefix(tree.community1.path + "."))
            #expect(created.headers.eTag == "\"1\"")
            #expect(created.headers.location == "/v1/areas/\(area.id)")
            let audit = try await api.listAuditEvents(query: .init(resourceId: area.id)).ok.body.json
            #expect(audit.items.map(\.operationId) == ["createArea"])
        }
    }

    @Test func aKindUnderTheWrongParentIs422AndNothingIsWritten() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let api = client.api(try await tree.token(.admin, tree.district))
            let response = try await api.createArea(
                body: .json(.init(parentId: tree.street1.idString, kind: .grid, name: "错位网格")))
            #expect(statusCode(of: response) == 422)
            #expect(problem(in: response)?.code == "area.invalid_parent")
            let children = try await api.listAreas(query: .init(parentId: tree.street1.idString)).ok.body.json
            #expect(children.items.count == 1)
        }
    }

    @Test func aStreetTokenCannotReadListOrChangeTheSiblingStreet() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let staff = client.api(try await tree.token(.staff, tree.street1))
            let admin = client.api(try await tree.token(.admin, tree.street1))
            #expect(
                try await staff.getArea(path: .init(areaId: tree.grid1.idString)).ok.body.json.id == tree.grid1.idString
            )
            let outside = try await staff.getArea(path: .init(areaId: tree.grid3.idString))
            let missing = try await staff.getArea(path: .init(areaId: UUID().uuidString.lowercased()))
            #expect(statusCode(of: outside) == 404)
            // Out of scope and missing answer alike, so ids leak nothing.
            #expect(problem(in: outside)?.code == problem(in: missing)?.code)
            #expect(problem(in: outside)?.detail == problem(in: missing)?.detail)
            let paths = try await staff.listAreas(query: .init(limit: 100)).ok.body.json.items.map(\.path)
            #expect(!paths.isEmpty)
            #expect(paths.allSatisfy { $0 == tree.street1.path || $0.hasPrefix(tree.street1.path + ".") })
            let patch = try await admin.updateArea(
                path: .init(areaId: tree.grid3.idString), body: .json(.init(name: "改名")))
            #expect(statusCode(of: patch) == 404)
            let create = try await admin.createArea(
                body: .json(.init(parentId: tree.community2.idString, kind: .grid, name: "越界")))
            #expect(statusCode(of: create) == 404)
        }
    }

    @Test func aGridTokenSeesItsGridOnly() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let worker = client.api(try await tree.token(.gridWorker, tree.grid1))
            #expect(try await worker.listAreas().ok.body.json.items.map(\.id) == [tree.grid1.idString])
            #expect(statusCode(of: try await worker.getArea(path: .init(areaId: tree.grid2.idString))) == 404)
            #expect(statusCode(of: try await worker.getArea(path: .init(areaId: tree.community1.idString))) == 404)
        }
    }

    @Test func aStaleIfMatchIs412AndChangesNothing() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let api = client.api(try await tree.token(.admin, tree.street1))
            let first = try await api.updateArea(
                path: .init(areaId: tree.grid1.idString), headers: .init(ifMatch: "\"1\""),
                body: .json(.init(population: 900)))
            #expect(try first.ok.headers.eTag == "\"2\"")
            let stale = try await api.updateArea(
                path: .init(areaId: tree.grid1.idString), headers: .init(ifMatch: "\"1\""),
                body: .applicationMergePatchJson(.init(population: 1)))
            #expect(statusCode(of: stale) == 412)
            #expect(problem(in: stale)?.code == "version.mismatch")
            let current = try await api.getArea(path: .init(areaId: tree.grid1.idString)).ok.body.json
            #expect(current.population == 900)
            #expect(current.version == 2)
            let audit = try await api.listAuditEvents(query: .init(resourceId: tree.grid1.idString)).ok.body.json
            #expect(audit.items.filter { $0.operationId == "updateArea" }.count == 1)
        }
    }

    @Test func mergePatchNullClearsAndAbsentKeeps() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let admin = try await tree.token(.admin, tree.street1)
            _ = try await client.send(
                .patch, "/v1/areas/\(tree.grid1.idString)", token: admin, json: ["population": 10, "households": 4])
            let cleared = try await client.send(
                .patch, "/v1/areas/\(tree.grid1.idString)", token: admin, json: ["population": NSNull()],
                contentType: "application/merge-patch+json")
            #expect(cleared.status == .ok)
            #expect(cleared.json["population"] == nil)
            #expect(cleared.json["households"] as? Int == 4)
            let refused = try await client.send(
                .patch, "/v1/areas/\(tree.grid1.idString)", token: admin, json: ["name": NSNull()])
            #expect(refused.status == .unprocessableContent)
            let readOnly = try await client.send(
                .patch, "/v1/areas/\(tree.grid1.idString)", token: admin, json: ["version": 99])
            #expect(readOnly.status == .badRequest)
        }
    }

    @Test func listsPageWithACursor() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let api = client.api(try await tree.token(.admin, tree.district))
            var seen: [String] = []
            var cursor: String?
            repeat {
                let page = try await api.listAreas(query: .init(limit: 3, cursor: cursor)).ok.body.json
                seen += page.items.map(\.id)
                cursor = page.nextCursor
            } while cursor != nil
            #expect(seen.count == 8)
            #expect(Set(seen).count == 8)
            #expect(statusCode(of: try await api.listAreas(query: .init(cursor: "nonsense"))) == 422)
            #expect(statusCode(of: try await api.listAreas(query: .init(limit: 201))) == 422)
        }
    }
}
