import Foundation
import Governance
import GovernanceServices
import GrassrootsClient
import HTTPTypes
import HummingbirdTesting
import Postgres
import Testing

/// Work-task admission through the typed client.
@Suite struct AdmissionTests {
    /// Drafts an application by `department` for `target` and, when asked, takes it to `admitted`.
    static func application(
        _ client: any TestClientProtocol, department: String, reviewer: String, target: Area,
        starts: String = "\(GovernanceClock.system.today.year)-01-01",
        ends: String = "\(GovernanceClock.system.today.year)-12-31", communities: [Area]? = nil, admit: Bool
    ) async throws -> String {
        let id = try await client.api(department).createAdmissionApplication(
            body: .json(
                .init(
                    title: "入户调查", description: "协助入户调查", category: .assistance, legalBasis: "某条例",
                    targetAreaId: target.idString,
                    startsOn: starts, endsOn: ends, fundingAmount: 50000, fundingSource: "区财政",
                    targetCommunityIds: communities?.map(\.idString),
                    entrustmentReference: "区民政委〔2026〕7 号", entrustmentDate: GovernanceClock.system.today.description,
                    workloadHoursPerMonth: 10))
        ).created.body.json.id
        guard admit else { return id }
        let steps: [(String, Components.Schemas.AdmissionTransition)] = [
            (department, .init(to: .submitted)), (reviewer, .init(to: .legalReview)),
            (reviewer, .init(to: .decision, legalOpinion: "合法")),
            (
                reviewer,
                .init(
                    to: .admitted, decisionMeeting: .governmentExecutiveMeeting,
                    decisionDate: GovernanceClock.system.today.description,
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
        _ client: any TestClientProtocol, _ department: String, item: String, to community: Area, on day: String? = nil
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
                client, department, item: pending, to: tree.community1)
            #expect(statusCode(of: notAdmitted) == 422)
            #expect(problem(in: notAdmitted)?.code == "admission.not_admitted")
            let outsideTarget = try await Self.push(
                client, department, item: admitted, to: tree.community2)
            #expect(problem(in: outsideTarget)?.code == "admission.not_admitted")
            #expect(
                statusCode(
                    of: try await Self.push(client, department, item: admitted, to: tree.community1))
                    == 201)
            let report = try await client.api(department).getDepartmentReport(
                path: .init(departmentId: try await tree.department().id.lowercasedString),
                query: .init(year: GovernanceClock.system.today.year)
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
            let pushed = try await Self.push(client, department, item: admitted, to: tree.community1)
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

    @Test func theOverdueFilterIsPartOfThePageAndADraftIsOverdueAfterItsSubmissionDayADM5() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let department = try await tree.token(.department, tree.district)
            let today = GovernanceClock.system.today
            // A draft is submitted 30 working days before it starts: starting in 20 days it is
            // overdue today, in 60 days it is not (whatever holidays the city's calendar holds).
            var overdue: Set<String> = []
            var current: Set<String> = []
            for index in 0..<6 {
                let lead = index.isMultiple(of: 2) ? 20 : 60
                let created = try await client.api(department).createAdmissionApplication(
                    body: .json(
                        .init(
                            title: "入户调查", description: "协助入户调查", category: .statutoryDuty, legalBasis: "某条例",
                            targetAreaId: tree.street1.idString, startsOn: today.addingDays(lead).description,
                            endsOn: today.addingDays(lead + 100).description, workloadHoursPerMonth: 10))
                ).created.body.json
                let submitBy = try #require(created.submitBy.flatMap { CalendarDay($0) })
                #expect(created.overdue == (today > submitBy), "the flag follows the stored working-day deadline")
                if lead == 20 { overdue.insert(created.id) } else { current.insert(created.id) }
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

    @Test func anUpheldRefusalADM7AndARatingADM10AppearInTheDepartmentsReport() async throws {
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
                    of: try await Self.push(client, department, item: item, to: tree.community1))
                    == 201)
            let refusal = try await staff.createAdmissionRefusal(
                body: .json(
                    .init(
                        communityId: tree.community1.idString, departmentId: housing, description: "要求出具不应出具的证明",
                        date: GovernanceClock.system.today.description))
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
                                communityId: tree.community1.idString, departmentId: housing,
                                year: GovernanceClock.system.today.year,
                                score: score))
                    ))
            }
            #expect(try await rate(2) == 201)
            #expect(try await rate(5) == 409)
            let report = try await client.api(reviewer).getDepartmentReport(
                path: .init(departmentId: housing), query: .init(year: GovernanceClock.system.today.year)
            )
            .ok.body.json
            #expect(report.upheldRefusals == 1)
            #expect(report.admitted == 1)
            #expect(report.averageRating == 2)
            let other = try await client.api(department).getDepartmentReport(
                path: .init(departmentId: try await tree.department("别的局").id.lowercasedString),
                query: .init(year: GovernanceClock.system.today.year))
            #expect(statusCode(of: other) == 403)
        }
    }

    @Test func aPushIsDatedByTheServerSoAnExpiredItemCannotBeBackdatedADM2() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let department = try await tree.token(.department, tree.district)
            let reviewer = try await tree.token(.reviewer, tree.district)
            let item = try await Self.application(
                client, department: department, reviewer: reviewer, target: tree.street1, admit: true)
            let yesterday = GovernanceClock.system.today.addingDays(-1).description
            let backdated = try await Self.push(client, department, item: item, to: tree.community1, on: yesterday)
            #expect(statusCode(of: backdated) == 422)
            #expect(problem(in: backdated)?.errors?.first?.code == "assigned_on_not_today")
            let today = try await Self.push(client, department, item: item, to: tree.community1)
            #expect(try today.created.body.json.assignedOn == GovernanceClock.system.today.description)
        }
    }

    @Test func emergencyAndPurchasedWorkPassWithoutAdmissionCountedApartADM6ADM12() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let department = try await tree.token(.department, tree.district)
            let departmentId = try await tree.department().id
            func push(_ body: [String: Any]) async throws -> TestResponse {
                try await client.send(
                    .post, "/v1/admission/exceptional-assignments", token: department,
                    json: body.merging(["communityId": tree.community1.idString, "title": "转移危房住户"]) { $1 })
            }
            let emergency: [String: Any] = [
                "mode": "emergency", "emergencyEvent": "第 14 号台风", "decisionReference": "区防指〔2026〕3 号", "days": 7,
            ]
            let boxed = try await push(emergency)
            #expect(boxed.status == .created, "\(boxed.text)")
            let today = GovernanceClock.system.today
            #expect(boxed.json["endsOn"] as? String == today.addingDays(6).description)
            #expect(boxed.json["active"] as? Bool == true)
            #expect(try await push(emergency.merging(["days": 31]) { $1 }).status == .unprocessableContent)
            #expect(try await push(emergency.merging(["decisionReference": NSNull()]) { $1 }).status.code >= 400)
            // Inside the box, another push for the same event ends with the first box.
            let again = try await push(emergency.merging(["days": 30]) { $1 })
            #expect(again.json["endsOn"] as? String == today.addingDays(6).description, "\(again.text)")
            // After an earlier box of another event has ended, that event needs admission.
            _ = try await database.query(
                """
                INSERT INTO admission_exception (id, mode, department_id, community_id, area_path, title, emergency_event,
                                                 decision_reference, starts_on, ends_on)
                VALUES (\(UUID()), 'emergency', \(departmentId), \(tree.community1.id), \(tree.community1.path)::ltree, '防汛',
                        '梅雨汛期', '区防指〔2026〕1 号', \(today.addingDays(-40))::date, \(today.addingDays(-11))::date)
                """, deadline: .now.advanced(by: .seconds(5)))
            let over = try await push(emergency.merging(["emergencyEvent": "梅雨汛期"]) { $1 })
            #expect(over.status == .unprocessableContent && over.text.contains("admission.emergency_box_over"))

            let purchase = try await push([
                "mode": "purchase_of_service", "contractReference": "区民政采〔2026〕12 号", "amount": 80000,
                "endsOn": today.addingDays(365).description,
            ])
            #expect(purchase.status == .created, "\(purchase.text)")
            #expect(
                try await push([
                    "mode": "purchase_of_service", "contractReference": "合同", "amount": 0,
                    "endsOn": today.addingDays(365).description,
                ]).status == .unprocessableContent)

            // The street sees them; the department's report counts them apart from admitted work.
            let street = try await tree.token(.staff, tree.street1)
            let listed = try await client.send(
                .get, "/v1/admission/exceptional-assignments?mode=emergency", token: street)
            #expect((listed.json["items"] as? [Any])?.count == 3)
            let report = try await client.api(department).getDepartmentReport(
                path: .init(departmentId: departmentId.lowercasedString),
                query: .init(year: today.year)
            ).ok.body.json
            #expect(report.assignments == 0)
            #expect(report.emergencyAssignments == 2 + (today.addingDays(-40).year == today.year ? 1 : 0))
            #expect(report.purchasedServices == 1)
            // Another community's street sees none of them.
            let otherStreet = try await tree.token(.staff, tree.street2)
            let hidden = try await client.send(.get, "/v1/admission/exceptional-assignments", token: otherStreet)
            #expect((hidden.json["items"] as? [Any])?.isEmpty == true)
        }
    }

    @Test func deadlinesAreCountedWithTheCitysCalendarAndSayWhichADM5() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let city = try #require(try await tree.provisioning.root(deadline: .now.advanced(by: .seconds(5))))
            // A fixture year (not official dates): a holiday week and an adjusted working Saturday.
            let loaded = try await client.send(
                .put, "/v1/calendars/2098", token: try await tree.token(.admin, city),
                json: [
                    "holidays": (1...7).map { String(format: "2098-10-%02d", $0) }, "workingWeekends": ["2098-10-11"],
                ])
            #expect(loaded.status == .ok, "\(loaded.text)")
            let department = try await tree.token(.department, tree.district)
            func draft(startsOn: String) async throws -> Components.Schemas.AdmissionApplication {
                try await client.api(department).createAdmissionApplication(
                    body: .json(
                        .init(
                            title: "入户调查", description: "协助入户调查", category: .statutoryDuty, legalBasis: "某条例",
                            targetAreaId: tree.street1.idString, startsOn: startsOn, endsOn: "2098-12-31",
                            workloadHoursPerMonth: 10))
                ).created.body.json
            }
            let counted = try await draft(startsOn: "2098-10-20")
            #expect(counted.submitBy == "2098-09-02")
            #expect(counted.submitByCalendar == .official)
            // 2096 has no calendar: Monday to Friday, and the answer says so.
            let weekdays = try await draft(startsOn: "2096-10-22")
            #expect(weekdays.submitByCalendar == .weekdaysOnly)
        }
    }

    @Test func anAssistanceMatterIsSubmittedOnlyWithItsWrittenEntrustmentADM3() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let department = try await tree.token(.department, tree.district)
            let today = GovernanceClock.system.today
            let draft = try await client.api(department).createAdmissionApplication(
                body: .json(
                    .init(
                        title: "入户调查", description: "协助入户调查", category: .assistance, legalBasis: "某条例",
                        targetAreaId: tree.street1.idString, startsOn: today.addingDays(90).description,
                        endsOn: today.addingDays(200).description, fundingAmount: 50000, workloadHoursPerMonth: 10))
            ).created.body.json
            let refused = try await client.api(department).transitionAdmissionApplication(
                path: .init(applicationId: draft.id), body: .json(.init(to: .submitted)))
            #expect(problem(in: refused)?.code == "admission.entrustment_required")
        }
    }

    @Test func separateAssessmentsVetoesAndPlaquesAreRecordedAsViolationsADM9ADM11() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let housing = try await tree.department("住建局").id.lowercasedString
            let staff = try await tree.token(.staff, tree.community1)
            let reviewer = try await tree.token(.reviewer, tree.district)
            let today = GovernanceClock.system.today
            func record(_ kind: String, on day: CalendarDay = GovernanceClock.system.today) async throws -> TestResponse
            {
                try await client.send(
                    .post, "/v1/admission/refusals", token: staff,
                    json: [
                        "communityId": tree.community1.idString, "departmentId": housing, "kind": kind,
                        "description": "部门自行对社区排名并挂牌", "date": day.description,
                    ])
            }
            #expect(try await record("plaque", on: today.addingDays(1)).status == .unprocessableContent)
            for kind in ["separate_assessment", "one_vote_veto", "plaque", "ledger"] {
                let recorded = try await record(kind)
                #expect(recorded.status == .created, "\(recorded.text)")
                #expect(recorded.json["kind"] as? String == kind)
                let id = try #require(recorded.json["id"] as? String)
                let outcome = kind == "ledger" ? "dismissed" : "upheld"
                let closed = try await client.send(
                    .post, "/v1/admission/refusals/\(id)/outcome", token: reviewer, json: ["outcome": outcome])
                #expect(closed.status == .ok, "\(closed.text)")
            }
            let report = try await client.api(reviewer).getDepartmentReport(
                path: .init(departmentId: housing), query: .init(year: today.year)
            ).ok.body.json
            #expect(
                report.upheldViolations.additionalProperties == [
                    "separate_assessment": 1, "one_vote_veto": 1, "plaque": 1,
                ])
            #expect(report.upheldRefusals == 0, "only refusals of pushed work count as refusals (ADM-7)")
        }
    }

    @Test func theAdmittedListsArePublishedAsVersionsAndItemsCarryTheirVersionADM1() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let department = try await tree.token(.department, tree.district)
            let reviewer = try await tree.token(.reviewer, tree.district)
            let year = GovernanceClock.system.today.year
            let first = try await Self.application(
                client, department: department, reviewer: reviewer, target: tree.street1, admit: true)
            func publish(_ token: String, _ area: Area) async throws -> TestResponse {
                try await client.send(
                    .post, "/v1/admission/list-versions", token: token, json: ["areaId": area.idString, "year": year])
            }
            let v1 = try await publish(reviewer, tree.district)
            #expect(v1.status == .created, "\(v1.text)")
            #expect(v1.json["version"] as? Int == 1)
            #expect((v1.json["items"] as? [[String: Any]])?.compactMap { $0["applicationId"] as? String } == [first])
            let second = try await Self.application(
                client, department: department, reviewer: reviewer, target: tree.street1, admit: true)
            let v2 = try await publish(reviewer, tree.district)
            #expect(v2.json["version"] as? Int == 2)
            #expect((v2.json["items"] as? [Any])?.count == 2)
            let item = try await client.api(reviewer).getAdmissionApplication(path: .init(applicationId: second)).ok
                .body.json
            #expect(item.listVersion?.year == year && item.listVersion?.version == 2)
            // A street's token does not publish; a district's token does not publish for a street.
            let streetReviewer = try await tree.token(.reviewer, tree.street1)
            #expect(try await publish(streetReviewer, tree.street1).status == .forbidden)
            #expect(try await publish(reviewer, tree.street1).status == .unprocessableContent)
            // A community reads the district's versions.
            let staff = try await tree.token(.staff, tree.community1)
            let seen = try await client.send(
                .get, "/v1/admission/list-versions?areaId=\(tree.district.idString)&year=\(year)", token: staff)
            #expect((seen.json["items"] as? [Any])?.count == 2, "\(seen.text)")
        }
    }

    @Test func anApplicationMayTargetAnExplicitListOfCommunitiesADM2() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let department = try await tree.token(.department, tree.district)
            let reviewer = try await tree.token(.reviewer, tree.district)
            let community3 = try await tree.provisioning.addArea(
                .community, name: "三社区", under: tree.street1, deadline: .now.advanced(by: .seconds(5)))
            let item = try await Self.application(
                client, department: department, reviewer: reviewer, target: tree.street1,
                communities: [tree.community1],
                admit: true)
            #expect(statusCode(of: try await Self.push(client, department, item: item, to: tree.community1)) == 201)
            let elsewhere = try await Self.push(client, department, item: item, to: community3)
            #expect(problem(in: elsewhere)?.code == "admission.not_admitted")
            let staff = client.api(try await tree.token(.staff, tree.street1))
            func listed(_ community: Area) async throws -> Bool {
                try await staff.listAdmittedItems(query: .init(areaId: community.idString)).ok.body.json.items
                    .contains { $0.id == item }
            }
            #expect(try await listed(tree.community1))
            #expect(!(try await listed(community3)))
            // The communities lie inside the target area.
            let outside = try await client.send(
                .post, "/v1/admission/applications", token: department,
                json: [
                    "title": "入户调查", "description": "d", "category": "statutory_duty", "legalBasis": "l",
                    "targetAreaId": tree.street1.idString, "targetCommunityIds": [tree.community2.idString],
                    "startsOn": GovernanceClock.system.today.addingDays(90).description,
                    "endsOn": GovernanceClock.system.today.addingDays(200).description, "workloadHoursPerMonth": 1,
                ])
            #expect(outside.status == .unprocessableContent && outside.text.contains("outside_target"))
        }
    }
}
