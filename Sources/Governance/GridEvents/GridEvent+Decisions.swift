import struct Foundation.UUID

// The decisions of an event's lifecycle (domain-rules.md §3.6): current state + command + today
// → a change, or a refusal with its rule id. The service loads, calls one of these, applies and audits.

extension GridEvent {
    /// The community compiles the report (EVT-3) and sets the tier (EVT-4): the one asked for, or
    /// the category's default; villages have no compound tier, so a compound default becomes the
    /// community. The tier's deadline runs from today. A hazard's risk may be re-assessed (EVT-2).
    public func decideAccept(
        tier requested: GridEventTier?, riskLevel: String? = nil, category: GridEventCategory, today: CalendarDay,
        days: HandlingDays = .weekdaysOnly
    ) throws(DomainError) -> GridEventChange {
        guard status == .reported else { throw Self.wrongState("reported") }
        var tier = requested ?? category.defaultTier
        if tier == .compound, isInVillage {
            guard requested == nil else {
                throw DomainError(
                    .unprocessable, code: "grid_event.no_compound_tier",
                    message: LocalizedText(
                        zh: "村没有小区自办层级（EVT-4）。", en: "A village has no compound tier (EVT-4)."))
            }
            tier = .community
        }
        var change = entering(tier, category: category, today: today, days: days, action: "accept")
        change.acceptedOn = today
        change.riskLevel = riskLevel
        return change
    }

    /// Not a matter for the community, or not a real report (EVT-3 `mark_invalid`): ends with a reason.
    public func decideReject(reason: String?) throws(DomainError) -> GridEventChange {
        guard status == .reported else { throw Self.wrongState("reported") }
        guard let reason else { throw DomainError.required("reason") }  // EVT-10: every end has a reason
        var change = GridEventChange(action: "reject", note: reason)
        change.status = .rejected
        change.rejectReason = reason
        return change
    }

    /// A duplicate joins the event it repeats (EVT-3 `merge_into`): same community, that event
    /// open and not itself merged.
    public func decideMerge(into target: GridEvent) throws(DomainError) -> GridEventChange {
        guard status == .reported || status == .handling else { throw Self.wrongState("reported") }
        guard target.id != id, target.status.isOpen, target.communityPath == communityPath else {
            throw DomainError(
                .unprocessable, code: "grid_event.invalid_merge_target",
                message: LocalizedText(
                    zh: "只能合并到本社区另一件未结束的事件。", en: "A duplicate merges into another open event of the same community."))
        }
        var change = GridEventChange(action: "merge", note: target.id.uuidString.lowercased())
        change.status = .merged
        change.mergedIntoId = target.id
        return change
    }

    /// Up one tier with a reason (EVT-4: one level at a time; the street has none above it and
    /// dispatches instead). The level below keeps read access.
    public func decideEscalation(
        reason: GridEventEscalationReason?, note: String?, to requested: GridEventTier?, category: GridEventCategory,
        today: CalendarDay, days: HandlingDays = .weekdaysOnly
    ) throws(DomainError) -> GridEventChange {
        guard status == .handling, let tier else { throw Self.wrongState("handling") }
        guard let reason else { throw DomainError.required("reason") }
        guard let parent = tier.parent else {
            throw DomainError(
                .unprocessable, code: "grid_event.no_higher_tier",
                message: LocalizedText(
                    zh: "街道会办已是最高层级，请派单给职能部门。", en: "The street is the top tier: dispatch to a department instead."))
        }
        if let requested, requested != parent {
            throw DomainError(
                .unprocessable, code: "grid_event.escalation_skips_level",
                message: LocalizedText(
                    zh: "只能逐级上移到上一层级（EVT-4）。", en: "An event moves up one tier at a time (EVT-4)."))
        }
        var change = entering(parent, category: category, today: today, days: days, action: "escalate")
        change.note = [reason.rawValue, note].compactMap { $0 }.joined(separator: ": ")
        return change
    }

    /// Resolved with what was done; at the street, no department may still owe its feedback.
    public func decideResolution(_ resolution: String?) throws(DomainError) -> GridEventChange {
        guard status == .handling else { throw Self.wrongState("handling") }
        guard let resolution else { throw DomainError.required("resolution") }
        if dispatches.contains(where: { $0.status.isOpen }) {
            throw DomainError(
                .unprocessable, code: "grid_event.dispatch_open",
                message: LocalizedText(
                    zh: "仍有职能部门未反馈办理结果（EVT-6）。", en: "A department has not fed back yet (EVT-6)."))
        }
        var change = GridEventChange(action: "resolve", note: resolution)
        change.status = .resolved
        change.resolution = resolution
        change.resolvedNow = true
        return change
    }

