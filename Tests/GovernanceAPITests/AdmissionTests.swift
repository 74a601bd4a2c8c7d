import Foundation
import Governance
import GovernanceServices
import GrassrootsClient
import HummingbirdTesting
import Postgres
import Testing

/// Work-task admission through the typed client.
@Suite struct AdmissionTests {
    /// Drafts an application by `department` for `target` and, when asked, takes it to `admitted`.
    static func application(
        _ client: any TestClientProtocol, department: String, reviewer: String, target: Area,
        starts: String = "2026-01-01",
        ends: String = "2026-12-31", admit: Bool
    ) async throws -> String {
        let id = try await client.api(department).createAdmissionApplication(
            body: .json(
                .init(
                    title: "入户调查", description: "协助入户调查", category: .assistance, legalBasis: "某条例",
                    targetAreaId: target.idString,
                    startsOn: starts, endsOn: ends, fundingAmount: 50000, fundingSource: "区财政",
                    workloadHoursPerMonth: 10))
        ).created.body.json.id
        guard admit else { return id }
        let steps: [(String, Components.Schemas.AdmissionTransition)] = [
            (department, .init(to: .submitted)), (reviewer, .init(to: .legalReview)),
            (reviewer, .init(to: .decision, legalOpinion: "合法")),
            (
                reviewer,
                .init(
                    to: .admitted, decisionMeeting: .governmentExecutiveMeeting, decisionDate: "2025-12-20",
                    decisionReference: "第12次常务会")
            ),
        ]
        for (token, step) in steps {
            let moved = try await client.api(token).transitionAdmissionApplication(
                path: .init(applicationId: id), body: .json(step))
            #expect(statusCode(of: moved) == 200, "\(step.to)")
        }
        return id
    }

    static func push(
        _ client: any TestClientProtocol, _ department: String, item: String, to community: Area, on day: String
    )
        async throws -> Operations.CreateAdmissionAssignment.Output
    {
        try await client.api(department).createAdmissionAssignment(
            path: .init(itemId: item), body: .json(.init(communityId: community.idString, assignedOn: day)))
    }

