/// One step of an application's review chain, as requested.
public struct AdmissionStep: Sendable, Hashable {
    /// The target status.
    public var to: AdmissionStatus
    /// The legal review's opinion (needed to move to the decision).
    public var legalOpinion: String?
    /// The meeting that decided (needed to admit).
    public var meeting: DecisionMeeting?
    /// The day it decided (needed to admit).
    public var decisionDate: CalendarDay?
    /// The decision's reference (needed to admit).
    public var decisionReference: String?

    /// Creates a step.
    public init(
        to: AdmissionStatus, legalOpinion: String? = nil, meeting: DecisionMeeting? = nil,
        decisionDate: CalendarDay? = nil,
        decisionReference: String? = nil
    ) {
        self.to = to
        self.legalOpinion = legalOpinion
        self.meeting = meeting
        self.decisionDate = decisionDate
        self.decisionReference = decisionReference
    }

    /// The texts are bounded.
    public func validate() throws(DomainError) {
        var validator = FieldValidator()
        validator.length("legalOpinion", legalOpinion, max: 5000)
        validator.length("decisionReference", decisionReference, max: 200)
        try validator.check()
    }
}

/// What a step of the review chain records: decided by the domain, applied by the store.
public struct AdmissionChange: Sendable {
    /// The step as requested and checked.
    public let step: AdmissionStep
    /// The day of submission (the server's today), when the step submits.
    public let submittedOn: CalendarDay?
    /// The decision's due day counted from it (ADM-5), and the calendar used.
    public let decisionDue: (day: CalendarDay, calendar: String?)?
}

extension AdmissionApplication {
    /// A step of the review chain: a legal move from today's status, by a role that may take it
    /// and never by the applicant reviewing itself (ADM-4), an assistance item only with its
    /// funding (ADM-3), with the records each step needs.
    public func decide(
        _ step: AdmissionStep, by principal: Principal, on today: CalendarDay, days: HandlingDays = .weekdaysOnly
    ) throws(DomainError) -> AdmissionChange {
        try status(on: today).checkTransition(to: step.to)
        try AdmissionRules.checkActor(
            target: step.to, role: principal.role, isApplicant: applicantTokenId == principal.tokenId)
        try AdmissionRules.checkFunding(category: category, fundingAmount: fundingAmount, target: step.to)
        try AdmissionRules.checkEntrustment(
            category: category, reference: entrustmentReference, date: entrustmentDate, target: step.to, today: today)
        switch step.to {
        case .decision where step.legalOpinion == nil:
            throw DomainError.required("legalOpinion")
        case .admitted where step.meeting == nil:
            throw DomainError.required("decisionMeeting")
        case .admitted where step.decisionDate == nil:
            throw DomainError.required("decisionDate")
        case .admitted where step.decisionReference == nil:
            throw DomainError.required("decisionReference")
        default:
            // The meeting sat offline: its day is stated, but never after today, nor before submission.
            var validator = FieldValidator()
            validator.statedDay("decisionDate", step.decisionDate, today: today, notBefore: submittedOn)
            try validator.check()
            guard step.to == .submitted else { return AdmissionChange(step: step, submittedOn: nil, decisionDue: nil) }
            return AdmissionChange(
                step: step, submittedOn: today,
                decisionDue: AdmissionDeadlines.decisionDue(submittedOn: today, days: days))
        }
    }

}
