/// What one step of an election's lifecycle records: decided by the domain, applied by the store.
public struct ElectionChange: Sendable, Hashable {
    /// The new status.
    public let status: ElectionStatus
    /// The day the voter roll was published (moving to nomination).
    public let rollPublishedOn: CalendarDay?
    /// The day the candidates were published (moving to candidates_published).
    public let candidatesPublishedOn: CalendarDay?
}

/// What a lifecycle step is decided on, besides the election itself.
public struct ElectionStepFacts: Sendable {
    /// The server's today (UTC+8): the day of the act unless the client states when it happened offline.
    public var today: CalendarDay
    /// The day the client says the roll was published (offline), if any.
    public var statedRollPublishedOn: CalendarDay?
    /// The day the client says the candidates were published (offline), if any.
    public var statedPublishedOn: CalendarDay?
    /// The positions of the first ballot's candidates (ELE-7).
    public var firstBallotCandidates: [CommitteePosition] = []
    /// The results so far, for a run-off (ELE-12).
    public var results: ElectionResults?
    /// The positions of the candidates of the run-off being opened (ELE-12).
    public var runoffCandidates: [CommitteePosition] = []
    /// Stations without a secret writing booth (ELE-8).
    public var stationsWithoutSecretBooth = 0

    /// Creates the facts of a step.
    public init(today: CalendarDay, statedRollPublishedOn: CalendarDay? = nil, statedPublishedOn: CalendarDay? = nil) {
        self.today = today
        self.statedRollPublishedOn = statedRollPublishedOn
        self.statedPublishedOn = statedPublishedOn
    }
}

extension Election {
    /// A lifecycle step with the checks it needs. Publication days are the server's today; a day
    /// stated for an act done offline is neither in the future nor before the step it follows.
    /// Then: the roll published ≥ the profile's days before polling day (ELE-5); more candidates
    /// than seats, published in time (ELE-7); voting opened on polling day; a run-off only for seats left unfilled by a valid
    /// ballot, opened with more candidates than those seats (ELE-12). Certification is decided by
    /// `ElectionResults.checkCertifiable()`.
    public func decideTransition(to target: ElectionStatus, _ facts: ElectionStepFacts) throws(DomainError)
        -> ElectionChange
    {
        try status.checkTransition(to: target)
        var validator = FieldValidator()
        switch target {
        case .nomination:
            validator.statedDay(
                "rollPublishedOn", facts.statedRollPublishedOn, today: facts.today,
                notBefore: CalendarDay.today(now: createdAt))
            try validator.check()
            let publishedOn = facts.statedRollPublishedOn ?? facts.today
            try ElectionCalendar.checkRollPublication(
                publishedOn: publishedOn, pollingDay: pollingDay, daysBefore: rollDaysBefore)
            return ElectionChange(status: target, rollPublishedOn: publishedOn, candidatesPublishedOn: nil)
        case .candidatesPublished:
            validator.statedDay(
                "publishedOn", facts.statedPublishedOn, today: facts.today, notBefore: rollPublishedOn)
            try validator.check()
            let publishedOn = facts.statedPublishedOn ?? facts.today
            try ElectionCalendar.checkCandidates(
                seats: seats,
                candidates: Dictionary(grouping: facts.firstBallotCandidates, by: { $0 }).mapValues(\.count),
                publishedOn: publishedOn, pollingDay: pollingDay, daysBefore: candidateDaysBefore)
            return ElectionChange(status: target, rollPublishedOn: nil, candidatesPublishedOn: publishedOn)
        case .voting:
            // Ballots are cast on polling day, not before (the act is dated the server's today).
            guard facts.today >= pollingDay else {
                throw DomainError(
                    .unprocessable, code: "election.before_polling_day",
                    message: LocalizedText(
                        zh: "选举日（\(pollingDay)）之前不能开始投票。", en: "Voting cannot open before polling day (\(pollingDay)).")
                )
            }
            // ELE-8: secret ballot, with a secret writing booth at every station.
            guard facts.stationsWithoutSecretBooth == 0 else {
                throw DomainError(
                    .unprocessable, code: "election.no_secret_booth",
                    message: LocalizedText(
                        zh: "每个投票站须设秘密写票处，方可开始投票（ELE-8）。",
                        en: "Every station needs a secret writing booth before voting opens (ELE-8)."))
            }
            return ElectionChange(status: target, rollPublishedOn: nil, candidatesPublishedOn: nil)
        case .runoff:
            try RunoffRules.checkNeeded(facts.results)
            return ElectionChange(status: target, rollPublishedOn: nil, candidatesPublishedOn: nil)
        case .counting where status == .runoff:
            try RunoffRules.checkContested(
                unfilled: facts.results?.unfilled ?? [:],
                candidates: Dictionary(grouping: facts.runoffCandidates, by: { $0 }).mapValues(\.count))
            return ElectionChange(status: target, rollPublishedOn: nil, candidatesPublishedOn: nil)
        default:
            return ElectionChange(status: target, rollPublishedOn: nil, candidatesPublishedOn: nil)
        }
    }
}

extension ElectionResults {
    /// Only a valid election is certified: more than half of the registered voters voted (ELE-9).
    public func checkCertifiable() throws(DomainError) {
        guard valid else {
            throw DomainError(
                .unprocessable, code: "election.not_valid",
                message: LocalizedText(
                    zh: "投票人数未过登记选民半数，选举无效（ELE-9）。",
                    en: "Fewer than half of registered voters voted: the election is invalid (ELE-9)."))
        }
    }
}
