import Foundation
import Governance
import GovernanceOpenAPI
import GovernanceServices
import GovernanceStore

// The voter roll: registration, import, objections and proxies (ELE-3, ELE-4, ELE-5, ELE-23).
extension APIHandler {
    func registerVoter(_ input: Operations.RegisterVoter.Input) async throws -> Operations.RegisterVoter.Output {
        guard case .json(let body) = input.body else { throw DomainError.validation([]) }
        let voter = try await voterRollService.register(
            try parseID(input.path.electionId, resource: "election"),
            NewVoter(
                personId: try parseBodyID(body.personId, field: "personId"),
                category: try parseEnum(VoterCategory.self, body.category.rawValue, field: "category"),
                certificate: body.certificate,
                consentMeetingId: try parseFilterID(body.consentMeetingId, field: "consentMeetingId")),
            context: .current())
        return .created(.init(body: .json(try .init(voter))))
    }

    func listVoters(_ input: Operations.ListVoters.Input) async throws -> Operations.ListVoters.Output {
        let page = try await voterRollService.voters(
            try parseID(input.path.electionId, resource: "election"), cursor: input.query.cursor,
            limit: input.query.limit, context: .current())
        return .ok(
            .init(
                body: .json(
                    .init(items: CSVRowSink.divert(try page.items.map { try .init($0) }), nextCursor: page.nextCursor)))
        )
    }

    func importVoters(_ input: Operations.ImportVoters.Input) async throws -> Operations.ImportVoters.Output {
        let report = try await voterRollService.importResidents(
            try parseID(input.path.electionId, resource: "election"), context: .current())
        return .ok(
            .init(
                body: .json(
                    .init(
                        registered: report.registered,
                        leftOut: try report.leftOut.map {
                            .init(personId: $0.personId.lowercasedString, reason: try bridged($0.reason))
                        }))))
    }

    func fileRollObjection(_ input: Operations.FileRollObjection.Input) async throws
        -> Operations.FileRollObjection.Output
    {
        guard case .json(let body) = input.body else { throw DomainError.validation([]) }
        let context = try CallContext.current()
        let objection = try await voterRollService.object(
            try parseID(input.path.electionId, resource: "election"),
            personId: try parseBodyID(body.personId, field: "personId"),
            kind: try parseEnum(RollObjectionKind.self, body.kind.rawValue, field: "kind"), statement: body.statement,
            context: context)
        return .created(.init(body: .json(try .init(objection, today: context.today))))
    }

    func listRollObjections(_ input: Operations.ListRollObjections.Input) async throws
        -> Operations.ListRollObjections.Output
    {
        let context = try CallContext.current()
        let objections = try await voterRollService.objections(
            try parseID(input.path.electionId, resource: "election"), context: context)
        return .ok(.init(body: .json(.init(items: try objections.map { try .init($0, today: context.today) }))))
    }

    func decideRollObjection(_ input: Operations.DecideRollObjection.Input) async throws
        -> Operations.DecideRollObjection.Output
    {
        guard case .json(let body) = input.body else { throw DomainError.validation([]) }
        let context = try CallContext.current()
        let objection = try await voterRollService.decide(
            try parseID(input.path.electionId, resource: "election"),
            objectionId: try parseID(input.path.objectionId, resource: "roll_objection"), upheld: body.upheld,
            decision: body.decision, context: context)
        return .ok(.init(body: .json(try .init(objection, today: context.today))))
    }

    func entrustProxy(_ input: Operations.EntrustProxy.Input) async throws -> Operations.EntrustProxy.Output {
        guard case .json(let body) = input.body else { throw DomainError.validation([]) }
        let proxy = try await voterRollService.entrust(
            try parseID(input.path.electionId, resource: "election"),
            voter: try parseBodyID(body.voterPersonId, field: "voterPersonId"),
            proxy: try parseBodyID(body.proxyPersonId, field: "proxyPersonId"),
            writtenOn: try parseDay(body.writtenOn, field: "writtenOn"), context: .current())
        return .created(
            .init(
                body: .json(
                    .init(
                        id: proxy.id.lowercasedString, voterPersonId: proxy.voterPersonId.lowercasedString,
                        proxyPersonId: proxy.proxyPersonId.lowercasedString, writtenOn: proxy.writtenOn.description))))
    }
}

// The election committee that presides over the election (ELE-6).
extension APIHandler {
    func addElectionCommitteeMember(_ input: Operations.AddElectionCommitteeMember.Input) async throws
        -> Operations.AddElectionCommitteeMember.Output
    {
        guard case .json(let body) = input.body else { throw DomainError.validation([]) }
        let committee = try await electionService.addToElectionCommittee(
            try parseID(input.path.electionId, resource: "election"),
            personId: try parseBodyID(body.personId, field: "personId"),
            role: try parseEnum(ElectionCommitteeMember.Role.self, body.role.rawValue, field: "role"),
            context: .current())
        return .created(.init(body: .json(try Self.electionCommittee(committee))))
    }

    func getElectionCommittee(_ input: Operations.GetElectionCommittee.Input) async throws
        -> Operations.GetElectionCommittee.Output
    {
        let committee = try await electionService.electionCommittee(
            try parseID(input.path.electionId, resource: "election"), context: .current())
        return .ok(.init(body: .json(try Self.electionCommittee(committee))))
    }

    func withdrawFromElectionCommittee(_ input: Operations.WithdrawFromElectionCommittee.Input) async throws
        -> Operations.WithdrawFromElectionCommittee.Output
    {
        let committee = try await electionService.withdrawFromElectionCommittee(
            try parseID(input.path.electionId, resource: "election"),
            memberId: try parseID(input.path.memberId, resource: "election_committee_member"), context: .current())
        return .ok(.init(body: .json(try Self.electionCommittee(committee))))
    }

    static func electionCommittee(_ members: [ElectionCommitteeMember]) throws
        -> Components.Schemas.ElectionCommittee
    {
        .init(
            items: try members.map {
                .init(
                    id: $0.id.lowercasedString, personId: $0.personId.lowercasedString, role: try bridged($0.role),
                    joinedOn: $0.joinedOn.description, withdrawnOn: $0.withdrawnOn?.description)
            })
    }
}
