import Foundation
import Governance
import GovernanceOpenAPI
import GovernanceServices
import GovernanceStore
import OpenAPIRuntime

extension APIHandler {
    func createElection(_ input: Operations.CreateElection.Input) async throws -> Operations.CreateElection.Output {
        guard case .json(let body) = input.body else { throw DomainError.validation([]) }
        let new = NewElection(
            committeeId: try parseBodyID(body.committeeId, field: "committeeId"),
            kind: try parseEnum(ElectionKind.self, body.kind.rawValue, field: "kind"),
            method: try parseEnum(ElectionMethod.self, body.method.rawValue, field: "method"),
            seats: body.seats.domain, pollingDay: try parseDay(body.pollingDay, field: "pollingDay"))
        let election = try await electionService.create(new, context: .current())
        setHeaders(version: election.version, location: "/v1/elections/\(election.id.lowercasedString)")
        return .created(.init(body: .json(try .init(election, today: try CallContext.current().today))))
    }

    func getElection(_ input: Operations.GetElection.Input) async throws -> Operations.GetElection.Output {
        let election = try await electionService.get(
            try parseID(input.path.electionId, resource: "election"), context: .current())
        setHeaders(version: election.version)
        return .ok(.init(body: .json(try .init(election, today: try CallContext.current().today))))
    }

    func transitionElection(_ input: Operations.TransitionElection.Input) async throws
        -> Operations.TransitionElection.Output
    {
        guard case .json(let body) = input.body else { throw DomainError.validation([]) }
        let election = try await electionService.transition(
            try parseID(input.path.electionId, resource: "election"),
            to: try parseEnum(ElectionStatus.self, body.to.rawValue, field: "to"),
            rollPublishedOn: try body.rollPublishedOn.map { try parseDay($0, field: "rollPublishedOn") },
            publishedOn: try body.publishedOn.map { try parseDay($0, field: "publishedOn") }, context: .current())
        setHeaders(version: election.version)
        return .ok(.init(body: .json(try .init(election, today: try CallContext.current().today))))
    }

    func annulElection(_ input: Operations.AnnulElection.Input) async throws -> Operations.AnnulElection.Output {
        guard case .json(let body) = input.body else { throw DomainError.validation([]) }
        let context = try CallContext.current()
        let election = try await electionService.annul(
            try parseID(input.path.electionId, resource: "election"),
            ground: try parseEnum(AnnulmentGround.self, body.ground.rawValue, field: "ground"), reason: body.reason,
            context: context)
        setHeaders(version: election.version)
        return .ok(.init(body: .json(try .init(election, today: context.today))))
    }

    func recordElectionHandover(_ input: Operations.RecordElectionHandover.Input) async throws
        -> Operations.RecordElectionHandover.Output
    {
        guard case .json(let body) = input.body else { throw DomainError.validation([]) }
        let context = try CallContext.current()
        let election = try await electionService.recordHandover(
            try parseID(input.path.electionId, resource: "election"), note: body.note,
            statedDay: try body.handedOverOn.map { try parseDay($0, field: "handedOverOn") }, context: context)
        setHeaders(version: election.version)
        return .ok(.init(body: .json(try .init(election, today: context.today))))
    }

    func createPollingStation(_ input: Operations.CreatePollingStation.Input) async throws
        -> Operations.CreatePollingStation.Output
    {
        guard case .json(let body) = input.body else { throw DomainError.validation([]) }
        let station = try await electionService.addStation(
            try parseID(input.path.electionId, resource: "election"), name: body.name,
            registeredVoters: body.registeredVoters, mobile: body.mobile ?? false,
            secretBooth: body.secretBooth ?? true,
            context: .current())
        return .created(.init(body: .json(try .init(station))))
    }

    func listPollingStations(_ input: Operations.ListPollingStations.Input) async throws
        -> Operations.ListPollingStations.Output
    {
        let stations = try await electionService.stations(
            try parseID(input.path.electionId, resource: "election"), context: .current())
        return .ok(.init(body: .json(try .init(items: stations.map(Components.Schemas.PollingStation.init)))))
    }

