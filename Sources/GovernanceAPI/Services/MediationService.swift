import Foundation
import Governance
import GovernanceStore
import Postgres

/// People's mediation: intake, the legal clock, sessions, agreements, escalation and follow-up,
/// with the parties' personal data shown in full to the assigned mediator only.
struct MediationService: Sendable {
    let store: Store
    let areas: AreaRepository
    let people: PersonRepository
    let tokens: TokenRepository
    let mediation: MediationRepository
    let committees: CommitteeRepository
    let audit: AuditLog
    let today: @Sendable () -> CalendarDay

    func create(_ new: NewMediationCase, context: CallContext) async throws -> MediationCase {
        try new.validate()
        return try await store.write(deadline: context.deadline) { transaction in
            guard let origin = try await areas.findForShare(new.areaId, scopePath: context.principal.scopePath, in: transaction) else {
                throw DomainError.notFound("area")
            }
            guard [.community, .village, .grid, .microgrid].contains(origin.kind) else {
                throw DomainError(
                    .unprocessable, code: "mediation.invalid_area",
                    message: LocalizedText(zh: "纠纷发生地须为社区（村）或网格。", en: "A dispute arises in a community, village or grid."))
            }
            var parties: [(personId: UUID?, name: String, phone: String?, role: String)] = []
            for party in new.parties {
                if let personId = party.personId {
                    guard let person = try await people.find(personId, scopePath: context.principal.scopePath, reveal: true, deadline: context.deadline) else {
                        throw DomainError.notFound("person")
                    }
                    parties.append((personId, person.name, party.phone ?? person.phone, party.role))
                } else {
                    parties.append((nil, party.name ?? "", party.phone, party.role))
                }
            }
            let level = MediationLevel.initial(for: new.complexity)  // MED-19
            let id = try await mediation.insert(new, origin: origin, level: level, parties: parties, in: transaction)
            try await audit.append(
                context.auditEntry(
                    resourceType: "mediation_case", resourceId: id, areaPath: origin.path,
                    summary: ["category": new.category, "risk": new.risk.rawValue, "parties": parties.count, "level": level.rawValue]),
                in: transaction)
            return try await locked(id, context: context, in: transaction)
        }
    }

    func get(_ id: UUID, context: CallContext) async throws -> MediationCase {
        guard let found = try await mediation.find(id, scopePath: context.principal.scopePath, revealFor: context.principal.tokenId, deadline: context.deadline)
        else { throw DomainError.notFound("mediation_case") }
        return found
    }

    func list(areaId: UUID?, filter: MediationRepository.Filter, overdue: Bool?, cursor: String?, limit: Int?, context: CallContext) async throws -> Page<MediationCase> {
        var filter = filter
        if let areaId {
            guard let area = try await areas.find(areaId, scopePath: context.principal.scopePath, deadline: context.deadline) else { throw DomainError.notFound("area") }
            filter.areaPath = area.path
        }
        let page = try await mediation.list(
            scopePath: context.principal.scopePath, filter: filter, revealFor: context.principal.tokenId, after: try PageCursor.decodeID(cursor),
            limit: try PageCursor.limit(limit), deadline: context.deadline)
        guard let overdue else { return page }
        return Page(items: page.items.filter { Self.isOverdue($0, today: today()) == overdue }, nextCursor: page.nextCursor)
    }

    static func isOverdue(_ mediationCase: MediationCase, today: CalendarDay) -> Bool {
        MediationClock.isOverdue(
            status: mediationCase.status, acceptedOn: mediationCase.acceptedOn, extensionDays: mediationCase.extensionDays,
            months: mediationCase.clockMonths, today: today)
    }

    /// MED-17's months from the rule profile of the accepting level, frozen on the case.
    private func clockMonths(for levelPath: String, in transaction: PostgresTransaction) async throws -> Int {
        let profile = RuleProfile(lawVersion: RuleProfile.lawVersion(on: today()), overrides: try await committees.overrides(for: levelPath, in: transaction))
        return Swift.min(Swift.max(profile["mediationMonths"], 1), 12)
    }

