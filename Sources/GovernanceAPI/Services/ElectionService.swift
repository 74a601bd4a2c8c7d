import Foundation
import Governance
import GovernanceStore
import Postgres

/// Elections: the lifecycle, the checks of each step, results computed by the legal thresholds,
/// certification into the committee, the verifiable record, and recalls (domain-rules.md §2.2).
struct ElectionService: Sendable {
    let store: Store
    let people: PersonRepository
    let committees: CommitteeRepository
    let committeeService: CommitteeService
    let elections: ElectionRepository
    let audit: AuditLog

    func create(_ new: NewElection, context: CallContext) async throws -> Election {
        try await store.write(deadline: context.deadline) { transaction in
            guard let committee = try await committees.find(new.committeeId, scopePath: context.principal.scopePath, in: transaction) else {
                throw DomainError.notFound("committee")
            }
            try new.validate(committeeKind: committee.kind)
            let profile = try await committeeService.profile(for: committee.areaPath, in: transaction)
            let election = try await elections.insert(
                new, committee: committee, lawVersion: RuleProfile.lawVersion(on: new.pollingDay),
                rollDaysBefore: profile["rollPublishedDaysBefore"], candidateDaysBefore: profile["candidatesPublishedDaysBefore"], in: transaction)
            try await audit.append(
                context.auditEntry(
                    resourceType: "election", resourceId: election.id, areaPath: election.areaPath,
                    summary: ["committeeId": committee.id.lowercasedString, "kind": new.kind.rawValue, "pollingDay": new.pollingDay.description]),
                in: transaction)
            return election
        }
    }

    func get(_ id: UUID, context: CallContext) async throws -> Election {
        guard let election = try await elections.find(id, scopePath: context.principal.scopePath, deadline: context.deadline) else {
            throw DomainError.notFound("election")
        }
        return election
    }

    func transition(_ id: UUID, to target: ElectionStatus, rollPublishedOn: CalendarDay?, publishedOn: CalendarDay?, context: CallContext) async throws -> Election {
        try await store.write(deadline: context.deadline) { transaction in
            let election = try await locked(id, context: context)
            try election.status.checkTransition(to: target)
            switch target {
            case .nomination:
                guard let rollPublishedOn else { throw Self.required("rollPublishedOn") }
                try ElectionCalendar.checkRollPublication(
                    publishedOn: rollPublishedOn, pollingDay: election.pollingDay, daysBefore: election.rollDaysBefore)  // ELE-5
            case .candidatesPublished:
                guard let publishedOn else { throw Self.required("publishedOn") }
                let candidates = try await elections.candidates(of: id, in: transaction).filter { $0.round == 1 }
                try ElectionCalendar.checkCandidates(
                    seats: election.seats, candidates: Dictionary(grouping: candidates, by: \.position).mapValues(\.count), publishedOn: publishedOn,
                    pollingDay: election.pollingDay, daysBefore: election.candidateDaysBefore)  // ELE-7
            case .certified:
                try await certify(election, context: context, in: transaction)
            default:
                break
            }
            try await elections.setStatus(
                id, to: target, rollPublishedOn: target == .nomination ? rollPublishedOn : nil,
                candidatesPublishedOn: target == .candidatesPublished ? publishedOn : nil, in: transaction)
            try await audit.append(
                context.auditEntry(
                    resourceType: "election", resourceId: id, areaPath: election.areaPath,
                    summary: ["from": election.status.rawValue, "to": target.rawValue]),
                in: transaction)
            return try await elections.find(id, scopePath: context.principal.scopePath, in: transaction)!
        }
    }

    func addStation(_ electionId: UUID, name: String, registeredVoters: Int, mobile: Bool, context: CallContext) async throws -> PollingStation {
        var validator = FieldValidator()
        validator.length("name", name, max: 100)
        validator.notBlank("name", name)
        validator.range("registeredVoters", registeredVoters, 0...10_000_000)
        try validator.check()
        return try await store.write(deadline: context.deadline) { transaction in
            let election = try await locked(electionId, context: context)
            guard [.draft, .registration, .nomination].contains(election.status) else { throw Self.locked }
            let id = try await elections.insertStation(electionId: electionId, name: name, registeredVoters: registeredVoters, mobile: mobile, in: transaction)
            try await audit.append(
                context.auditEntry(
                    resourceType: "election_station", resourceId: id, areaPath: election.areaPath,
                    summary: ["name": name, "registeredVoters": registeredVoters]),
                in: transaction)
            return PollingStation(id: id, name: name, registeredVoters: registeredVoters, mobile: mobile, tallies: [])
        }
    }

    func stations(_ electionId: UUID, context: CallContext) async throws -> [PollingStation] {
        _ = try await get(electionId, context: context)
        return try await elections.stations(of: electionId, deadline: context.deadline)
    }

