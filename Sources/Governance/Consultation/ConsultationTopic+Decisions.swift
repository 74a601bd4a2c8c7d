// The decisions of a topic's lifecycle (domain-rules.md §3.4): current state + command + today
// → the next state, or a refusal with its rule id. The service loads, calls, writes and audits.

extension ConsultationTopic {
    /// Decides a step of the transitions endpoint. `decision` is the meeting decision named by
    /// `record_meeting_decision`, as the service found it in scope.
    public func decide(
        _ command: ConsultationCommand, decision: LinkedMeetingDecision?, today: CalendarDay
    ) throws(DomainError) -> ConsultationStep {
        // CON-9: once a result needs the meeting, referral is the only way on.
        if status == .referralRequired, command.action != .referToMeeting {
            throw Self.referralRequired
        }
        var next = self
        var step = ConsultationStep(topic: self, entry: nil, disclosure: nil)
        switch command.action {
        case .select:
            try expect(.proposed)
            try Self.checkComplete(command.plan, today: today)
            next.plan = command.plan
            next.status = .selected
        case .decline:
            try expect(.proposed)
            next.closingReason = try DomainError.requireValue(command.reason, "reason")
            next.status = .declined
        case .withdraw:
            try expect(.proposed, .selected, .planPublished)
            next.closingReason = try DomainError.requireValue(command.reason, "reason")
            next.status = .withdrawn
        case .publishPlan:
            try expect(.selected)
            next.planPublishedOn = today
            next.status = .planPublished
        case .notifyParticipants:
            try expect(.selected, .planPublished)
            next.participantsNotifiedOn = today
        case .addAssessment:
            try expect(.selected, .planPublished, .consulting)
            step.entry = .assessment(try DomainError.requireValue(command.assessment, "assessment"))
        case .recordResult:
            try expect(.consulting)
            next.result = try result(of: command, today: today)
            next.status = next.result!.outcome.needsReferral ? .referralRequired : .consulted
        case .publishResult:
            try expect(.consulted, .decided)
            if status == .decided, decisionPassed != true { throw Self.decisionRejected }
            next.resultPublishedOn = today
            next.status = .resultPublished
            step.disclosure = resultDisclosure(next.result)
        case .referToMeeting:
            let reservedAndUndecided = status == .resultPublished && reservedToMeeting && meetingDecisionId == nil
            guard status == .referralRequired || reservedAndUndecided else { throw wrongState("referral_required") }
            next.status = .referred
        case .recordMeetingDecision:
            try expect(.referred)
            let linked = try DomainError.requireValue(decision, "meetingDecisionId")
            next.meetingDecisionId = linked.id
            next.decisionPassed = linked.passed
            next.status = .decided
            step.disclosure = DisclosureDraft(
                category: .meetingDecision, title: "\(title)（会议决定）",
                content: linked.passed
                    ? "经\(linked.meetingKind.chineseName)表决通过。" : "经\(linked.meetingKind.chineseName)表决未通过。")
        case .startImplementation:
            try expect(.resultPublished)
            if result?.adoption == .notAdopted { throw Self.notAdopted }
            if (reservedToMeeting || meetingDecisionId != nil), decisionPassed != true {
                throw Self.meetingDecisionRequired
            }
            next.status = .implementing
        case .recordProgress:
            try expect(.implementing)
            let progress = try DomainError.requireValue(command.progress, "progress")
            step.entry = .progress(progress)
            step.disclosure = DisclosureDraft(
                category: .consultationImplementation, title: "\(title)（落实情况）", content: progress.note)
        case .complete:
            try expect(.implementing)
            next.status = .implemented
        case .evaluate:
            try expect(.implemented)
            next.evaluation = ConsultationEvaluation(
                evaluatorType: try DomainError.requireValue(command.evaluatorType, "evaluatorType"),
                rating: try DomainError.requireValue(command.rating, "rating"),
                summary: try DomainError.requireValue(command.summary, "summary"), evaluatedOn: today)
            next.status = .evaluated
        case .close:
            next.status = try closingState()
            next.closingReason = command.reason ?? next.closingReason
        }
        step.topic = next
        return step
    }

