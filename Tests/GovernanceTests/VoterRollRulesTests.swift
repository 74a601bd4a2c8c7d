import Foundation
import Governance
import Testing

/// The voter roll (ELE-3, ELE-4, ELE-5, ELE-23).
@Suite struct VoterRollRulesTests {
    static func day(_ text: String) -> CalendarDay { CalendarDay(text)! }

    /// ELE-3: 18 on polling day, counted to the day; a 29 February birthday comes on 1 March.
    @Test(arguments: [
        ("2008-11-30", "2026-11-30", true), ("2008-12-01", "2026-11-30", false), ("2008-02-29", "2026-02-28", false),
        ("2008-02-29", "2026-03-01", true),
    ])
    func votersAreEighteenOnPollingDayELE3(born: String, pollingDay: String, ofAge: Bool) {
        #expect(VoterRollRules.isOfAge(birthDate: Self.day(born), pollingDay: Self.day(pollingDay)) == ofAge)
        let refused =
            (try? VoterRollRules.checkOfAge(birthDate: Self.day(born), pollingDay: Self.day(pollingDay))) == nil
        #expect(refused == !ofAge)
    }

    /// ELE-4: a resident registered elsewhere brings the certificate, and in a village the
    /// consent of a passed decision of the villagers' meeting or assembly; the other categories
    /// carry neither.
    @Test func categoriesOfRegistrationELE4() throws {
        let meeting = UUID()
        func check(
            _ category: VoterCategory, certificate: String?, consent: UUID?, village: Bool,
            found: (MeetingKind, Bool)?
        ) -> String? {
            do {
                try VoterRollRules.checkCategory(
                    NewVoter(personId: UUID(), category: category, certificate: certificate, consentMeetingId: consent),
                    villageElection: village, consent: found.map { (kind: $0.0, passed: $0.1) })
                return nil
            } catch { return error.fieldErrors.first?.code ?? error.code }
        }
        #expect(check(.registeredResident, certificate: nil, consent: nil, village: true, found: nil) == nil)
        #expect(
            check(.registeredAbsent, certificate: "证明", consent: nil, village: false, found: nil) == "not_applicable")
        #expect(check(.residentNotRegistered, certificate: nil, consent: nil, village: false, found: nil) == "required")
        #expect(check(.residentNotRegistered, certificate: "户籍地证明", consent: nil, village: false, found: nil) == nil)
        #expect(
            check(.residentNotRegistered, certificate: "户籍地证明", consent: nil, village: true, found: nil) == "required")
        #expect(
            check(
                .residentNotRegistered, certificate: "证明", consent: meeting, village: true,
                found: (.villagersMeeting, false))
                == "election.voter_consent_missing")
        #expect(
            check(
                .residentNotRegistered, certificate: "证明", consent: meeting, village: true,
                found: (.residentsMeeting, true))
                == "election.voter_consent_missing")
        #expect(
            check(
                .residentNotRegistered, certificate: "证明", consent: meeting, village: true,
                found: (.villagerRepresentativeAssembly, true)) == nil)
    }

    /// ELE-5: objections within five days of publication (the fifth passes, the sixth is
    /// refused), decided within three (a fourth day is overdue).
    @Test func objectionsWithinFiveDaysDecidedWithinThreeELE5() throws {
        let published = Self.day("2026-11-01")
        try VoterRollRules.checkObjectionFiled(today: Self.day("2026-11-06"), rollPublishedOn: published)
        let late = #expect(throws: DomainError.self) {
            try VoterRollRules.checkObjectionFiled(today: Self.day("2026-11-07"), rollPublishedOn: published)
        }
        #expect(late?.code == "election.objection_period_over")
        #expect(throws: DomainError.self) {
            try VoterRollRules.checkObjectionFiled(today: Self.day("2026-11-02"), rollPublishedOn: nil)
        }
        let filed = Self.day("2026-11-03")
        let open = RollObjection(
            id: UUID(), personId: UUID(), kind: .omission, statement: "漏登", filedOn: filed, decidedOn: nil,
            upheld: nil, decision: nil)
        #expect(open.decisionDue == Self.day("2026-11-06"))
        #expect(!open.overdue(today: Self.day("2026-11-06")) && open.overdue(today: Self.day("2026-11-07")))
        let decidedLate = RollObjection(
            id: UUID(), personId: UUID(), kind: .omission, statement: "漏登", filedOn: filed,
            decidedOn: Self.day("2026-11-07"), upheld: true, decision: "成立")
        #expect(decidedLate.overdue(today: Self.day("2026-12-01")))
        #expect(throws: DomainError.self) { try VoterRollRules.checkEditable(.nomination) }
        try VoterRollRules.checkEditable(.registration)
    }

    /// ELE-23: a proxy votes for at most three others; the fourth is refused, as is a proxy who
    /// entrusts in turn, one not on the roll, or oneself.
    @Test func aProxyHoldsAtMostThreeEntrustmentsELE23() throws {
        func check(voterOnRoll: Bool = true, same: Bool = false, proxyHolds: Int, voterHolds: Int = 0) -> String? {
            do {
                try VoterRollRules.checkProxy(
                    voterOnRoll: voterOnRoll, proxyOnRoll: true, same: same, proxyHolds: proxyHolds,
                    voterHolds: voterHolds, maximum: 3)
                return nil
            } catch { return error.code }
        }
        #expect(check(proxyHolds: 2) == nil)
        #expect(check(proxyHolds: 3) == "election.too_many_entrustments")
        #expect(check(proxyHolds: 0, voterHolds: 1) == "election.too_many_entrustments")
        #expect(check(voterOnRoll: false, proxyHolds: 0) == "election.proxy_not_on_roll")
        #expect(check(same: true, proxyHolds: 0) == "election.proxy_not_on_roll")
    }
}