    func addCandidate(_ electionId: UUID, personId: UUID, position: CommitteePosition, round: Int, context: CallContext) async throws -> Candidate {
        var validator = FieldValidator()
        validator.range("round", round, 1...10)
        try validator.check()
        return try await store.write(deadline: context.deadline) { transaction in
            let election = try await locked(electionId, context: context)
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
            guard let person = try await people.find(personId, scopePath: context.principal.scopePath, reveal: false, deadline: context.deadline) else {
                throw DomainError.notFound("person")
            }
            let id = try await elections.insertCandidate(electionId: electionId, personId: personId, position: position, round: round, in: transaction)
            try await audit.append(
                context.auditEntry(
                    resourceType: "election_candidate", resourceId: id, areaPath: election.areaPath, summary: ["position": position.rawValue, "round": round]),
                in: transaction)
            return Candidate(id: id, personId: personId, name: person.name, position: position, round: round)
        }
    }

    func candidates(_ electionId: UUID, context: CallContext) async throws -> [Candidate] {
        _ = try await get(electionId, context: context)
        return try await elections.candidates(of: electionId, deadline: context.deadline)
    }

    func putTally(_ electionId: UUID, stationId: UUID, _ tally: Tally, context: CallContext) async throws -> PollingStation {
        try await store.write(deadline: context.deadline) { transaction in
            let election = try await locked(electionId, context: context)
            guard election.status.acceptsTallies else { throw Self.locked }
            let candidates = try await elections.candidates(of: electionId, in: transaction).filter { $0.round == tally.round }
            try tally.validate(positions: Dictionary(uniqueKeysWithValues: candidates.map { ($0.id, $0.position) }), seats: election.seats)
            guard let station = try await elections.stations(of: electionId, in: transaction).first(where: { $0.id == stationId }) else {
                throw DomainError.notFound("election_station")
            }
            if tally.issued > station.registeredVoters {
                throw DomainError.validation([
                    .init(field: "issued", code: "exceeds_registered", message: LocalizedText(zh: "发出选票多于登记选民。", en: "More ballots issued than registered voters."))
                ])
            }
            try await elections.putTally(stationId: stationId, tally, in: transaction)
            try await audit.append(
                context.auditEntry(
                    resourceType: "election_station", resourceId: stationId, areaPath: election.areaPath,
                    summary: ["round": tally.round, "cast": tally.cast, "valid": tally.valid]),
                in: transaction)
            return try await elections.stations(of: electionId, in: transaction).first { $0.id == stationId }!
        }
    }

    func results(_ electionId: UUID, context: CallContext) async throws -> (ElectionResults, [Candidate]) {
        _ = try await get(electionId, context: context)
        return try await computeResults(electionId, in: nil, deadline: context.deadline)
    }

