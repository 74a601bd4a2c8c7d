package import Foundation
package import Governance
package import GovernanceStore
import Postgres

/// The voter roll of an election (ELE-3, ELE-4, ELE-5, ELE-23): drawn up during registration,
/// by import from the people register or one by one; published with the move to nomination;
/// then changed only by objections decided by the election's organisers; proxies between voters.
package struct VoterRollService: Sendable {
    let store: Store
    let elections: ElectionRepository
    let committees: CommitteeRepository
    let rolls: VoterRollRepository
    let profiles: RuleProfiles

    /// Creates the service.
    package init(store: Store) {
        self.store = store
        self.elections = ElectionRepository(store: store)
        self.committees = CommitteeRepository(store: store)
        self.rolls = VoterRollRepository(store: store)
        self.profiles = RuleProfiles(store: store)
    }

    /// What an import put on the roll and whom it left out, and why.
    package struct ImportReport: Sendable {
        /// Voters added.
        package let registered: Int
        /// People left out, with the reason.
        package let leftOut: [(personId: UUID, reason: RollExclusion)]
    }

    /// Puts every resident of the committee's area who is 18 on polling day (ELE-3) and on no
    /// other open roll (ELE-4) on the roll, as living and registered here, in one transaction.
    package func importResidents(_ electionId: UUID, context: CallContext) async throws -> ImportReport {
        try await store.audited(context.write) { transaction in
            let (election, committee) = try await lockedOpen(electionId, context: context, in: transaction)
            let residents = try await rolls.residentBirthDates(under: committee.areaPath, in: transaction)
            let ids = residents.map(\.personId)
            let elsewhere = try await rolls.registeredElsewhere(ids, electionId: electionId, in: transaction)
            let already = try await rolls.onRoll(ids, electionId: electionId, in: transaction)
            var leftOut: [(UUID, RollExclusion)] = []
            var added: [NewVoter] = []
            for resident in residents {
                if already.contains(resident.personId) {
                    leftOut.append((resident.personId, .alreadyRegistered))
                } else if elsewhere.contains(resident.personId) {
                    leftOut.append((resident.personId, .registeredElsewhere))
                } else if let born = resident.birthDate,
                    VoterRollRules.isOfAge(birthDate: born, pollingDay: election.pollingDay)
                {
                    added.append(
                        NewVoter(
                            personId: resident.personId, category: .registeredResident, certificate: nil,
                            consentMeetingId: nil))
                } else {
                    leftOut.append((resident.personId, .underAge))
                }
            }
            try await rolls.insert(added, electionId: electionId, on: context.today, in: transaction)
            return AuditedChange(
                ImportReport(registered: added.count, leftOut: leftOut), resourceType: "election_roll",
                resourceId: electionId, areaPath: election.areaPath,
                summary: ["imported": .int(added.count), "leftOut": .int(leftOut.count)])
        }
    }

    /// Puts one person on the roll under a category of ELE-4, of age on polling day (ELE-3).
    package func register(_ electionId: UUID, _ new: NewVoter, context: CallContext) async throws -> Voter {
        try await store.audited(context.write) { transaction in
            let (election, committee) = try await lockedOpen(electionId, context: context, in: transaction)
            // A named meeting is the committee's area's, or nothing (404), whatever the category.
            var consent: (kind: MeetingKind, passed: Bool)?
            if let meetingId = new.consentMeetingId {
                guard
                    let found = try await rolls.consent(meetingId: meetingId, areaId: committee.areaId, in: transaction)
                else { throw DomainError.notFound("meeting") }
                consent = found
            }
            try VoterRollRules.checkCategory(
                new, villageElection: committee.kind == .villagersCommittee, consent: consent)
            let person = try await rolls.birthDate(of: new.personId, scopePath: context.scopePath, in: transaction)
            guard person.found else { throw DomainError.notFound("person") }
            try VoterRollRules.checkOfAge(birthDate: person.birthDate, pollingDay: election.pollingDay)
            if try await !rolls.registeredElsewhere([new.personId], electionId: electionId, in: transaction).isEmpty {
                throw VoterRollRules.registeredElsewhere
            }
            if try await !rolls.onRoll([new.personId], electionId: electionId, in: transaction).isEmpty {
                throw VoterRollRules.alreadyRegistered
            }
            try await rolls.insert([new], electionId: electionId, on: context.today, in: transaction)
            guard
                let voter = try await rolls.voter(
                    personId: new.personId, electionId: electionId, via: .transaction(transaction))
            else { throw DomainError.notFound("voter") }
            return AuditedChange(
                voter, resourceType: "election_voter", resourceId: voter.id, areaPath: election.areaPath,
                summary: ["personId": JSONValue(new.personId), "category": .string(new.category.rawValue)])
        }
    }

    /// One page of the roll.
    package func voters(_ electionId: UUID, cursor: String?, limit: Int?, context: CallContext) async throws
        -> Page<Voter>
    {
        _ = try await election(electionId, context: context)
        let page = try await rolls.voters(
            electionId: electionId, after: try PageCursor.decodeID(cursor), limit: try PageCursor.limit(limit),
            deadline: context.deadline)
        let role = context.principal.role
        return Page(items: page.items.map { Self.presented($0, for: role) }, nextCursor: page.nextCursor)
    }

    /// Names are personal data: masked for auditors (`王*`), left out for analysts.
    static func presented(_ voter: Voter, for role: Role) -> Voter {
        let name = Masking.name(voter.personName, for: role)
        return Voter(
            id: voter.id, personId: voter.personId, personName: name, category: voter.category,
            certificate: role == .analyst ? nil : voter.certificate, consentMeetingId: voter.consentMeetingId,
            registeredOn: voter.registeredOn, removedOn: voter.removedOn)
    }

    /// ELE-5: an objection to the published roll, within five days of publication.
    package func object(
        _ electionId: UUID, personId: UUID, kind: RollObjectionKind, statement: String, context: CallContext
    ) async throws -> RollObjection {
        var validator = FieldValidator()
        validator.length("statement", statement, max: 2000)
        validator.notBlank("statement", statement)
        try validator.check()
        return try await store.audited(context.write) { transaction in
            let election = try await locked(electionId, context: context, in: transaction)
            try VoterRollRules.checkObjectionFiled(today: context.today, rollPublishedOn: election.rollPublishedOn)
            guard try await rolls.birthDate(of: personId, scopePath: context.scopePath, in: transaction).found else {
                throw DomainError.notFound("person")
            }
            let objection = try await rolls.insertObjection(
                electionId: electionId, personId: personId, kind: kind, statement: statement, filedOn: context.today,
                in: transaction)
            return AuditedChange(
                objection, resourceType: "election_roll_objection", resourceId: objection.id,
                areaPath: election.areaPath, summary: ["kind": .string(kind.rawValue)])
        }
    }

    /// Decides an objection today; an upheld one changes the roll (an omission adds the person
    /// under ELE-3's age rule, a wrong inclusion takes them off).
    package func decide(
        _ electionId: UUID, objectionId: UUID, upheld: Bool, decision: String, context: CallContext
    ) async throws -> RollObjection {
        var validator = FieldValidator()
        validator.length("decision", decision, max: 2000)
        validator.notBlank("decision", decision)
        try validator.check()
        return try await store.audited(context.write) { transaction in
            let election = try await locked(electionId, context: context, in: transaction)
            guard
                let objection = try await rolls.objection(
                    objectionId, electionId: electionId, via: .transaction(transaction), lock: true)
            else { throw DomainError.notFound("roll_objection") }
            guard objection.decidedOn == nil else {
                throw DomainError(
                    .conflict, code: "election.objection_decided",
                    message: LocalizedText(zh: "该异议已作出处理决定。", en: "This objection has been decided."))
            }
            guard [.nomination, .candidatesPublished].contains(election.status) else { throw ElectionService.locked }
            if upheld {
                switch objection.kind {
                case .omission:
                    let person = try await rolls.birthDate(
                        of: objection.personId, scopePath: context.scopePath, in: transaction)
                    try VoterRollRules.checkOfAge(birthDate: person.birthDate, pollingDay: election.pollingDay)
                    if try await !rolls.registeredElsewhere(
                        [objection.personId], electionId: electionId, in: transaction
                    ).isEmpty {
                        throw VoterRollRules.registeredElsewhere
                    }
                    try await rolls.insert(
                        [
                            NewVoter(
                                personId: objection.personId, category: .registeredResident, certificate: nil,
                                consentMeetingId: nil)
                        ], electionId: electionId, on: context.today, in: transaction)
                case .wrongInclusion:
                    try await rolls.remove(
                        personId: objection.personId, electionId: electionId, on: context.today, in: transaction)
                }
            }
            try await rolls.decide(objectionId, upheld: upheld, decision: decision, on: context.today, in: transaction)
            guard
                let decided = try await rolls.objection(
                    objectionId, electionId: electionId, via: .transaction(transaction))
            else { throw DomainError.notFound("roll_objection") }
            return AuditedChange(
                decided, resourceType: "election_roll_objection", resourceId: objectionId,
                areaPath: election.areaPath, summary: ["upheld": .bool(upheld)])
        }
    }

    /// The objections of an election.
    package func objections(_ electionId: UUID, context: CallContext) async throws -> [RollObjection] {
        _ = try await election(electionId, context: context)
        return try await rolls.objections(electionId: electionId, via: .pipeline(deadline: context.deadline))
    }

    /// ELE-23: a written entrustment between two voters of the roll, before voting closes.
    package func entrust(
        _ electionId: UUID, voter: UUID, proxy: UUID, writtenOn: CalendarDay, context: CallContext
    ) async throws -> ProxyEntrustment {
        var validator = FieldValidator()
        validator.statedDay("writtenOn", writtenOn, today: context.today)
        try validator.check()
        return try await store.audited(context.write) { transaction in
            let election = try await locked(electionId, context: context, in: transaction)
            guard [.registration, .nomination, .candidatesPublished, .voting].contains(election.status) else {
                throw ElectionService.locked
            }
            let profile = try await profiles.profile(
                for: election.areaPath, on: context.today, via: .transaction(transaction))
            let onRoll = try await rolls.onRoll([voter, proxy], electionId: electionId, in: transaction)
            try VoterRollRules.checkProxy(
                voterOnRoll: onRoll.contains(voter), proxyOnRoll: onRoll.contains(proxy), same: voter == proxy,
                proxyHolds: try await rolls.entrustmentsHeld(by: proxy, electionId: electionId, in: transaction),
                voterHolds: try await rolls.entrustmentsHeld(by: voter, electionId: electionId, in: transaction),
                maximum: profile[.maxProxyEntrustments])
            let entrustment = try await rolls.insertProxy(
                electionId: electionId, voter: voter, proxy: proxy, writtenOn: writtenOn, in: transaction)
            return AuditedChange(
                entrustment, resourceType: "election_proxy", resourceId: entrustment.id, areaPath: election.areaPath,
                summary: ["writtenOn": .string(writtenOn.description)])
        }
    }

    // MARK: Helpers

    private func election(_ id: UUID, context: CallContext) async throws -> Election {
        guard
            let found = try await elections.find(
                id, scopePath: context.scopePath, via: .pipeline(deadline: context.deadline))
        else { throw DomainError.notFound("election") }
        return found
    }

    /// The election in scope, locked for the rest of the transaction.
    private func locked(_ id: UUID, context: CallContext, in transaction: PostgresTransaction) async throws
        -> Election
    {
        guard
            let election = try await elections.find(
                id, scopePath: context.scopePath, via: .transaction(transaction), lock: true)
        else { throw DomainError.notFound("election") }
        return election
    }

    /// The election, locked, while its roll may still be drawn up; and its committee.
    private func lockedOpen(_ id: UUID, context: CallContext, in transaction: PostgresTransaction) async throws -> (
        Election, Committee
    ) {
        let election = try await locked(id, context: context, in: transaction)
        try VoterRollRules.checkEditable(election.status)
        guard
            let committee = try await committees.find(
                election.committeeId, scopePath: "", via: .transaction(transaction))
        else { throw DomainError.notFound("committee") }
        return (election, committee)
    }
}