    /// A session held today (CON-5, CON-6): on the urban procedure only after the plan was
    /// published `noticeDays` before and participants were sent the content; 村民说事 has no such
    /// step (CON-12). Several sessions are allowed.
    public func decideSession(_ session: ConsultationSession, noticeDays: Int, today: CalendarDay)
        throws(DomainError) -> ConsultationStep
    {
        if flow == .rural {
            try expect(.selected, .planPublished, .consulting)
        } else {
            try expect(.planPublished, .consulting)
            guard let published = planPublishedOn, published.addingDays(noticeDays) <= today else {
                throw DomainError(
                    .unprocessable, code: "consultation.plan_not_published_in_advance",
                    message: LocalizedText(
                        zh: "协商方案须至少提前 \(noticeDays) 天公示（CON-5）。",
                        en: "The plan is published at least \(noticeDays) day(s) before the session (CON-5)."))
            }
            guard participantsNotifiedOn != nil else {
                throw DomainError(
                    .unprocessable, code: "consultation.participants_not_notified",
                    message: LocalizedText(
                        zh: "协商前须将协商内容通报参与各方（CON-5）。",
                        en: "Participants are sent the content before the session (CON-5)."))
            }
        }
        var validator = FieldValidator()
        if session.attendance.isEmpty || session.attendance.count > 20 {
            validator.fail("attendance", "size", zh: "出席须按参与方列出 1–20 类。", en: "List 1–20 constituencies present.")
        }
        for (index, group) in session.attendance.enumerated() {
            validator.range("attendance/\(index)/count", group.count, 1...100_000)
        }
        if session.opinions.count > 100 {
            validator.fail("opinions", "too_many", zh: "意见最多 100 条。", en: "At most 100 opinions.")
        }
        for (index, opinion) in session.opinions.enumerated() {
            validator.length("opinions/\(index)", opinion, max: 2000)
            validator.notBlank("opinions/\(index)", opinion)
        }
        if let votes = session.votes {
            for (field, value) in [("votes/yes", votes.yes), ("votes/no", votes.no), ("votes/abstain", votes.abstain)] {
                validator.range(field, value, 0...100_000)
            }
            if votes.yes + votes.no + votes.abstain > session.attendance.reduce(0, { $0 + $1.count }) {
                validator.fail("votes", "exceeds_attendance", zh: "票数之和多于出席人数。", en: "More votes than people present.")
            }
        }
        try validator.check()
        var next = self
        next.status = .consulting
        return ConsultationStep(topic: next, entry: .session(session), disclosure: nil)
    }

    /// Warnings the rules attach without refusing (CON-6, CON-11).
    public var warnings: [ComplianceFinding] {
        var found: [ComplianceFinding] = []
        if let plan, plan.form == .compoundJointMeeting {
            let required: [ConsultationConstituency] = [
                .residentsCommittee, .ownersCommittee, .propertyCompany, .streetPropertyOffice,
            ]
            let present = Set(plan.participants.map(\.constituency))
            let missing = required.filter { !present.contains($0) }
            if !missing.isEmpty {
                found.append(
                    ComplianceFinding(
                        rule: "CON-6", code: "consultation.joint_meeting_incomplete",
                        message: LocalizedText(
                            zh: "小区联席会议应有居委会、业委会、物业企业和街道物管办参加。",
                            en:
                                "A compound joint meeting includes the committee, owners, property company and street office."
                        ),
                        actual: missing.map(\.rawValue).joined(separator: ","), expected: "none missing"))
            }
        }
        if evaluation?.evaluatorType == .implementingBody {
            found.append(
                ComplianceFinding(
                    rule: "CON-11", code: "consultation.self_evaluation",
                    message: LocalizedText(
                        zh: "由实施主体自行评估，宜由监督委员会或第三方评估。",
                        en:
                            "Evaluated by the implementing body itself; the supervision committee or a third party is preferred."
                    ),
                    actual: "implementing_body", expected: "supervision_committee|third_party|democratic_appraisal"))
        }
        return found
    }

    // MARK: Parts of the decisions

    private func result(of command: ConsultationCommand, today: CalendarDay) throws(DomainError)
        -> ConsultationResult
    {
        let outcome = try DomainError.requireValue(command.outcome, "outcome")
        let summary = try DomainError.requireValue(command.summary, "summary")
        // CON-7: a technical matter is assessed by experts or a third party before its result.
        if technical, !assessments.contains(where: \.kind.assessesTechnicalMatters) {
            throw DomainError(
                .unprocessable, code: "consultation.expert_assessment_required",
                message: LocalizedText(
                    zh: "专业性、技术性较强的事项应当邀请专家或第三方认证评估（CON-7）。",
                    en: "A technical matter needs an expert or third-party assessment first (CON-7)."))
        }
        if outcome.needsReferral {
            return ConsultationResult(
                outcome: outcome, adoption: nil, summary: summary, reason: command.reason, recordedOn: today)
        }
        let adoption = try DomainError.requireValue(command.adoption, "adoption")
        // CON-8: not adopting, wholly or partly, is explained publicly.
        if adoption != .adopted, command.reason == nil {
            throw DomainError(
                .unprocessable, code: "consultation.adoption_reason_required",
                message: LocalizedText(
                    zh: "未采纳或部分采纳协商结果须公开说明理由（CON-8）。",
                    en: "A result not (fully) adopted needs a published reason (CON-8)."))
        }
        return ConsultationResult(
            outcome: outcome, adoption: adoption, summary: summary, reason: command.reason, recordedOn: today)
    }

