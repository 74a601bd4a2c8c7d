public import struct Foundation.UUID

// The decisions of a case's lifecycle: current state + command + who + today → a change, or a
// refusal with its rule id. Services load, call one of these, apply and audit.

extension MediationLevel {
    /// A dispute is received where it arises: a community, a village, a grid or a micro-grid.
    public static func checkIntakeArea(_ kind: AreaKind) throws(DomainError) {
        guard [.community, .village, .grid, .microgrid].contains(kind) else {
            throw DomainError(
                .unprocessable, code: "mediation.invalid_area",
                message: LocalizedText(zh: "纠纷发生地须为社区（村）或网格。", en: "A dispute arises in a community, village or grid."))
        }
    }
}

extension MediationCase {
    /// A lifecycle step by the transition endpoint, with what it records (MED-11, MED-18).
    public func decideTransition(to target: MediationStatus, reason: String?, advice: String?, on today: CalendarDay)
        throws(DomainError) -> MediationChange
    {
        try status.checkTransition(to: target)
        var change = MediationChange()
        change.status = target
        switch target {
        case .accepted:
            change.acceptedOn = today  // the clock starts at acceptance
        case .declined:
            guard let reason else { throw DomainError.required("reason") }
            change.declineReason = reason
            change.concludedOn = today
        case .inMediation, .agreement:
            throw DomainError(
                .unprocessable, code: "mediation.use_endpoint",
                message: LocalizedText(
                    zh: "请通过指派调解员或登记调解协议的接口办理。", en: "Use the assignment or agreement endpoint for this step."))
        case .failed:
            guard let advice else { throw DomainError.required("advice") }  // MED-11
            change.advice = advice
            change.concludedOn = today
        case .withdrawn:
            change.concludedOn = today
        case .closed:
            guard sessionCount > 0 else {  // MED-18
                throw DomainError(
                    .unprocessable, code: "mediation.no_session_record",
                    message: LocalizedText(
                        zh: "没有调解记录的案件不能结案（MED-18）。", en: "A case without a session record cannot close (MED-18)."))
            }
            if status == .agreement, followUpCount == 0 {
                throw DomainError(
                    .unprocessable, code: "mediation.follow_up_required",
                    message: LocalizedText(
                        zh: "达成协议的案件须回访后结案。", en: "An agreement is followed up before the case closes."))
            }
        case .received:
            break
        }
        return change
    }

    /// The mediator named with every party's consent; one refusal declines the case (自愿原则).
    public func decideAssignment(mediator: UUID?, consents: [UUID: Bool], on today: CalendarDay) throws(DomainError)
        -> MediationChange
    {
        guard status == .accepted else { throw Self.wrongState("accepted") }
        guard Set(consents.keys) == Set(parties.map(\.id)) else {
            throw DomainError.validation([
                .init(
                    field: "consents", code: "every_party",
                    message: LocalizedText(zh: "须记录每一方当事人的意愿（自愿原则）。", en: "Record every party's consent."))
            ])
        }
        var change = MediationChange()
        if consents.values.allSatisfy({ $0 }) {
            change.status = .inMediation
            change.mediator = .some(mediator)  // a token named (or none: the posts carry it)
        } else {
            change.status = .declined
            change.declineReason = "party_refused"
            change.concludedOn = today
        }
        return change
    }

    /// A mediator is a valid `mediator` token serving at the case's level or above it.
    public static func checkMediator(role: Role?, revoked: Bool, servesAt areaPath: String?, casePath: String)
        throws(DomainError)
    {
        guard role == .mediator, !revoked, let areaPath, AreaPath.contains(areaPath, casePath) else {
            throw DomainError(
                .unprocessable, code: "mediation.not_a_mediator",
                message: LocalizedText(zh: "须指派本级有效的调解员。", en: "Name a mediator serving at the case's level."))
        }
    }

    /// An extension of an open, accepted case (MED-17).
    public func decideExtension(days: Int) throws(DomainError) -> MediationChange {
        guard status.isOpen, acceptedOn != nil else { throw Self.wrongState("accepted") }
        var change = MediationChange()
        change.addExtensionDays = days
        return change
    }

    /// A follow-up of an agreement; not performed, and asked to, the case goes back to mediation.
    public func decideFollowUp(performance: PerformanceStatus, reopen: Bool) throws(DomainError) -> MediationChange {
        guard status == .agreement else { throw Self.wrongState("agreement") }
        var change = MediationChange()
        if performance == .notPerformed, reopen { change.status = .inMediation }
        return change
    }

    /// Only the level handling the case changes it; the levels below keep read access (MED-20).
    public func checkHandled(by principal: Principal) throws(DomainError) {
        guard principal.covers(path: levelPath) else {
            throw DomainError(
                .forbidden, code: "mediation.not_handling_level",
                message: LocalizedText(
                    zh: "案件已由上级办理，本级只能查看。", en: "The case is handled at a higher level; this level may only read it."))
        }
    }

    /// A session's fields are bounded.
    public static func validateSession(
        heldOn: CalendarDay, place: String, attendees: [String], summary: String, today: CalendarDay
    ) throws(DomainError) {
        var validator = FieldValidator()
        validator.statedDay("heldOn", heldOn, today: today)
        validator.length("place", place, max: 200)
        validator.length("summary", summary, max: 5000)
        validator.notBlank("summary", summary)
        if attendees.count > 50 {
            validator.fail("attendees", "too_many", zh: "参加人不能超过 50 名。", en: "At most 50 attendees.")
        }
        for (index, attendee) in attendees.enumerated() { validator.length("attendees/\(index)", attendee, max: 50) }
        try validator.check()
    }

    /// The step is not allowed in the case's current state (409).
    public static func wrongState(_ expected: String) -> DomainError {
        DomainError(
            .conflict, code: "mediation.wrong_state",
            message: LocalizedText(
                zh: "案件当前状态不允许此操作（需为 \(expected)）。", en: "Not allowed in the case's current state (needs \(expected)).")
        )
    }

}
