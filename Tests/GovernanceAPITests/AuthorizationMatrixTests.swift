import Foundation
import Governance
import GovernanceAPI
import GovernanceServices
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// Every operation × every role, in scope and out of scope, against the permission table.
@Suite struct AuthorizationMatrixTests {
    /// Every `operationId` in openapi.yaml.
    static let contractOperations: [String] = {
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "../../openapi.yaml")
        let text = (try? String(contentsOf: source, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix("operationId:") else { return nil }
            let name = trimmed.dropFirst("operationId:".count).trimmingCharacters(in: .whitespaces)
            return name.isEmpty ? nil : name  // `operationId:` is also a property of AuditEvent
        }
    }()

    @Test func everyOperationOfTheContractHasAPermission() {
        #expect(Self.contractOperations.count >= 16)
        for operation in Self.contractOperations {
            #expect(OperationPermissions.table[operation] != nil, "no permission for \(operation)")
        }
        #expect(Set(OperationPermissions.table.keys) == Set(Self.contractOperations))
    }

    /// A request for an operation, aimed inside street1 or at the same kind of object in street2.
    struct Call {
        let method: HTTPRequest.Method
        let path: String
        let body: [String: Any]?
        /// Sent as an `application/x-www-form-urlencoded` form (Open311) rather than JSON.
        var form = false
    }

    /// Objects the calls refer to, created before the matrix runs.
    struct Objects {
        let tree: TestTree
        let person1: String
        let person2: String
        let building1: String
        let building2: String
        /// Creates an active grid-worker assignment in grid1 or grid3 and returns its id.
        let freshAssignment: @Sendable (_ inside: Bool) async throws -> String
        /// Registers a new person in grid1 or grid3 and returns its id.
        let freshPerson: @Sendable (_ inside: Bool) async throws -> String
        /// A new engaged mediator's post at community1 (inside) or community2.
        let freshMediator: @Sendable (_ inside: Bool) async throws -> String
        let committee1: String
        let committee2: String
        let member1: String
        let member2: String
        /// Elections in `draft` (1 inside, 2 outside), `nomination` and `counting`, with a station each.
        let draft: (inside: String, outside: String)
        let nominating: (inside: String, outside: String)
        let counting: (inside: (election: String, station: String), outside: (election: String, station: String))
        /// Creates a new draft election.
        let freshElection: @Sendable (_ inside: Bool) async throws -> String
        /// Applications: submitted (visible to every reader) and admitted (open to the gate).
        let submitted: (inside: String, outside: String)
        let admitted: (inside: String, outside: String)
        /// A new application, submitted when asked.
        let freshApplication: @Sendable (_ inside: Bool, _ submitted: Bool) async throws -> String
        /// A new open refusal.
        let freshRefusal: @Sendable (_ inside: Bool) async throws -> String
        /// A new community with an assignment from department "test", ready to be rated.
        let freshRatedCommunity: @Sendable (_ inside: Bool) async throws -> String
        /// Department "test" of the tree's district (above street1), and one of another district.
        let department: (inside: String, outside: String)
        /// Mediation cases: a received one and one in mediation, in grid1 (inside) and grid3.
        let receivedCase: (inside: String, outside: String)
        let mediatingCase: (inside: String, outside: String)
        /// A new case taken to `state` (received, accepted, in_mediation, pending_agreement,
        /// agreement, judicial_applied, escalated);
        /// returns its id, the community's mediator token id, its party ids and any escalation id.
        let freshCase:
            @Sendable (_ inside: Bool, _ state: String) async throws -> (
                id: String, mediator: String, parties: [String], escalation: String?
            )
        /// A new case in mediation whose assigned mediator is the token `mediator`.
        let caseAssigned: @Sendable (_ inside: Bool, _ mediator: String) async throws -> (id: String, parties: [String])
        /// Grid events dispatched to department "test", in grid1 (inside) and grid3.
        let dispatchedEvent: (inside: String, outside: String)
        /// A new grid event taken to `state` (reported, street, dispatched, resolved); returns its
        /// id, its dispatch to department "test" and its reply token.
        let freshEvent:
            @Sendable (_ inside: Bool, _ state: String) async throws -> (
                id: String, dispatch: String?, replyToken: String
            )
        /// A quorate residents' meeting of community1 (inside) and community2.
        let meeting: (inside: String, outside: String)
        /// A new election in registration (its roll open).
        let freshRegistering: @Sendable (_ inside: Bool) async throws -> String
        /// A new election whose roll was published today, with an open objection about a person.
        let freshObjected: @Sendable (_ inside: Bool) async throws -> (election: String, objection: String)
        /// A serving supervision committee member of community1 (inside) and community2.
        let supervisor: (inside: String, outside: String)
        /// Seats a new person on the election committee of an election; returns the seat's id.
        let seatOnElectionCommittee: @Sendable (_ election: String, _ inside: Bool) async throws -> String
        /// A new certified by-election (one seat, two candidates).
        let freshCertified: @Sendable (_ inside: Bool) async throws -> String
        /// A new election in registration with two voters on its roll.
        let freshRollOfTwo: @Sendable (_ inside: Bool) async throws -> (election: String, voter: String, proxy: String)
        /// Consultation topics in `selected`: a community's (urban) and a village's (rural, whose
        /// sessions need no published plan, CON-12).
        let topic: (inside: String, outside: String)
        let ruralTopic: (inside: String, outside: String)
        /// A convention in drafting, and one in force.
        let convention: (inside: String, outside: String)
        let conventionInForce: (inside: String, outside: String)
    }