    /// Closed by staff without a rating: a named reporter must have been told the outcome first (EVT-7).
    public func decideClose(reason: String?, reporterInformed: Bool) throws(DomainError) -> GridEventChange {
        guard status == .resolved else { throw Self.wrongState("resolved") }
        guard let reason else { throw DomainError.required("reason") }
        if reporter != nil, !reporterInformed {
            throw DomainError(
                .unprocessable, code: "grid_event.reporter_not_informed",
                message: LocalizedText(
                    zh: "须先将办理结果告知反映人（EVT-7）。", en: "Tell the reporter the outcome before closing (EVT-7)."))
        }
        var change = GridEventChange(action: "close", note: reason)
        change.status = .closed
        change.closedReason = reason
        return change
    }

    /// The reporter's rating of a resolved event (EVT-7): satisfied closes it; dissatisfied sends
    /// it back to the tier that handled it, once; a second dissatisfied rating closes it as rated.
    public func decideRating(
        _ rating: GridEventRating, comment: String?, category: GridEventCategory, today: CalendarDay,
        days: HandlingDays = .weekdaysOnly
    ) throws(DomainError) -> GridEventChange {
        guard status == .resolved else { throw Self.wrongState("resolved") }
        guard !anonymous else {
            throw DomainError(
                .unprocessable, code: "grid_event.anonymous_not_rated",
                message: LocalizedText(zh: "匿名反映的事件没有评价人（EVT-7）。", en: "An anonymous report is not rated (EVT-7)."))
        }
        if rating == .dissatisfied, reopenCount < Self.reopenLimit, let tier {
            var change = entering(tier, category: category, today: today, days: days, action: "rate")
            change.rating = rating
            change.ratingComment = comment
            change.reopened = true
            change.note = rating.rawValue
            return change
        }
        var change = GridEventChange(action: "rate", note: rating.rawValue)
        change.status = .closed
        change.rating = rating
        change.ratingComment = comment
        change.closedReason = "rated"
        return change
    }

    /// A dispute becomes a mediation case (EVT-10), from the report or any tier.
    public func decideReferral() throws(DomainError) -> GridEventChange {
        guard status == .reported || status == .handling else { throw Self.wrongState("handling") }
        if dispatches.contains(where: { $0.status.isOpen }) {
            throw DomainError(
                .unprocessable, code: "grid_event.dispatch_open",
                message: LocalizedText(
                    zh: "已派单的事件须等部门反馈或退回后再转调解。",
                    en: "Wait for the departments' feedback or return before referring to mediation."))
        }
        var change = GridEventChange(action: "refer_to_mediation")
        change.status = .referredToMediation
        return change
    }

    /// A dissatisfied rating reopens an event this many times (EVT-7).
    public static let reopenLimit = 1

    /// Days a resolved event waits for its rating before it closes unrated (EVT-7's default, (c)).
    public static let ratingDays = 7

    /// Handling at `tier` from today, with the category's time limit.
    func entering(
        _ tier: GridEventTier, category: GridEventCategory, today: CalendarDay, days: HandlingDays, action: String
    ) -> GridEventChange {
        var change = GridEventChange(action: action, note: tier.rawValue)
        change.status = .handling
        change.tier = tier
        change.levelPath = tier.path(from: areaPath)
        let due = days.due(from: today, days: category.timeLimitDays, kind: category.dayKind)
        change.dueOn = due.day
        change.dueCalendar = .some(due.calendar)
        change.dayKind = category.dayKind
        return change
    }

    /// Whether the event's community is a village (no compound tier: seed 000 §2.2.2).
    public var isInVillage: Bool {
        communityPath.split(separator: ".").last?.hasPrefix(AreaKind.village.labelPrefix) ?? false
    }

    /// Only the tier handling the event changes it (from the community up); the levels below
    /// keep read access.
    public func checkHandled(by principal: Principal) throws(DomainError) {
        let handlingPath = levelPath ?? communityPath
        guard principal.covers(path: handlingPath) else {
            throw DomainError(
                .forbidden, code: "grid_event.not_handling_level",
                message: LocalizedText(
                    zh: "事件已由上级办理，本级只能查看。", en: "The event is handled at a higher level; this level may only read it."))
        }
    }

    /// The step is not allowed in the event's current state (409).
    public static func wrongState(_ expected: String) -> DomainError {
        DomainError(
            .conflict, code: "grid_event.wrong_state",
            message: LocalizedText(
                zh: "事件当前状态不允许此操作（需为 \(expected)）。", en: "Not allowed in the event's current state (needs \(expected))."
            ))
    }

}