    @Test func theGateAdmitsOnlyAdmittedActiveItemsInsideTheirTarget() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let department = try await tree.token(.department, tree.district)
            let reviewer = try await tree.token(.reviewer, tree.district)
            let admitted = try await Self.application(
                client, department: department, reviewer: reviewer, target: tree.street1, admit: true)
            let pending = try await Self.application(
                client, department: department, reviewer: reviewer, target: tree.street1, admit: false)
            let notAdmitted = try await Self.push(
                client, department, item: pending, to: tree.community1, on: "2026-06-01")
            #expect(statusCode(of: notAdmitted) == 422)
            #expect(problem(in: notAdmitted)?.code == "admission.not_admitted")
            let outsideTarget = try await Self.push(
                client, department, item: admitted, to: tree.community2, on: "2026-06-01")
            #expect(problem(in: outsideTarget)?.code == "admission.not_admitted")
            #expect(
                statusCode(
                    of: try await Self.push(client, department, item: admitted, to: tree.community1, on: "2026-06-01"))
                    == 201)
            let report = try await client.api(department).getDepartmentReport(
                path: .init(departmentId: try await tree.department().id.lowercasedString), query: .init(year: 2026)
            )
            .ok.body.json
            #expect(report.assignments == 1)  // the refused pushes left no row
        }
    }

    @Test func aForbiddenMatterIsRefusedAtApplicationAndAtEveryPushADM8() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let department = try await tree.token(.department, tree.district)
            let reviewer = try await tree.token(.reviewer, tree.district)
            func draft(_ matter: Components.Schemas.AdmissionMatter?) async throws
                -> Operations.CreateAdmissionApplication.Output
            {
                try await client.api(department).createAdmissionApplication(
                    body: .json(
                        .init(
                            title: "拆违", description: "由社区牵头拆除违建", category: .statutoryDuty, legalBasis: "某条例",
                            targetAreaId: tree.street1.idString, startsOn: "2026-01-01", endsOn: "2026-12-31",
                            matter: matter, workloadHoursPerMonth: 10)))
            }
            for matter in Components.Schemas.AdmissionMatter.allCases where matter != .other {
                let refused = try await draft(matter)
                #expect(statusCode(of: refused) == 422, "\(matter)")
                #expect(problem(in: refused)?.code == "admission.forbidden_matter")
            }
            #expect(try await draft(nil).created.body.json.matter == .other)
            // Admitted before the kind was known to be forbidden (as data from before this rule):
            // the push is still refused, whatever the review decided.
            let admitted = try await Self.application(
                client, department: department, reviewer: reviewer, target: tree.street1, admit: true)
            _ = try await database.query(
                "UPDATE admission_application SET matter = 'demolition' WHERE id = \(UUID(uuidString: admitted)!)",
                deadline: .now.advanced(by: .seconds(5)))
            let pushed = try await Self.push(client, department, item: admitted, to: tree.community1, on: "2026-06-01")
            #expect(problem(in: pushed)?.code == "admission.forbidden_matter")
        }
    }

    @Test func afterItsEndDateAnItemLeavesTheListAndAssignmentsFail() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let department = try await tree.token(.department, tree.district)
            let reviewer = try await tree.token(.reviewer, tree.district)
            let item = try await Self.application(
                client, department: department, reviewer: reviewer, target: tree.street1, starts: "2026-01-01",
                ends: "2026-02-28",
                admit: true)
            let staff = client.api(try await tree.token(.staff, tree.community1))
            #expect(!(try await staff.listAdmittedItems().ok.body.json.items.map(\.id).contains(item)))
            #expect(
                try await staff.listAdmittedItems(query: .init(activeOn: "2026-02-01")).ok.body.json.items.map(\.id)
                    .contains(item))
            let expired = try await client.api(reviewer).getAdmissionApplication(path: .init(applicationId: item)).ok
                .body.json
            #expect(expired.status == .expired)
            let late = try await Self.push(
                client, department, item: item, to: tree.community1, on: GovernanceClock.system.today.description)
            #expect(problem(in: late)?.code == "admission.not_admitted")
        }
    }

    @Test func aDepartmentCannotSeeAnotherDepartmentsDrafts() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let civil = try await tree.departmentToken("民政局")
            let health = try await tree.departmentToken("卫健委")
            let reviewer = try await tree.token(.reviewer, tree.district)
            let draft = try await Self.application(
                client, department: civil, reviewer: reviewer, target: tree.street1, admit: false)
            func read(_ token: String) async throws -> Operations.GetAdmissionApplication.Output {
                try await client.api(token).getAdmissionApplication(path: .init(applicationId: draft))
            }
            func move(_ token: String, to status: Components.Schemas.AdmissionStatus) async throws -> Int {
                statusCode(
                    of: try await client.api(token).transitionAdmissionApplication(
                        path: .init(applicationId: draft), body: .json(.init(to: status))))
            }
            #expect(statusCode(of: try await read(civil)) == 200)
            #expect(statusCode(of: try await read(health)) == 404)
            #expect(
                !(try await client.api(health).listAdmissionApplications().ok.body.json.items.map(\.id).contains(draft))
            )
            // Drafts stay with their department.
            #expect(statusCode(of: try await read(reviewer)) == 404)
            #expect(try await move(civil, to: .submitted) == 200)
            #expect(try await move(civil, to: .legalReview) == 403)
            #expect(try await move(reviewer, to: .admitted) == 409)
            #expect(try await read(reviewer).ok.body.json.status == .submitted)
        }
    }

    @Test func theOverdueFilterIsPartOfThePageAndADraftIsOverdueFromDay29BeforeItsStart() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let department = try await tree.token(.department, tree.district)
            let reviewer = try await tree.token(.reviewer, tree.district)
            let today = GovernanceClock.system.today
            // A draft must be submitted 30 days before it starts (AdmissionDeadlines.leadDays):
            // starting in 29 days it is overdue today, in 30 days it is not yet.
            var overdue: Set<String> = []
            var current: Set<String> = []
            for index in 0..<6 {
                let lead = index.isMultiple(of: 2) ? 29 : 30
                let id = try await Self.application(
                    client, department: department, reviewer: reviewer, target: tree.street1,
                    starts: today.addingDays(lead).description, ends: today.addingDays(lead + 100).description,
                    admit: false)
                if lead == 29 { overdue.insert(id) } else { current.insert(id) }
            }
            let api = client.api(department)
            var seen: [String] = []
            var pageSizes: [Int] = []
            var cursor: String?
            repeat {
                let page = try await api.listAdmissionApplications(
                    query: .init(overdue: true, limit: 2, cursor: cursor)
                ).ok.body.json
                #expect(page.items.allSatisfy { $0.overdue })
                seen += page.items.map(\.id)
                pageSizes.append(page.items.count)
                cursor = page.nextCursor
            } while cursor != nil && pageSizes.count < 20
            #expect(Set(seen) == overdue && seen.count == overdue.count)
            #expect(pageSizes.dropLast().allSatisfy { $0 == 2 })
            let notOverdue = try await api.listAdmissionApplications(query: .init(overdue: false, limit: 100)).ok.body
                .json.items
            #expect(Set(notOverdue.map(\.id)).intersection(overdue).isEmpty)
            #expect(current.isSubset(of: Set(notOverdue.map(\.id))))
        }
    }

    @Test func anUpheldRefusalAndARatingAppearInTheDepartmentsReport() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let department = try await tree.departmentToken("住建局")
            let housing = try await tree.department("住建局").id.lowercasedString
            let reviewer = try await tree.token(.reviewer, tree.district)
            let staff = client.api(try await tree.token(.staff, tree.community1))
            let item = try await Self.application(
                client, department: department, reviewer: reviewer, target: tree.street1, admit: true)
            #expect(
                statusCode(
                    of: try await Self.push(client, department, item: item, to: tree.community1, on: "2026-05-01"))
                    == 201)
            let refusal = try await staff.createAdmissionRefusal(
                body: .json(
                    .init(
                        communityId: tree.community1.idString, departmentId: housing, description: "要求出具不应出具的证明",
                        date: "2026-05-10"))
            ).created.body.json
            let upheld = try await client.api(reviewer).closeAdmissionRefusal(
                path: .init(refusalId: refusal.id), body: .json(.init(outcome: .upheld, note: "属于清单外事项"))
            ).ok.body.json
            #expect(upheld.status == .upheld)
            func rate(_ score: Int) async throws -> Int {
                statusCode(
                    of: try await staff.rateDepartment(
                        body: .json(
                            .init(
                                communityId: tree.community1.idString, departmentId: housing, year: 2026, score: score))
                    ))
            }
            #expect(try await rate(2) == 201)
            #expect(try await rate(5) == 409)
            let report = try await client.api(reviewer).getDepartmentReport(
                path: .init(departmentId: housing), query: .init(year: 2026)
            )
            .ok.body.json
            #expect(report.upheldRefusals == 1)
            #expect(report.admitted == 1)
            #expect(report.averageRating == 2)
            let other = try await client.api(department).getDepartmentReport(
                path: .init(departmentId: try await tree.department("别的局").id.lowercasedString),
                query: .init(year: 2026))
            #expect(statusCode(of: other) == 403)
        }
    }
}