    static func call(_ operation: String, inside: Bool, role: Role, tokenId: String, _ objects: Objects) async throws
        -> Call
    {
        let tree = objects.tree
        let community = inside ? tree.community1 : tree.community2
        let grid = inside ? tree.grid1 : tree.grid3
        let person = inside ? objects.person1 : objects.person2
        switch operation {
        case "createArea":
            return Call(
                method: .post, path: "/v1/areas", body: ["parentId": community.idString, "kind": "grid", "name": "矩阵"])
        case "listAreas": return Call(method: .get, path: "/v1/areas", body: nil)
        case "getArea": return Call(method: .get, path: "/v1/areas/\(grid.idString)", body: nil)
        case "updateArea": return Call(method: .patch, path: "/v1/areas/\(grid.idString)", body: ["population": 5])
        case "createPerson":
            return Call(
                method: .post, path: "/v1/people",
                body: [
                    "residenceAreaId": grid.idString, "name": "矩阵", "gender": "female", "birthYear": 1990,
                    "idNumber": TestIDNumbers.make(),
                ])
        case "listPeople": return Call(method: .get, path: "/v1/people", body: nil)
        case "getPerson": return Call(method: .get, path: "/v1/people/\(person)", body: nil)
        case "revealPersonalData":
            return Call(method: .get, path: "/v1/people/\(person)/personal-data?purpose=matrix", body: nil)
        case "searchPeople":
            return Call(method: .post, path: "/v1/people/search", body: ["idNumber": TestIDNumbers.make()])
        case "updatePerson": return Call(method: .patch, path: "/v1/people/\(person)", body: ["partyMember": true])
        case "createToken":
            return Call(method: .post, path: "/v1/tokens", body: ["role": "analyst", "areaId": community.idString])
        case "listTokens": return Call(method: .get, path: "/v1/tokens", body: nil)
        case "revokeToken":
            let victim = try await tree.provisioning.issueToken(
                role: .analyst, areaId: community.id, lifetime: 600, label: "victim",
                deadline: .now.advanced(by: .seconds(10)))
            return Call(method: .delete, path: "/v1/tokens/\(victim.token.id.uuidString.lowercased())", body: nil)
        case "listAuditEvents": return Call(method: .get, path: "/v1/audit-events", body: nil)
        case "createBuilding":
            return Call(method: .post, path: "/v1/buildings", body: ["gridId": grid.idString, "name": "矩阵楼"])
        case "listBuildings": return Call(method: .get, path: "/v1/buildings", body: nil)
        case "getBuilding":
            return Call(
                method: .get, path: "/v1/buildings/\(inside ? objects.building1 : objects.building2)", body: nil)
        case "updateBuilding":
            return Call(
                method: .patch, path: "/v1/buildings/\(inside ? objects.building1 : objects.building2)",
                body: ["compound": "小区"])
        case "placeBuilding":
            return Call(
                method: .post, path: "/v1/buildings/\(inside ? objects.building1 : objects.building2)/grid-placements",
                body: ["gridId": grid.idString])
        case "createGridAssignment":
            return Call(
                method: .post, path: "/v1/grid-assignments",
                body: ["post": "grid_worker", "targetId": grid.idString, "personId": person, "startedOn": "2026-01-01"])
        case "listGridAssignments": return Call(method: .get, path: "/v1/grid-assignments", body: nil)
        case "endGridAssignment":
            return Call(
                method: .post, path: "/v1/grid-assignments/\(try await objects.freshAssignment(inside))/end",
                body: ["endedOn": "2026-06-30", "reason": "resigned"])
        case "handOverGridAssignment":
            return Call(
                method: .post, path: "/v1/grid-assignments/\(try await objects.freshAssignment(inside))/handover",
                body: ["personId": person, "effectiveOn": "2026-07-01"])
        case "createCommittee":
            return Call(
                method: .post, path: "/v1/committees",
                body: [
                    "areaId": community.idString, "kind": "subcommittee", "subject": "mediation", "name": "调解委员会",
                    "termStart": "2026-01-01",
                ])
        case "listCommittees": return Call(method: .get, path: "/v1/committees", body: nil)
        case "getCommittee":
            return Call(
                method: .get, path: "/v1/committees/\(inside ? objects.committee1 : objects.committee2)", body: nil)
        case "updateCommittee":
            return Call(
                method: .patch, path: "/v1/committees/\(inside ? objects.committee1 : objects.committee2)",
                body: ["name": "居委会"])
        case "getCommitteeCompliance":
            return Call(
                method: .get, path: "/v1/committees/\(inside ? objects.committee1 : objects.committee2)/compliance",
                body: nil)
        case "addCommitteeMember":
            return Call(
                method: .post, path: "/v1/committees/\(inside ? objects.committee1 : objects.committee2)/members",
                body: [
                    "personId": try await objects.freshPerson(inside), "position": "member", "startedOn": "2026-01-01",
                ])
        case "listCommitteeMembers":
            return Call(
                method: .get, path: "/v1/committees/\(inside ? objects.committee1 : objects.committee2)/members",
                body: nil)
        case "updateCommitteeMember":
            return Call(
                method: .patch,
                path:
                    "/v1/committees/\(inside ? objects.committee1 : objects.committee2)/members/\(inside ? objects.member1 : objects.member2)",
                body: ["concurrentPartySecretary": true])
        case "createElection":
            return Call(
                method: .post, path: "/v1/elections",
                body: [
                    "committeeId": inside ? objects.committee1 : objects.committee2, "kind": "by_election",
                    "method": "all_voters",
                    "seats": ["member": 1], "pollingDay": ElectionClock.pollingDay,
                ])
        case "getElection":
            return Call(
                method: .get, path: "/v1/elections/\(inside ? objects.draft.inside : objects.draft.outside)", body: nil)
        case "transitionElection":
            return Call(
                method: .post, path: "/v1/elections/\(try await objects.freshElection(inside))/transitions",
                body: ["to": "registration"])
        case "createPollingStation":
            return Call(
                method: .post, path: "/v1/elections/\(inside ? objects.draft.inside : objects.draft.outside)/stations",
                body: ["name": "投票站", "registeredVoters": 100])
        case "listPollingStations":
            return Call(
                method: .get, path: "/v1/elections/\(inside ? objects.draft.inside : objects.draft.outside)/stations",
                body: nil)
        case "addCandidate":
            return Call(
                method: .post,
                path: "/v1/elections/\(inside ? objects.nominating.inside : objects.nominating.outside)/candidates",
                body: ["personId": try await objects.freshPerson(inside), "position": "member"])
        case "listCandidates":
            return Call(
                method: .get,
                path: "/v1/elections/\(inside ? objects.nominating.inside : objects.nominating.outside)/candidates",
                body: nil)
        case "putTally":
            let target = inside ? objects.counting.inside : objects.counting.outside
            return Call(
                method: .put, path: "/v1/elections/\(target.election)/stations/\(target.station)/tally",
                body: ["round": 1, "issued": 10, "cast": 5, "valid": 5, "invalid": 0, "votes": []])
        case "getElectionResults":
            return Call(
                method: .get,
                path:
                    "/v1/elections/\(inside ? objects.counting.inside.election : objects.counting.outside.election)/results",
                body: nil)
        case "getElectionRecord":
            return Call(
                method: .get,
                path:
                    "/v1/elections/\(inside ? objects.counting.inside.election : objects.counting.outside.election)/record",
                body: nil)
        case "recallCommitteeMember":
            return Call(
                method: .post,
                path:
                    "/v1/committees/\(inside ? objects.committee1 : objects.committee2)/members/\(inside ? objects.member1 : objects.member2)/recalls",
                body: ["signatures": 200, "registeredVoters": 1000, "cast": 600, "inFavour": 300, "reasons": "矩阵"])
        case "createAdmissionApplication":
            return Call(
                method: .post, path: "/v1/admission/applications",
                body: [
                    "title": "矩阵事项", "description": "d", "category": "statutory_duty", "legalBasis": "l",
                    "targetAreaId": (inside ? tree.street1 : tree.street2).idString,
                    "startsOn": "\(GovernanceClock.system.today.year)-01-01",
                    "endsOn": "\(GovernanceClock.system.today.year)-12-31",
                    "workloadHoursPerMonth": 1, "departmentId": objects.department.inside,
                ])
        case "listAdmissionApplications": return Call(method: .get, path: "/v1/admission/applications", body: nil)
        case "getAdmissionApplication":
            return Call(
                method: .get,
                path: "/v1/admission/applications/\(inside ? objects.submitted.inside : objects.submitted.outside)",
                body: nil)
        case "transitionAdmissionApplication":
            // Each party takes its own step: the department submits its draft, a reviewer (or an
            // admin who did not apply) starts the review.
            let reviewing = role == .reviewer || role == .admin
            return Call(
                method: .post,
                path: "/v1/admission/applications/\(try await objects.freshApplication(inside, reviewing))/transitions",
                body: ["to": reviewing ? "legal_review" : "submitted"])
        case "listAdmittedItems": return Call(method: .get, path: "/v1/admission/items", body: nil)
        case "createAdmissionAssignment":
            return Call(
                method: .post,
                path: "/v1/admission/items/\(inside ? objects.admitted.inside : objects.admitted.outside)/assignments",
                body: ["communityId": community.idString])
        case "publishAdmissionList":
            return Call(
                method: .post, path: "/v1/admission/list-versions",
                body: [
                    "areaId": (inside ? objects.tree.street1 : objects.tree.street2).idString,
                    "year": GovernanceClock.system.today.year,
                ])
        case "listAdmissionListVersions": return Call(method: .get, path: "/v1/admission/list-versions", body: nil)
        case "createMediator":
            return Call(
                method: .post, path: "/v1/mediators",
                body: [
                    "personId": try await objects.freshPerson(inside), "areaId": community.idString, "kind": "engaged",
                    "employment": "full_time",
                ])
        case "listMediators": return Call(method: .get, path: "/v1/mediators", body: nil)
        case "createMeeting": return Call(method: .post, path: "/v1/meetings", body: Self.meetingBody(community))
        case "annulElection":
            return Call(
                method: .post, path: "/v1/elections/\(try await objects.freshCertified(inside))/annulment",
                body: ["ground": "bribery", "reason": "贿选"])
        case "recordElectionHandover":
            return Call(
                method: .post, path: "/v1/elections/\(try await objects.freshCertified(inside))/handover",
                body: ["note": "移交公章和账目"])
        case "recordCommitteeEvaluation":
            return Call(
                method: .post,
                path: "/v1/committees/\(inside ? objects.committee1 : objects.committee2)/evaluations",
                body: [
                    "meetingId": inside ? objects.meeting.inside : objects.meeting.outside,
                    "presidedBy": inside ? objects.supervisor.inside : objects.supervisor.outside,
                    "ratings": [["memberId": inside ? objects.member1 : objects.member2, "rating": "competent"]],
                ])
        case "addElectionCommitteeMember":
            return Call(
                method: .post,
                path: "/v1/elections/\(try await objects.freshElection(inside))/election-committee",
                body: ["personId": try await objects.freshPerson(inside), "role": "member"])
        case "getElectionCommittee":
            return Call(
                method: .get,
                path: "/v1/elections/\(inside ? objects.draft.inside : objects.draft.outside)/election-committee",
                body: nil)
        case "withdrawFromElectionCommittee":
            let election = try await objects.freshElection(inside)
            let seated = try await objects.seatOnElectionCommittee(election, inside)
            return Call(
                method: .post, path: "/v1/elections/\(election)/election-committee/\(seated)/withdrawal", body: nil)
        case "registerVoter":
            return Call(
                method: .post, path: "/v1/elections/\(try await objects.freshRegistering(inside))/voters",
                body: ["personId": try await objects.freshPerson(inside), "category": "registered_resident"])
        case "importVoters":
            return Call(
                method: .post, path: "/v1/elections/\(try await objects.freshRegistering(inside))/voters/import",
                body: nil)
        case "listVoters":
            return Call(
                method: .get, path: "/v1/elections/\(inside ? objects.draft.inside : objects.draft.outside)/voters",
                body: nil)
        case "fileRollObjection":
            return Call(
                method: .post,
                path: "/v1/elections/\(try await objects.freshObjected(inside).election)/roll-objections",
                body: ["personId": try await objects.freshPerson(inside), "kind": "omission", "statement": "漏登"])
        case "listRollObjections":
            return Call(
                method: .get,
                path: "/v1/elections/\(inside ? objects.draft.inside : objects.draft.outside)/roll-objections",
                body: nil)
        case "decideRollObjection":
            let objected = try await objects.freshObjected(inside)
            return Call(
                method: .post,
                path: "/v1/elections/\(objected.election)/roll-objections/\(objected.objection)/decision",
                body: ["upheld": false, "decision": "异议不成立"])
        case "entrustProxy":
            let roll = try await objects.freshRollOfTwo(inside)
            return Call(
                method: .post, path: "/v1/elections/\(roll.election)/proxies",
                body: [
                    "voterPersonId": roll.voter, "proxyPersonId": roll.proxy,
                    "writtenOn": GovernanceClock.system.today.description,
                ])
        case "listMeetings": return Call(method: .get, path: "/v1/meetings", body: nil)
        case "getMeeting":
            return Call(
                method: .get, path: "/v1/meetings/\(inside ? objects.meeting.inside : objects.meeting.outside)",
                body: nil)
        case "addMeetingDecision":
            return Call(
                method: .post,
                path: "/v1/meetings/\(inside ? objects.meeting.inside : objects.meeting.outside)/decisions",
                body: ["item": "议题", "text": "同意", "yes": 300, "no": 100, "abstain": 0])
        case "getMediator":
            return Call(method: .get, path: "/v1/mediators/\(try await objects.freshMediator(inside))", body: nil)
        case "endMediatorPost":
            return Call(
                method: .post, path: "/v1/mediators/\(try await objects.freshMediator(inside))/end",
                body: ["reason": "解聘"])
        case "addMediatorTraining":
            return Call(
                method: .post, path: "/v1/mediators/\(try await objects.freshMediator(inside))/trainings",
                body: ["trainedOn": GovernanceClock.system.today.description, "hours": 4, "topic": "调解技巧"])
        case "createExceptionalAssignment":
            return Call(
                method: .post, path: "/v1/admission/exceptional-assignments",
                body: [
                    "mode": "purchase_of_service", "departmentId": objects.department.inside,
                    "communityId": community.idString, "title": "助餐服务", "contractReference": "采购合同",
                    "amount": 1000, "endsOn": GovernanceClock.system.today.addingDays(30).description,
                ])
        case "listExceptionalAssignments":
            return Call(method: .get, path: "/v1/admission/exceptional-assignments", body: nil)
        case "createAdmissionRefusal":
            return Call(
                method: .post, path: "/v1/admission/refusals",
                body: [
                    "communityId": community.idString, "departmentId": objects.department.inside,
                    "description": "清单外事项",
                    "date": "2026-06-01",
                ])
        case "listAdmissionRefusals": return Call(method: .get, path: "/v1/admission/refusals", body: nil)
        case "closeAdmissionRefusal":
            return Call(
                method: .post, path: "/v1/admission/refusals/\(try await objects.freshRefusal(inside))/outcome",
                body: ["outcome": "dismissed"])
        case "rateDepartment":
            return Call(
                method: .post, path: "/v1/admission/ratings",
                body: [
                    "communityId": try await objects.freshRatedCommunity(inside),
                    "departmentId": objects.department.inside,
                    "year": GovernanceClock.system.today.year, "score": 4,
                ])
        case "getDepartmentReport":
            let department = inside ? objects.department.inside : objects.department.outside
            return Call(
                method: .get,
                path: "/v1/admission/departments/\(department)/report?year=\(GovernanceClock.system.today.year)",
                body: nil)
        case "createDepartment":
            return Call(
                method: .post, path: "/v1/departments",
                body: ["name": "矩阵局\(UUID().uuidString.prefix(8))", "areaId": tree.district.idString])
        case "listDepartments": return Call(method: .get, path: "/v1/departments", body: nil)
        case "listChanges": return Call(method: .get, path: "/v1/changes?since=now", body: nil)
        case "listMetrics": return Call(method: .get, path: "/v1/stats/metrics", body: nil)
        case "getMetric":
            return Call(
                method: .get, path: "/v1/stats/grid_staffing_rate?areaId=\(community.idString)&groupBy=child", body: nil
            )
        case "getStatsDashboard":
            return Call(method: .get, path: "/v1/stats/dashboard?areaId=\(community.idString)", body: nil)
        case "listCommunityFacilities":
            return Call(method: .get, path: "/v1/areas/\(community.idString)/facilities", body: nil)
        case "putCommunityFacility":
            return Call(
                method: .put, path: "/v1/areas/\(community.idString)/facilities/\(GovernanceClock.system.today.year)",
                body: ["serviceAreaM2": 700, "publicServiceAreaM2": 500, "operatingFundsYuan": 250_000])
        case "getDepartment":
            let department = inside ? objects.department.inside : objects.department.outside
            return Call(method: .get, path: "/v1/departments/\(department)", body: nil)
        case "createMediationCase":
            return Call(
                method: .post, path: "/v1/mediation/cases",
                body: [
                    "areaId": grid.idString, "source": "walk_in", "category": "other", "description": "矩阵纠纷",
                    "riskLevel": "low",
                    "parties": [["name": "甲", "role": "applicant"], ["name": "乙", "role": "respondent"]],
                ])
        case "listMediationCases": return Call(method: .get, path: "/v1/mediation/cases", body: nil)
        case "getMediationCase":
            return Call(
                method: .get,
                path: "/v1/mediation/cases/\(inside ? objects.receivedCase.inside : objects.receivedCase.outside)",
                body: nil)
        case "transitionMediationCase":
            return Call(
                method: .post,
                path: "/v1/mediation/cases/\(try await objects.freshCase(inside, "received").id)/transitions",
                body: ["to": "accepted"])
        case "assignMediator":
            let fresh = try await objects.freshCase(inside, "accepted")
            return Call(
                method: .post, path: "/v1/mediation/cases/\(fresh.id)/assignment",
                body: [
                    "mediatorTokenId": fresh.mediator,
                    "consents": fresh.parties.map { ["partyId": $0, "consents": true] },
                ])
        case "revealMediationPartyPhone":
            // The caller's own token is the assigned mediator where it can be one.
            let assigned =
                role == .mediator && inside
                ? try await objects.caseAssigned(inside, tokenId)
                : try await {
                    let fresh = try await objects.freshCase(inside, "in_mediation"); return (fresh.id, fresh.parties)
                }()
            return Call(
                method: .get,
                path: "/v1/mediation/cases/\(assigned.id)/parties/\(assigned.parties[0])/phone?purpose=matrix",
                body: nil)
        case "addMediationSession":
            return Call(
                method: .post,
                path: "/v1/mediation/cases/\(try await objects.freshCase(inside, "in_mediation").id)/sessions",
                body: ["heldOn": "2026-11-20", "place": "调解室", "summary": "记录"])
        case "listMediationSessions":
            return Call(
                method: .get,
                path:
                    "/v1/mediation/cases/\(inside ? objects.mediatingCase.inside : objects.mediatingCase.outside)/sessions",
                body: nil)
        case "recordMediationAgreement":
            return Call(
                method: .post,
                path: "/v1/mediation/cases/\(try await objects.freshCase(inside, "in_mediation").id)/agreement",
                body: [
                    "terms": "协议", "agreedOn": GovernanceClock.system.today.description, "form": "oral",
                    "recordedByMediator": true,
                ])
        case "signMediationAgreement":
            return Call(
                method: .post,
                path:
                    "/v1/mediation/cases/\(try await objects.freshCase(inside, "pending_agreement").id)/agreement/signatures",
                body: ["signer": "committee_seal"])
        case "applyForJudicialConfirmation":
            let agreed = try await objects.freshCase(inside, "agreement")
            return Call(
                method: .post, path: "/v1/mediation/cases/\(agreed.id)/judicial-confirmation",
                body: [
                    "appliedOn": GovernanceClock.system.today.description, "court": "法院",
                    "applicantPartyIds": agreed.parties,
                ])
        case "recordJudicialConfirmationAnswer":
            return Call(
                method: .post,
                path:
                    "/v1/mediation/cases/\(try await objects.freshCase(inside, "judicial_applied").id)/judicial-confirmation/answer",
                body: ["accepted": true, "answeredOn": GovernanceClock.system.today.description])
        case "reportMediationCaseToPolice":
            return Call(
                method: .post,
                path: "/v1/mediation/cases/\(try await objects.freshCase(inside, "received").id)/police-report",
                body: ["reportedAt": "2026-01-01T08:00:00+08:00", "reportedTo": "派出所"])
        case "extendMediationDeadline":
            return Call(
                method: .post,
                path: "/v1/mediation/cases/\(try await objects.freshCase(inside, "accepted").id)/extensions",
                body: ["days": 10, "reason": "补充材料", "everyPartyConsents": true])
        case "escalateMediationCase":
            return Call(
                method: .post,
                path: "/v1/mediation/cases/\(try await objects.freshCase(inside, "accepted").id)/escalations",
                body: ["reason": "上报"])
        case "decideMediationEscalation":
            let fresh = try await objects.freshCase(inside, "escalated")
            return Call(
                method: .post, path: "/v1/mediation/cases/\(fresh.id)/escalations/\(fresh.escalation!)/decision",
                body: ["accept": true])
        case "addMediationFollowUp":
            return Call(
                method: .post,
                path: "/v1/mediation/cases/\(try await objects.freshCase(inside, "agreement").id)/follow-ups",
                body: ["performance": "performed", "followedUpOn": "2026-11-30"])
        case "getMediationStats": return Call(method: .get, path: "/v1/mediation/stats", body: nil)
        case "createGridEvent":
            return Call(
                method: .post, path: "/v1/grid-events",
                body: ["areaId": grid.idString, "source": "grid_patrol", "category": "other", "description": "矩阵"])
        case "listGridEvents": return Call(method: .get, path: "/v1/grid-events", body: nil)
        case "getGridEvent":
            let event = inside ? objects.dispatchedEvent.inside : objects.dispatchedEvent.outside
            return Call(method: .get, path: "/v1/grid-events/\(event)", body: nil)
        case "transitionGridEvent":
            let fresh = try await objects.freshEvent(inside, "reported")
            return Call(method: .post, path: "/v1/grid-events/\(fresh.id)/transitions", body: ["action": "accept"])
        case "createGridEventDispatch":
            let fresh = try await objects.freshEvent(inside, "street")
            return Call(
                method: .post, path: "/v1/grid-events/\(fresh.id)/dispatches",
                body: ["departmentId": objects.department.inside, "authorityBasis": "职责"])
        case "transitionGridEventDispatch":
            let fresh = try await objects.freshEvent(inside, "dispatched")
            return Call(
                method: .post, path: "/v1/grid-events/\(fresh.id)/dispatches/\(fresh.dispatch ?? "")/transitions",
                body: ["action": "accept"])
        case "rateGridEvent":
            let fresh = try await objects.freshEvent(inside, "resolved")
            return Call(
                method: .post, path: "/v1/grid-events/\(fresh.id)/rating",
                body: ["rating": "satisfied", "replyToken": fresh.replyToken])
        case "referGridEventToMediation":
            let fresh = try await objects.freshEvent(inside, "reported")
            return Call(
                method: .post, path: "/v1/grid-events/\(fresh.id)/mediation-case",
                body: ["parties": [["name": "甲", "role": "applicant"], ["name": "乙", "role": "respondent"]]])
        case "listGridEventCategories": return Call(method: .get, path: "/v1/grid-events/categories", body: nil)
        case "updateGridEventCategory":
            return Call(
                method: .put, path: "/v1/grid-events/categories/other",
                body: [
                    "nameZh": "其他", "nameEn": "Other", "defaultTier": "community", "timeLimitDays": 5,
                    "dayKind": "working",
                ])
        case "getWorkingCalendar": return Call(method: .get, path: "/v1/calendars/2099", body: nil)
        case "putWorkingCalendar":
            return Call(method: .put, path: "/v1/calendars/2099", body: ["holidays": [], "workingWeekends": []])
        case "getGridEventStats":
            return Call(method: .get, path: "/v1/grid-events/stats?areaId=\(community.idString)", body: nil)
        case "createOpen311Request":
            return Call(
                method: .post, path: "/open311/v2/requests.json",
                body: ["service_code": "other", "description": "矩阵", "address_id": grid.idString], form: true)
        case "getRuleProfile":
            return Call(method: .get, path: "/v1/areas/\(community.idString)/rule-profile", body: nil)
        case "updateRuleProfile":
            return Call(
                method: .patch, path: "/v1/areas/\(community.idString)/rule-profile",
                body: ["parameters": ["termYears": 5]])
        case "getGridCoverage":
            return Call(method: .get, path: "/v1/areas/\(community.idString)/grid-coverage", body: nil)
        case "createConsultationBody":
            return Call(
                method: .post, path: "/v1/consultation-bodies",
                body: [
                    "areaId": community.idString, "name": "共建理事会", "kind": "co_building_council",
                    "establishedOn": GovernanceClock.system.today.description,
                    "members": [
                        ["name": "王芳", "constituency": "residents_committee"],
                        ["name": "李强", "constituency": "property_company"],
                    ],
                ])
        case "listConsultationBodies": return Call(method: .get, path: "/v1/consultation-bodies", body: nil)
        case "publishConsultationCatalogue":
            return Call(
                method: .post, path: "/v1/areas/\(community.idString)/consultation-catalogues",
                body: ["items": [["category": "resident_concern", "matter": "物业服务"]]])
        case "listConsultationCatalogues":
            return Call(method: .get, path: "/v1/areas/\(community.idString)/consultation-catalogues", body: nil)
        case "proposeConsultationTopic":
            return Call(
                method: .post, path: "/v1/consultation-topics",
                body: [
                    "communityIds": [community.idString], "title": "楼道堆物", "description": "消防通道",
                    "category": "resident_concern", "proposer": "committee",
                ])
        case "listConsultationTopics": return Call(method: .get, path: "/v1/consultation-topics", body: nil)
        case "getConsultationTopic":
            return Call(
                method: .get,
                path: "/v1/consultation-topics/\(inside ? objects.topic.inside : objects.topic.outside)", body: nil)
        case "transitionConsultationTopic":
            return Call(
                method: .post,
                path: "/v1/consultation-topics/\(inside ? objects.topic.inside : objects.topic.outside)/transitions",
                body: ["action": "notify_participants"])
        case "holdConsultationSession":
            return Call(
                method: .post,
                path:
                    "/v1/consultation-topics/\(inside ? objects.ruralTopic.inside : objects.ruralTopic.outside)/sessions",
                body: ConsultationTests.session)
        case "getConsultationStats":
            return Call(method: .get, path: "/v1/consultation/stats?areaId=\(community.idString)", body: nil)
        case "publishDisclosure":
            let today = GovernanceClock.system.today.description
            return Call(
                method: .post, path: "/v1/disclosures",
                body: [
                    "areaId": community.idString, "category": "affairs", "title": "居务公开", "periodFrom": today,
                    "periodTo": today, "content": "本月居务", "channels": ["wall_board"],
                ])
        case "listDisclosures": return Call(method: .get, path: "/v1/disclosures", body: nil)
        case "getDisclosureTimeliness":
            return Call(method: .get, path: "/v1/areas/\(community.idString)/disclosure-timeliness", body: nil)
        case "draftConvention":
            return Call(
                method: .post, path: "/v1/conventions",
                body: ["areaId": community.idString, "kind": "community_convention", "draft": ConventionTests.draft()])
        case "listConventions": return Call(method: .get, path: "/v1/conventions", body: nil)
        case "getConvention":
            return Call(
                method: .get,
                path: "/v1/conventions/\(inside ? objects.convention.inside : objects.convention.outside)", body: nil)
        case "transitionConvention":
            return Call(
                method: .post,
                path: "/v1/conventions/\(inside ? objects.convention.inside : objects.convention.outside)/transitions",
                body: ["action": "record_opinion_solicitation", "note": "入户征求意见"])
        case "recordConventionEntry":
            return Call(
                method: .post,
                path:
                    "/v1/conventions/\(inside ? objects.conventionInForce.inside : objects.conventionInForce.outside)/records",
                body: ["kind": "praise", "clause": 1, "note": "文明养犬"])
        default: return Call(method: .get, path: operation == "getReadiness" ? "/readyz" : "/healthz", body: nil)
        }
    }

