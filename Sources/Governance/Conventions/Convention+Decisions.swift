public import struct Foundation.UUID

// The decisions of a convention's procedure (domain-rules.md §3.5): 备约 → 立约 → 宣约 → 执约 → 督约.

extension Convention {
    /// The state on `today`: an adopted version is in force from its effective day, filed or not
    /// (CNV-6), and superseded once a revision of it takes effect (CNV-8).
    public func status(on today: CalendarDay) -> ConventionStatus {
        guard storedStatus == .adopted, let effectiveOn = draft.effectiveOn, effectiveOn <= today else {
            return storedStatus
        }
        if let supersededOn, supersededOn <= today { return .superseded }
        return .inForce
    }

    /// The stage of the five seed 000 §4.7.3 names, read from the state.
    public func stage(on today: CalendarDay) -> ConventionStage {
        switch status(on: today) {
        case .drafting, .legalityReview, .readyForVote: .prepare
        case .voting: .adopt
        case .adopted: publishedOn == nil ? .adopt : .publicise
        case .inForce, .superseded: records.contains { $0.kind == .supervisionReview } ? .supervise : .enforce
        }
    }

    /// What the rules warn of without refusing (CNV-2, CNV-5, CNV-6).
    public func warnings(on today: CalendarDay, filingDays: Int) -> [ComplianceFinding] {
        var found: [ComplianceFinding] = []
        if consultationTopicId == nil, opinionsSolicitedOn == nil {
            found.append(
                ComplianceFinding(
                    rule: "CNV-2", code: "convention.not_consulted",
                    message: LocalizedText(
                        zh: "制订或修订须先征集民意（可经协商议题）。", en: "Opinions are solicited first (a consultation topic may serve)."
                    ),
                    actual: "none", expected: "opinion solicitation or consultation topic"))
        }
        let doubtful = draft.clauses.filter { $0.sanction?.mayBeUnlawful == true }.map(\.number)
        if !doubtful.isEmpty {
            found.append(
                ComplianceFinding(
                    rule: "CNV-5", code: "convention.sanction_may_be_unlawful",
                    message: LocalizedText(
                        zh: "罚款、没收、扣减集体福利等惩戒可能侵犯财产权利，须经合法性审查明确认可。",
                        en:
                            "Fines, confiscation and withheld benefits may infringe property rights: the legality review clears them."
                    ),
                    actual: doubtful.map(String.init).joined(separator: ","), expected: "none"))
        }
        if let adoptedOn, filedOn == nil, adoptedOn.addingDays(filingDays) < today {
            found.append(
                ComplianceFinding(
                    rule: "CNV-6", code: "convention.not_filed",
                    message: LocalizedText(zh: "通过后应报乡镇（街道）备案。", en: "An adopted convention is filed with the street."),
                    actual: "not filed", expected: "filed by \(adoptedOn.addingDays(filingDays))"))
        }
        if status(on: today) == .inForce, publishedOn == nil {
            found.append(
                ComplianceFinding(
                    rule: "CNV-6", code: "convention.not_publicised",
                    message: LocalizedText(zh: "生效的公约应予公布（宣约）。", en: "A convention in force is publicised."),
                    actual: "not published", expected: "published"))
        }
        return found
    }