    func transition(_ id: UUID, to target: MediationStatus, reason: String?, advice: String?, context: CallContext) async throws -> MediationCase {
        var validator = FieldValidator()
        validator.length("reason", reason, max: 1000)
        try validator.check()
        return try await store.write(deadline: context.deadline) { transaction in
            let current = try await handled(id, context: context, in: transaction)
            try current.status.checkTransition(to: target)
            var change = MediationRepository.Change()
            change.status = target
            switch target {
            case .accepted:
                change.acceptedOn = today()  // the clock starts at acceptance
                change.clockMonths = try await clockMonths(for: current.levelPath, in: transaction)
            case .declined:
                guard let reason else { throw Self.required("reason") }
                change.declineReason = reason
                change.concludedOn = today()
            case .inMediation, .agreement:
                throw DomainError(
                    .unprocessable, code: "mediation.use_endpoint",
                    message: LocalizedText(
                        zh: "请通过指派调解员或登记调解协议的接口办理。", en: "Use the assignment or agreement endpoint for this step."))
            case .failed:
                guard let advice else { throw Self.required("advice") }  // MED-11
                change.advice = advice
                change.concludedOn = today()
            case .withdrawn:
                change.concludedOn = today()
            case .closed:
                guard current.sessionCount > 0 else {  // MED-18
                    throw DomainError(
                        .unprocessable, code: "mediation.no_session_record",
                        message: LocalizedText(zh: "没有调解记录的案件不能结案（MED-18）。", en: "A case without a session record cannot close (MED-18)."))
                }
                if current.status == .agreement, current.followUpCount == 0 {
                    throw DomainError(
                        .unprocessable, code: "mediation.follow_up_required",
                        message: LocalizedText(zh: "达成协议的案件须回访后结案。", en: "An agreement is followed up before the case closes."))
                }
            case .received:
                break
            }
            try await mediation.apply(id, change, in: transaction)
            try await audit.append(
                context.auditEntry(
                    resourceType: "mediation_case", resourceId: id, areaPath: current.levelPath, summary: ["from": current.status.rawValue, "to": target.rawValue]),
                in: transaction)
            return try await locked(id, context: context, in: transaction)
        }
    }

    func assign(_ id: UUID, mediatorTokenId: UUID, consents: [UUID: Bool], context: CallContext) async throws -> MediationCase {
        try await store.write(deadline: context.deadline) { transaction in
            let current = try await handled(id, context: context, in: transaction)
            guard current.status == .accepted else { throw Self.wrongState("accepted") }
            guard let mediator = try await tokens.find(mediatorTokenId, scopePath: "", deadline: context.deadline), mediator.role == .mediator,
                mediator.revokedAt == nil, current.levelPath == mediator.areaPath || current.levelPath.hasPrefix(mediator.areaPath + ".")
            else {
                throw DomainError(
                    .unprocessable, code: "mediation.not_a_mediator",
                    message: LocalizedText(zh: "须指派本级有效的调解员。", en: "Name a mediator serving at the case's level."))
            }
            let partyIds = Set(current.parties.map(\.id))
            guard Set(consents.keys) == partyIds else {
                throw DomainError.validation([
                    .init(field: "consents", code: "every_party", message: LocalizedText(zh: "须记录每一方当事人的意愿（自愿原则）。", en: "Record every party's consent."))
                ])
            }
            try await mediation.recordConsents(consents, caseId: id, in: transaction)
            var change = MediationRepository.Change()
            if consents.values.allSatisfy({ $0 }) {
                change.status = .inMediation
                change.mediator = .some(mediatorTokenId)
            } else {
                change.status = .declined  // a party refuses: mediation is voluntary
                change.declineReason = "party_refused"
                change.concludedOn = today()
            }
            try await mediation.apply(id, change, in: transaction)
            try await audit.append(
                context.auditEntry(
                    resourceType: "mediation_case", resourceId: id, areaPath: current.levelPath,
                    summary: ["mediator": mediatorTokenId.lowercasedString, "allConsent": change.status == .inMediation]),
                in: transaction)
            return try await locked(id, context: context, in: transaction)
        }
    }

