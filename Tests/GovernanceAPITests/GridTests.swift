import Foundation
import Governance
import GovernanceAPI
import GovernanceServices
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite struct GridTests {
    /// A staff token in street1, a building with two units in grid1, and residents of it.
    struct Setup {
        let tree: TestTree
        let staff: String
        let building: String
        let unit1: String
        let unit2: String
    }

    static func setup(_ client: any TestClientProtocol, _ tree: TestTree) async throws -> Setup {
        let staff = try await tree.token(.staff, tree.street1)
        let building = try await client.send(
            .post, "/v1/buildings", token: staff,
            json: [
                "gridId": tree.grid1.idString, "compound": "白沙小区", "name": "3幢",
                "units": [["name": "1单元", "households": 20], ["name": "2单元", "households": 16]],
            ])
        #expect(building.status == .created)
        let units = try #require(building.json["units"] as? [[String: Any]])
        return Setup(
            tree: tree, staff: staff, building: try #require(building.json["id"] as? String),
            unit1: try #require(units[0]["id"] as? String),
            unit2: try #require(units[1]["id"] as? String))
    }

    static func person(
        _ client: any TestClientProtocol, _ setup: Setup, name: String, building: String? = nil, unit: String? = nil
    ) async throws -> String {
        let created = try await client.send(
            .post, "/v1/people", token: setup.staff,
            json: [
                "residenceAreaId": setup.tree.grid1.idString, "name": name, "gender": "female", "birthYear": 1975,
                "idNumber": TestIDNumbers.make(),
            ])
        let id = try #require(created.json["id"] as? String)
        if let building {
            var patch: [String: Any] = ["buildingId": building]
            if let unit { patch["unitId"] = unit }
            let moved = try await client.send(.patch, "/v1/people/\(id)", token: setup.staff, json: patch)
            #expect(moved.status == .ok, "\(moved.text)")
        }
        return id
    }

    static func assign(
        _ client: any TestClientProtocol, _ setup: Setup, post: String, target: String, person: String
    ) async throws -> TestResponse {
        try await client.send(
            .post, "/v1/grid-assignments", token: setup.staff,
            json: [
                "post": post, "targetId": target, "personId": person, "startedOn": "2026-03-01",
                "employment": "full_time", "publicPhone": "12345",
            ])
    }

    @Test func concurrentLeadersForOneGridLeaveExactlyOne() async throws {
        try await TestApp.withApp { client, database in
            let setup = try await Self.setup(client, try await TestTree.make(database))
            var people: [String] = []
            for index in 0..<6 { people.append(try await Self.person(client, setup, name: "候选\(index)")) }
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for person in people {
                    group.addTask {
                        Int(
                            try await Self.assign(
                                client, setup, post: "grid_leader", target: setup.tree.grid1.idString, person: person
                            ).status.code)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == 201 }.count == 1)
            #expect(statuses.allSatisfy { $0 == 201 || $0 == 422 || $0 == 409 }, "\(statuses)")
            let leaders = try await client.send(
                .get, "/v1/grid-assignments?areaId=\(setup.tree.grid1.idString)&post=grid_leader", token: setup.staff)
            #expect((leaders.json["items"] as? [[String: Any]])?.filter { $0["endedOn"] == nil }.count == 1)
        }
    }

    @Test func aHandoverKeepsExactlyOneLeaderAndTheHistory() async throws {
        try await TestApp.withApp { client, database in
            let setup = try await Self.setup(client, try await TestTree.make(database))
            let first = try await Self.person(client, setup, name: "老网格长")
            let second = try await Self.person(client, setup, name: "新网格长")
            let assigned = try await Self.assign(
                client, setup, post: "grid_leader", target: setup.tree.grid1.idString, person: first)
            let id = try #require(assigned.json["id"] as? String)
            let handover = try await client.send(
                .post, "/v1/grid-assignments/\(id)/handover", token: setup.staff,
                json: ["personId": second, "effectiveOn": "2026-09-01"])
            #expect(handover.status == .created)
            #expect(handover.json["personName"] as? String == "新网格长")
            let all = try await client.send(
                .get, "/v1/grid-assignments?areaId=\(setup.tree.grid1.idString)&post=grid_leader", token: setup.staff)
            let items = all.json["items"] as? [[String: Any]] ?? []
            #expect(items.count == 2)
            #expect(items.filter { $0["endedOn"] == nil }.map { $0["personName"] as? String } == ["新网格长"])
            let old = try #require(items.first { $0["id"] as? String == id })
            #expect(old["endReason"] as? String == "handover")
            #expect(old["successorId"] as? String == handover.json["id"] as? String)
            let again = try await client.send(
                .post, "/v1/grid-assignments/\(id)/handover", token: setup.staff,
                json: ["personId": second, "effectiveOn": "2026-09-02"])
            #expect(again.status == .conflict)
            let before = try await client.send(
                .post, "/v1/grid-assignments/\(try #require(handover.json["id"] as? String))/end", token: setup.staff,
                json: ["endedOn": "2026-08-01", "reason": "resigned"])
            #expect(before.status == .unprocessableContent)
            #expect(before.json["code"] as? String == "grid.end_before_start")
        }
    }

    @Test func buildingAndUnitLeadersMustLiveThere() async throws {
        try await TestApp.withApp { client, database in
            let setup = try await Self.setup(client, try await TestTree.make(database))
            let outsider = try await Self.person(client, setup, name: "外人")
            let resident = try await Self.person(client, setup, name: "住户", building: setup.building, unit: setup.unit1)
            let refused = try await Self.assign(
                client, setup, post: "building_leader", target: setup.building, person: outsider)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.json["code"] as? String == "grid.leader_not_resident")
            #expect(
                try await Self.assign(client, setup, post: "building_leader", target: setup.building, person: resident)
                    .status == .created)
            #expect(
                try await Self.assign(client, setup, post: "unit_leader", target: setup.unit2, person: resident).status
                    == .unprocessableContent)
            #expect(
                try await Self.assign(client, setup, post: "unit_leader", target: setup.unit1, person: resident).status
                    == .created)
            let mismatch = try await Self.assign(
                client, setup, post: "grid_leader", target: setup.building, person: resident)
            #expect(mismatch.json["code"] as? String == "grid.post_target_mismatch")
        }
    }

    @Test func aBuildingLiesInOneComprehensiveGridOnly() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let setup = try await Self.setup(client, tree)
            let admin = try await tree.token(.admin, tree.street1)
            let exclusive = try await client.send(
                .post, "/v1/areas", token: admin,
                json: [
                    "parentId": tree.community1.idString, "kind": "grid", "name": "医院专属网格", "gridType": "exclusive",
                    "gridCategory": "hospital",
                ])
            #expect(exclusive.status == .created)
            let exclusiveId = try #require(exclusive.json["id"] as? String)
            let placedExclusive = try await client.send(
                .post, "/v1/buildings/\(setup.building)/grid-placements", token: setup.staff,
                json: ["gridId": exclusiveId])
            #expect(placedExclusive.status == .ok)
            #expect((placedExclusive.json["gridIds"] as? [String])?.count == 2)
            let refused = try await client.send(
                .post, "/v1/buildings/\(setup.building)/grid-placements", token: setup.staff,
                json: ["gridId": tree.grid2.idString])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.json["code"] as? String == "grid.building_in_two_comprehensive_grids")
            let badCategory = try await client.send(
                .post, "/v1/areas", token: admin,
                json: [
                    "parentId": tree.community1.idString, "kind": "grid", "name": "错", "gridType": "comprehensive",
                    "gridCategory": "school",
                ])
            #expect(badCategory.status == .unprocessableContent)
        }
    }

    @Test func coverageMatchesAHandCount() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let setup = try await Self.setup(client, tree)
            let admin = try await tree.token(.admin, tree.street1)
            _ = try await client.send(
                .patch, "/v1/areas/\(tree.grid1.idString)", token: admin, json: ["households": 300])
            _ = try await client.send(
                .patch, "/v1/areas/\(tree.grid2.idString)", token: admin, json: ["households": 100])
            let leader = try await Self.person(client, setup, name: "网格长", building: setup.building, unit: setup.unit1)
            let worker1 = try await Self.person(client, setup, name: "网格员一")
            let worker2 = try await Self.person(client, setup, name: "网格员二")
            #expect(
                try await Self.assign(client, setup, post: "grid_leader", target: tree.grid1.idString, person: leader)
                    .status == .created)
            #expect(
                try await Self.assign(client, setup, post: "grid_worker", target: tree.grid1.idString, person: worker1)
                    .status == .created)
            #expect(
                try await Self.assign(client, setup, post: "grid_worker", target: tree.grid2.idString, person: worker2)
                    .status == .created)
            #expect(
                try await Self.assign(client, setup, post: "unit_leader", target: setup.unit1, person: leader).status
                    == .created)
            let analyst = try await tree.token(.analyst, tree.street1)
            let coverage = try await client.send(
                .get, "/v1/areas/\(tree.community1.idString)/grid-coverage", token: analyst)
            #expect(coverage.status == .ok)
            // Hand count: grid1 (leader + worker), grid2 (worker only); one building without a
            // leader; unit1 led, unit2 not; 400 households over 2 workers.
            #expect(coverage.json["grids"] as? Int == 2)
            #expect(coverage.json["gridsWithoutLeader"] as? Int == 1)
            #expect(coverage.json["gridsWithoutWorker"] as? Int == 0)
            #expect(coverage.json["gridsFullyStaffed"] as? Int == 1)
            #expect(coverage.json["fullyStaffedShare"] as? Double == 0.5)
            #expect(coverage.json["buildings"] as? Int == 1)
            #expect(coverage.json["buildingsWithoutLeader"] as? Int == 1)
            #expect(coverage.json["units"] as? Int == 2)
            #expect(coverage.json["unitsWithoutLeader"] as? Int == 1)
            #expect(coverage.json["activeGridWorkers"] as? Int == 2)
            #expect(coverage.json["householdsPerGridWorker"] as? Double == 200)
            let outside = try await client.send(
                .get, "/v1/areas/\(tree.community2.idString)/grid-coverage", token: analyst)
            #expect(outside.status == .notFound)
        }
    }

    @Test func thePublicBoardShowsNamesPostsAndServicePhonesOnly() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let setup = try await Self.setup(client, tree)
            let leader = try await Self.person(client, setup, name: "张网格长")
            #expect(
                try await Self.assign(client, setup, post: "grid_leader", target: tree.grid1.idString, person: leader)
                    .status == .created)
            let board = try await client.send(.get, "/v1/public/communities/\(tree.community1.idString)/grid-board")
            #expect(board.status == .ok)
            #expect(board.json["communityName"] as? String == "一社区")
            let grids = try #require(board.json["grids"] as? [[String: Any]])
            #expect(grids.count == 2)
            let staff = grids.compactMap { $0["staff"] as? [[String: Any]] }.flatMap { $0 }
            #expect(staff.count == 1)
            #expect(Set(staff[0].keys) == ["name", "post", "servicePhone"])
            #expect(staff[0]["servicePhone"] as? String == "12345")
            #expect(!board.text.contains("idNumber") && !board.text.contains("138") && !board.text.contains("*"))
            let notCommunity = try await client.send(.get, "/v1/public/communities/\(tree.street1.idString)/grid-board")
            #expect(notCommunity.status == .notFound)
        }
    }

    @Test func aBuildingsUnitsAreUpdatedByNameAndAStaleVersionChangesNothing() async throws {
        try await TestApp.withApp { client, database in
            let setup = try await Self.setup(client, try await TestTree.make(database))
            let changed = try await client.send(
                .patch, "/v1/buildings/\(setup.building)", token: setup.staff,
                json: [
                    "units": [["name": "1单元", "households": 22], ["name": "3单元", "households": 8]],
                    "compound": NSNull(),
                ],
                headers: [.ifMatch: "\"1\""], contentType: "application/merge-patch+json")
            #expect(changed.status == .ok)
            let units = (changed.json["units"] as? [[String: Any]] ?? []).map {
                ($0["name"] as? String ?? "", $0["households"] as? Int ?? -1)
            }
            #expect(units.map(\.0) == ["1单元", "2单元", "3单元"])
            #expect(units.map(\.1) == [22, 16, 8])
            #expect(changed.json["compound"] == nil)
            let stale = try await client.send(
                .patch, "/v1/buildings/\(setup.building)", token: setup.staff, json: ["name": "改"],
                headers: [.ifMatch: "\"1\""])
            #expect(stale.status == .preconditionFailed)
            let current = try await client.send(.get, "/v1/buildings/\(setup.building)", token: setup.staff)
            #expect(current.json["name"] as? String == "3幢")
        }
    }

    @Test func aGridWorkerReadsItsOwnGridOnly() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let setup = try await Self.setup(client, tree)
            let worker = try await tree.token(.gridWorker, tree.grid2)
            let buildings = try await client.send(.get, "/v1/buildings", token: worker)
            #expect((buildings.json["items"] as? [[String: Any]])?.isEmpty == true)
            #expect(try await client.send(.get, "/v1/buildings/\(setup.building)", token: worker).status == .notFound)
            let write = try await client.send(
                .post, "/v1/buildings", token: worker, json: ["gridId": tree.grid2.idString, "name": "x"])
            #expect(write.status == .forbidden)
        }
    }
}