    func putTally(_ input: Operations.PutTally.Input) async throws -> Operations.PutTally.Output {
        guard case .json(let body) = input.body else { throw DomainError.validation([]) }
        let station = try await electionService.putTally(
            try parseID(input.path.electionId, resource: "election"),
            stationId: try parseID(input.path.stationId, resource: "election_station"),
            try body.domain(), context: .current())
        return .ok(.init(body: .json(try .init(station))))
    }

    func addCandidate(_ input: Operations.AddCandidate.Input) async throws -> Operations.AddCandidate.Output {
        guard case .json(let body) = input.body else { throw DomainError.validation([]) }
        let candidate = try await electionService.addCandidate(
            try parseID(input.path.electionId, resource: "election"),
            personId: try parseBodyID(body.personId, field: "personId"),
            position: try parseEnum(CommitteePosition.self, body.position.rawValue, field: "position"),
            round: body.round ?? 1, context: .current())
        return .created(.init(body: .json(try .init(candidate))))
    }

    func listCandidates(_ input: Operations.ListCandidates.Input) async throws -> Operations.ListCandidates.Output {
        let candidates = try await electionService.candidates(
            try parseID(input.path.electionId, resource: "election"), context: .current())
        return .ok(.init(body: .json(try .init(items: candidates.map(Components.Schemas.Candidate.init)))))
    }

    func getElectionResults(_ input: Operations.GetElectionResults.Input) async throws
        -> Operations.GetElectionResults.Output
    {
        let electionId = try parseID(input.path.electionId, resource: "election")
        let (results, candidates) = try await electionService.results(electionId, context: .current())
        return .ok(.init(body: .json(try .init(results, electionId: electionId, candidates: candidates))))
    }

    func getElectionRecord(_ input: Operations.GetElectionRecord.Input) async throws
        -> Operations.GetElectionRecord.Output
    {
        let electionId = try parseID(input.path.electionId, resource: "election")
        let record = try await electionService.record(electionId, context: .current())
        return .ok(
            .init(
                body: .json(
                    .init(
                        electionId: electionId.lowercasedString, canonical: record.canonical, sha256: record.sha256))))
    }

    func recallCommitteeMember(_ input: Operations.RecallCommitteeMember.Input) async throws
        -> Operations.RecallCommitteeMember.Output
    {
        guard case .json(let body) = input.body else { throw DomainError.validation([]) }
        let memberId = try parseID(input.path.memberId, resource: "committee_member")
        let vote = RecallVote(
            signatures: body.signatures, representativeSignatures: body.representativeSignatures ?? 0,
            representatives: body.representatives ?? 0,
            registeredVoters: body.registeredVoters, cast: body.cast, inFavour: body.inFavour)
        let outcome = try await electionService.recall(
            committeeId: try parseID(input.path.committeeId, resource: "committee"), memberId: memberId, vote: vote,
            reasons: body.reasons,
            context: .current())
        return .created(
            .init(
                body: .json(
                    .init(
                        id: outcome.id.lowercasedString, memberId: memberId.lowercasedString,
                        petitionValid: vote.petitionValid, passed: outcome.passed))))
    }

    func getPublicElection(_ input: Operations.GetPublicElection.Input) async throws
        -> Operations.GetPublicElection.Output
    {
        let electionId = try parseID(input.path.electionId, resource: "election")
        let (election, candidates, results) = try await electionService.publicView(
            electionId, deadline: request.deadline)
        let names = Dictionary(uniqueKeysWithValues: candidates.map { ($0.id, $0.name) })
        let announcement = Components.Schemas.PublicElection(
            electionId: electionId.lowercasedString, status: try bridged(election.status),
            pollingDay: election.pollingDay.description,
            candidates: candidates.map {
                .init(name: $0.name, position: $0.position.rawValue, round: $0.round)
            },
            results: results.map { results in
                results.outcomes.map {
                    .init(
                        name: names[$0.candidateId] ?? "", position: $0.position.rawValue, votes: $0.votes,
                        elected: $0.elected)
                }
            })
        if PublicPages.prefersHTML(input.headers.accept) {
            return .ok(.init(body: .html(HTTPBody(PublicPages.election(announcement)))))
        }
        return .ok(.init(body: .json(announcement)))
    }
}
