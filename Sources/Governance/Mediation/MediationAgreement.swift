/// Written (调解协议书) or oral (口头协议), MED-12.
public enum AgreementForm: String, Sendable, Hashable, CaseIterable {
    case written, oral
}

/// An agreement as the mediator records it (MED-12). A written one takes effect only once it is
/// signed (MED-13); an oral one on the day the parties reach it, with the mediator's record.
public struct MediationAgreement: Sendable, Hashable {
    /// Written or oral.
    public let form: AgreementForm
    /// The main facts, the matters in dispute and each party's responsibility (confidential).
    public let facts: String?
    /// What the parties agreed (confidential).
    public let terms: String
    /// How it is to be performed.
    public let performanceManner: String?
    /// The day by which it is to be performed.
    public let performanceDeadline: CalendarDay?
    /// The day the parties reached it: an act done offline, stated by the client.
    public let agreedOn: CalendarDay
    /// For an oral agreement: the mediator has recorded its content (MED-12).
    public let recordedByMediator: Bool

    /// Creates an agreement value.
    public init(
        form: AgreementForm, facts: String?, terms: String, performanceManner: String?,
        performanceDeadline: CalendarDay?, agreedOn: CalendarDay, recordedByMediator: Bool
    ) {
        self.form = form
        self.facts = facts
        self.terms = terms
        self.performanceManner = performanceManner
        self.performanceDeadline = performanceDeadline
        self.agreedOn = agreedOn
        self.recordedByMediator = recordedByMediator
    }

    /// MED-12: a written agreement states the facts and responsibilities, the terms, the manner
    /// and the deadline of performance (the law says "可以载明"; requiring them is this API's
    /// choice, so that every written agreement can be supervised and confirmed). An oral one is
    /// recorded by the mediator. Performance is not due before the agreement.
    public func validate() throws(DomainError) {
        var validator = FieldValidator()
        validator.length("facts", facts, max: 5000)
        validator.length("terms", terms, max: 5000)
        validator.notBlank("terms", terms)
        validator.length("performanceManner", performanceManner, max: 1000)
        switch form {
        case .written:
            for (field, value) in [("facts", facts), ("performanceManner", performanceManner)]
            where (value ?? "").allSatisfy(\.isWhitespace) {
                validator.fail(
                    field, "required_in_written_agreement", zh: "书面调解协议须载明此项（MED-12）。",
                    en: "A written agreement states this (MED-12).")
            }
            if performanceDeadline == nil {
                validator.fail(
                    "performanceDeadline", "required_in_written_agreement", zh: "书面调解协议须载明履行期限（MED-12）。",
                    en: "A written agreement states the performance deadline (MED-12).")
            }
        case .oral:
            if !recordedByMediator {
                validator.fail(
                    "recordedByMediator", "record_required", zh: "口头协议须由调解员记录协议内容（MED-12）。",
                    en: "The mediator records an oral agreement's content (MED-12).")
            }
        }
        if let performanceDeadline, performanceDeadline < agreedOn {
            validator.fail(
                "performanceDeadline", "before_agreement", zh: "履行期限早于协议日期。", en: "Before the agreement date.")
        }
        try validator.check()
    }
}
