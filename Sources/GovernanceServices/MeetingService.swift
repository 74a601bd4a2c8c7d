package import Foundation
package import Governance
package import GovernanceStore
import Postgres

/// Self-governance meetings (COM-18 – COM-21): recorded after they are held, the quorum computed
/// on their basis, decisions only by a quorate meeting.
package struct MeetingService: Sendable {
    let store: Store
    let areas: AreaRepository
    let meetings: MeetingRepository
    let profiles: RuleProfiles
    let committeeService: CommitteeService

    /// Creates the service.
    package init(store: Store, committeeService: CommitteeService) {
        self.store = store
        self.committeeService = committeeService
        self.areas = AreaRepository(store: store)
        self.meetings = MeetingRepository(store: store)
        self.profiles = RuleProfiles(store: store)
    }

    /// Records a meeting of a village or community in scope. An assembly's body is its members
    /// on the day it met, never a stated number.
    package func create(_ new: NewMeeting, context: CallContext) async throws -> Meeting {
        try await store.audited(context.write) { transaction in
            guard let area = try await areas.findForShare(new.areaId, scopePath: context.scopePath, in: transaction)
            else { throw DomainError.notFound("area") }
            let eligible: Int
            if new.kind.isAssembly {
                guard new.eligible == nil else {
                    throw DomainError.validation([
                        .init(
                            field: "eligible", code: "not_allowed",
                            message: LocalizedText(
                                zh: "代表会议的应到人数取自代表会议成员，不能填写。",
                                en: "An assembly's body is its members on the day; it is not stated."))
                    ])
                }
                guard let members = try await meetings.assemblyMembers(areaId: area.id, on: new.heldOn, in: transaction)
                else {
                    throw DomainError(
                        .unprocessable, code: "meeting.no_assembly",
                        message: LocalizedText(
                            zh: "该村（社区）在会议当日没有代表会议。", en: "The area had no representative assembly on that day."))
                }
                eligible = members
            } else {
                guard let stated = new.eligible else {
                    throw DomainError.validation([
                        .init(
                            field: "eligible", code: "required",
                            message: LocalizedText(zh: "须填写应到人数（户数）。", en: "The size of the body is required."))
                    ])
                }
                eligible = stated
            }
            let profile = try await profiles.profile(for: area.path, on: new.heldOn, via: .transaction(transaction))
            try MeetingRules.check(new, areaKind: area.kind, eligible: eligible, profile: profile, today: context.today)
            let quorate = MeetingRules.isQuorate(
                kind: new.kind, basis: new.basis, eligible: eligible, present: new.present)
            let meeting = try await meetings.insert(
                new, area: area, eligible: eligible, quorate: quorate, in: transaction)
            // COM-18: an assembly's meeting changes its committee's quarterly finding.
            try await committeeService.recompute(
                areaId: area.id, areaPath: area.path, today: context.today, in: transaction)
            return AuditedChange(
                meeting, resourceType: "meeting", resourceId: meeting.id, areaPath: area.path,
                summary: [
                    "kind": .string(new.kind.rawValue), "heldOn": .string(new.heldOn.description),
                    "present": .int(new.present), "eligible": .int(eligible), "quorate": .bool(quorate),
                ])
        }
    }

    /// The meeting `id` in scope.
    package func get(_ id: UUID, context: CallContext) async throws -> Meeting {
        guard
            let found = try await meetings.find(
                id, scopePath: context.scopePath, via: .pipeline(deadline: context.deadline))
        else { throw DomainError.notFound("meeting") }
        return found
    }

    /// One page of meetings in scope.
    package func list(
        areaId: UUID?, kind: MeetingKind?, from: CalendarDay?, to: CalendarDay?, cursor: String?, limit: Int?,
        context: CallContext
    ) async throws -> Page<Meeting> {
        return try await meetings.list(
            scopePath: context.scopePath,
            areaPath: try await areas.filterPath(areaId, scopePath: context.scopePath, deadline: context.deadline),
            kind: kind, from: from, to: to,
            after: try PageCursor.decodeID(cursor), limit: try PageCursor.limit(limit), deadline: context.deadline)
    }

    /// Records a decision of a quorate meeting; passed when more than half of those present voted for it.
    package func decide(
        _ id: UUID, item: String, text: String, yes: Int, no: Int, abstain: Int, context: CallContext
    ) async throws -> Meeting {
        var validator = FieldValidator()
        validator.length("item", item, max: 200)
        validator.notBlank("item", item)
        validator.length("text", text, max: 10_000)
        validator.notBlank("text", text)
        try validator.check()
        return try await store.audited(context.write) { transaction in
            guard
                let meeting = try await meetings.find(
                    id, scopePath: context.scopePath, via: .transaction(transaction), lock: true)
            else { throw DomainError.notFound("meeting") }
            let passed = try MeetingRules.decide(yes: yes, no: no, abstain: abstain, at: meeting)
            let decision = try await meetings.insertDecision(
                meetingId: id, item: item, text: text, yes: yes, no: no, abstain: abstain, passed: passed,
                in: transaction)
            guard
                let updated = try await meetings.find(id, scopePath: context.scopePath, via: .transaction(transaction))
            else { throw DomainError.notFound("meeting") }
            return AuditedChange(
                updated, resourceType: "meeting_decision", resourceId: decision, areaPath: meeting.areaPath,
                summary: ["meetingId": JSONValue(id), "passed": .bool(passed), "yes": .int(yes)])
        }
    }
}