    /// Decides a step. `actorAboveCommunity` is true for a street, township, district or city
    /// token; `decision` the meeting decision `record_vote` names; `parentId` the area's street
    /// or township; `anotherInForce` whether another adopted version of this kind, not the one
    /// this revises, holds the area (CNV-8).
    public func decide(
        _ command: ConventionCommand, actorAboveCommunity: Bool, decision: AdoptingDecision?, parentId: UUID?,
        anotherInForce: Bool, today: CalendarDay
    ) throws(DomainError) -> (convention: Convention, disclosure: DisclosureDraft?) {
        var next = self
        var disclosure: DisclosureDraft?
        switch command.action {
        case .amendDraft:
            try expect(.drafting)
            // CNV-4 / GEN-3: the street orders corrections; the committee writes the text.
            if actorAboveCommunity { throw Self.streetCannotEdit }
            let draft = try DomainError.requireValue(command.draft, "draft")
            try draft.checkSanctions()
            next.draft = draft
        case .recordOpinionSolicitation:
            try expect(.drafting)
            guard command.note != nil || command.consultationTopicId != nil else {
                throw DomainError.validation([
                    .init(
                        field: "note", code: "required",
                        message: LocalizedText(zh: "须说明征集方式或关联协商议题。", en: "Say how, or link a consultation topic."))
                ])
            }
            next.opinionsSolicitedOn = today
            next.opinionNote = command.note ?? opinionNote
            next.consultationTopicId = command.consultationTopicId ?? consultationTopicId
        case .submitForLegalityReview:
            try expect(.drafting)
            next.storedStatus = .legalityReview
        case .recordLegalityReview:
            try expect(.legalityReview)
            guard actorAboveCommunity else {
                throw DomainError(
                    .forbidden, code: "convention.review_by_street",
                    message: LocalizedText(
                        zh: "合法性审查由乡镇（街道）进行（CNV-2）。", en: "The street or township reviews legality (CNV-2)."))
            }
            let reviewerType = try DomainError.requireValue(command.reviewerType, "reviewerType")
            let passed = command.findings.isEmpty
            if passed, !command.sanctionsCleared, draft.clauses.contains(where: { $0.sanction?.mayBeUnlawful == true })
            {
                throw DomainError(
                    .unprocessable, code: "convention.sanction_finding_open",
                    message: LocalizedText(
                        zh: "含罚款、没收或扣减福利的条款须由审查人明确认可（sanctionsCleared）或退回（CNV-5）。",
                        en:
                            "Clauses with fines, confiscation or withheld benefits are cleared explicitly or returned (CNV-5)."
                    ))
            }
            if !passed, command.reasons == nil {
                throw DomainError.validation([
                    .init(
                        field: "reasons", code: "required",
                        message: LocalizedText(
                            zh: "退回须说明理由（CNV-4）。", en: "A returned draft states the reasons (CNV-4)."))
                ])
            }
            next.legalityReview = LegalityReview(
                reviewerType: reviewerType, passed: passed, findings: command.findings, reasons: command.reasons,
                reviewedOn: today)
            next.storedStatus = passed ? .readyForVote : .drafting
        case .submitForVote:
            try expect(.readyForVote)
            try checkFourParts()
            next.storedStatus = .voting
        case .recordVote:
            try expect(.voting)
            let decision = try DomainError.requireValue(decision, "meetingDecisionId")
            let meeting = draft.deliberatingBody ?? kind.deliberatingMeeting
            let authorised = decision.meetingKind == kind.authorisedAssembly && command.authorisationRef != nil
            guard decision.meetingKind == meeting || authorised else {
                throw DomainError(
                    .unprocessable, code: "convention.adopting_body_invalid",
                    message: LocalizedText(
                        zh: "公约由\(kind.deliberatingMeeting.chineseName)审议表决；代表会议须有会议授权（CNV-3）。",
                        en:
                            "The \(kind.deliberatingMeeting.rawValue) votes; an assembly only with its authorisation (CNV-3)."
                    ))
            }
            if let reviewed = legalityReview?.reviewedOn, decision.heldOn < reviewed {
                throw DomainError(
                    .unprocessable, code: "convention.step_out_of_order",
                    message: LocalizedText(
                        zh: "表决不能早于合法性审查（CNV-2）。", en: "The vote cannot precede the legality review (CNV-2)."))
            }
            next.meetingDecisionId = decision.id
            next.authorisationRef = command.authorisationRef
            guard decision.passed else {
                next.storedStatus = .drafting  // CNV-3: a failed vote returns the draft
                break
            }
            if let effectiveOn = draft.effectiveOn, effectiveOn < decision.heldOn {
                throw DomainError.validation([
                    .init(
                        field: "draft/effectiveOn", code: "before_adoption",
                        message: LocalizedText(zh: "生效日期不能早于表决通过之日。", en: "It cannot take effect before it is adopted.")
                    )
                ])
            }
            if anotherInForce {
                throw DomainError(
                    .unprocessable, code: "convention.already_in_force",
                    message: LocalizedText(
                        zh: "本村（社区）已有生效的同类公约，请以修订方式提出（CNV-8）。",
                        en: "One of this kind is in force: adopt a revision of it instead (CNV-8)."))
            }
            next.adoptedOn = decision.heldOn
            next.storedStatus = .adopted
        case .file:
            try expect(.adopted)
            guard filedOn == nil else { throw wrongState("not yet filed") }
            guard let filedWith = command.filedWith, filedWith == parentId else {
                throw DomainError(
                    .unprocessable, code: "convention.filing_body_invalid",
                    message: LocalizedText(
                        zh: "公约报所在乡镇（街道）备案（CNV-6）。",
                        en: "A convention is filed with its own street or township (CNV-6)."))
            }
            next.filedWith = filedWith
            next.filedOn = today
        case .publish:
            try expect(.adopted)
            guard publishedOn == nil else { throw wrongState("not yet published") }
            next.publishedOn = today
            disclosure = DisclosureDraft(
                category: .convention, title: draft.name ?? "公约",
                content: [draft.body, draft.effectiveOn.map { "自 \($0) 起施行。" }].compactMap { $0 }.joined(
                    separator: "\n"))
        }
        return (next, disclosure)
    }

