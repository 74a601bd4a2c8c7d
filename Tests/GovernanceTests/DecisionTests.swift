import Foundation
import Governance
import Testing

/// The lifecycle decisions of elections and admission, pure: state + command + who + today →
/// a change or a refusal.
@Suite struct DecisionTests {
    static let pollingDay = CalendarDay("2026-06-20")!
    /// Created on 2026-05-01 in China (UTC+8).
    static let createdOn = CalendarDay("2026-05-01")!
    static let createdAt = ISO8601DateFormatter().date(from: "2026-05-01T09:00:00+08:00")!

    static func election(_ status: ElectionStatus, rollPublishedOn: CalendarDay? = nil) -> Election {
        Election(
            id: UUID(), committeeId: UUID(), areaPath: "c1.d2.s3.m4", kind: .general, method: .allVoters,
            seats: [.director: 1, .member: 2], pollingDay: pollingDay, status: status, lawVersion: 2026,
            rollDaysBefore: 20,
            candidateDaysBefore: 5, rollPublishedOn: rollPublishedOn, candidatesPublishedOn: nil, version: 1,
            createdAt: createdAt)
    }

    /// ELE-5 counted from the server's today: published 20 days before polling day passes, 19 is refused.
    @Test func theRollIsPublishedTodayTwentyDaysBeforePollingDayELE5() throws {
        let registration = Self.election(.registration)
        let onTime = try registration.decideTransition(
            to: .nomination, ElectionStepFacts(today: Self.pollingDay.addingDays(-20)))
        #expect(onTime.status == .nomination && onTime.rollPublishedOn == Self.pollingDay.addingDays(-20))
        let late = #expect(throws: DomainError.self) {
            try registration.decideTransition(
                to: .nomination, ElectionStepFacts(today: Self.pollingDay.addingDays(-19)))
        }
        #expect(late?.code == "election.roll_too_late")
    }

    /// Backdating: a roll published offline may be stated, but not after today, not before the
    /// election was created; a stated day still meets ELE-5.
    @Test(
        arguments: [
            (-20, "2026-05-31", nil), (-10, "2026-05-31", nil), (-10, "2026-05-01", nil),
            (-10, "2026-04-30", "before_previous_step"), (-25, "2026-05-27", "in_future"),
            (-10, "2026-06-01", "election.roll_too_late"),
        ] as [(Int, String, String?)])
    func aStatedRollDayIsNeitherFutureNorBeforeCreation(todayOffset: Int, stated: String, refusal: String?) throws {
        let facts = ElectionStepFacts(
            today: Self.pollingDay.addingDays(todayOffset), statedRollPublishedOn: CalendarDay(stated)!)
        do {
            let change = try Self.election(.registration).decideTransition(to: .nomination, facts)
            #expect(refusal == nil && change.rollPublishedOn == CalendarDay(stated)!)
        } catch {
            #expect(refusal == error.code || refusal == error.fieldErrors.first?.code)
        }
    }

    @Test func candidatesArePublishedOnlyWhenThereAreMoreThanSeatsELE7() throws {
        let nomination = Self.election(.nomination, rollPublishedOn: CalendarDay("2026-05-20")!)
        var facts = ElectionStepFacts(today: Self.pollingDay.addingDays(-5))
        // ELE-7: two seats of member need more than two candidates.
        facts.firstBallotCandidates = [.director, .director, .member, .member]
        #expect(throws: DomainError.self) { try nomination.decideTransition(to: .candidatesPublished, facts) }
        facts.firstBallotCandidates.append(.member)
        let change = try nomination.decideTransition(to: .candidatesPublished, facts)
        #expect(change.candidatesPublishedOn == Self.pollingDay.addingDays(-5))
        // Five days before polling day passes, four is refused.
        facts.today = Self.pollingDay.addingDays(-4)
        #expect(throws: DomainError.self) { try nomination.decideTransition(to: .candidatesPublished, facts) }
        // Backdating: a stated day before the roll is refused; the roll's own day passes.
        facts.today = Self.pollingDay.addingDays(-10)
        facts.statedPublishedOn = CalendarDay("2026-05-19")!
        let early = #expect(throws: DomainError.self) {
            try nomination.decideTransition(to: .candidatesPublished, facts)
        }
        #expect(early?.fieldErrors.first?.code == "before_previous_step")
        facts.statedPublishedOn = CalendarDay("2026-05-20")!
        #expect(
            try nomination.decideTransition(to: .candidatesPublished, facts).candidatesPublishedOn == CalendarDay(
                "2026-05-20")!)
        #expect(throws: DomainError.self) {
            try Self.election(.draft).decideTransition(to: .voting, ElectionStepFacts(today: Self.createdOn))
        }
    }

    /// ELE-8: voting opens on polling day, with a secret writing booth at every station.
    @Test func votingOpensOnPollingDayWithSecretBoothsELE8() throws {
        var facts = ElectionStepFacts(today: Self.pollingDay)
        facts.stationsWithoutSecretBooth = 1
        let open = #expect(throws: DomainError.self) {
            try Self.election(.candidatesPublished).decideTransition(to: .voting, facts)
        }
        #expect(open?.code == "election.no_secret_booth")
        facts.stationsWithoutSecretBooth = 0
        #expect(try Self.election(.candidatesPublished).decideTransition(to: .voting, facts).status == .voting)
        facts.today = Self.pollingDay.addingDays(-1)
        let early = #expect(throws: DomainError.self) {
            try Self.election(.candidatesPublished).decideTransition(to: .voting, facts)
        }
        #expect(early?.code == "election.before_polling_day")
    }

    static let (a, b, c, d, bAgain) = (UUID(), UUID(), UUID(), UUID(), UUID())

    /// Two member seats; 100 registered; `cast` ballots with A 40, B 20, C 10 votes.
    static func firstBallot(cast: Int, aVotes: Int = 40) -> ElectionResults {
        ElectionResults.compute(
            registered: 100, seats: [.member: 2],
            candidates: [a: (.member, 1), b: (.member, 1), c: (.member, 1)],
            tallies: [
                Tally(
                    round: 1, issued: cast, cast: cast, valid: cast, invalid: 0, proxy: 0,
                    votes: [a: aVotes, b: 20, c: 10])
            ])
    }

    /// ELE-12: a run-off only for seats a valid ballot left unfilled.
    @Test func aRunoffNeedsUnfilledSeatsELE12() throws {
        var facts = ElectionStepFacts(today: Self.createdOn)
        facts.results = Self.firstBallot(cast: 60)  // A elected (40 > 30); one seat open
        #expect(try Self.election(.counting).decideTransition(to: .runoff, facts).status == .runoff)
        facts.results = Self.firstBallot(cast: 50)  // turnout not above half: invalid, no run-off
        let invalid = #expect(throws: DomainError.self) {
            try Self.election(.counting).decideTransition(to: .runoff, facts)
        }
        #expect(invalid?.code == "election.no_unfilled_seats")
        let filled = ElectionResults.compute(
            registered: 100, seats: [.member: 1], candidates: [Self.a: (.member, 1), Self.b: (.member, 1)],
            tallies: [
                Tally(round: 1, issued: 60, cast: 60, valid: 60, invalid: 0, proxy: 0, votes: [Self.a: 40, Self.b: 20])
            ])
        facts.results = filled
        #expect(throws: DomainError.self) { try Self.election(.counting).decideTransition(to: .runoff, facts) }
        // Opening the run-off ballot needs 差额: 1 seat open, 1 candidate refused, 2 pass.
        facts.results = Self.firstBallot(cast: 60)
        facts.runoffCandidates = [.member]
        let uncontested = #expect(throws: DomainError.self) {
            try Self.election(.runoff).decideTransition(to: .counting, facts)
        }
        #expect(uncontested?.code == "election.runoff_uncontested")
        facts.runoffCandidates = [.member, .member]
        #expect(try Self.election(.runoff).decideTransition(to: .counting, facts).status == .counting)
    }

    /// ELE-12: run-off candidates are the previous round's unelected, in the order of their votes.
    @Test func runoffCandidatesAreTheUnelectedByVotesELE12() throws {
        let previous = [
            RunoffRules.PreviousCandidate(personId: Self.a, position: .member, votes: 400, elected: true),
            RunoffRules.PreviousCandidate(personId: Self.b, position: .member, votes: 300, elected: false),
            RunoffRules.PreviousCandidate(personId: Self.c, position: .member, votes: 200, elected: false),
        ]
        func check(_ person: UUID, standing: Set<UUID> = [], unfilled: [CommitteePosition: Int] = [.member: 1])
            -> String?
        {
            do {
                try RunoffRules.checkCandidate(
                    personId: person, position: .member, unfilled: unfilled, previous: previous, standing: standing)
                return nil
            } catch { return error.code }
        }
        #expect(check(Self.b) == nil)
        #expect(check(Self.c) == "election.runoff_out_of_vote_order")
        #expect(check(Self.c, standing: [Self.b]) == nil)
        #expect(check(Self.a) == "election.runoff_not_previous_candidate")
        #expect(check(Self.d) == "election.runoff_not_previous_candidate")
        #expect(check(Self.b, unfilled: [:]) == "election.runoff_position_filled")
    }

    /// ELE-12: run-off winners need at least one third of the ballots cast; the turnout rule
    /// applies to the run-off again (ELE-13).
    @Test func runoffWinnersNeedAThirdOfTheBallotsCastELE12() {
        func runoff(cast: Int, bVotes: Int) -> ElectionResults {
            ElectionResults.compute(
                registered: 100, seats: [.member: 2],
                // B stands again in the run-off as a new candidacy (`bAgain`), beside D.
                candidates: [
                    Self.a: (.member, 1), Self.b: (.member, 1), Self.c: (.member, 1), Self.bAgain: (.member, 2),
                    Self.d: (.member, 2),
                ],
                tallies: [
                    Tally(
                        round: 1, issued: 60, cast: 60, valid: 60, invalid: 0, proxy: 0,
                        votes: [Self.a: 40, Self.b: 20, Self.c: 10]),
                    Tally(
                        round: 2, issued: cast, cast: cast, valid: cast, invalid: 0, proxy: 0,
                        votes: [Self.bAgain: bVotes, Self.d: 5]),
                ])
        }
        #expect(runoff(cast: 60, bVotes: 20).unfilled.isEmpty)  // 20 of 60 is a third
        #expect(runoff(cast: 60, bVotes: 19).unfilled == [.member: 1])
        #expect(runoff(cast: 50, bVotes: 45).unfilled == [.member: 1])  // run-off turnout not above half
    }

    /// COM-1, COM-2, COM-9, ELE-16: seats within the committee's size; polling day after today.
    @Test(arguments: [
        (CommitteeKind.residentsCommittee, ElectionKind.general, 4, 0, false),
        (.residentsCommittee, .general, 5, 0, true), (.residentsCommittee, .general, 9, 0, true),
        (.residentsCommittee, .general, 10, 0, false), (.villagersCommittee, .general, 2, 0, false),
        (.villagersCommittee, .general, 3, 0, true), (.villagersCommittee, .general, 7, 0, true),
        (.villagersCommittee, .general, 8, 0, false), (.supervisionCommittee, .general, 5, 0, true),
        (.supervisionCommittee, .general, 6, 0, false), (.residentsCommittee, .byElection, 3, 6, true),
        (.residentsCommittee, .byElection, 4, 6, false), (.villagersCommittee, .byElection, 1, 7, false),
    ])
    func seatsLieWithinTheCommitteesSizeCOM1COM2(
        committee: CommitteeKind, kind: ElectionKind, seats: Int, inOffice: Int, accepted: Bool
    ) {
        let new = NewElection(
            committeeId: UUID(), kind: kind, method: .allVoters, seats: [.member: seats],
            pollingDay: Self.pollingDay)
        do {
            try new.validate(
                committeeKind: committee, profile: RuleProfile(lawVersion: 2026, overrides: []),
                activeOfficers: inOffice, today: Self.createdOn)
            #expect(accepted)
        } catch {
            #expect(!accepted && error.code == "election.seats_out_of_range")
        }
    }

    @Test func pollingDayIsAfterToday() throws {
        let new = NewElection(
            committeeId: UUID(), kind: .general, method: .allVoters, seats: [.member: 5], pollingDay: Self.pollingDay)
        let profile = RuleProfile(lawVersion: 2026, overrides: [])
        try new.validate(
            committeeKind: .residentsCommittee, profile: profile, activeOfficers: 0,
            today: Self.pollingDay.addingDays(-1))
        let today = #expect(throws: DomainError.self) {
            try new.validate(
                committeeKind: .residentsCommittee, profile: profile, activeOfficers: 0, today: Self.pollingDay)
        }
        #expect(today?.fieldErrors.first?.field == "pollingDay")
    }

    static func application(_ status: AdmissionStatus, applicant: UUID) -> AdmissionApplication {
        AdmissionApplication(
            id: UUID(), departmentId: UUID(), departmentName: "民政局", applicantTokenId: applicant, areaId: UUID(),
            areaPath: "c1.d2", title: "t",
            description: "d",
            category: .statutoryDuty, legalBasis: "l", startsOn: CalendarDay("2027-01-01")!,
            endsOn: CalendarDay("2027-12-31")!,
            fundingAmount: nil, fundingSource: nil, staffing: nil, workloadHoursPerMonth: 1, forms: [],
            storedStatus: status,
            submittedOn: nil, legalOpinion: nil, decisionMeeting: nil, decisionDate: nil, decisionReference: nil,
            version: 1,
            createdAt: Date())
    }

    static func principal(_ role: Role, id: UUID = UUID()) -> Principal {
        Principal(
            tokenId: id, role: role, scopeAreaId: UUID(), scopePath: "c1.d2", expiresAt: Date.distantFuture,
            departmentId: role == .department ? UUID() : nil)
    }

    @Test func submissionIsDatedTodayAndTheApplicantNeverReviewsItself() throws {
        let today = CalendarDay("2026-11-30")!
        let applicant = UUID()
        let submitted = try Self.application(.draft, applicant: applicant).decide(
            AdmissionStep(to: .submitted), by: Self.principal(.department, id: applicant), on: today)
        #expect(submitted.submittedOn == today)
        // ADM-4: a department does not review, and a reviewer who applied may not either.
        #expect(throws: DomainError.self) {
            try Self.application(.submitted, applicant: applicant).decide(
                AdmissionStep(to: .legalReview), by: Self.principal(.department, id: applicant), on: today)
        }
        let review = try Self.application(.submitted, applicant: applicant).decide(
            AdmissionStep(to: .legalReview), by: Self.principal(.reviewer), on: today)
        #expect(review.submittedOn == nil && review.step.to == .legalReview)
    }

    @Test func admissionNeedsTheMeetingItsDateAndItsReference() {
        let decision = Self.application(.decision, applicant: UUID())
        let reviewer = Self.principal(.reviewer)
        let today = CalendarDay("2026-11-30")!
        for (step, field) in [
            (AdmissionStep(to: .admitted), "decisionMeeting"),
            (AdmissionStep(to: .admitted, meeting: .governmentExecutiveMeeting), "decisionDate"),
            (
                AdmissionStep(to: .admitted, meeting: .governmentExecutiveMeeting, decisionDate: today),
                "decisionReference"
            ),
        ] {
            let refusal = #expect(throws: DomainError.self) { try decision.decide(step, by: reviewer, on: today) }
            #expect(refusal?.fieldErrors.first?.field == field)
        }
        #expect(throws: Never.self) {
            try decision.decide(
                AdmissionStep(
                    to: .admitted, meeting: .governmentExecutiveMeeting, decisionDate: today, decisionReference: "第1次"),
                by: reviewer, on: today)
        }
    }
}
