public import struct Foundation.UUID

/// A step of a convention's procedure through the transitions endpoint (domain-rules.md §3.5).
public struct ConventionCommand: Sendable, Hashable {
    /// The steps.
    public enum Action: String, Sendable, Hashable, CaseIterable {
        case amendDraft = "amend_draft"
        case recordOpinionSolicitation = "record_opinion_solicitation"
        case submitForLegalityReview = "submit_for_legality_review"
        case recordLegalityReview = "record_legality_review"
        case submitForVote = "submit_for_vote"
        case recordVote = "record_vote"
        case file, publish
    }

    /// The step.
    public var action: Action
    /// With `amend_draft`: the new text.
    public var draft: ConventionDraft?
    /// With `record_opinion_solicitation`: how opinions were gathered.
    public var note: String?
    /// With `record_opinion_solicitation`: the consultation topic that served as the step.
    public var consultationTopicId: UUID?
    /// With `record_legality_review`.
    public var reviewerType: LegalityReviewerType?
    /// With `record_legality_review`: the kinds ticked; none means passed.
    public var findings: [LegalityFinding]
    /// With `record_legality_review`: why the draft is returned.
    public var reasons: String?
    /// With a passing `record_legality_review`: the reviewer has examined the fine, confiscation
    /// and benefit-withholding clauses and finds them lawful (CNV-5).
    public var sanctionsCleared: Bool
    /// With `record_vote`.
    public var meetingDecisionId: UUID?
    /// With `record_vote` by a representative assembly: the meeting's authorisation (CNV-3).
    public var authorisationRef: String?
    /// With `file`: the street or township.
    public var filedWith: UUID?

    /// Creates a command.
    public init(
        action: Action, draft: ConventionDraft? = nil, note: String? = nil, consultationTopicId: UUID? = nil,
        reviewerType: LegalityReviewerType? = nil, findings: [LegalityFinding] = [], reasons: String? = nil,
        sanctionsCleared: Bool = false, meetingDecisionId: UUID? = nil, authorisationRef: String? = nil,
        filedWith: UUID? = nil
    ) {
        self.action = action
        self.draft = draft
        self.note = note
        self.consultationTopicId = consultationTopicId
        self.reviewerType = reviewerType
        self.findings = findings
        self.reasons = reasons
        self.sanctionsCleared = sanctionsCleared
        self.meetingDecisionId = meetingDecisionId
        self.authorisationRef = authorisationRef
        self.filedWith = filedWith
    }

    /// Texts bounded and not blank; at most 100 findings.
    public func validate() throws(DomainError) {
        var validator = FieldValidator()
        for (field, value, max) in [
            ("note", note, 2000), ("reasons", reasons, 4000), ("authorisationRef", authorisationRef, 200),
        ] {
            validator.length(field, value, max: max)
            validator.notBlank(field, value)
        }
        if findings.count > 100 {
            validator.fail("findings", "too_many", zh: "审查意见最多 100 条。", en: "At most 100 findings.")
        }
        for (index, finding) in findings.enumerated() {
            validator.length("findings/\(index)/note", finding.note, max: 1000)
            validator.range("findings/\(index)/clause", finding.clause, 1...1000)
        }
        if let draft { draft.validate(into: &validator) }
        try validator.check()
    }
}

/// A meeting decision a convention is voted by, as the service found it (CNV-3).
public struct AdoptingDecision: Sendable, Hashable {
    /// The decision.
    public let id: UUID
    /// Passed by more than half of those present at a quorate meeting.
    public let passed: Bool
    /// The meeting's kind.
    public let meetingKind: MeetingKind
    /// The meeting's day.
    public let heldOn: CalendarDay

    /// Creates the value.
    public init(id: UUID, passed: Bool, meetingKind: MeetingKind, heldOn: CalendarDay) {
        self.id = id
        self.passed = passed
        self.meetingKind = meetingKind
        self.heldOn = heldOn
    }
}

/// An execution or supervision record as submitted (CNV-7).
public struct NewConventionRecord: Sendable, Hashable {
    /// Kind.
    public var kind: ConventionRecordKind
    /// The clause applied.
    public var clause: Int?
    /// Who is praised or criticised (a household or a name).
    public var subjectName: String?
    /// What happened.
    public var note: String
    /// A monetary amount, which a convention may never impose (CNV-5).
    public var amountFen: Int?
    /// The supervision committee member reviewing.
    public var supervisorMemberId: UUID?

    /// Creates the value.
    public init(
        kind: ConventionRecordKind, clause: Int?, subjectName: String?, note: String, amountFen: Int?,
        supervisorMemberId: UUID?
    ) {
        self.kind = kind
        self.clause = clause
        self.subjectName = subjectName
        self.note = note
        self.amountFen = amountFen
        self.supervisorMemberId = supervisorMemberId
    }
}

extension ConventionDraft {
    /// Bounds of the parts present; numbered clauses, each once.
    func validate(into validator: inout FieldValidator) {
        // DIS-6: the text goes on the board when published.
        validator.length("draft/name", name, max: 200)
        validator.notBlank("draft/name", name)
        validator.publishable("draft/name", name)
        validator.length("draft/body", body, max: 50_000)
        validator.notBlank("draft/body", body)
        validator.publishable("draft/body", body)
        if clauses.count > 500 {
            validator.fail("draft/clauses", "too_many", zh: "条款最多 500 条。", en: "At most 500 clauses.")
        }
        if Set(clauses.map(\.number)).count != clauses.count {
            validator.fail("draft/clauses", "duplicate_number", zh: "条款编号不能重复。", en: "Clause numbers are distinct.")
        }
        for (index, clause) in clauses.enumerated() {
            validator.range("draft/clauses/\(index)/number", clause.number, 1...1000)
            validator.length("draft/clauses/\(index)/text", clause.text, max: 2000)
            validator.notBlank("draft/clauses/\(index)/text", clause.text)
            validator.publishable("draft/clauses/\(index)/text", clause.text)
        }
    }

    /// CNV-5: a clause restricting personal liberty infringes personal rights and is refused.
    public func checkSanctions() throws(DomainError) {
        if let clause = clauses.first(where: { $0.sanction == .restrictionOfLiberty }) {
            throw DomainError(
                .unprocessable, code: "convention.sanction_kind_forbidden",
                message: LocalizedText(
                    zh: "第 \(clause.number) 条限制人身自由，侵犯村（居）民人身权利（CNV-4、CNV-5）。",
                    en:
                        "Clause \(clause.number) restricts personal liberty, an infringement of personal rights (CNV-4, CNV-5)."
                ))
        }
    }
}