    func addSession(_ id: UUID, heldOn: CalendarDay, place: String, attendees: [String], summary: String, context: CallContext) async throws -> UUID {
        var validator = FieldValidator()
        validator.length("place", place, max: 200)
        validator.length("summary", summary, max: 5000)
        validator.notBlank("summary", summary)
        if attendees.count > 50 { validator.fail("attendees", "too_many", zh: "参加人不能超过 50 名。", en: "At most 50 attendees.") }
        for (index, attendee) in attendees.enumerated() { validator.length("attendees/\(index)", attendee, max: 50) }
        try validator.check()
        return try await store.write(deadline: context.deadline) { transaction in
            let current = try await handled(id, context: context, in: transaction)
            guard [.inMediation, .agreement].contains(current.status) else { throw Self.wrongState("in_mediation") }
            let session = try await mediation.insertSession(caseId: id, heldOn: heldOn, place: place, attendees: attendees, summary: summary, in: transaction)
            try await audit.append(
                context.auditEntry(resourceType: "mediation_session", resourceId: session, areaPath: current.levelPath, summary: ["heldOn": heldOn.description]),
                in: transaction)
            return session
        }
    }

    func sessions(_ id: UUID, context: CallContext) async throws -> [(id: UUID, heldOn: CalendarDay, place: String, attendees: [String], summary: String)] {
        _ = try await get(id, context: context)
        return try await mediation.sessions(of: id, deadline: context.deadline)
    }

    func agree(
        _ id: UUID, terms: String, on day: CalendarDay, written: Bool, performanceDeadline: CalendarDay?, signedByAllParties: Bool, signedByMediator: Bool,
        context: CallContext
    ) async throws -> MediationCase {
        var validator = FieldValidator()
        validator.length("terms", terms, max: 5000)
        validator.notBlank("terms", terms)
        if written, !(signedByAllParties && signedByMediator) {  // MED-13
            validator.fail("signedByAllParties", "signatures_required", zh: "书面协议须各方当事人和调解员签名。", en: "A written agreement is signed by every party and the mediator.")
        }
        if let performanceDeadline, performanceDeadline < day {
            validator.fail("performanceDeadline", "before_agreement", zh: "履行期限早于协议日期。", en: "Before the agreement date.")
        }
        try validator.check()
        return try await store.write(deadline: context.deadline) { transaction in
            let current = try await handled(id, context: context, in: transaction)
            try current.status.checkTransition(to: .agreement)
            var change = MediationRepository.Change()
            change.status = .agreement
            change.agreement = (terms, day, written ? "written" : "oral", performanceDeadline)
            change.concludedOn = day
            try await mediation.apply(id, change, in: transaction)
            try await audit.append(
                context.auditEntry(resourceType: "mediation_case", resourceId: id, areaPath: current.levelPath, summary: ["agreement": written ? "written" : "oral"]),
                in: transaction)
            return try await locked(id, context: context, in: transaction)
        }
    }

    func extend(_ id: UUID, days: Int, reason: String, everyPartyConsents: Bool, context: CallContext) async throws -> MediationCase {
        try MediationClock.checkExtension(days: days, reason: reason, everyPartyConsents: everyPartyConsents)
        return try await store.write(deadline: context.deadline) { transaction in
            let current = try await handled(id, context: context, in: transaction)
            guard current.status.isOpen, current.acceptedOn != nil else { throw Self.wrongState("accepted") }
            var change = MediationRepository.Change()
            change.addExtensionDays = days
            try await mediation.apply(id, change, in: transaction)
            try await audit.append(
                context.auditEntry(resourceType: "mediation_case", resourceId: id, areaPath: current.levelPath, summary: ["extensionDays": days]),
                in: transaction)
            return try await locked(id, context: context, in: transaction)
        }
    }