    /// The canonical JSON of the election, its stations and tallies and the computed results,
    /// with its SHA-256: any change of a tally changes the digest.
    func record(_ electionId: UUID, context: CallContext) async throws -> (canonical: String, sha256: String) {
        let election = try await get(electionId, context: context)
        let stations = try await elections.stations(of: electionId, deadline: context.deadline)
        let (results, candidates) = try await computeResults(electionId, in: nil, deadline: context.deadline)
        let document: [String: Any] = [
            "election": [
                "id": election.id.lowercasedString, "committeeId": election.committeeId.lowercasedString, "kind": election.kind.rawValue,
                "pollingDay": election.pollingDay.description, "status": election.status.rawValue, "lawVersion": election.lawVersion,
                "seats": Dictionary(uniqueKeysWithValues: election.seats.map { ($0.key.rawValue, $0.value) }),
            ],
            "candidates": candidates.map { ["id": $0.id.lowercasedString, "name": $0.name, "position": $0.position.rawValue, "round": $0.round] },
            "stations": stations.map { station in
                [
                    "id": station.id.lowercasedString, "name": station.name, "registeredVoters": station.registeredVoters,
                    "tallies": station.tallies.map { tally in
                        [
                            "round": tally.round, "issued": tally.issued, "cast": tally.cast, "valid": tally.valid, "invalid": tally.invalid,
                            "proxy": tally.proxy, "votes": Dictionary(uniqueKeysWithValues: tally.votes.map { ($0.key.lowercasedString, $0.value) }),
                        ] as [String: Any]
                    },
                ] as [String: Any]
            },
            "results": [
                "registered": results.registered, "cast": results.cast, "valid": results.valid,
                "elected": results.elected.map { ["candidateId": $0.candidateId.lowercasedString, "round": $0.round, "votes": $0.votes] },
            ],
        ]
        let canonical = String(decoding: try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .withoutEscapingSlashes]), as: UTF8.self)
        let digest = Crypto.sha256(Data(canonical.utf8)).map { String(format: "%02x", $0) }.joined()
        return (canonical, digest)
    }

    func recall(
        committeeId: UUID, memberId: UUID, vote: RecallVote, reasons: String, context: CallContext
    ) async throws -> (id: UUID, passed: Bool) {
        var validator = FieldValidator()
        validator.length("reasons", reasons, max: 2000)
        validator.notBlank("reasons", reasons)
        try validator.check()
        try vote.validate()  // ELE-18
        return try await store.write(deadline: context.deadline) { transaction in
            guard let committee = try await committees.find(committeeId, scopePath: context.principal.scopePath, in: transaction),
                let member = try await committees.member(memberId, committeeId: committeeId, in: transaction)
            else { throw DomainError.notFound("committee_member") }
            guard member.endedOn == nil else {
                throw DomainError(
                    .conflict, code: "recall.tenure_ended", message: LocalizedText(zh: "该任期已结束。", en: "This tenure has already ended."))
            }
            let id = try await elections.insertRecall(memberId: memberId, areaPath: committee.areaPath, vote: vote, reasons: reasons, in: transaction)
            if vote.passed {  // ELE-19
                _ = try await committees.updateMember(
                    memberId, endedOn: Swift.max(CalendarDay.today(), member.startedOn), endReason: .recalled, concurrentPartySecretary: nil,
                    expectedVersion: nil, in: transaction)
                try await committeeService.recompute(areaId: committee.areaId, areaPath: committee.areaPath, in: transaction)
            }
            try await audit.append(
                context.auditEntry(
                    resourceType: "recall", resourceId: id, areaPath: committee.areaPath,
                    summary: ["memberId": memberId.lowercasedString, "passed": vote.passed]),
                in: transaction)
            return (id, vote.passed)
        }
    }

    func publicView(_ electionId: UUID, deadline: ContinuousClock.Instant) async throws -> (Election, [Candidate], ElectionResults?) {
        guard let election = try await elections.findPublic(electionId, deadline: deadline),
            ![.draft, .registration, .nomination].contains(election.status)
        else { throw DomainError.notFound("election") }
        let candidates = try await elections.candidates(of: electionId, deadline: deadline)
        let results = election.status == .certified ? try await computeResults(electionId, in: nil, deadline: deadline).0 : nil
        return (election, candidates, results)
    }

    // MARK: Helpers

    private func computeResults(_ electionId: UUID, in transaction: PostgresTransaction?, deadline: ContinuousClock.Instant) async throws -> (ElectionResults, [Candidate]) {
        guard let election = try await elections.find(electionId, scopePath: "", in: transaction, deadline: deadline) else {
            throw DomainError.notFound("election")
        }
        let stations = try await elections.stations(of: electionId, in: transaction, deadline: deadline)
        let candidates = try await elections.candidates(of: electionId, in: transaction, deadline: deadline)
        let results = ElectionResults.compute(
            registered: stations.reduce(0) { $0 + $1.registeredVoters }, seats: election.seats,
            candidates: Dictionary(uniqueKeysWithValues: candidates.map { ($0.id, (position: $0.position, round: $0.round)) }),
            tallies: stations.flatMap(\.tallies))
        return (results, candidates)
    }

    /// Writes the winners into the committee: a general election ends the open tenures and starts
    /// a new five-year term (COM-6); a by-election's winners serve to the current term's end (ELE-16).
    private func certify(_ election: Election, context: CallContext, in transaction: PostgresTransaction) async throws {
        let (results, candidates) = try await computeResults(election.id, in: transaction, deadline: context.deadline)
        guard results.valid else {
            throw DomainError(
                .unprocessable, code: "election.not_valid",
                message: LocalizedText(zh: "投票人数未过登记选民半数，选举无效（ELE-9）。", en: "Fewer than half of registered voters voted: the election is invalid (ELE-9)."))
        }
        guard let committee = try await committees.find(election.committeeId, scopePath: "", in: transaction) else {
            throw DomainError.notFound("committee")
        }
        let start = election.pollingDay
        var end: CalendarDay? = nil
        if election.kind == .general {
            let profile = try await committeeService.profile(for: committee.areaPath, in: transaction)
            let termEnd = start.addingYears(profile["termYears"]).addingDays(-1)
            try await committees.endOpenTenures(of: committee.id, on: start.addingDays(-1), reason: .termEnd, in: transaction)
            try await committees.setTerm(committee.id, start: start, end: termEnd, in: transaction)
        } else {
            end = committee.termEnd
        }
        let byId = Dictionary(uniqueKeysWithValues: candidates.map { ($0.id, $0) })
        for outcome in results.elected {
            guard let candidate = byId[outcome.candidateId] else { continue }
            _ = try await committees.insertMember(
                NewCommitteeMember(
                    personId: candidate.personId, position: candidate.position, constituency: nil, startedOn: start, endedOn: end,
                    concurrentPartySecretary: false, financeRole: nil, closeRelativeOf: []),
                committee: committee, in: transaction)
        }
        try await committeeService.recompute(areaId: committee.areaId, areaPath: committee.areaPath, in: transaction)
    }

    private func locked(_ id: UUID, context: CallContext) async throws -> Election {
        guard let transaction = Store.transaction,
            let election = try await elections.find(id, scopePath: context.principal.scopePath, in: transaction, lock: true)
        else { throw DomainError.notFound("election") }
        return election
    }

    static var locked: DomainError {
        DomainError(
            .conflict, code: "election.locked",
            message: LocalizedText(zh: "选举当前阶段不允许此操作（已认证的结果不可更改）。", en: "Not allowed at this stage of the election (certified results are final)."))
    }

    static func required(_ field: String) -> DomainError {
        DomainError.validation([.init(field: field, code: "required", message: LocalizedText(zh: "此转换需要该字段。", en: "Required for this transition."))])
    }
}
