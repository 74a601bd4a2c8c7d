import Foundation
import Governance
import GovernanceOpenAPI
import GovernanceServices
import GovernanceStore

// Elections: generated types ⇄ domain types.

extension Components.Schemas.Seats {
    init(_ seats: [CommitteePosition: Int]) throws {
        self.init(
            director: seats[.director] ?? 0, deputyDirector: seats[.deputyDirector] ?? 0, member: seats[.member] ?? 0)
    }

    var domain: [CommitteePosition: Int] {
        [.director: director ?? 0, .deputyDirector: deputyDirector ?? 0, .member: member ?? 0]
    }
}

extension Components.Schemas.Election {
    init(_ election: Election, today: CalendarDay) throws {
        self.init(
            id: election.id.lowercasedString, committeeId: election.committeeId.lowercasedString,
            kind: try bridged(election.kind),
            method: try bridged(election.method), seats: try .init(election.seats),
            pollingDay: election.pollingDay.description,
            status: try bridged(election.status), lawVersion: election.lawVersion,
            rollPublishedOn: election.rollPublishedOn?.description,
            candidatesPublishedOn: election.candidatesPublishedOn?.description,
            certifiedOn: election.certifiedOn?.description,
            handoverDue: election.certifiedOn.map { ElectionIntegrity.handoverDue(certifiedOn: $0).description },
            handoverOn: election.handoverOn?.description,
            handoverOverdue: election.certifiedOn.map { _ in
                ElectionIntegrity.handoverOverdue(
                    certifiedOn: election.certifiedOn, handoverOn: election.handoverOn, today: today)
            },
            annulment: try election.annulment.map {
                .init(annulledOn: $0.annulledOn.description, ground: try bridged($0.ground), reason: $0.reason)
            }, version: election.version, createdAt: election.createdAt)
    }
}

extension Components.Schemas.TallySheet {
    init(_ tally: Tally) throws {
        self.init(
            round: tally.round, issued: tally.issued, cast: tally.cast, valid: tally.valid, invalid: tally.invalid,
            proxy: tally.proxy,
            votes: tally.votes.sorted { $0.key.uuidString < $1.key.uuidString }.map {
                .init(candidateId: $0.key.lowercasedString, votes: $0.value)
            })
    }

    func domain() throws -> Tally {
        var votes: [UUID: Int] = [:]
        for entry in self.votes {
            guard let id = try parseFilterID(entry.candidateId, field: "votes/candidateId") else { continue }
            votes[id, default: 0] += entry.votes
        }
        return Tally(
            round: round, issued: issued, cast: cast, valid: valid, invalid: invalid, proxy: proxy ?? 0, votes: votes)
    }
}

extension Components.Schemas.PollingStation {
    init(_ station: PollingStation) throws {
        self.init(
            id: station.id.lowercasedString, name: station.name, registeredVoters: station.registeredVoters,
            mobile: station.mobile, secretBooth: station.secretBooth,
            tallies: try station.tallies.map(Components.Schemas.TallySheet.init))
    }
}

extension Components.Schemas.Candidate {
    init(_ candidate: Candidate) throws {
        self.init(
            id: candidate.id.lowercasedString, personId: candidate.personId.lowercasedString, name: candidate.name,
            position: try bridged(candidate.position), round: candidate.round)
    }
}

extension Components.Schemas.ElectionResults {
    init(_ results: ElectionResults, electionId: UUID, candidates: [Candidate]) throws {
        let names = Dictionary(uniqueKeysWithValues: candidates.map { ($0.id, $0.name) })
        self.init(
            electionId: electionId.lowercasedString, registeredVoters: results.registered,
            registeredFrom: results.registeredFromRoll ? .roll : .stations, ballotsCast: results.cast,
            turnout: results.turnout,
            valid: results.valid,
            outcomes: try results.outcomes.map { outcome in
                .init(
                    candidateId: outcome.candidateId.lowercasedString, name: names[outcome.candidateId] ?? "",
                    position: try bridged(outcome.position),
                    round: outcome.round, votes: outcome.votes, share: outcome.share, threshold: outcome.threshold,
                    elected: outcome.elected,
                    reason: try bridged(outcome.reason))
            },
            unfilledSeats: try .init(results.unfilled))
    }
}

extension Components.Schemas.Voter {
    init(_ voter: Voter) throws {
        self.init(
            id: voter.id.lowercasedString, personId: voter.personId.lowercasedString, personName: voter.personName,
            category: try bridged(voter.category), certificate: voter.certificate,
            consentMeetingId: voter.consentMeetingId?.lowercasedString, registeredOn: voter.registeredOn.description)
    }
}

extension Components.Schemas.RollObjection {
    init(_ objection: RollObjection, today: CalendarDay) throws {
        self.init(
            id: objection.id.lowercasedString, personId: objection.personId.lowercasedString,
            kind: try bridged(objection.kind), statement: objection.statement,
            filedOn: objection.filedOn.description, decisionDue: objection.decisionDue.description,
            overdue: objection.overdue(today: today), decidedOn: objection.decidedOn?.description,
            upheld: objection.upheld, decision: objection.decision)
    }
}