    /// List operations have no out-of-scope target: scope shows as absence, tested elsewhere.
    static let listOperations: Set<String> = [
        "listAreas", "listPeople", "searchPeople", "listTokens", "listAuditEvents", "listBuildings",
        "listGridAssignments",
        "listCommittees", "listAdmissionApplications", "listAdmittedItems", "listAdmissionRefusals",
        "listMediationCases", "getMediationStats", "listDepartments", "listChanges", "listMetrics",
        "listGridEvents", "listGridEventCategories", "getWorkingCalendar", "listExceptionalAssignments",
        "listAdmissionListVersions",
        "listMediators", "listMeetings", "listConsultationBodies", "listConsultationTopics", "listDisclosures",
        "listConventions",
    ]

    /// A quorate residents' meeting of `community`, held today.
    static func meetingBody(_ community: Area) -> [String: Any] {
        let today = GovernanceClock.system.today
        return [
            "areaId": community.idString, "kind": "residents_meeting", "basis": "households", "eligible": 800,
            "present": 500, "noticeOn": today.addingDays(-7).description, "heldOn": today.description,
            "agenda": ["议题"],
        ]
    }

    /// Operations only a token of a district or the city may perform; the matrix's tokens are a
    /// street's, so the roles allowed get 403 with the rule's code (the levels have their tests).
    static let districtLevelOperations: [String: String] = [
        "createDepartment": "department.registrar_level", "updateGridEventCategory": "grid_event.catalogue_level",
        "putWorkingCalendar": "calendar.city_level", "publishAdmissionList": "admission.list_publisher_level",
    ]

