import Foundation
import Governance
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite struct AreaAndScopeTests {
    @Test func anAdminCreatesAnAreaUnderAParentInScopeWithOneAuditEvent() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let admin = try await tree.token(.admin, tree.street1)
            let created = try await client.send(
                .post, "/v1/areas", token: admin,
                json: ["parentId": tree.community1.idString, "kind": "grid", "name": "新网格", "households": 120])
            #expect(created.status == .created)
            #expect(
                created.json["path"] as? String == nil
                    || (created.json["path"] as! String).hasPrefix(tree.community1.path + "."))
            #expect(created.headers[.eTag] == "\"1\"")
            let id = try #require(created.json["id"] as? String)
            #expect(created.headers[.location] == "/v1/areas/\(id)")
            let audit = try await client.send(.get, "/v1/audit-events?resourceId=\(id)", token: admin)
            #expect((audit.json["items"] as? [[String: Any]])?.count == 1)
            #expect((audit.json["items"] as? [[String: Any]])?.first?["operationId"] as? String == "createArea")
        }
    }

    @Test func aKindUnderTheWrongParentIs422AndNothingIsWritten() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let admin = try await tree.token(.admin, tree.district)
            let response = try await client.send(
                .post, "/v1/areas", token: admin,
                json: ["parentId": tree.street1.idString, "kind": "grid", "name": "错位网格"])
            #expect(response.status == .unprocessableContent)
            #expect(response.json["code"] as? String == "area.invalid_parent")
            let children = try await client.send(.get, "/v1/areas?parentId=\(tree.street1.idString)", token: admin)
            #expect((children.json["items"] as? [[String: Any]])?.count == 1)
        }
    }

    @Test func aStreetTokenCannotReadListOrChangeTheSiblingStreet() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let staff = try await tree.token(.staff, tree.street1)
            let admin = try await tree.token(.admin, tree.street1)
            let inside = try await client.send(.get, "/v1/areas/\(tree.grid1.idString)", token: staff)
            #expect(inside.status == .ok)
            let outside = try await client.send(.get, "/v1/areas/\(tree.grid3.idString)", token: staff)
            let missing = try await client.send(.get, "/v1/areas/\(UUID().uuidString.lowercased())", token: staff)
            #expect(outside.status == .notFound)
            // Out of scope and missing answer alike, so ids leak nothing.
            #expect(outside.json["code"] as? String == missing.json["code"] as? String)
            #expect(outside.json["detail"] as? String == missing.json["detail"] as? String)
            let list = try await client.send(.get, "/v1/areas?limit=200", token: staff)
            let paths = (list.json["items"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String }
            #expect(!paths.isEmpty)
            #expect(paths.allSatisfy { $0 == tree.street1.path || $0.hasPrefix(tree.street1.path + ".") })
            let patch = try await client.send(
                .patch, "/v1/areas/\(tree.grid3.idString)", token: admin, json: ["name": "改名"])
            #expect(patch.status == .notFound)
            let create = try await client.send(
                .post, "/v1/areas", token: admin,
                json: ["parentId": tree.community2.idString, "kind": "grid", "name": "越界"])
            #expect(create.status == .notFound)
        }
    }

    @Test func aGridTokenSeesItsGridOnly() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let worker = try await tree.token(.gridWorker, tree.grid1)
            let list = try await client.send(.get, "/v1/areas", token: worker)
            let ids = (list.json["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            #expect(ids == [tree.grid1.idString])
            #expect(try await client.send(.get, "/v1/areas/\(tree.grid2.idString)", token: worker).status == .notFound)
            #expect(
                try await client.send(.get, "/v1/areas/\(tree.community1.idString)", token: worker).status == .notFound)
        }
    }

    @Test func aStaleIfMatchIs412AndChangesNothing() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let admin = try await tree.token(.admin, tree.street1)
            let first = try await client.send(
                .patch, "/v1/areas/\(tree.grid1.idString)", token: admin, json: ["population": 900],
                headers: [.ifMatch: "\"1\""])
            #expect(first.status == .ok)
            #expect(first.headers[.eTag] == "\"2\"")
            let stale = try await client.send(
                .patch, "/v1/areas/\(tree.grid1.idString)", token: admin, json: ["population": 1],
                headers: [.ifMatch: "\"1\""],
                contentType: "application/merge-patch+json")
            #expect(stale.status == .preconditionFailed)
            #expect(stale.json["code"] as? String == "version.mismatch")
            let current = try await client.send(.get, "/v1/areas/\(tree.grid1.idString)", token: admin)
            #expect(current.json["population"] as? Int == 900)
            #expect(current.json["version"] as? Int == 2)
            let audit = try await client.send(.get, "/v1/audit-events?resourceId=\(tree.grid1.idString)", token: admin)
            #expect(
                (audit.json["items"] as? [[String: Any]])?.filter { $0["operationId"] as? String == "updateArea" }.count
                    == 1)
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
            let admin = try await tree.token(.admin, tree.district)
            var seen: [String] = []
            var cursor: String?
            repeat {
                let page = try await client.send(
                    .get, "/v1/areas?limit=3" + (cursor.map { "&cursor=\($0)" } ?? ""), token: admin)
                #expect(page.status == .ok)
                seen += (page.json["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
                cursor = page.json["nextCursor"] as? String
            } while cursor != nil
            #expect(seen.count == 8)
            #expect(Set(seen).count == 8)
            let bad = try await client.send(.get, "/v1/areas?cursor=nonsense", token: admin)
            #expect(bad.status == .unprocessableContent)
            let tooMany = try await client.send(.get, "/v1/areas?limit=201", token: admin)
            #expect(tooMany.status == .unprocessableContent)
        }
    }
}
