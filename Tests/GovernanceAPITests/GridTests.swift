import Foundation
import Governance
import GrassrootsClient
import HTTPTypes
import HummingbirdTesting
import Testing

/// Grid management through the typed client; the public board (no token) and a merge patch
/// with `null` stay raw HTTP.
@Suite struct GridTests {
    /// A staff token in street1, a building with two units in grid1, and residents of it.
    struct Setup {
        let tree: TestTree
        let staff: String
        let api: Client
        let building: String
        let unit1: String
        let unit2: String
    }

    static func setup(_ client: any TestClientProtocol, _ tree: TestTree) async throws -> Setup {
        let staff = try await tree.token(.staff, tree.street1)
        let api = client.api(staff)
        let building = try await api.createBuilding(
            body: .json(
                .init(
                    gridId: tree.grid1.idString, compound: "白沙小区", name: "3幢",
                    units: [.init(name: "1单元", households: 20), .init(name: "2单元", households: 16)]))
        ).created.body.json
        return Setup(
            tree: tree, staff: staff, api: api, building: building.id, unit1: building.units[0].id,
            unit2: building.units[1].id)
    }

    static func person(
        _ client: any TestClientProtocol, _ setup: Setup, name: String, building: String? = nil, unit: String? = nil
    ) async throws -> String {
        let id = try await setup.api.createPerson(
            body: .json(
                .init(
                    residenceAreaId: setup.tree.grid1.idString, name: name, gender: .female, birthYear: 1975,
                    idNumber: TestIDNumbers.make()))
        ).created.body.json.id
        if let building {
            let moved = try await setup.api.updatePerson(
                path: .init(personId: id), body: .json(.init(buildingId: building, unitId: unit)))
            #expect(statusCode(of: moved) == 200)
        }
        return id
    }

    static func assign(
        _ client: any TestClientProtocol, _ setup: Setup, post: Components.Schemas.GridPost, target: String,
        person: String
    ) async throws -> Operations.CreateGridAssignment.Output {
        try await setup.api.createGridAssignment(
            body: .json(
                .init(
                    post: post, targetId: target, personId: person, startedOn: "2026-03-01", employment: .fullTime,
                    publicPhone: "12345")))
    }

    static func leaders(_ setup: Setup, area: Area) async throws -> [Components.Schemas.GridAssignment] {
        try await setup.api.listGridAssignments(query: .init(areaId: area.idString, post: .gridLeader)).ok.body.json
            .items
    }

    @Test func concurrentLeadersForOneGridLeaveExactlyOne() async throws {
        try await TestApp.withApp { client, database in
            let setup = try await Self.setup(client, try await TestTree.make(database))
            var people: [String] = []
            for index in 0..<6 { people.append(try await Self.person(client, setup, name: "候选\(index)")) }
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for person in people {
                    group.addTask {
                        statusCode(
                            of: try await Self.assign(
                                client, setup, post: .gridLeader, target: setup.tree.grid1.idString, person: person))
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == 201 }.count == 1)
            #expect(statuses.allSatisfy { $0 == 201 || $0 == 422 || $0 == 409 }, "\(statuses)")
            #expect(try await Self.leaders(setup, area: setup.tree.grid1).filter { $0.endedOn == nil }.count == 1)
        }
    }

    @Test func aHandoverKeepsExactlyOneLeaderAndTheHistory() async throws {
        try await TestApp.withApp { client, database in
            let setup = try await Self.setup(client, try await TestTree.make(database))
            let first = try await Self.person(client, setup, name: "老网格长")
            let second = try await Self.person(client, setup, name: "新网格长")
            let id = try await Self.assign(
                client, setup, post: .gridLeader, target: setup.tree.grid1.idString, person: first
            )
            .created.body.json.id
            let handover = try await setup.api.handOverGridAssignment(
                path: .init(assignmentId: id), body: .json(.init(personId: second, effectiveOn: "2026-09-01"))
            ).created.body.json
            #expect(handover.personName == "新网格长")
            let items = try await Self.leaders(setup, area: setup.tree.grid1)
            #expect(items.count == 2)
            #expect(items.filter { $0.endedOn == nil }.map(\.personName) == ["新网格长"])
            let old = try #require(items.first { $0.id == id })
            #expect(old.endReason == .handover)
            #expect(old.successorId == handover.id)
            let again = try await setup.api.handOverGridAssignment(
                path: .init(assignmentId: id), body: .json(.init(personId: second, effectiveOn: "2026-09-02")))
            #expect(statusCode(of: again) == 409)
            let before = try await setup.api.endGridAssignment(
                path: .init(assignmentId: handover.id), body: .json(.init(endedOn: "2026-08-01", reason: .resigned)))
            #expect(statusCode(of: before) == 422)
            #expect(problem(in: before)?.code == "grid.end_before_start")
        }
    }

