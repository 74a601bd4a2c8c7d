// Dispatch decisions (EVT-5, EVT-6, MED-21): the street sends, the department takes on or
// returns, reports progress and feeds back. A department never ends an event.

/// What one step of a dispatch changes.
public struct GridEventDispatchChange: Sendable, Hashable {
    /// New status.
    public var status: GridEventDispatch.Status?
    /// Why returned.
    public var returnReason: String?
    /// Feedback.
    public var outcome: String?
    /// Feedback.
    public var actionsTaken: String?
    /// Stamp the acceptance time.
    public var acceptedNow = false
    /// The feedback's day.
    public var fedBackOn: CalendarDay?
    /// One more progress report.
    public var progress = false
    /// The note recorded with the step.
    public var note: String?

    /// No change yet.
    public init() {}
}

extension GridEvent {
    /// A dispatch from the street (EVT-5): only at the street tier, with the authority it rests
    /// on and a deadline that is not in the past (the category's limit from today by default).
    public func decideDispatch(
        authorityBasis: String, dueOn requested: CalendarDay?, category: GridEventCategory, today: CalendarDay,
        days: HandlingDays = .weekdaysOnly
    ) throws(DomainError) -> (dueOn: CalendarDay, dayKind: DayKind) {
        guard status == .handling, tier == .street else {
            throw DomainError(
                .conflict, code: "grid_event.dispatch_needs_street_tier",
                message: LocalizedText(
                    zh: "只有街道会办的事件可以派单（EVT-5）。", en: "Only an event at the street tier is dispatched (EVT-5)."))
        }
        var validator = FieldValidator()
        validator.length("authorityBasis", authorityBasis, max: 500)
        validator.notBlank("authorityBasis", authorityBasis)
        if let requested, requested < today {
            validator.fail(
                "dueOn", "in_the_past", zh: "办理期限不能早于今天。", en: "The deadline cannot be before today.")
        }
        if let requested, requested > today.addingDays(365) {
            validator.fail("dueOn", "too_far", zh: "办理期限不能超过一年。", en: "The deadline is at most a year away.")
        }
        try validator.check()
        if let requested { return (requested, .calendar) }
        return (days.due(from: today, days: category.timeLimitDays, kind: category.dayKind).day, category.dayKind)
    }
}

extension GridEventDispatch {
    /// A department's step on its dispatch: take on or return while pending (a return needs the
    /// reason); once taken on, progress and feedback only (EVT-6: it cannot decline a matter it
    /// accepted), feedback with outcome and actions taken (`FEEDBACK_INCOMPLETE` otherwise).
    public func decide(
        _ action: GridEventDispatchAction, reason: String?, note: String?, outcome: String?, actionsTaken: String?,
        today: CalendarDay
    ) throws(DomainError) -> GridEventDispatchChange {
        var validator = FieldValidator()
        validator.length("reason", reason, max: 1000)
        validator.notBlank("reason", reason)
        validator.length("note", note, max: 2000)
        validator.notBlank("note", note)
        validator.length("outcome", outcome, max: 2000)
        validator.notBlank("outcome", outcome)
        validator.length("actionsTaken", actionsTaken, max: 2000)
        validator.notBlank("actionsTaken", actionsTaken)
        try validator.check()
        var change = GridEventDispatchChange()
        change.note = note
        switch action {
        case .accept:
            guard status == .pending else { throw Self.wrongState("pending") }
            change.status = .accepted
            change.acceptedNow = true
        case .return:
            guard status != .accepted else {
                throw DomainError(
                    .unprocessable, code: "grid_event.accepted_cannot_decline",
                    message: LocalizedText(
                        zh: "部门已承接的事项不能退回，须办理并反馈（EVT-6）。",
                        en: "A department cannot return a matter it accepted: it handles it and feeds back (EVT-6)."))
            }
            guard status == .pending else { throw Self.wrongState("pending") }
            guard let reason else { throw DomainError.required("reason") }
            change.status = .returned
            change.returnReason = reason
            change.note = reason
        case .progress:
            guard status == .accepted else { throw Self.wrongState("accepted") }
            guard note != nil else { throw DomainError.required("note") }
            change.progress = true
        case .feedback:
            guard status == .accepted else { throw Self.wrongState("accepted") }
            guard let outcome, let actionsTaken else {
                throw DomainError(
                    .unprocessable, code: "grid_event.feedback_incomplete",
                    message: LocalizedText(
                        zh: "反馈须写明办理结果和采取的措施（EVT-6）。", en: "Feedback states the outcome and the actions taken (EVT-6)."),
                    fieldErrors: [
                        .init(
                            field: outcome == nil ? "outcome" : "actionsTaken", code: "required",
                            message: LocalizedText(zh: "此操作需要该字段。", en: "Required here."))
                    ])
            }
            change.status = .fedBack
            change.outcome = outcome
            change.actionsTaken = actionsTaken
            change.fedBackOn = today
            change.note = outcome
        }
        return change
    }

    /// The step is not allowed in the dispatch's current state (409).
    public static func wrongState(_ expected: String) -> DomainError {
        DomainError(
            .conflict, code: "grid_event.dispatch_wrong_state",
            message: LocalizedText(
                zh: "派单当前状态不允许此操作（需为 \(expected)）。",
                en: "Not allowed in the dispatch's current state (needs \(expected))."))
    }
}
