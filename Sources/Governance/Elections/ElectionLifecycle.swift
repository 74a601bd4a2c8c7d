/// The states of an election (domain-rules.md §3.1, issue text): draft → registration →
/// nomination → candidates_published → voting → counting → certified | failed, and
/// counting → runoff → counting while seats are left unfilled (另行选举, ELE-12); a certified
/// election is annulled only by `POST …/annulment` (ELE-14), never by a transition.
public enum ElectionStatus: String, Sendable, Hashable, CaseIterable {
    case draft, registration, nomination
    case candidatesPublished = "candidates_published"
    case voting, counting, runoff, certified, failed, annulled

    /// The states reachable in one step.
    public var next: Set<ElectionStatus> {
        switch self {
        case .draft: [.registration]
        case .registration: [.nomination]
        case .nomination: [.candidatesPublished]
        case .candidatesPublished: [.voting]
        case .voting: [.counting]
        case .counting: [.certified, .failed, .runoff]
        case .runoff: [.counting]
        case .certified, .failed, .annulled: []
        }
    }

    /// Checks a transition (`election.invalid_transition`, 409).
    public func checkTransition(to target: ElectionStatus) throws(DomainError) {
        guard next.contains(target) else {
            throw DomainError(
                .conflict, code: "election.invalid_transition",
                message: LocalizedText(
                    zh: "不能从“\(rawValue)”转到“\(target.rawValue)”。",
                    en: "Cannot move from \(rawValue) to \(target.rawValue)."))
        }
    }

    /// Whether tallies may still change.
    public var acceptsTallies: Bool { self == .counting }
}

/// 换届 (general) or 补选 (by-election, ELE-16).
public enum ElectionKind: String, Sendable, Hashable, CaseIterable {
    case general
    case byElection = "by_election"
}

/// Who votes (ELE-2): every voter, one representative per household, or residents' group representatives.
public enum ElectionMethod: String, Sendable, Hashable, CaseIterable {
    case allVoters = "all_voters"
    case householdRepresentatives = "household_representatives"
    case groupRepresentatives = "group_representatives"
}

/// Date rules of the election calendar.
public enum ElectionCalendar {
    /// ELE-5: the voter list is published at least `daysBefore` days before polling day.
    public static func checkRollPublication(publishedOn: CalendarDay, pollingDay: CalendarDay, daysBefore: Int)
        throws(DomainError)
    {
        guard publishedOn <= pollingDay.addingDays(-daysBefore) else {
            throw DomainError(
                .unprocessable, code: "election.roll_too_late",
                message: LocalizedText(
                    zh: "选民名单须在选举日前至少 \(daysBefore) 天公布（ELE-5）。",
                    en: "The voter list is published at least \(daysBefore) days before polling day (ELE-5)."))
        }
    }

    /// ELE-7: more candidates than seats for every position (差额选举), and publication at
    /// least `daysBefore` days before polling day.
    public static func checkCandidates(
        seats: [CommitteePosition: Int], candidates: [CommitteePosition: Int], publishedOn: CalendarDay,
        pollingDay: CalendarDay, daysBefore: Int
    ) throws(DomainError) {
        for (position, count) in seats where count > 0 && (candidates[position] ?? 0) <= count {
            throw DomainError(
                .unprocessable, code: "election.uncontested",
                message: LocalizedText(
                    zh: "“\(position.rawValue)”的候选人须多于应选名额（ELE-7）。",
                    en: "Each position needs more candidates than seats: \(position.rawValue) (ELE-7)."))
        }
        guard publishedOn <= pollingDay.addingDays(-daysBefore) else {
            throw DomainError(
                .unprocessable, code: "election.candidates_too_late",
                message: LocalizedText(
                    zh: "候选人名单须在选举日前至少 \(daysBefore) 天公布。",
                    en: "Candidates are published at least \(daysBefore) days before polling day."))
        }
    }
}
