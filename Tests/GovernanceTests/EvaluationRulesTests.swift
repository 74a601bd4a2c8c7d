import Foundation
import Governance
import Testing

/// Democratic evaluation (COM-13).
@Suite struct EvaluationRulesTests {
    static let (first, second) = (UUID(), UUID())

    /// COM-13: incompetent twice in a row ends the office; once, or after a better rating, does not.
    @Test func incompetentTwiceInARowEndsTheOfficeCOM13() {
        let ratings: [UUID: EvaluationRating] = [Self.first: .incompetent, Self.second: .incompetent]
        #expect(
            EvaluationRules.terminated(ratings: ratings, previous: [Self.first: .incompetent, Self.second: .competent])
                == [Self.first])
        #expect(EvaluationRules.terminated(ratings: ratings, previous: [:]).isEmpty)
        #expect(
            EvaluationRules.terminated(ratings: [Self.first: .basicallyCompetent], previous: [Self.first: .incompetent])
                .isEmpty)
    }

    /// COM-13: at least once a year; a committee not yet a year in office is not due.
    @Test func aCommitteeIsEvaluatedEveryYearCOM13() {
        let today = CalendarDay("2026-11-30")!
        let start = CalendarDay("2021-11-01")!
        #expect(EvaluationRules.annualFinding(termStart: start, lastEvaluatedOn: nil, today: today)?.rule == "COM-13")
        #expect(
            EvaluationRules.annualFinding(termStart: start, lastEvaluatedOn: CalendarDay("2025-11-30")!, today: today)
                != nil)
        #expect(
            EvaluationRules.annualFinding(termStart: start, lastEvaluatedOn: CalendarDay("2025-12-01")!, today: today)
                == nil)
        #expect(
            EvaluationRules.annualFinding(termStart: CalendarDay("2025-12-01")!, lastEvaluatedOn: nil, today: today)
                == nil)
    }

    /// COM-13: presided by the supervision committee, at a quorate meeting of the area, rating
    /// members in office.
    @Test func anEvaluationIsPresidedBySupervisionAtAQuorateMeetingCOM13() {
        let area = UUID()
        func meeting(quorate: Bool, area: UUID) -> Meeting {
            Meeting(
                id: UUID(), areaId: area, areaPath: "c.d.s.m", kind: .residentsMeeting, basis: .adults, proposal: nil,
                noticeOn: CalendarDay("2026-11-01")!, heldOn: CalendarDay("2026-11-20")!, eligible: 100, present: 60,
                quorate: quorate, agenda: ["民主评议"], decisions: [], version: 1, createdAt: Date())
        }
        func code(
            kind: CommitteeKind = .residentsCommittee, quorate: Bool = true, meetingArea: UUID? = nil,
            supervises: Bool = true, rated: Set<UUID> = [Self.first]
        ) -> String? {
            do {
                try EvaluationRules.check(
                    committeeKind: kind, meeting: meeting(quorate: quorate, area: meetingArea ?? area),
                    committeeAreaId: area, presiderSupervises: supervises, ratedTenures: rated,
                    tenuresInOffice: [Self.first], ratingCount: rated.count)
                return nil
            } catch { return error.code }
        }
        #expect(code() == nil)
        #expect(code(supervises: false) == "evaluation.not_presided_by_supervision")
        #expect(code(quorate: false) == "evaluation.meeting_not_quorate")
        #expect(code(kind: .ownersCommittee) == "evaluation.committee_kind")
        #expect(code(rated: [Self.second]) == "evaluation.member_not_in_office")
        #expect(code(meetingArea: UUID()) == "meeting.not_found")
    }
}
