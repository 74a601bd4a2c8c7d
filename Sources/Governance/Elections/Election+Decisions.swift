/// What one step of an election's lifecycle records: decided by the domain, applied by the store.
public struct ElectionChange: Sendable, Hashable {
    /// The new status.
    public let status: ElectionStatus
    /// The day the voter roll was published (moving to nomination).
    public let rollPublishedOn: CalendarDay?
    /// The day the candidates were published (moving to candidates_published).
    public let candidatesPublishedOn: CalendarDay?
}

extension Election {
    /// A lifecycle step with the checks it needs: the roll published ≥ the profile's days before
    /// polling day (ELE-5), more candidates than seats, published in time (ELE-7). Certification
    /// is decided by `ElectionResults.checkCertifiable()`.
    /// - Parameter firstBallotCandidates: the positions of the first ballot's candidates.
    public func decideTransition(
        to target: ElectionStatus, rollPublishedOn: CalendarDay?, publishedOn: CalendarDay?,
        firstBallotCandidates: [CommitteePosition]
    ) throws(DomainError) -> ElectionChange {
        try status.checkTransition(to: target)
        switch target {
        case .nomination:
            guard let rollPublishedOn else { throw Self.required("rollPublishedOn") }
            try ElectionCalendar.checkRollPublication(
                publishedOn: rollPublishedOn, pollingDay: pollingDay, daysBefore: rollDaysBefore)
            return ElectionChange(status: target, rollPublishedOn: rollPublishedOn, candidatesPublishedOn: nil)
        case .candidatesPublished:
            guard let publishedOn else { throw Self.required("publishedOn") }
            try ElectionCalendar.checkCandidates(
                seats: seats, candidates: Dictionary(grouping: firstBallotCandidates, by: { $0 }).mapValues(\.count),
                publishedOn: publishedOn, pollingDay: pollingDay, daysBefore: candidateDaysBefore)
            return ElectionChange(status: target, rollPublishedOn: nil, candidatesPublishedOn: publishedOn)
        default:
            return ElectionChange(status: target, rollPublishedOn: nil, candidatesPublishedOn: nil)
        }
    }

    /// The step needs `field`.
    public static func required(_ field: String) -> DomainError {
        DomainError.validation([
            .init(
                field: field, code: "required",
                message: LocalizedText(zh: "此转换需要该字段。", en: "Required for this transition."))
        ])
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