    func escalate(_ id: UUID, reason: String, context: CallContext) async throws -> (id: UUID, from: MediationLevel, to: MediationLevel) {
        var validator = FieldValidator()
        validator.length("reason", reason, max: 1000)
        validator.notBlank("reason", reason)
        try validator.check()
        return try await store.write(deadline: context.deadline) { transaction in
            let current = try await handled(id, context: context, in: transaction)
            let target = try MediationEscalation.target(from: current.level, status: current.status, hasPendingEscalation: current.pendingEscalation)
            let escalation = try await mediation.insertEscalation(
                caseId: id, from: current.level, to: target, toPath: target.path(from: current.originPath), reason: reason, in: transaction)
            var change = MediationRepository.Change()
            change.escalated = true
            try await mediation.apply(id, change, in: transaction)
            try await audit.append(
                context.auditEntry(
                    resourceType: "mediation_escalation", resourceId: escalation, areaPath: current.levelPath,
                    summary: ["from": current.level.rawValue, "to": target.rawValue]),
                in: transaction)
            return (escalation, current.level, target)
        }
    }

    func decide(_ id: UUID, escalationId: UUID, accept: Bool, reason: String?, context: CallContext) async throws -> MediationCase {
        var validator = FieldValidator()
        validator.length("reason", reason, max: 1000)
        try validator.check()
        return try await store.write(deadline: context.deadline) { transaction in
            guard let current = try await mediation.find(id, scopePath: context.principal.scopePath, revealFor: nil, in: transaction, lock: true),
                let escalation = try await mediation.pendingEscalation(escalationId, caseId: id, in: transaction)
            else { throw DomainError.notFound("mediation_escalation") }
            try MediationEscalation.checkReceiver(scopePath: context.principal.scopePath, targetPath: escalation.toPath)  // GEN-2
            if !accept, reason == nil { throw Self.required("reason") }
            try await mediation.decideEscalation(escalationId, accepted: accept, reason: reason, in: transaction)
            if accept {
                var change = MediationRepository.Change()
                change.level = (escalation.to, escalation.toPath)
                change.status = .accepted
                change.acceptedOn = today()  // the clock restarts at the new level
                change.clockMonths = try await clockMonths(for: escalation.toPath, in: transaction)
                change.mediator = .some(nil)
                try await mediation.apply(id, change, in: transaction)
            }
            try await audit.append(
                context.auditEntry(
                    resourceType: "mediation_escalation", resourceId: escalationId, areaPath: escalation.toPath, summary: ["accepted": accept]),
                in: transaction)
            _ = current
            return try await locked(id, context: context, in: transaction)
        }
    }

    func followUp(_ id: UUID, performance: PerformanceStatus, on day: CalendarDay, note: String?, reopen: Bool, context: CallContext) async throws -> MediationCase {
        var validator = FieldValidator()
        validator.length("note", note, max: 2000)
        try validator.check()
        return try await store.write(deadline: context.deadline) { transaction in
            let current = try await handled(id, context: context, in: transaction)
            guard current.status == .agreement else { throw Self.wrongState("agreement") }
            try await mediation.insertFollowUp(caseId: id, performance: performance, on: day, note: note, in: transaction)
            if performance == .notPerformed, reopen {
                var change = MediationRepository.Change()
                change.status = .inMediation  // not performed: back to mediation
                try await mediation.apply(id, change, in: transaction)
            }
            try await audit.append(
                context.auditEntry(
                    resourceType: "mediation_case", resourceId: id, areaPath: current.levelPath, summary: ["followUp": performance.rawValue, "reopened": reopen]),
                in: transaction)
            return try await locked(id, context: context, in: transaction)
        }
    }

