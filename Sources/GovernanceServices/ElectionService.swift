package import Foundation
package import Governance
package import GovernanceStore
import Postgres

/// Elections: the lifecycle, the checks of each step, results computed by the legal thresholds,
/// certification into the committee, the verifiable record, and recalls (domain-rules.md §2.2).
package struct ElectionService: Sendable {
    let store: Store
    let people: PersonRepository
    let committees: CommitteeRepository
    let committeeService: CommitteeService
    let elections: ElectionRepository
    let areas: AreaRepository
    let rolls: VoterRollRepository
    let profiles: RuleProfiles

    /// Creates the service.
    package init(store: Store, committeeService: CommitteeService) {
        self.store = store
        self.people = PersonRepository(store: store)
        self.committees = CommitteeRepository(store: store)
        self.committeeService = committeeService
        self.elections = ElectionRepository(store: store)
        self.rolls = VoterRollRepository(store: store)
        self.areas = AreaRepository(store: store)
        self.profiles = RuleProfiles(store: store)
    }

    /// Creates an election of a committee in the caller's scope.
    package func create(_ new: NewElection, context: CallContext) async throws -> Election {
        try await store.audited(context.write) { transaction in
            guard
                let committee = try await committees.find(
                    new.committeeId, scopePath: context.scopePath, via: .transaction(transaction))
            else {
                throw DomainError.notFound("committee")
            }
            let profile = try await profiles.profile(
                for: committee.areaPath, on: context.today, via: .transaction(transaction))
            let officers =
                new.kind == .byElection
                ? try await committees.activeOfficerCount(of: committee.id, on: context.today, in: transaction) : 0
            try new.validate(
                committeeKind: committee.kind, profile: profile, activeOfficers: officers, today: context.today)
            let election = try await elections.insert(
                new, committee: committee, lawVersion: RuleProfile.lawVersion(on: context.today),
                rollDaysBefore: profile[.rollPublishedDaysBefore],
                candidateDaysBefore: profile[.candidatesPublishedDaysBefore], in: transaction)
            return AuditedChange(
                election, resourceType: "election", resourceId: election.id, areaPath: election.areaPath,
                summary: [
                    "committeeId": JSONValue(committee.id), "kind": JSONValue(new.kind),
                    "pollingDay": .string(new.pollingDay.description),
                ])
        }
    }

    /// The election `id` in the caller's scope.
    package func get(_ id: UUID, context: CallContext) async throws -> Election {
        guard
            let election = try await elections.find(
                id, scopePath: context.scopePath, via: .pipeline(deadline: context.deadline))
        else {
            throw DomainError.notFound("election")
        }
        return election
    }

    /// Moves an election along its lifecycle with the checks of each step (ELE-5, ELE-7, certification).
    package func transition(
        _ id: UUID, to target: ElectionStatus, rollPublishedOn: CalendarDay?, publishedOn: CalendarDay?,
        context: CallContext
    ) async throws -> Election {
        try await store.audited(context.write) { transaction in
            let election = try await locked(id, context: context, in: transaction)
            var facts = ElectionStepFacts(
                today: context.today, statedRollPublishedOn: rollPublishedOn, statedPublishedOn: publishedOn)
            // Candidates and results matter to some steps only (ELE-7, ELE-12).
            switch (election.status, target) {
            case (_, .voting):
                facts.stationsWithoutSecretBooth = try await elections.stations(
                    of: id, via: .transaction(transaction)
                ).filter { !$0.secretBooth }.count
            case (_, .candidatesPublished):
                facts.firstBallotCandidates = try await elections.candidates(of: id, via: .transaction(transaction))
                    .filter { $0.round == 1 }.map(\.position)
            case (.counting, .runoff), (.runoff, .counting):
                let (results, candidates) = try await computeResults(id, via: .transaction(transaction))
                facts.results = results
                let openRound = (candidates.map(\.round).max() ?? 1)
                facts.runoffCandidates = candidates.filter { $0.round == openRound && openRound > 1 }.map(\.position)
            default: break
            }
            let change = try election.decideTransition(to: target, facts)
            if target == .certified { try await certify(election, context: context, in: transaction) }
            try await elections.apply(id, change, in: transaction)
            guard let moved = try await elections.find(id, scopePath: context.scopePath, via: .transaction(transaction))
            else {
                throw DomainError.notFound("election")
            }
            return AuditedChange(
                moved, resourceType: "election", resourceId: id, areaPath: election.areaPath,
                summary: ["from": JSONValue(election.status), "to": JSONValue(target)])
        }
    }

    /// Adds a polling station before nomination closes.
    package func addStation(
        _ electionId: UUID, name: String, registeredVoters: Int, mobile: Bool, secretBooth: Bool, context: CallContext
    ) async throws -> PollingStation {
        var validator = FieldValidator()
        validator.length("name", name, max: 100)
        validator.notBlank("name", name)
        validator.range("registeredVoters", registeredVoters, 0...10_000_000)
        try validator.check()
        return try await store.audited(context.write) { transaction in
            let election = try await locked(electionId, context: context, in: transaction)
            guard [.draft, .registration, .nomination].contains(election.status) else { throw Self.locked }
            let id = try await elections.insertStation(
                electionId: electionId, name: name, registeredVoters: registeredVoters, mobile: mobile,
                secretBooth: secretBooth, in: transaction)
            var station = PollingStation(
                id: id, name: name, registeredVoters: registeredVoters, mobile: mobile, tallies: [])
            station.secretBooth = secretBooth
            return AuditedChange(
                station,
                resourceType: "election_station",
                resourceId: id, areaPath: election.areaPath,
                summary: ["name": .string(name), "registeredVoters": .int(registeredVoters)])
        }
    }

    /// The stations of an election in the caller's scope.
    package func stations(_ electionId: UUID, context: CallContext) async throws -> [PollingStation] {
        _ = try await get(electionId, context: context)
        return try await elections.stations(of: electionId, via: .pipeline(deadline: context.deadline))
    }

    /// Registers a candidate for a round.
    package func addCandidate(
        _ electionId: UUID, personId: UUID, position: CommitteePosition, round: Int, context: CallContext
    ) async throws -> Candidate {
        var validator = FieldValidator()
        validator.range("round", round, 1...10)
        try validator.check()
        return try await store.audited(context.write) { transaction in
            let election = try await locked(electionId, context: context, in: transaction)
            // First-ballot candidates during nomination; run-off candidates while a run-off is prepared.
            let open = round == 1 ? election.status == .nomination : election.status == .runoff
            guard open else {
                throw DomainError(
                    .conflict, code: "election.candidates_closed",
                    message: LocalizedText(zh: "当前阶段不能登记该轮候选人。", en: "Candidates for this round cannot be added now."))
            }
            guard (election.seats[position] ?? 0) > 0 else {
                throw DomainError(
                    .unprocessable, code: "election.no_seat_for_position",
                    message: LocalizedText(zh: "该职位没有应选名额。", en: "There is no seat for this position."))
            }
            guard
                let person = try await people.find(
                    personId, scopePath: context.scopePath, reveal: false, deadline: context.deadline)
            else {
                throw DomainError.notFound("person")
            }
            // ELE-6: a serving member of the election committee withdraws before standing.
            try ElectionCommitteeMember.checkCandidate(
                sitsOnElectionCommittee: try await elections.electionCommittee(
                    of: electionId, via: .transaction(transaction)
                ).contains { $0.personId == personId && $0.withdrawnOn == nil })
            if round > 1 {
                try await checkRunoffCandidate(
                    personId, position: position, round: round, of: electionId, in: transaction)
            }
            let id = try await elections.insertCandidate(
                electionId: electionId, personId: personId, position: position, round: round, in: transaction)
            return AuditedChange(
                Candidate(id: id, personId: personId, name: person.name, position: position, round: round),
                resourceType: "election_candidate",
                resourceId: id, areaPath: election.areaPath,
                summary: ["position": JSONValue(position), "round": .int(round)])
        }
    }

    /// The candidates of an election in the caller's scope.
    package func candidates(_ electionId: UUID, context: CallContext) async throws -> [Candidate] {
        _ = try await get(electionId, context: context)
        return try await elections.candidates(of: electionId, via: .pipeline(deadline: context.deadline))
    }

    /// Stores a station's checked tally for a round.
    package func putTally(_ electionId: UUID, stationId: UUID, _ tally: Tally, context: CallContext) async throws
        -> PollingStation
    {
        try await store.audited(context.write) { transaction in
            let election = try await locked(electionId, context: context, in: transaction)
            guard election.status.acceptsTallies else { throw Self.locked }
            let candidates = try await elections.candidates(of: electionId, via: .transaction(transaction)).filter {
                $0.round == tally.round
            }
            try tally.validate(
                positions: Dictionary(uniqueKeysWithValues: candidates.map { ($0.id, $0.position) }),
                seats: election.seats)
            guard
                let station = try await elections.stations(of: electionId, via: .transaction(transaction)).first(
                    where: { $0.id == stationId })
            else {
                throw DomainError.notFound("election_station")
            }
            if tally.issued > station.registeredVoters {
                throw DomainError.validation([
                    .init(
                        field: "issued", code: "exceeds_registered",
                        message: LocalizedText(zh: "发出选票多于登记选民。", en: "More ballots issued than registered voters."))
                ])
            }
            try await elections.putTally(stationId: stationId, tally, in: transaction)
            guard
                let updated = try await elections.stations(of: electionId, via: .transaction(transaction)).first(
                    where: { $0.id == stationId })
            else {
                throw DomainError.notFound("election_station")
            }
            return AuditedChange(
                updated, resourceType: "election_station", resourceId: stationId, areaPath: election.areaPath,
                summary: ["round": .int(tally.round), "cast": .int(tally.cast), "valid": .int(tally.valid)])
        }
    }

    /// Validity and winners computed seat by seat by the legal thresholds.
    package func results(_ electionId: UUID, context: CallContext) async throws -> (ElectionResults, [Candidate]) {
        _ = try await get(electionId, context: context)
        return try await computeResults(electionId, via: .pipeline(deadline: context.deadline))
    }

    /// The canonical JSON of the election, its stations and tallies and the computed results,
    /// with its SHA-256: any change of a tally changes the digest.
    package func record(_ electionId: UUID, context: CallContext) async throws -> (canonical: String, sha256: String) {
        let election = try await get(electionId, context: context)
        let stations = try await elections.stations(of: electionId, via: .pipeline(deadline: context.deadline))
        let (results, candidates) = try await computeResults(electionId, via: .pipeline(deadline: context.deadline))
        let document: JSONValue = [
            "election": [
                "id": JSONValue(election.id), "committeeId": JSONValue(election.committeeId),
                "kind": JSONValue(election.kind),
                "pollingDay": .string(election.pollingDay.description), "status": JSONValue(election.status),
                "lawVersion": .int(election.lawVersion),
                "seats": .object(
                    Dictionary(uniqueKeysWithValues: election.seats.map { ($0.key.rawValue, JSONValue.int($0.value)) })),
            ],
            "candidates": .array(
                candidates.map {
                    [
                        "id": JSONValue($0.id), "name": .string($0.name), "position": JSONValue($0.position),
                        "round": .int($0.round),
                    ]
                }),
            "stations": .array(
                stations.map { station in
                    [
                        "id": JSONValue(station.id), "name": .string(station.name),
                        "registeredVoters": .int(station.registeredVoters),
                        "tallies": .array(
                            station.tallies.map { tally in
                                [
                                    "round": .int(tally.round), "issued": .int(tally.issued), "cast": .int(tally.cast),
                                    "valid": .int(tally.valid),
                                    "invalid": .int(tally.invalid), "proxy": .int(tally.proxy),
                                    "votes": .object(
                                        Dictionary(
                                            uniqueKeysWithValues: tally.votes.map {
                                                ($0.key.lowercasedString, JSONValue.int($0.value))
                                            })),
                                ]
                            }),
                    ]
                }),
            "results": [
                "registered": .int(results.registered), "cast": .int(results.cast), "valid": .bool(results.valid),
                "elected": .array(
                    results.elected.map {
                        ["candidateId": JSONValue($0.candidateId), "round": .int($0.round), "votes": .int($0.votes)]
                    }),
            ],
        ]
        let canonical = document.canonicalText
        let digest = Crypto.sha256(Data(canonical.utf8)).map { String(format: "%02x", $0) }.joined()
        return (canonical, digest)
    }

    /// Records a recall vote (ELE-18); a passed recall ends the tenure (ELE-19).
    package func recall(
        committeeId: UUID, memberId: UUID, vote: RecallVote, reasons: String, context: CallContext
    ) async throws -> (id: UUID, passed: Bool) {
        var validator = FieldValidator()
        validator.length("reasons", reasons, max: 2000)
        validator.notBlank("reasons", reasons)
        try validator.check()
        return try await store.audited(context.write) { transaction in
            guard
                let committee = try await committees.find(
                    committeeId, scopePath: context.scopePath, via: .transaction(transaction)),
                let member = try await committees.member(memberId, committeeId: committeeId, in: transaction)
            else { throw DomainError.notFound("committee_member") }
            var vote = vote
            if committee.kind == .residentsCommittee {  // ELE-20: the profile's shares
                let profile = try await profiles.profile(
                    for: committee.areaPath, on: context.today, via: .transaction(transaction))
                vote.voterShare = profile[.residentsRecallVoterShare]
                vote.representativeShare = profile[.residentsRecallRepresentativeShare]
            }
            try vote.validate()  // ELE-18
            guard member.endedOn == nil else {
                throw DomainError(
                    .conflict, code: "recall.tenure_ended",
                    message: LocalizedText(zh: "该任期已结束。", en: "This tenure has already ended."))
            }
            let id = try await elections.insertRecall(
                memberId: memberId, areaPath: committee.areaPath, vote: vote, reasons: reasons, in: transaction)
            if vote.passed {  // ELE-19
                _ = try await committees.updateMember(
                    memberId, endedOn: Swift.max(context.today, member.startedOn), endReason: .recalled,
                    concurrentPartySecretary: nil,
                    expectedVersion: nil, in: transaction)
                try await committeeService.recompute(
                    areaId: committee.areaId, areaPath: committee.areaPath, today: context.today, in: transaction)
            }
            return AuditedChange(
                (id, vote.passed), resourceType: "recall", resourceId: id, areaPath: committee.areaPath,
                summary: ["memberId": JSONValue(memberId), "passed": .bool(vote.passed)])
        }
    }

    /// ELE-6: seats a person of the committee's area on the election committee.
    package func addToElectionCommittee(
        _ electionId: UUID, personId: UUID, role: ElectionCommitteeMember.Role, context: CallContext
    ) async throws -> [ElectionCommitteeMember] {
        try await store.audited(context.write) { transaction in
            let election = try await locked(electionId, context: context, in: transaction)
            try ElectionCommitteeMember.checkOpen(election.status)
            guard
                try await people.find(personId, scopePath: context.scopePath, reveal: false, deadline: context.deadline)
                    != nil
            else { throw DomainError.notFound("person") }
            let id = try await elections.insertCommitteeMember(
                electionId: electionId, personId: personId, role: role, on: context.today, in: transaction)
            return AuditedChange(
                try await elections.electionCommittee(of: electionId, via: .transaction(transaction)),
                resourceType: "election_committee_member", resourceId: id, areaPath: election.areaPath,
                summary: ["role": .string(role.rawValue)])
        }
    }

    /// ELE-6: a member withdraws from the election committee today.
    package func withdrawFromElectionCommittee(_ electionId: UUID, memberId: UUID, context: CallContext) async throws
        -> [ElectionCommitteeMember]
    {
        try await store.audited(context.write) { transaction in
            let election = try await locked(electionId, context: context, in: transaction)
            guard
                try await elections.withdraw(memberId, electionId: electionId, on: context.today, in: transaction)
            else { throw DomainError.notFound("election_committee_member") }
            return AuditedChange(
                try await elections.electionCommittee(of: electionId, via: .transaction(transaction)),
                resourceType: "election_committee_member", resourceId: memberId, areaPath: election.areaPath,
                summary: ["withdrawnOn": .string(context.today.description)])
        }
    }

    /// The election committee of an election in scope.
    package func electionCommittee(_ electionId: UUID, context: CallContext) async throws -> [ElectionCommitteeMember] {
        _ = try await get(electionId, context: context)
        return try await elections.electionCommittee(of: electionId, via: .pipeline(deadline: context.deadline))
    }

    /// ELE-17: the hand-over from the old committee to the new, once, after certification.
    package func recordHandover(_ id: UUID, note: String, statedDay: CalendarDay?, context: CallContext) async throws
        -> Election
    {
        try await store.audited(context.write) { transaction in
            let election = try await locked(id, context: context, in: transaction)
            try ElectionIntegrity.checkHandover(
                status: election.status, certifiedOn: election.certifiedOn, handoverOn: election.handoverOn,
                note: note, stated: statedDay, today: context.today)
            let day = statedDay ?? context.today
            try await elections.recordHandover(id, on: day, note: note, in: transaction)
            guard let moved = try await elections.find(id, scopePath: context.scopePath, via: .transaction(transaction))
            else { throw DomainError.notFound("election") }
            return AuditedChange(
                moved, resourceType: "election", resourceId: id, areaPath: election.areaPath,
                summary: [
                    "handoverOn": .string(day.description),
                    "overdue": .bool(
                        ElectionIntegrity.handoverOverdue(
                            certifiedOn: election.certifiedOn, handoverOn: day, today: context.today)),
                ])
        }
    }

    /// ELE-14: the street, the district or the city annuls a certified election won by improper
    /// means; its certification is rolled back in the same transaction.
    package func annul(_ id: UUID, ground: AnnulmentGround, reason: String, context: CallContext) async throws
        -> Election
    {
        try await store.audited(context.write) { transaction in
            let election = try await locked(id, context: context, in: transaction)
            guard
                let scope = try await areas.findForShare(
                    context.principal.scopeAreaId, scopePath: context.scopePath, in: transaction)
            else { throw DomainError.notFound("area") }
            try ElectionIntegrity.checkAnnulment(status: election.status, annullerScope: scope.kind, reason: reason)
            if try await elections.seatedMembersHaveRecords(id, in: transaction) {
                throw ElectionIntegrity.annulmentAfterRecords
            }
            try await elections.annul(
                id, committeeId: election.committeeId, on: context.today, ground: ground, reason: reason,
                in: transaction)
            guard
                let committee = try await committees.find(
                    election.committeeId, scopePath: "", via: .transaction(transaction))
            else { throw DomainError.notFound("committee") }
            try await committeeService.recompute(
                areaId: committee.areaId, areaPath: committee.areaPath, today: context.today, in: transaction)
            guard
                let annulled = try await elections.find(
                    id, scopePath: context.scopePath, via: .transaction(transaction))
            else { throw DomainError.notFound("election") }
            return AuditedChange(
                annulled, resourceType: "election", resourceId: id, areaPath: election.areaPath,
                summary: ["annulled": .string(ground.rawValue)])
        }
    }

    /// The public page of an election: candidates once published, results once certified.
    package func publicView(_ electionId: UUID, deadline: ContinuousClock.Instant) async throws -> (
        Election, [Candidate], ElectionResults?
    ) {
        guard let election = try await elections.findPublic(electionId, deadline: deadline),
            ![.draft, .registration, .nomination].contains(election.status)
        else { throw DomainError.notFound("election") }
        let candidates = try await elections.candidates(of: electionId, via: .pipeline(deadline: deadline))
        let results =
            election.status == .certified
            ? try await computeResults(electionId, via: .pipeline(deadline: deadline)).0 : nil
        return (election, candidates, results)
    }

    // MARK: Helpers

    private func computeResults(_ electionId: UUID, via route: ReadRoute) async throws -> (ElectionResults, [Candidate])
    {
        guard let election = try await elections.find(electionId, scopePath: "", via: route) else {
            throw DomainError.notFound("election")
        }
        let stations = try await elections.stations(of: electionId, via: route)
        let candidates = try await elections.candidates(of: electionId, via: route)
        // Registered voters come from the roll when there is one; the stations' stated numbers
        // only for an election recorded without a roll.
        let roll = try await rolls.size(electionId: electionId, via: route)
        var results = ElectionResults.compute(
            registered: roll ?? stations.reduce(0) { $0 + $1.registeredVoters }, seats: election.seats,
            candidates: Dictionary(
                uniqueKeysWithValues: candidates.map { ($0.id, (position: $0.position, round: $0.round)) }),
            tallies: stations.flatMap(\.tallies))
        results.registeredFromRoll = roll != nil
        return (results, candidates)
    }

    /// Writes the winners into the committee: a general election ends the open tenures and starts
    /// a new five-year term (COM-6); a by-election's winners serve to the current term's end (ELE-16).
    private func certify(_ election: Election, context: CallContext, in transaction: PostgresTransaction) async throws {
        let (results, candidates) = try await computeResults(election.id, via: .transaction(transaction))
        try results.checkCertifiable()
        guard
            let committee = try await committees.find(
                election.committeeId, scopePath: "", via: .transaction(transaction))
        else {
            throw DomainError.notFound("committee")
        }
        let start = election.pollingDay
        var end: CalendarDay? = nil
        try await elections.recordCertification(election.id, on: context.today, previous: committee, in: transaction)
        if election.kind == .general {
            let profile = try await profiles.profile(
                for: committee.areaPath, on: context.today, via: .transaction(transaction))
            let termEnd = start.termLastDay(years: profile[.termYears])
            try await committees.endOpenTenures(
                of: committee.id, on: start.addingDays(-1), reason: .termEnd, byElection: election.id, in: transaction)
            try await committees.setTerm(
                committee.id, start: start, end: termEnd, lawVersion: election.lawVersion, in: transaction)
        } else {
            end = committee.termEnd
        }
        let byId = Dictionary(uniqueKeysWithValues: candidates.map { ($0.id, $0) })
        for outcome in results.elected {
            guard let candidate = byId[outcome.candidateId] else { continue }
            _ = try await committees.insertMember(
                NewCommitteeMember(
                    personId: candidate.personId, position: candidate.position, constituency: nil, startedOn: start,
                    endedOn: end,
                    concurrentPartySecretary: false, financeRole: nil, closeRelativeOf: []),
                committee: committee, electionId: election.id, in: transaction)
        }
        try await committeeService.recompute(
            areaId: committee.areaId, areaPath: committee.areaPath, today: context.today, in: transaction)
    }

    /// ELE-12: a run-off candidate comes from the round just counted, unelected, in vote order.
    private func checkRunoffCandidate(
        _ personId: UUID, position: CommitteePosition, round: Int, of electionId: UUID,
        in transaction: PostgresTransaction
    ) async throws {
        let (results, candidates) = try await computeResults(electionId, via: .transaction(transaction))
        let counted = results.outcomes.map(\.round).max() ?? 1
        guard round == counted + 1 else {
            throw DomainError.validation([
                .init(
                    field: "round", code: "not_next_round",
                    message: LocalizedText(
                        zh: "另行选举的轮次应为 \(counted + 1)。", en: "The run-off is round \(counted + 1)."))
            ])
        }
        let personOf = Dictionary(uniqueKeysWithValues: candidates.map { ($0.id, $0.personId) })
        let previous = results.outcomes.filter { $0.round == counted }.compactMap { outcome in
            personOf[outcome.candidateId].map {
                RunoffRules.PreviousCandidate(
                    personId: $0, position: outcome.position, votes: outcome.votes, elected: outcome.elected)
            }
        }
        try RunoffRules.checkCandidate(
            personId: personId, position: position, unfilled: results.unfilled, previous: previous,
            standing: Set(candidates.filter { $0.round == round && $0.position == position }.map(\.personId)))
    }

    private func locked(_ id: UUID, context: CallContext, in transaction: PostgresTransaction) async throws -> Election
    {
        guard
            let election = try await elections.find(
                id, scopePath: context.scopePath, via: .transaction(transaction), lock: true)
        else { throw DomainError.notFound("election") }
        return election
    }

    static var locked: DomainError {
        DomainError(
            .conflict, code: "election.locked",
            message: LocalizedText(
                zh: "选举当前阶段不允许此操作（已认证的结果不可更改）。",
                en: "Not allowed at this stage of the election (certified results are final)."))
    }
}