    @Test func buildingAndUnitLeadersMustLiveThere() async throws {
        try await TestApp.withApp { client, database in
            let setup = try await Self.setup(client, try await TestTree.make(database))
            let outsider = try await Self.person(client, setup, name: "外人")
            let resident = try await Self.person(client, setup, name: "住户", building: setup.building, unit: setup.unit1)
            let refused = try await Self.assign(
                client, setup, post: .buildingLeader, target: setup.building, person: outsider)
            #expect(statusCode(of: refused) == 422)
            #expect(problem(in: refused)?.code == "grid.leader_not_resident")
            #expect(
                statusCode(
                    of: try await Self.assign(
                        client, setup, post: .buildingLeader, target: setup.building, person: resident)) == 201)
            #expect(
                statusCode(
                    of: try await Self.assign(client, setup, post: .unitLeader, target: setup.unit2, person: resident))
                    == 422)
            #expect(
                statusCode(
                    of: try await Self.assign(client, setup, post: .unitLeader, target: setup.unit1, person: resident))
                    == 201)
            let mismatch = try await Self.assign(
                client, setup, post: .gridLeader, target: setup.building, person: resident)
            #expect(problem(in: mismatch)?.code == "grid.post_target_mismatch")
        }
    }

    @Test func aBuildingLiesInOneComprehensiveGridOnly() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let setup = try await Self.setup(client, tree)
            let admin = client.api(try await tree.token(.admin, tree.street1))
            let exclusive = try await admin.createArea(
                body: .json(
                    .init(
                        parentId: tree.community1.idString, kind: .grid, name: "医院专属网格", gridType: .exclusive,
                        gridCategory: .hospital))
            ).created.body.json
            let placedExclusive = try await setup.api.placeBuilding(
                path: .init(buildingId: setup.building), body: .json(.init(gridId: exclusive.id))
            ).ok.body.json
            #expect(placedExclusive.gridIds.count == 2)
            let refused = try await setup.api.placeBuilding(
                path: .init(buildingId: setup.building), body: .json(.init(gridId: tree.grid2.idString)))
            #expect(statusCode(of: refused) == 422)
            #expect(problem(in: refused)?.code == "grid.building_in_two_comprehensive_grids")
            let badCategory = try await admin.createArea(
                body: .json(
                    .init(
                        parentId: tree.community1.idString, kind: .grid, name: "错", gridType: .comprehensive,
                        gridCategory: .school)))
            #expect(statusCode(of: badCategory) == 422)
        }
    }

    @Test func coverageMatchesAHandCount() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let setup = try await Self.setup(client, tree)
            let admin = client.api(try await tree.token(.admin, tree.street1))
            _ = try await admin.updateArea(
                path: .init(areaId: tree.grid1.idString), body: .json(.init(households: 300)))
            _ = try await admin.updateArea(
                path: .init(areaId: tree.grid2.idString), body: .json(.init(households: 100)))
            let leader = try await Self.person(client, setup, name: "网格长", building: setup.building, unit: setup.unit1)
            let worker1 = try await Self.person(client, setup, name: "网格员一")
            let worker2 = try await Self.person(client, setup, name: "网格员二")
            for (post, target, person) in [
                (Components.Schemas.GridPost.gridLeader, tree.grid1.idString, leader),
                (.gridWorker, tree.grid1.idString, worker1),
                (.gridWorker, tree.grid2.idString, worker2), (.unitLeader, setup.unit1, leader),
            ] {
                #expect(
                    statusCode(of: try await Self.assign(client, setup, post: post, target: target, person: person))
                        == 201)
            }
            let analyst = client.api(try await tree.token(.analyst, tree.street1))
            let coverage = try await analyst.getGridCoverage(path: .init(areaId: tree.community1.idString)).ok.body.json
            // Hand count: grid1 (leader + worker), grid2 (worker only); one building without a
            // leader; unit1 led, unit2 not; 400 households over 2 workers.
            #expect(coverage.grids == 2)
            #expect(coverage.gridsWithoutLeader == 1)
            #expect(coverage.gridsWithoutWorker == 0)
            #expect(coverage.gridsFullyStaffed == 1)
            #expect(coverage.fullyStaffedShare == 0.5)
            #expect(coverage.buildings == 1)
            #expect(coverage.buildingsWithoutLeader == 1)
            #expect(coverage.units == 2)
            #expect(coverage.unitsWithoutLeader == 1)
            #expect(coverage.activeGridWorkers == 2)
            #expect(coverage.householdsPerGridWorker == 200)
            #expect(
                statusCode(of: try await analyst.getGridCoverage(path: .init(areaId: tree.community2.idString))) == 404)
        }
    }

    @Test func thePublicBoardShowsNamesPostsAndServicePhonesOnly() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let setup = try await Self.setup(client, tree)
            let leader = try await Self.person(client, setup, name: "张网格长")
            #expect(
                statusCode(
                    of: try await Self.assign(
                        client, setup, post: .gridLeader, target: tree.grid1.idString, person: leader))
                    == 201)
            let board = try await client.send(.get, "/v1/public/communities/\(tree.community1.idString)/grid-board")
            #expect(board.status == .ok)
            #expect(board.json["communityName"] as? String == "一社区")
            let grids = try #require(board.json["grids"] as? [[String: Any]])
            #expect(grids.count == 2)
            let staff = grids.compactMap { $0["staff"] as? [[String: Any]] }.flatMap { $0 }
            #expect(staff.count == 1)
            #expect(Set(staff[0].keys) == ["name", "post", "servicePhone"])
            #expect(staff[0]["servicePhone"] as? String == "12345")
            // No resident's phone, whole or masked ("138" alone also occurs in the board's UUIDs).
            #expect(!board.text.contains("idNumber") && !board.text.contains("*"))
            #expect(ConsultationTests.unmaskedNumbers(board.text).isEmpty)
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
            let worker = client.api(try await tree.token(.gridWorker, tree.grid2))
            #expect(try await worker.listBuildings().ok.body.json.items.isEmpty)
            #expect(statusCode(of: try await worker.getBuilding(path: .init(buildingId: setup.building))) == 404)
            let write = try await worker.createBuilding(body: .json(.init(gridId: tree.grid2.idString, name: "x")))
            #expect(statusCode(of: write) == 403)
        }
    }
}