    /// CNV-7: records only under a convention in force, citing one of its clauses; CNV-5: never
    /// a monetary penalty; supervision by a serving supervision committee member.
    public func checkRecord(_ record: NewConventionRecord, supervisorServing: Bool, today: CalendarDay)
        throws(DomainError)
    {
        var validator = FieldValidator()
        validator.length("note", record.note, max: 2000)
        validator.notBlank("note", record.note)
        validator.length("subjectName", record.subjectName, max: 100)
        validator.notBlank("subjectName", record.subjectName)
        validator.range("clause", record.clause, 1...1000)
        validator.range("amountFen", record.amountFen, 0...100_000_000_000)
        try validator.check()
        if let amount = record.amountFen, amount > 0 {
            throw DomainError(
                .unprocessable, code: "convention.monetary_penalty",
                message: LocalizedText(
                    zh: "执约不得处以罚款等财产处罚（CNV-5）。", en: "Execution never imposes a monetary penalty (CNV-5)."))
        }
        guard status(on: today) == .inForce else {
            throw DomainError(
                .unprocessable, code: "convention.not_in_force",
                message: LocalizedText(zh: "公约尚未生效或已被取代（CNV-7）。", en: "The convention is not in force (CNV-7)."))
        }
        if record.kind == .supervisionReview {
            guard record.supervisorMemberId != nil, supervisorServing else {
                throw DomainError(
                    .unprocessable, code: "convention.reviewer_not_supervisor",
                    message: LocalizedText(
                        zh: "督约由在任的监督委员会成员进行（CNV-7）。", en: "A serving supervision committee member supervises (CNV-7).")
                )
            }
        } else {
            guard let clause = record.clause, draft.clauses.contains(where: { $0.number == clause }) else {
                throw DomainError(
                    .unprocessable, code: "convention.clause_required",
                    message: LocalizedText(
                        zh: "执约记录须引用公约的条款（CNV-7）。", en: "An execution record cites a clause (CNV-7)."))
            }
        }
    }

    /// CNV-1: the name, the body, the deliberating body and the effective day.
    private func checkFourParts() throws(DomainError) {
        var missing: [String] = []
        if draft.name == nil { missing.append("name") }
        if draft.body == nil { missing.append("body") }
        if draft.deliberatingBody == nil { missing.append("deliberatingBody") }
        if draft.effectiveOn == nil { missing.append("effectiveOn") }
        if !missing.isEmpty {
            throw DomainError(
                .unprocessable, code: "convention.part_missing",
                message: LocalizedText(
                    zh: "公约须有名称、正文、审议主体和施行日期（CNV-1）。",
                    en: "A convention has a name, a body, a deliberating body and an effective day (CNV-1)."),
                fieldErrors: missing.map {
                    .init(field: "draft/\($0)", code: "required", message: LocalizedText(zh: "必填。", en: "Required."))
                })
        }
        if let body = draft.deliberatingBody, body != kind.deliberatingMeeting {
            throw DomainError(
                .unprocessable, code: "convention.adopting_body_invalid",
                message: LocalizedText(
                    zh: "审议主体应为\(kind.deliberatingMeeting.chineseName)（CNV-3）。",
                    en: "The deliberating body is the \(kind.deliberatingMeeting.rawValue) (CNV-3)."))
        }
    }

    private func expect(_ state: ConventionStatus) throws(DomainError) {
        guard storedStatus == state else { throw wrongState(state.rawValue) }
    }

    private func wrongState(_ expected: String) -> DomainError {
        DomainError(
            .conflict, code: "convention.invalid_transition",
            message: LocalizedText(
                zh: "公约当前状态（\(storedStatus.rawValue)）不能执行此步骤，应为 \(expected)。",
                en: "Not allowed in state \(storedStatus.rawValue); expected \(expected)."))
    }

    static let streetCannotEdit = DomainError(
        .forbidden, code: "convention.street_cannot_edit",
        message: LocalizedText(
            zh: "乡镇（街道）可责令改正，但不能修改公约文本（CNV-4）。", en: "The street orders corrections; it never edits the text (CNV-4)."))

    /// CNV-8: a version already has a revision under way.
    public static let revisionExists = DomainError(
        .conflict, code: "convention.revision_exists",
        message: LocalizedText(zh: "该版本已有修订稿（CNV-8）。", en: "This version already has a revision (CNV-8)."))
}
