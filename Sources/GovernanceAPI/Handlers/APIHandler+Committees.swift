import Foundation
import Governance
import GovernanceOpenAPI
import GovernanceServices
import GovernanceStore

extension APIHandler {
    func createCommittee(_ input: Operations.CreateCommittee.Input) async throws -> Operations.CreateCommittee.Output {
        guard case .json(let body) = input.body else { throw DomainError.validation([]) }
        let new = NewCommittee(
            areaId: try parseBodyID(body.areaId, field: "areaId"),
            kind: try parseEnum(CommitteeKind.self, body.kind.rawValue, field: "kind"),
            subject: try body.subject.map { try parseEnum(SubcommitteeSubject.self, $0.rawValue, field: "subject") },
            name: body.name,
            compound: body.compound, termStart: try parseDay(body.termStart, field: "termStart"),
            termEnd: try body.termEnd.map { try parseDay($0, field: "termEnd") })
        let committee = try await committeeService.create(new, context: .current())
        setHeaders(version: committee.version, location: "/v1/committees/\(committee.id.lowercasedString)")
        return .created(.init(body: .json(try .init(committee))))
    }

    func listCommittees(_ input: Operations.ListCommittees.Input) async throws -> Operations.ListCommittees.Output {
        let page = try await committeeService.list(
            areaId: try parseFilterID(input.query.areaId, field: "areaId"),
            kind: try input.query.kind.map { try parseEnum(CommitteeKind.self, $0.rawValue, field: "kind") },
            compliant: input.query.compliant, ids: try parseIDBatch(input.query.ids),
            cursor: input.query.cursor, limit: input.query.limit, context: .current())
        return .ok(
            .init(
                body: .json(
                    try .init(
                        items: CSVRowSink.divert(page.items.map(Components.Schemas.Committee.init)),
                        nextCursor: page.nextCursor))))
    }

    func getCommittee(_ input: Operations.GetCommittee.Input) async throws -> Operations.GetCommittee.Output {
        let committee = try await committeeService.get(
            try parseID(input.path.committeeId, resource: "committee"), context: .current())
        setHeaders(version: committee.version)
        return .ok(.init(body: .json(try .init(committee))))
    }

    func updateCommittee(_ input: Operations.UpdateCommittee.Input) async throws -> Operations.UpdateCommittee.Output {
        let body: Components.Schemas.CommitteePatch =
            switch input.body {
            case .json(let body), .applicationMergePatchJson(let body): body
            }
        try MergePatch(rawBody: request.rawBody).requireNonNull(["name", "termStart", "termEnd"])
        let committee = try await committeeService.update(
            try parseID(input.path.committeeId, resource: "committee"), name: body.name,
            termStart: try body.termStart.map { try parseDay($0, field: "termStart") },
            termEnd: try body.termEnd.map { try parseDay($0, field: "termEnd") },
            expectedVersion: try IfMatch.expectedVersion(ifMatch: input.headers.ifMatch), context: .current())
        setHeaders(version: committee.version)
        return .ok(.init(body: .json(try .init(committee))))
    }

    func getCommitteeCompliance(_ input: Operations.GetCommitteeCompliance.Input) async throws
        -> Operations.GetCommitteeCompliance.Output
    {
        let (committee, findings) = try await committeeService.compliance(
            try parseID(input.path.committeeId, resource: "committee"), context: .current())
        let language = request.language
        return .ok(
            .init(
                body: .json(
                    .init(
                        committeeId: committee.id.lowercasedString, lawVersion: committee.lawVersion,
                        compliant: CommitteeCompliance.isCompliant(findings),
                        findings: findings.map {
                            .init(
                                rule: $0.rule, code: $0.code, message: $0.message.text(language), actual: $0.actual,
                                expected: $0.expected, atNextElection: $0.atNextElection)
                        }))))
    }

    func addCommitteeMember(_ input: Operations.AddCommitteeMember.Input) async throws
        -> Operations.AddCommitteeMember.Output
    {
        guard case .json(let body) = input.body else { throw DomainError.validation([]) }
        let new = NewCommitteeMember(
            personId: try parseBodyID(body.personId, field: "personId"),
            position: try parseEnum(CommitteePosition.self, body.position.rawValue, field: "position"),
            constituency: try body.constituency.map {
                try parseEnum(Constituency.self, $0.rawValue, field: "constituency")
            },
            startedOn: try parseDay(body.startedOn, field: "startedOn"),
            endedOn: try body.endedOn.map { try parseDay($0, field: "endedOn") },
            concurrentPartySecretary: body.concurrentPartySecretary ?? false,
            financeRole: try body.financeRole.map {
                try parseEnum(FinanceRole.self, $0.rawValue, field: "financeRole")
            },
            closeRelativeOf: try (body.closeRelativeOf ?? []).map { try parseBodyID($0, field: "closeRelativeOf") })
        let member = try await committeeService.addMember(
            try parseID(input.path.committeeId, resource: "committee"), new, context: .current())
        setHeaders(version: member.version)
        return .created(.init(body: .json(try .init(member))))
    }

    func listCommitteeMembers(_ input: Operations.ListCommitteeMembers.Input) async throws
        -> Operations.ListCommitteeMembers.Output
    {
        let members = try await committeeService.members(
            try parseID(input.path.committeeId, resource: "committee"), context: .current())
        return .ok(.init(body: .json(try .init(items: members.map(Components.Schemas.CommitteeMember.init)))))
    }

    func updateCommitteeMember(_ input: Operations.UpdateCommitteeMember.Input) async throws
        -> Operations.UpdateCommitteeMember.Output
    {
        let body: Components.Schemas.CommitteeMemberPatch =
            switch input.body {
            case .json(let body), .applicationMergePatchJson(let body): body
            }
        try MergePatch(rawBody: request.rawBody).requireNonNull(["endedOn", "endReason", "concurrentPartySecretary"])
        let member = try await committeeService.updateMember(
            try parseID(input.path.committeeId, resource: "committee"),
            try parseID(input.path.memberId, resource: "committee_member"),
            endedOn: try body.endedOn.map { try parseDay($0, field: "endedOn") },
            endReason: try body.endReason.map { try parseEnum(TenureEndReason.self, $0.rawValue, field: "endReason") },
            concurrentPartySecretary: body.concurrentPartySecretary,
            expectedVersion: try IfMatch.expectedVersion(ifMatch: input.headers.ifMatch), context: .current())
        setHeaders(version: member.version)
        return .ok(.init(body: .json(try .init(member))))
    }

    func getRuleProfile(_ input: Operations.GetRuleProfile.Input) async throws -> Operations.GetRuleProfile.Output {
        let areaId = try parseID(input.path.areaId, resource: "area")
        let profile = try await committeeService.ruleProfile(of: areaId, context: .current())
        return .ok(.init(body: .json(try .init(profile, areaId: areaId))))
    }

    func updateRuleProfile(_ input: Operations.UpdateRuleProfile.Input) async throws
        -> Operations.UpdateRuleProfile.Output
    {
        guard case .json(let body) = input.body else { throw DomainError.validation([]) }
        let parameters = body.parameters.additionalProperties.mapValues { $0 }
        let areaId = try parseID(input.path.areaId, resource: "area")
        let profile = try await committeeService.setRuleProfile(of: areaId, parameters, context: .current())
        return .ok(.init(body: .json(try .init(profile, areaId: areaId))))
    }
}