    /// Sends a call as JSON, or as a form where it says so.
    static func send(_ call: Call, token: String, client: any TestClientProtocol) async throws -> TestResponse {
        guard call.form, let fields = call.body else {
            return try await client.send(call.method, call.path, token: token, json: call.body)
        }
        let text = fields.map { "\($0.key)=\(String(describing: $0.value))" }.joined(separator: "&")
        return try await client.execute(
            uri: call.path, method: call.method,
            headers: [.contentType: "application/x-www-form-urlencoded", .authorization: "Bearer \(token)"],
            body: ByteBuffer(string: text)
        ) { $0 }
    }

    @Test func everyRoleGetsWhatTheTableSaysInScopeAndNothingOutOfIt() async throws {
        // Hundreds of calls with one setup token in a few seconds: the per-token limit has its own tests.
        var configuration = TestApp.configuration()
        configuration.rateLimitPerToken = 0
        try await TestApp.withApp(configuration: configuration) { client, database in
            let tree = try await TestTree.make(database)
            let setup = try await tree.token(.admin, tree.district)
            let testDepartment = try await tree.department().id.lowercasedString
            let otherDistrict = try await tree.provisioning.addArea(
                .district, name: "另一区\(UUID().uuidString.prefix(8))",
                under: try #require(try await tree.provisioning.root(deadline: .now.advanced(by: .seconds(5)))),
                deadline: .now.advanced(by: .seconds(5)))
            let otherDepartment = try await tree.provisioning.department(
                named: "另一局", areaId: otherDistrict.id, deadline: .now.advanced(by: .seconds(5))
            ).id.lowercasedString
            @Sendable func person(_ grid: Area) async throws -> String {
                let response = try await client.send(
                    .post, "/v1/people", token: setup,
                    json: [
                        "residenceAreaId": grid.idString, "name": "对象", "gender": "male", "birthYear": 1970,
                        "idNumber": TestIDNumbers.make(),
                    ])
                return try #require(response.json["id"] as? String)
            }
            func building(_ grid: Area) async throws -> String {
                let response = try await client.send(
                    .post, "/v1/buildings", token: setup, json: ["gridId": grid.idString, "name": "对象楼"])
                return try #require(response.json["id"] as? String)
            }
            let person1 = try await person(tree.grid1)
            let person2 = try await person(tree.grid3)
            @Sendable func committee(_ community: Area) async throws -> String {
                let response = try await client.send(
                    .post, "/v1/committees", token: setup,
                    json: [
                        "areaId": community.idString, "kind": "residents_committee", "name": "居民委员会",
                        "termStart": "2026-01-01",
                    ])
                return try #require(response.json["id"] as? String)
            }
            func member(_ committee: String, _ person: String) async throws -> String {
                let response = try await client.send(
                    .post, "/v1/committees/\(committee)/members", token: setup,
                    json: ["personId": person, "position": "member", "startedOn": "2026-01-01"])
                return try #require(response.json["id"] as? String)
            }
            let committee1 = try await committee(tree.community1)
            let committee2 = try await committee(tree.community2)
            @Sendable func election(_ committee: String, arrive: Bool = true) async throws -> String {
                let response = try await client.send(
                    .post, "/v1/elections", token: setup,
                    json: [
                        "committeeId": committee, "kind": "by_election", "method": "all_voters",
                        "seats": ["member": 1], "pollingDay": ElectionClock.pollingDay,
                    ])
                let id = try #require(response.json["id"] as? String, "\(response.text)")
                if arrive { try await ElectionClock.arrivePollingDay(id, in: database) }
                return id
            }
            @Sendable func advance(_ election: String, _ steps: [[String: Any]]) async throws {
                for step in steps {
                    let moved = try await client.send(
                        .post, "/v1/elections/\(election)/transitions", token: setup, json: step)
                    #expect(moved.status == .ok, "\(moved.text)")
                }
            }
            @Sendable func nominating(_ committee: String) async throws -> (String, String) {
                let id = try await election(committee)
                try await advance(id, [["to": "registration"]])
                let station = try await client.send(
                    .post, "/v1/elections/\(id)/stations", token: setup, json: ["name": "站", "registeredVoters": 1000])
                try await advance(id, [["to": "nomination", "rollPublishedOn": ElectionClock.daysAgo(30)]])
                return (id, try #require(station.json["id"] as? String))
            }
            @Sendable func counting(_ committee: String, _ grid: Area) async throws -> (
                election: String, station: String
            ) {
                let (id, station) = try await nominating(committee)
                for _ in 0..<2 {
                    _ = try await client.send(
                        .post, "/v1/elections/\(id)/candidates", token: setup,
                        json: ["personId": try await person(grid), "position": "member"])
                }
                try await advance(
                    id,
                    [
                        ["to": "candidates_published", "publishedOn": ElectionClock.daysAgo(10)], ["to": "voting"],
                        ["to": "counting"],
                    ])
                return (id, station)
            }
            let reviewer = try await tree.token(.reviewer, tree.district)
            @Sendable func application(_ target: Area, submit: Bool) async throws -> String {
                let created = try await client.send(
                    .post, "/v1/admission/applications", token: setup,
                    json: [
                        "title": "事项", "description": "d", "category": "statutory_duty", "legalBasis": "l",
                        "targetAreaId": target.idString,
                        "startsOn": "\(GovernanceClock.system.today.year)-01-01",
                        "endsOn": "\(GovernanceClock.system.today.year)-12-31", "workloadHoursPerMonth": 1,
                        "departmentId": testDepartment,
                    ])
                let id = try #require(created.json["id"] as? String)
                if submit {
                    _ = try await client.send(
                        .post, "/v1/admission/applications/\(id)/transitions", token: setup, json: ["to": "submitted"])
                }
                return id
            }
            func admittedApplication(_ target: Area) async throws -> String {
                let id = try await application(target, submit: true)
                for body: [String: Any] in [
                    ["to": "legal_review"], ["to": "decision", "legalOpinion": "合法"],
                    [
                        "to": "admitted", "decisionMeeting": "government_executive_meeting",
                        "decisionDate": GovernanceClock.system.today.description, "decisionReference": "会议",
                    ],
                ] {
                    let moved = try await client.send(
                        .post, "/v1/admission/applications/\(id)/transitions", token: reviewer, json: body)
                    #expect(moved.status == .ok, "\(moved.text)")
                }
                return id
            }
            let mediator1 = try await tree.provisioning.issueToken(
                role: .mediator, areaId: tree.community1.id, lifetime: 3600, label: "m",
                deadline: .now.advanced(by: .seconds(5))
            ).token.id.uuidString.lowercased()
            let mediator2 = try await tree.provisioning.issueToken(
                role: .mediator, areaId: tree.community2.id, lifetime: 3600, label: "m",
                deadline: .now.advanced(by: .seconds(5))
            ).token.id.uuidString.lowercased()
            @Sendable func mediationCase(_ inside: Bool, _ state: String, mediator assigned: String? = nil) async throws
                -> (
                    id: String, mediator: String, parties: [String], escalation: String?
                )
            {
                let created = try await client.send(
                    .post, "/v1/mediation/cases", token: setup,
                    json: [
                        "areaId": (inside ? tree.grid1 : tree.grid3).idString, "source": "walk_in", "category": "other",
                        "description": "d",
                        "riskLevel": "low",
                        "parties": [["name": "甲", "role": "applicant"], ["name": "乙", "role": "respondent"]],
                    ])
                let id = try #require(created.json["id"] as? String)
                let parties = (created.json["parties"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
                let mediator = assigned ?? (inside ? mediator1 : mediator2)
                func post(_ path: String, _ body: [String: Any]) async throws -> TestResponse {
                    let response = try await client.send(
                        .post, "/v1/mediation/cases/\(id)/\(path)", token: setup, json: body)
                    #expect((200..<300).contains(response.status.code), "\(path) \(response.text)")
                    return response
                }
                var escalation: String?
                if state != "received" { _ = try await post("transitions", ["to": "accepted"]) }
                if state == "escalated" {
                    escalation = try await post("escalations", ["reason": "r"]).json["id"] as? String
                }
                let today = GovernanceClock.system.today.description
                if ["in_mediation", "agreement", "pending_agreement", "judicial_applied"].contains(state) {
                    _ = try await post(
                        "assignment",
                        ["mediatorTokenId": mediator, "consents": parties.map { ["partyId": $0, "consents": true] }])
                }
                if ["agreement", "judicial_applied"].contains(state) {
                    _ = try await post(
                        "agreement", ["terms": "t", "agreedOn": today, "form": "oral", "recordedByMediator": true])
                }
                if state == "pending_agreement" {
                    _ = try await post(
                        "agreement",
                        [
                            "terms": "t", "facts": "f", "performanceManner": "m", "performanceDeadline": today,
                            "agreedOn": today, "form": "written",
                        ])
                }
                if state == "judicial_applied" {
                    _ = try await post(
                        "judicial-confirmation", ["appliedOn": today, "court": "法院", "applicantPartyIds": parties])
                }
                return (id, mediator, parties, escalation)
            }
            @Sendable func gridEvent(_ inside: Bool, _ state: String) async throws -> (
                id: String, dispatch: String?, replyToken: String
            ) {
                let created = try await client.send(
                    .post, "/v1/grid-events", token: setup,
                    json: [
                        "areaId": (inside ? tree.grid1 : tree.grid3).idString, "source": "grid_patrol",
                        "category": "other", "description": "矩阵事件",
                    ])
                let id = try #require(created.json["id"] as? String, "\(created.text)")
                let replyToken = try #require(created.json["replyToken"] as? String)
                func post(_ path: String, _ body: [String: Any]) async throws -> TestResponse {
                    let response = try await client.send(
                        .post, "/v1/grid-events/\(id)/\(path)", token: setup, json: body)
                    #expect((200..<300).contains(response.status.code), "\(path) \(response.text)")
                    return response
                }
                var dispatch: String?
                switch state {
                case "street", "dispatched":
                    _ = try await post("transitions", ["action": "accept", "tier": "street"])
                    if state == "dispatched" {
                        let sent = try await post(
                            "dispatches", ["departmentId": testDepartment, "authorityBasis": "职责"])
                        dispatch = (sent.json["dispatches"] as? [[String: Any]])?.last?["id"] as? String
                    }
                case "resolved":
                    _ = try await post("transitions", ["action": "accept", "tier": "community"])
                    _ = try await post("transitions", ["action": "resolve", "resolution": "已办结"])
                default: break
                }
                return (id, dispatch, replyToken)
            }
            // A fixture calendar every role of the city reads.
            let city = try #require(try await tree.provisioning.root(deadline: .now.advanced(by: .seconds(5))))
            let loaded = try await client.send(
                .put, "/v1/calendars/2099", token: try await tree.token(.admin, city),
                json: ["holidays": ["2099-10-01"], "workingWeekends": []])
            #expect(loaded.status == .ok, "\(loaded.text)")
            let admittedInside = try await admittedApplication(tree.street1)
            let admittedOutside = try await admittedApplication(tree.street2)
            func supervisor(_ community: Area, _ grid: Area) async throws -> String {
                let created = try await client.send(
                    .post, "/v1/committees", token: setup,
                    json: [
                        "areaId": community.idString, "kind": "supervision_committee", "name": "居务监督委员会",
                        "termStart": "2026-01-01",
                    ])
                let person = try await person(grid)
                let seated = try await client.send(
                    .post, "/v1/committees/\(try #require(created.json["id"] as? String))/members", token: setup,
                    json: ["personId": person, "position": "director", "startedOn": "2026-01-01"])
                #expect(seated.status == .created, "\(seated.text)")
                return person
            }
            @Sendable func registering(_ inside: Bool) async throws -> String {
                let id = try await election(inside ? committee1 : committee2)
                try await advance(id, [["to": "registration"]])
                return id
            }
            @Sendable func voter(_ election: String, _ person: String) async throws {
                let registered = try await client.send(
                    .post, "/v1/elections/\(election)/voters", token: setup,
                    json: ["personId": person, "category": "registered_resident"])
                #expect(registered.status == .created, "\(registered.text)")
            }
            func meeting(_ community: Area) async throws -> String {
                let response = try await client.send(
                    .post, "/v1/meetings", token: setup, json: Self.meetingBody(community))
                return try #require(response.json["id"] as? String, "\(response.text)")
            }
            let villages = (
                try await tree.provisioning.addArea(
                    .village, name: "矩阵一村", under: tree.street1, deadline: .now.advanced(by: .seconds(5))),
                try await tree.provisioning.addArea(
                    .village, name: "矩阵二村", under: tree.street2, deadline: .now.advanced(by: .seconds(5)))
            )
            func selectedTopic(_ area: Area) async throws -> String {
                let proposed = try await client.send(
                    .post, "/v1/consultation-topics", token: setup,
                    json: [
                        "communityIds": [area.idString], "title": "议题", "description": "矩阵议题",
                        "category": "resident_concern", "proposer": "committee",
                    ])
                let id = try #require(proposed.json["id"] as? String, "\(proposed.text)")
                let selected = try await client.send(
                    .post, "/v1/consultation-topics/\(id)/transitions", token: setup,
                    json: ["action": "select", "plan": ConsultationTests.plan])
                #expect(selected.status == .ok, "\(selected.text)")
                return id
            }
            func draftedConvention(_ community: Area) async throws -> String {
                let drafted = try await client.send(
                    .post, "/v1/conventions", token: setup,
                    json: [
                        "areaId": community.idString, "kind": "community_convention", "draft": ConventionTests.draft(),
                    ])
                return try #require(drafted.json["id"] as? String, "\(drafted.text)")
            }
            func conventionInForce(_ community: Area) async throws -> String {
                let adopted = try await ConventionTests.adopt(client, committee: setup, street: setup, area: community)
                #expect(adopted.json["status"] as? String == "in_force", "\(adopted.text)")
                return try #require(adopted.json["id"] as? String)
            }
            let objects = Objects(
                tree: tree, person1: person1, person2: person2, building1: try await building(tree.grid1),
                building2: try await building(tree.grid3),
                freshAssignment: { inside in
                    let response = try await client.send(
                        .post, "/v1/grid-assignments", token: setup,
                        json: [
                            "post": "grid_worker", "targetId": (inside ? tree.grid1 : tree.grid3).idString,
                            "personId": inside ? person1 : person2,
                            "startedOn": "2026-01-01",
                        ])
                    return try #require(response.json["id"] as? String)
                },
                freshPerson: { inside in try await person(inside ? tree.grid1 : tree.grid3) },
                freshMediator: { inside in
                    let response = try await client.send(
                        .post, "/v1/mediators", token: setup,
                        json: [
                            "personId": try await person(inside ? tree.grid1 : tree.grid3),
                            "areaId": (inside ? tree.community1 : tree.community2).idString, "kind": "engaged",
                            "employment": "part_time",
                        ])
                    return try #require(response.json["id"] as? String, "\(response.text)")
                },
                committee1: committee1, committee2: committee2, member1: try await member(committee1, person1),
                member2: try await member(committee2, person2),
                draft: (try await election(committee1), try await election(committee2)),
                nominating: (try await nominating(committee1).0, try await nominating(committee2).0),
                counting: (try await counting(committee1, tree.grid1), try await counting(committee2, tree.grid3)),
                freshElection: { inside in try await election(inside ? committee1 : committee2) },
                submitted: (
                    try await application(tree.street1, submit: true), try await application(tree.street2, submit: true)
                ),
                admitted: (admittedInside, admittedOutside),
                freshApplication: { inside, submit in
                    try await application(inside ? tree.street1 : tree.street2, submit: submit)
                },
                freshRefusal: { inside in
                    let refusal = try await client.send(
                        .post, "/v1/admission/refusals", token: setup,
                        json: [
                            "communityId": (inside ? tree.community1 : tree.community2).idString,
                            "departmentId": testDepartment, "description": "x",
                            "date": "2026-06-01",
                        ])
                    return try #require(refusal.json["id"] as? String)
                },
                freshRatedCommunity: { inside in
                    let street = inside ? tree.street1 : tree.street2
                    let community = try await tree.provisioning.addArea(
                        .community, name: "评议社区", under: street, deadline: .now.advanced(by: .seconds(5)))
                    let assigned = try await client.send(
                        .post, "/v1/admission/items/\(inside ? admittedInside : admittedOutside)/assignments",
                        token: setup,
                        json: ["communityId": community.idString])
                    #expect(assigned.status == .created)
                    return community.idString
                },
                department: (testDepartment, otherDepartment),
                receivedCase: (
                    try await mediationCase(true, "received").id, try await mediationCase(false, "received").id
                ),
                mediatingCase: (
                    try await mediationCase(true, "in_mediation").id, try await mediationCase(false, "in_mediation").id
                ),
                freshCase: { inside, state in try await mediationCase(inside, state) },
                caseAssigned: { inside, mediator in
                    let fresh = try await mediationCase(inside, "in_mediation", mediator: mediator)
                    return (fresh.id, fresh.parties)
                },
                dispatchedEvent: (
                    try await gridEvent(true, "dispatched").id, try await gridEvent(false, "dispatched").id
                ),
                freshEvent: { inside, state in try await gridEvent(inside, state) },
                meeting: (try await meeting(tree.community1), try await meeting(tree.community2)),
                freshRegistering: { inside in try await registering(inside) },
                freshObjected: { inside in
                    // Polling day 40 days ahead and the roll published today: objections are open.
                    let id = try await election(inside ? committee1 : committee2, arrive: false)
                    try await advance(id, [["to": "registration"], ["to": "nomination"]])
                    let objected = try await client.send(
                        .post, "/v1/elections/\(id)/roll-objections", token: setup,
                        json: [
                            "personId": try await person(inside ? tree.grid1 : tree.grid3), "kind": "omission",
                            "statement": "漏登",
                        ])
                    return (id, try #require(objected.json["id"] as? String, "\(objected.text)"))
                },
                supervisor: (
                    try await supervisor(tree.community1, tree.grid1), try await supervisor(tree.community2, tree.grid3)
                ),
                seatOnElectionCommittee: { election, inside in
                    let seated = try await client.send(
                        .post, "/v1/elections/\(election)/election-committee", token: setup,
                        json: ["personId": try await person(inside ? tree.grid1 : tree.grid3), "role": "member"])
                    let items = seated.json["items"] as? [[String: Any]] ?? []
                    return try #require(items.last?["id"] as? String, "\(seated.text)")
                },
                freshCertified: { inside in
                    // A community of its own: certified by-elections fill the committee's places.
                    let community = try await tree.provisioning.addArea(
                        .community, name: "补选社区", under: inside ? tree.street1 : tree.street2,
                        deadline: .now.advanced(by: .seconds(5)))
                    let (id, station) = try await counting(
                        try await committee(community), inside ? tree.grid1 : tree.grid3)
                    let candidates = try await client.send(.get, "/v1/elections/\(id)/candidates", token: setup)
                    let ids = (candidates.json["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
                    let tallied = try await client.send(
                        .put, "/v1/elections/\(id)/stations/\(station)/tally", token: setup,
                        json: [
                            "round": 1, "issued": 700, "cast": 600, "valid": 600, "invalid": 0,
                            "votes": [["candidateId": ids[0], "votes": 400], ["candidateId": ids[1], "votes": 200]],
                        ])
                    #expect(tallied.status == .ok, "\(tallied.text)")
                    try await advance(id, [["to": "certified"]])
                    return id
                },
                freshRollOfTwo: { inside in
                    let id = try await registering(inside)
                    let (first, second) = (
                        try await person(inside ? tree.grid1 : tree.grid3),
                        try await person(inside ? tree.grid1 : tree.grid3)
                    )
                    try await voter(id, first)
                    try await voter(id, second)
                    return (id, first, second)
                },
                topic: (try await selectedTopic(tree.community1), try await selectedTopic(tree.community2)),
                ruralTopic: (try await selectedTopic(villages.0), try await selectedTopic(villages.1)),
                convention: (
                    try await draftedConvention(tree.community1), try await draftedConvention(tree.community2)
                ),
                conventionInForce: (
                    try await conventionInForce(tree.community1), try await conventionInForce(tree.community2)
                ))
            for role in Role.allCases {
                let issued = try await tree.provisioning.issueToken(
                    role: role, areaId: tree.street1.id, lifetime: 3600, label: "test",
                    departmentId: role == .department ? UUID(uuidString: testDepartment) : nil,
                    deadline: .now.advanced(by: .seconds(5)))
                let token = issued.secret
                let tokenId = issued.token.id.lowercasedString
                for operation in OperationPermissions.table.keys.sorted() {
                    guard case .roles(let allowed) = OperationPermissions.access(for: operation) else { continue }
                    let inside = try await Self.call(operation, inside: true, role: role, tokenId: tokenId, objects)
                    let answer = try await Self.send(inside, token: token, client: client)
                    if allowed.contains(role), let code = Self.districtLevelOperations[operation] {
                        #expect(
                            answer.status == .forbidden && answer.text.contains(code),
                            "\(role) \(operation) from a street: \(answer.status) \(answer.text)")
                        continue
                    }
                    if allowed.contains(role) {
                        #expect(
                            (200..<300).contains(answer.status.code),
                            "\(role) \(operation) in scope: \(answer.status) \(answer.text)")
                    } else {
                        #expect(answer.status == .forbidden, "\(role) \(operation): \(answer.status)")
                    }
                    guard allowed.contains(role), !Self.listOperations.contains(operation) else { continue }
                    let outside = try await Self.call(
                        operation, inside: false, role: role, tokenId: tokenId, objects)
                    let refused = try await Self.send(outside, token: token, client: client)
                    #expect(refused.status == .notFound, "\(role) \(operation) out of scope: \(refused.status)")
                }
            }
        }
    }
}
