public import struct Foundation.Date
public import struct Foundation.UUID

/// How a member was rated at a democratic evaluation (民主评议, COM-13).
public enum EvaluationRating: String, Sendable, Hashable, CaseIterable {
    /// 优秀.
    case excellent
    /// 称职.
    case competent
    /// 基本称职.
    case basicallyCompetent = "basically_competent"
    /// 不称职.
    case incompetent
}

/// A democratic evaluation of a committee's members at a meeting, presided by the supervision
/// committee (COM-13), with the tenures it ended.
public struct DemocraticEvaluation: Sendable, Hashable {
    /// Id.
    public let id: UUID
    /// The committee evaluated.
    public let committeeId: UUID
    /// The meeting or assembly that rated.
    public let meetingId: UUID
    /// The day, the meeting's.
    public let heldOn: CalendarDay
    /// The supervision committee member who presided.
    public let presidedBy: UUID
    /// Rating per tenure.
    public let ratings: [UUID: EvaluationRating]
    /// Tenures ended by a second consecutive rating of incompetent.
    public let terminated: [UUID]

    /// Creates the value.
    public init(
        id: UUID, committeeId: UUID, meetingId: UUID, heldOn: CalendarDay, presidedBy: UUID,
        ratings: [UUID: EvaluationRating], terminated: [UUID]
    ) {
        self.id = id
        self.committeeId = committeeId
        self.meetingId = meetingId
        self.heldOn = heldOn
        self.presidedBy = presidedBy
        self.ratings = ratings
        self.terminated = terminated
    }
}

/// The rules of democratic evaluation (COM-13).
public enum EvaluationRules {
    /// The checks of an evaluation: a residents' or villagers' committee; rated at a quorate
    /// meeting of its area of a kind that rates it (the villagers' or residents' meeting or
    /// their representative assembly); presided by a serving member of the area's supervision
    /// committee; every rated tenure the committee's and in office that day; 1–50 ratings.
    public static func check(
        committeeKind: CommitteeKind, meeting: Meeting?, committeeAreaId: UUID, presiderSupervises: Bool,
        ratedTenures: Set<UUID>, tenuresInOffice: Set<UUID>, ratingCount: Int
    ) throws(DomainError) {
        var validator = FieldValidator()
        validator.range("ratings", ratingCount, 1...50)
        if ratedTenures.count != ratingCount {
            validator.fail("ratings", "duplicate", zh: "同一成员只能评议一次。", en: "Each member is rated once.")
        }
        try validator.check()
        guard committeeKind == .residentsCommittee || committeeKind == .villagersCommittee else {
            throw refusal(
                "evaluation.committee_kind", zh: "民主评议针对居民委员会、村民委员会成员。",
                en: "Democratic evaluation rates residents' and villagers' committee members.")
        }
        guard let meeting, meeting.areaId == committeeAreaId else {
            throw DomainError.notFound("meeting")
        }
        guard meeting.quorate else {
            throw refusal(
                "evaluation.meeting_not_quorate", zh: "评议会议未达法定人数（COM-13）。",
                en: "The rating meeting had no quorum (COM-13).")
        }
        guard presiderSupervises else {
            throw refusal(
                "evaluation.not_presided_by_supervision", zh: "民主评议由村（居）务监督委员会主持（COM-13）。",
                en: "The supervision committee presides over the evaluation (COM-13).")
        }
        guard ratedTenures.isSubset(of: tenuresInOffice) else {
            throw refusal(
                "evaluation.member_not_in_office", zh: "被评议者须为该委员会当日在任成员。",
                en: "Those rated are the committee's members in office on the day.")
        }
    }

    /// COM-13: rated incompetent twice in a row ends the office.
    /// - Parameter previous: each tenure's rating at its last earlier evaluation.
    public static func terminated(ratings: [UUID: EvaluationRating], previous: [UUID: EvaluationRating]) -> [UUID] {
        ratings.filter { $0.value == .incompetent && previous[$0.key] == .incompetent }.map(\.key).sorted {
            $0.uuidString < $1.uuidString
        }
    }

    /// COM-13: a committee that has served a year is evaluated at least once a year.
    public static func annualFinding(termStart: CalendarDay?, lastEvaluatedOn: CalendarDay?, today: CalendarDay)
        -> ComplianceFinding?
    {
        let yearAgo = today.anniversary(afterYears: -1)
        guard let termStart, termStart <= yearAgo, lastEvaluatedOn.map({ $0 <= yearAgo }) ?? true else { return nil }
        return ComplianceFinding(
            rule: "COM-13", code: "committee.not_evaluated",
            message: LocalizedText(
                zh: "一年内未进行民主评议。", en: "No democratic evaluation within the year."),
            actual: lastEvaluatedOn?.description ?? "none", expected: "after \(yearAgo)")
    }

    static func refusal(_ code: String, zh: String, en: String) -> DomainError {
        DomainError(.unprocessable, code: code, message: LocalizedText(zh: zh, en: en))
    }
}