    private func resultDisclosure(_ result: ConsultationResult?) -> DisclosureDraft {
        var content = result?.summary ?? ""
        if let adoption = result?.adoption { content += "\n采纳情况：\(adoption.rawValue)" }
        if let reason = result?.reason { content += "\n理由：\(reason)" }
        return DisclosureDraft(category: .consultationResult, title: "\(title)（协商结果）", content: content)
    }

    /// Where `close` leads from here, or why it cannot (CON-9, CON-11).
    private func closingState() throws(DomainError) -> ConsultationStatus {
        switch status {
        case .evaluated: return .closed
        case .implemented:
            throw DomainError(
                .unprocessable, code: "consultation.evaluation_required",
                message: LocalizedText(
                    zh: "落实完成的议题须经评估后才能关闭（CON-11）。",
                    en: "An implemented topic is evaluated before it closes (CON-11)."))
        case .decided where decisionPassed == false: return .closedRejected
        case .referred, .decided: throw Self.meetingDecisionRequired
        case .resultPublished where reservedToMeeting && decisionPassed == nil: throw Self.meetingDecisionRequired
        case .resultPublished where result?.adoption == .notAdopted: return .closedNotAdopted
        default: throw wrongState("evaluated")
        }
    }

    private func expect(_ states: ConsultationStatus...) throws(DomainError) {
        guard states.contains(status) else { throw wrongState(states.map(\.rawValue).joined(separator: "|")) }
    }

    private func wrongState(_ expected: String) -> DomainError {
        DomainError(
            .conflict, code: "consultation.invalid_transition",
            message: LocalizedText(
                zh: "议题当前状态（\(status.rawValue)）不能执行此步骤，应为 \(expected)。",
                en: "Not allowed in state \(status.rawValue); expected \(expected)."))
    }

    /// CON-4: every part of the plan, and a day not before today.
    static func checkComplete(_ plan: ConsultationPlan?, today: CalendarDay) throws(DomainError) {
        var missing: [String] = []
        if plan?.subject == nil { missing.append("subject") }
        if plan?.participants.isEmpty ?? true { missing.append("participants") }
        if plan?.form == nil { missing.append("form") }
        if plan?.scheduledOn == nil { missing.append("scheduledOn") }
        if plan?.venue == nil { missing.append("venue") }
        if plan?.materials == nil { missing.append("materials") }
        guard missing.isEmpty, let plan, let scheduledOn = plan.scheduledOn else {
            throw DomainError(
                .unprocessable, code: "consultation.plan_incomplete",
                message: LocalizedText(
                    zh: "协商方案须有议题、参与方、形式、时间、地点和材料（CON-4）。",
                    en: "A plan has a subject, participants, form, day, venue and materials (CON-4)."),
                fieldErrors: missing.map {
                    .init(field: "plan/\($0)", code: "required", message: LocalizedText(zh: "必填。", en: "Required."))
                })
        }
        if scheduledOn < today {
            throw DomainError.validation([
                .init(
                    field: "plan/scheduledOn", code: "in_past",
                    message: LocalizedText(zh: "计划日期不能早于今天。", en: "A planned day is not in the past."))
            ])
        }
    }

    static let referralRequired = DomainError(
        .unprocessable, code: "consultation.referral_required",
        message: LocalizedText(
            zh: "协商未能达成一致或存在较大争议，须提交居（村）民会议决定（CON-9）。",
            en: "Without consensus, or in major dispute, the topic goes to the meeting (CON-9)."))

    static let meetingDecisionRequired = DomainError(
        .unprocessable, code: "consultation.meeting_decision_required",
        message: LocalizedText(
            zh: "该事项须由居（村）民会议或代表会议决定，请先关联通过的会议决定（CON-9）。",
            en: "The meeting decides this matter: link its passed decision first (CON-9)."))

    static let decisionRejected = DomainError(
        .unprocessable, code: "consultation.decision_rejected",
        message: LocalizedText(
            zh: "会议未通过该事项，只能关闭议题（CON-9）。", en: "The meeting rejected it: the topic can only close (CON-9)."))

    static let notAdopted = DomainError(
        .unprocessable, code: "consultation.not_adopted",
        message: LocalizedText(zh: "未采纳的协商结果不能组织实施（CON-8）。", en: "A result not adopted is not implemented (CON-8)."))
}

extension MeetingKind {
    /// The meeting's Chinese name.
    public var chineseName: String {
        switch self {
        case .villagersMeeting: "村民会议"
        case .villagerRepresentativeAssembly: "村民代表会议"
        case .residentsMeeting: "居民会议"
        case .residentsRepresentativeAssembly: "居民代表会议"
        }
    }
}
