package import Foundation
package import Governance
package import GovernanceStore
package import Postgres

/// Committees and members: the hard rules refuse (422), compliance is computed and stored with
/// every change of the area's committees (domain-rules.md §2.1).
package struct CommitteeService: Sendable {
    let store: Store
    let areas: AreaRepository
    let people: PersonRepository
    let committees: CommitteeRepository
    let profiles: RuleProfiles

    /// Creates the service.
    package init(store: Store) {
        self.profiles = RuleProfiles(store: store)
        self.store = store
        self.areas = AreaRepository(store: store)
        self.people = PersonRepository(store: store)
        self.committees = CommitteeRepository(store: store)
    }

    /// Grid workers read the committees of the community their grid belongs to: the read scope
    /// of a token below a community is that community (the fourth level of the path).
    static func readScope(_ principal: Principal) -> String {
        guard principal.role == .gridWorker else { return principal.scopePath }
        return principal.scopePath.split(separator: ".").prefix(4).joined(separator: ".")
    }

    /// Creates a committee on a fitting area of the caller's scope.
    package func create(_ new: NewCommittee, context: CallContext) async throws -> Committee {
        try await store.audited(context.write) { transaction in
            guard let area = try await areas.findForShare(new.areaId, scopePath: context.scopePath, in: transaction)
            else {
                throw DomainError.notFound("area")
            }
            try new.kind.checkArea(area.kind)
            try CommitteeRules.checkStatedTermStart(new.termStart, today: context.today)
            let profile = try await profiles.profile(for: area.path, on: context.today, via: .transaction(transaction))
            let termEnd = try new.validated(termYears: profile[.termYears])
            let committee = try await committees.insert(
                new, area: area, termEnd: termEnd, lawVersion: RuleProfile.lawVersion(on: new.termStart),
                in: transaction)
            try await recompute(areaId: area.id, areaPath: area.path, today: context.today, in: transaction)
            return AuditedChange(
                try await reloaded(committee.id, scopePath: area.path, in: transaction), resourceType: "committee",
                resourceId: committee.id,
                areaPath: committee.areaPath,
                summary: [
                    "kind": JSONValue(new.kind), "name": .string(new.name),
                    "termStart": .string(new.termStart.description),
                    "termEnd": .string(termEnd.description),
                ])
        }
    }

    /// The committee `id` as the caller may read it.
    package func get(_ id: UUID, context: CallContext) async throws -> Committee {
        guard
            let committee = try await committees.find(
                id, scopePath: Self.readScope(context.principal), via: .pipeline(deadline: context.deadline))
        else {
            throw DomainError.notFound("committee")
        }
        return committee
    }

    /// One page of committees the caller may read.
    package func list(
        areaId: UUID?, kind: CommitteeKind?, compliant: Bool?, ids: [UUID]? = nil, cursor: String?, limit: Int?,
        context: CallContext
    ) async throws -> Page<Committee> {
        try await committees.list(
            scopePath: Self.readScope(context.principal), areaId: areaId, kind: kind, compliant: compliant, ids: ids,
            after: try PageCursor.decodeID(cursor),
            limit: try PageCursor.limit(limit, batch: ids), deadline: context.deadline)
    }

    /// Renames a committee or moves its term, when `expected` (from `If-Match`) holds.
    package func update(
        _ id: UUID, name: String?, termStart: CalendarDay?, termEnd: CalendarDay?, expectedVersion expected: Int?,
        context: CallContext
    ) async throws -> Committee {
        var validator = FieldValidator()
        validator.length("name", name, max: 100)
        validator.notBlank("name", name)
        try validator.check()
        try CommitteeRules.checkStatedTermStart(termStart, today: context.today)
        return try await store.audited(context.write) { transaction in
            guard
                let current = try await committees.find(
                    id, scopePath: context.scopePath, via: .transaction(transaction))
            else {
                throw DomainError.notFound("committee")
            }
            try CommitteeRules.checkOrder(
                start: termStart ?? current.termStart, end: termEnd ?? current.termEnd, field: "termEnd")
            if termStart != nil || termEnd != nil {
                try CommitteeRules.checkMediationTerm(
                    subject: current.subject, start: termStart ?? current.termStart, end: termEnd ?? current.termEnd)
            }
            guard
                try await committees.update(
                    id, name: name, termStart: termStart, termEnd: termEnd, expectedVersion: expected,
                    scopePath: context.scopePath,
                    in: transaction)
            else { throw Versioning.stale }
            try await recompute(
                areaId: current.areaId, areaPath: current.areaPath, today: context.today, in: transaction)
            var changed: [String: JSONValue] = [:]
            if let name { changed["name"] = .string(name) }
            if let termStart { changed["termStart"] = .string(termStart.description) }
            if let termEnd { changed["termEnd"] = .string(termEnd.description) }
            return AuditedChange(
                try await reloaded(id, scopePath: context.scopePath, in: transaction), resourceType: "committee",
                resourceId: id,
                areaPath: current.areaPath, summary: ["changed": .object(changed)])
        }
    }

    /// The committee's compliance findings, computed live with their rule ids.
    package func compliance(_ id: UUID, context: CallContext) async throws -> (Committee, [ComplianceFinding]) {
        let committee = try await get(id, context: context)
        let today = context.today
        let findings = try await store.client.withTransaction(deadline: context.deadline) { transaction in
            let inForce = try await profiles.profile(for: committee.areaPath, on: today, via: .transaction(transaction))
            let own = inForce.underLaw(committee.lawVersion)
            let facts = try await committees.facts(areaId: committee.areaId, on: today, in: transaction).first {
                $0.id == id
            }
            return facts.map {
                CommitteeCompliance.findings($0.facts, ownLaw: own, lawInForce: inForce, today: today)
            } ?? []
        }
        return (committee, findings)
    }

    /// Adds a tenure to a committee, under the hard rules (COM-3, COM-11, no overlap).
    package func addMember(_ committeeId: UUID, _ new: NewCommitteeMember, context: CallContext) async throws
        -> CommitteeMember
    {
        try CommitteeRules.checkStatedTenure(startedOn: new.startedOn, endedOn: new.endedOn, today: context.today)
        return try await store.audited(context.write) { transaction in
            guard
                let committee = try await committees.find(
                    committeeId, scopePath: context.scopePath, via: .transaction(transaction))
            else {
                throw DomainError.notFound("committee")
            }
            guard
                try await people.find(
                    new.personId, scopePath: context.scopePath, reveal: false, deadline: context.deadline) != nil
            else {
                throw DomainError.notFound("person")
            }
            try CommitteeRules.checkPosition(new.position, constituency: new.constituency, in: committee.kind)
            try CommitteeRules.checkNotAppointed(new.position, in: committee.kind)  // ELE-1
            let tenures = try await committees.members(of: committeeId, via: .transaction(transaction)).map(\.member)
            let start = new.startedOn
            let activeDirectors = tenures.filter {
                $0.position == .director && ($0.endedOn.map { $0 >= start } ?? true)
            }.count
            // COM-3
            try CommitteeRules.checkSingleDirector(position: new.position, otherActiveDirectors: activeDirectors)
            try CommitteeRules.checkNoOverlap(
                start: new.startedOn, end: new.endedOn,
                existing: tenures.filter { $0.personId == new.personId }.map { ($0.startedOn, $0.endedOn) })
            try await checkSupervisionSeparation(new, committee: committee, in: transaction)  // COM-11
            let member = try await committees.insertMember(new, committee: committee, in: transaction)
            try await recompute(
                areaId: committee.areaId, areaPath: committee.areaPath, today: context.today, in: transaction)
            return AuditedChange(
                member, resourceType: "committee_member", resourceId: member.id, areaPath: committee.areaPath,
                summary: [
                    "committeeId": JSONValue(committeeId), "position": JSONValue(new.position),
                    "startedOn": .string(new.startedOn.description),
                ])
        }
    }

    /// The tenures of a committee, names masked as the caller's role requires.
    package func members(_ committeeId: UUID, context: CallContext) async throws -> [CommitteeMember] {
        _ = try await get(committeeId, context: context)
        let members = try await committees.members(of: committeeId, via: .pipeline(deadline: context.deadline)).map(
            \.member)
        return members.map { Self.presented($0, for: context.principal.role) }
    }

    /// Ends a tenure or changes its flags, when `expected` (from `If-Match`) holds.
    package func updateMember(
        _ committeeId: UUID, _ memberId: UUID, endedOn: CalendarDay?, endReason: TenureEndReason?,
        concurrentPartySecretary: Bool?,
        expectedVersion expected: Int?, context: CallContext
    ) async throws -> CommitteeMember {
        try await store.audited(context.write) { transaction in
            guard
                let committee = try await committees.find(
                    committeeId, scopePath: context.scopePath, via: .transaction(transaction)),
                let current = try await committees.member(memberId, committeeId: committeeId, in: transaction)
            else { throw DomainError.notFound("committee_member") }
            if let endedOn {
                try CommitteeRules.checkStatedTenure(
                    startedOn: current.startedOn, endedOn: endedOn, today: context.today)
            }
            guard
                try await committees.updateMember(
                    memberId, endedOn: endedOn, endReason: endReason ?? (endedOn == nil ? nil : .other),
                    concurrentPartySecretary: concurrentPartySecretary,
                    expectedVersion: expected, in: transaction)
            else { throw Versioning.stale }
            try await recompute(
                areaId: committee.areaId, areaPath: committee.areaPath, today: context.today, in: transaction)
            var changed: [String: JSONValue] = [:]
            if let endedOn { changed["endedOn"] = .string(endedOn.description) }
            if let endReason { changed["endReason"] = JSONValue(endReason) }
            if let concurrentPartySecretary { changed["concurrentPartySecretary"] = .bool(concurrentPartySecretary) }
            guard let member = try await committees.member(memberId, committeeId: committeeId, in: transaction) else {
                throw DomainError.notFound("committee_member")
            }
            return AuditedChange(
                member, resourceType: "committee_member", resourceId: memberId, areaPath: committee.areaPath,
                summary: ["changed": .object(changed)])
        }
    }

    /// The rule profile in force for an area: national defaults and the area's overrides.
    package func ruleProfile(of areaId: UUID, context: CallContext) async throws -> RuleProfile {
        guard
            let area = try await areas.find(
                areaId, scopePath: Self.readScope(context.principal), deadline: context.deadline)
        else {
            throw DomainError.notFound("area")
        }
        return try await profiles.profile(for: area.path, on: context.today, via: .pipeline(deadline: context.deadline))
    }

    /// Sets or clears an area's overrides of the rule profile.
    package func setRuleProfile(of areaId: UUID, _ parameters: [String: Int?], context: CallContext) async throws
        -> RuleProfile
    {
        try RuleProfile.validateOverrides(parameters)
        return try await store.audited(context.write) { transaction in
            guard let area = try await areas.findForShare(areaId, scopePath: context.scopePath, in: transaction) else {
                throw DomainError.notFound("area")
            }
            try await committees.setOverrides(areaId: areaId, parameters, in: transaction)
            let profile = try await profiles.profile(for: area.path, on: context.today, via: .transaction(transaction))
            return AuditedChange(
                profile, resourceType: "rule_profile", resourceId: areaId, areaPath: area.path,
                summary: ["parameters": .object(parameters.mapValues { JSONValue($0) })])
        }
    }

    // MARK: Helpers

    private func reloaded(_ id: UUID, scopePath: String, in transaction: PostgresTransaction) async throws -> Committee
    {
        guard let committee = try await committees.find(id, scopePath: scopePath, via: .transaction(transaction)) else {
            throw DomainError.notFound("committee")
        }
        return committee
    }

    /// Recomputes and stores the compliance of every committee of the area: sub-committees and
    /// members of one committee change the findings of another.
    package func recompute(areaId: UUID, areaPath: String, today: CalendarDay, in transaction: PostgresTransaction)
        async throws
    {
        let inForce = try await profiles.profile(for: areaPath, on: today, via: .transaction(transaction))
        for (id, facts) in try await committees.facts(areaId: areaId, on: today, in: transaction) {
            // GEN-8: each committee under the law it was elected by; the overrides are the area's.
            let own = inForce.underLaw(facts.lawVersion)
            let findings = CommitteeCompliance.findings(facts, ownLaw: own, lawInForce: inForce, today: today)
            try await committees.setCompliance(
                id, compliant: CommitteeCompliance.isCompliant(findings),
                findingCount: findings.filter { !$0.atNextElection }.count, in: transaction)
        }
    }

    private func checkSupervisionSeparation(
        _ new: NewCommitteeMember, committee: Committee, in transaction: PostgresTransaction
    ) async throws {
        let governing: [CommitteeKind] = [.residentsCommittee, .villagersCommittee]
        let intoSupervision = committee.kind == .supervisionCommittee
        guard intoSupervision || governing.contains(committee.kind) else { return }
        let otherSide = try await committees.activeMembers(
            areaId: committee.areaId, kinds: intoSupervision ? governing : [.supervisionCommittee], on: new.startedOn,
            in: transaction)
        try CommitteeRules.checkSupervisionSeparation(
            joining: new.personId, relatives: new.closeRelativeOf, financeRole: new.financeRole,
            intoSupervision: intoSupervision,
            otherSide: otherSide)
    }

    /// Names are personal data: masked for auditors (`王*`), left out for analysts.
    static func presented(_ member: CommitteeMember, for role: Role) -> CommitteeMember {
        let name = Masking.name(member.personName, for: role)
        return CommitteeMember(
            id: member.id, committeeId: member.committeeId, personId: member.personId, personName: name,
            position: member.position,
            constituency: member.constituency, startedOn: member.startedOn, endedOn: member.endedOn,
            endReason: member.endReason,
            concurrentPartySecretary: member.concurrentPartySecretary, financeRole: member.financeRole,
            closeRelativeOf: role == .analyst ? [] : member.closeRelativeOf, version: member.version)
    }
}