    /// Statistics of a subtree, computed without personal data.
    func stats(areaId: UUID?, context: CallContext) async throws -> (UUID, [String: Any]) {
        var areaPath = context.principal.scopePath
        var resolvedId = context.principal.scopeAreaId
        if let areaId {
            guard let area = try await areas.find(areaId, scopePath: context.principal.scopePath, deadline: context.deadline) else { throw DomainError.notFound("area") }
            areaPath = area.path
            resolvedId = area.id
        }
        let rows = try await mediation.statisticsRows(areaPath: areaPath, deadline: context.deadline)
        var byStatus: [String: Int] = [:]
        var byCategory: [String: Int] = [:]
        var byLevel: [String: Int] = [:]
        var bySource: [String: Int] = [:]
        for row in rows {
            byStatus[row.status, default: 0] += 1
            byCategory[row.category, default: 0] += 1
            byLevel[row.level, default: 0] += 1
            bySource[row.source, default: 0] += 1
        }
        let concludedDays = rows.compactMap(\.concludedDays).sorted()
        let agreements = rows.filter(\.agreement).count
        let overdue = rows.filter {
            MediationClock.isOverdue(
                status: MediationStatus(rawValue: $0.status) ?? .closed, acceptedOn: $0.acceptedOn, extensionDays: $0.extensionDays,
                months: $0.clockMonths, today: today())
        }.count
        var result: [String: Any] = [
            "total": rows.count, "byStatus": byStatus, "byCategory": byCategory, "byLevel": byLevel, "bySource": bySource,
            "concluded": concludedDays.count, "agreements": agreements, "overdue": overdue, "escalated": rows.filter(\.escalated).count,
            "performed": rows.filter(\.performed).count,
        ]
        if !concludedDays.isEmpty {
            result["successRate"] = Double(agreements) / Double(concludedDays.count)
            let middle = concludedDays.count / 2
            result["medianDaysToConclude"] =
                concludedDays.count % 2 == 1 ? Double(concludedDays[middle]) : Double(concludedDays[middle - 1] + concludedDays[middle]) / 2
        }
        if !rows.isEmpty { result["escalationRate"] = Double(rows.filter(\.escalated).count) / Double(rows.count) }
        return (resolvedId, result)
    }

    // MARK: Helpers

    /// The case, locked, when the caller's level handles it: lower levels keep read access only.
    private func handled(_ id: UUID, context: CallContext, in transaction: PostgresTransaction) async throws -> MediationCase {
        guard let found = try await mediation.find(id, scopePath: context.principal.scopePath, revealFor: nil, in: transaction, lock: true) else {
            throw DomainError.notFound("mediation_case")
        }
        guard context.principal.covers(path: found.levelPath) else {
            throw DomainError(
                .forbidden, code: "mediation.not_handling_level",
                message: LocalizedText(zh: "案件已由上级办理，本级只能查看。", en: "The case is handled at a higher level; this level may only read it."))
        }
        return found
    }

    private func locked(_ id: UUID, context: CallContext, in transaction: PostgresTransaction) async throws -> MediationCase {
        guard let found = try await mediation.find(id, scopePath: context.principal.scopePath, revealFor: context.principal.tokenId, in: transaction)
        else { throw DomainError.notFound("mediation_case") }
        return found
    }

    static func wrongState(_ expected: String) -> DomainError {
        DomainError(
            .conflict, code: "mediation.wrong_state",
            message: LocalizedText(zh: "案件当前状态不允许此操作（需为 \(expected)）。", en: "Not allowed in the case's current state (needs \(expected))."))
    }

    static func required(_ field: String) -> DomainError {
        DomainError.validation([.init(field: field, code: "required", message: LocalizedText(zh: "此操作需要该字段。", en: "Required here."))])
    }
}
