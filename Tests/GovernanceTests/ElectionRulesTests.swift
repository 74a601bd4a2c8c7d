import Foundation
import Governance
import Testing

@Suite struct ElectionRulesTests {
    static let a = UUID(uuidString: "00000000-0000-0000-0000-00000000000A")!
    static let b = UUID(uuidString: "00000000-0000-0000-0000-00000000000B")!
    static let c = UUID(uuidString: "00000000-0000-0000-0000-00000000000C")!
    static let d = UUID(uuidString: "00000000-0000-0000-0000-00000000000D")!

    static func tally(round: Int = 1, cast: Int, votes: [UUID: Int]) -> Tally {
        Tally(round: round, issued: cast, cast: cast, valid: cast, invalid: 0, proxy: 0, votes: votes)
    }

    static func outcome(_ results: ElectionResults, _ candidate: UUID, round: Int = 1) -> CandidateOutcome? {
        results.outcomes.first { $0.candidateId == candidate && $0.round == round }
    }

    /// ELE-9 (more than half of registered voters vote) and ELE-11 (elected with more than half
    /// of the ballots cast): one director seat, two candidates, 1,000 registered voters.
    @Test(arguments: [
        // (cast, votes for A, elected, reason)
        (600, 300, false, SeatReason.belowThreshold),  // exactly half of the ballots cast: not elected
        (600, 301, true, .majority),  // half plus one vote
        (500, 400, false, .invalidElection),  // turnout exactly 50 %: invalid
        (501, 400, true, .majority),  // turnout just above half
    ])
    func firstBallotThresholdsELE9ELE11(cast: Int, votesForA: Int, elected: Bool, reason: SeatReason) {
        let results = ElectionResults.compute(
            registered: 1000, seats: [.director: 1], candidates: [Self.a: (.director, 1), Self.b: (.director, 1)],
            tallies: [Self.tally(cast: cast, votes: [Self.a: votesForA, Self.b: cast - votesForA])])
        #expect(Self.outcome(results, Self.a)?.elected == elected)
        #expect(Self.outcome(results, Self.a)?.reason == reason)
        #expect(results.valid == (2 * cast > 1000))
    }

    @Test(arguments: [(199, false), (200, true), (201, true)])
    func runoffNeedsOneThirdOfTheBallotsCast(votesForC: Int, elected: Bool) {
        let results = ElectionResults.compute(
            registered: 900, seats: [.member: 1],
            candidates: [Self.a: (.member, 1), Self.b: (.member, 1), Self.c: (.member, 2), Self.d: (.member, 2)],
            tallies: [
                Self.tally(cast: 600, votes: [Self.a: 250, Self.b: 250]),
                Self.tally(round: 2, cast: 600, votes: [Self.c: votesForC, Self.d: 150]),
            ])
        #expect(Self.outcome(results, Self.c, round: 2)?.elected == elected)
        #expect(results.unfilled[.member] == (elected ? nil : 1))
    }

    @Test func oneThirdBoundaryInTheRunoffExactly() {
        let results = ElectionResults.compute(
            registered: 900, seats: [.member: 1],
            candidates: [Self.a: (.member, 1), Self.b: (.member, 1), Self.c: (.member, 2), Self.d: (.member, 2)],
            tallies: [
                Self.tally(cast: 600, votes: [Self.a: 200, Self.b: 200]),
                Self.tally(round: 2, cast: 600, votes: [Self.c: 200, Self.d: 150]),
            ])
        #expect(Self.outcome(results, Self.a)?.reason == .belowThreshold)
        #expect(Self.outcome(results, Self.c, round: 2)?.elected == true)
        #expect(Self.outcome(results, Self.c, round: 2)?.reason == .runoffPlurality)
        let below = ElectionResults.compute(
            registered: 900, seats: [.member: 1],
            candidates: [Self.a: (.member, 1), Self.b: (.member, 1), Self.c: (.member, 2), Self.d: (.member, 2)],
            tallies: [
                Self.tally(cast: 600, votes: [Self.a: 200, Self.b: 200]),
                Self.tally(round: 2, cast: 600, votes: [Self.c: 199, Self.d: 150]),
            ])
        #expect(Self.outcome(below, Self.c, round: 2)?.elected == false)
        #expect(below.unfilled[.member] == 1)
    }

    @Test func aTieOnTheLastSeatLeavesItUnfilled() {
        let results = ElectionResults.compute(
            registered: 1000, seats: [.member: 2],
            candidates: [Self.a: (.member, 1), Self.b: (.member, 1), Self.c: (.member, 1)],
            tallies: [Self.tally(cast: 800, votes: [Self.a: 700, Self.b: 500, Self.c: 500])])
        #expect(Self.outcome(results, Self.a)?.elected == true)
        #expect(Self.outcome(results, Self.b)?.reason == .tie)
        #expect(Self.outcome(results, Self.c)?.reason == .tie)
        #expect(results.unfilled[.member] == 1)
    }

    @Test func twoRunoffRoundsCanBeNeeded() {
        let candidates: [UUID: (position: CommitteePosition, round: Int)] = [
            Self.a: (.director, 1), Self.b: (.director, 1), Self.c: (.director, 2), Self.d: (.director, 2),
            UUID(uuidString: "00000000-0000-0000-0000-0000000000E1")!: (.director, 3),
            UUID(uuidString: "00000000-0000-0000-0000-0000000000E2")!: (.director, 3),
        ]
        let e1 = UUID(uuidString: "00000000-0000-0000-0000-0000000000E1")!
        let e2 = UUID(uuidString: "00000000-0000-0000-0000-0000000000E2")!
        let results = ElectionResults.compute(
            registered: 1000, seats: [.director: 1], candidates: candidates,
            tallies: [
                Self.tally(cast: 700, votes: [Self.a: 340, Self.b: 330]),  // nobody above half
                Self.tally(round: 2, cast: 650, votes: [Self.c: 300, Self.d: 300]),  // a tie
                Self.tally(round: 3, cast: 640, votes: [e1: 400, e2: 200]),  // decided
            ])
        #expect(Self.outcome(results, Self.c, round: 2)?.reason == .tie)
        #expect(Self.outcome(results, e1, round: 3)?.elected == true)
        #expect(results.unfilled.isEmpty)
        #expect(results.elected.count == 1)
    }

    /// ELE-10: more ballots returned than issued voids the count: the tally is refused, as is one
    /// that does not add up, or a ballot marking more names than seats.
    @Test func aTallyMustAddUpELE10() throws {
        let positions = [Self.a: CommitteePosition.member, Self.b: .member]
        try Tally(round: 1, issued: 100, cast: 90, valid: 85, invalid: 5, proxy: 3, votes: [Self.a: 80, Self.b: 70])
            .validate(positions: positions, seats: [.member: 2])
        #expect(throws: DomainError.self) {
            try Tally(round: 1, issued: 100, cast: 90, valid: 80, invalid: 5, proxy: 0, votes: [:]).validate(
                positions: positions, seats: [.member: 2])
        }
        #expect(throws: DomainError.self) {
            try Tally(round: 1, issued: 80, cast: 90, valid: 85, invalid: 5, proxy: 0, votes: [:]).validate(
                positions: positions, seats: [.member: 2])
        }
        #expect(throws: DomainError.self) {
            try Tally(round: 1, issued: 100, cast: 90, valid: 85, invalid: 5, proxy: 0, votes: [Self.a: 86]).validate(
                positions: positions, seats: [.member: 2])
        }
        #expect(throws: DomainError.self) {
            try Tally(
                round: 1, issued: 100, cast: 90, valid: 85, invalid: 5, proxy: 0, votes: [Self.a: 85, Self.b: 85]
            )
            .validate(positions: positions, seats: [.member: 1])
        }
        #expect(throws: DomainError.self) {
            try Tally(round: 1, issued: 100, cast: 90, valid: 85, invalid: 5, proxy: 0, votes: [Self.c: 1]).validate(
                positions: positions, seats: [.member: 2])
        }
    }

    @Test func theLifecycleTable() throws {
        let legal: [(ElectionStatus, ElectionStatus)] = [
            (.draft, .registration), (.registration, .nomination), (.nomination, .candidatesPublished),
            (.candidatesPublished, .voting),
            (.voting, .counting), (.counting, .certified), (.counting, .failed), (.counting, .runoff),
            (.runoff, .counting),
        ]
        for from in ElectionStatus.allCases {
            for to in ElectionStatus.allCases {
                if legal.contains(where: { $0 == (from, to) }) {
                    try from.checkTransition(to: to)
                } else {
                    #expect(throws: DomainError.self) { try from.checkTransition(to: to) }
                }
            }
        }
    }

    @Test func calendarRules() throws {
        let polling = CalendarDay("2026-06-20")!
        try ElectionCalendar.checkRollPublication(
            publishedOn: CalendarDay("2026-05-31")!, pollingDay: polling, daysBefore: 20)
        #expect(throws: DomainError.self) {
            try ElectionCalendar.checkRollPublication(
                publishedOn: CalendarDay("2026-06-01")!, pollingDay: polling, daysBefore: 20)
        }
        #expect(throws: DomainError.self) {
            try ElectionCalendar.checkCandidates(
                seats: [.member: 3], candidates: [.member: 3], publishedOn: CalendarDay("2026-06-01")!,
                pollingDay: polling, daysBefore: 5)
        }
        try ElectionCalendar.checkCandidates(
            seats: [.member: 3], candidates: [.member: 4], publishedOn: CalendarDay("2026-06-15")!, pollingDay: polling,
            daysBefore: 5)
    }

    /// ELE-19: valid with more than half of registered voters voting, passed with more than half in favour.
    @Test(arguments: [(1000, 600, 300, false), (1000, 600, 301, true), (1000, 500, 400, false)])
    func recallVotesELE19(registered: Int, cast: Int, inFavour: Int, passed: Bool) {
        let vote = RecallVote(
            signatures: 200, representativeSignatures: 0, representatives: 0, registeredVoters: registered, cast: cast,
            inFavour: inFavour)
        #expect(vote.passed == passed)
    }

    /// ELE-18: one fifth of voters (200 of 1,000) or one third of representatives (17 of 50).
    @Test func recallPetitionsNeedAFifthOfVotersOrAThirdOfRepresentativesELE18() {
        #expect(
            RecallVote(
                signatures: 200, representativeSignatures: 0, representatives: 0, registeredVoters: 1000, cast: 0,
                inFavour: 0
            ).petitionValid)
        #expect(
            !RecallVote(
                signatures: 199, representativeSignatures: 0, representatives: 0, registeredVoters: 1000, cast: 0,
                inFavour: 0
            ).petitionValid)
        #expect(
            RecallVote(
                signatures: 0, representativeSignatures: 17, representatives: 50, registeredVoters: 1000, cast: 0,
                inFavour: 0
            ).petitionValid)
        #expect(
            !RecallVote(
                signatures: 0, representativeSignatures: 16, representatives: 50, registeredVoters: 1000, cast: 0,
                inFavour: 0
            ).petitionValid)
    }

    /// ELE-20: a residents' committee's petition shares come from the profile (the village
    /// law's 1/5 and 1/3 by default); a city setting 1/10 makes 100 of 1,000 enough.
    @Test func residentsRecallSharesAreConfiguredELE20() {
        var vote = RecallVote(
            signatures: 100, representativeSignatures: 0, representatives: 0, registeredVoters: 1000, cast: 0,
            inFavour: 0)
        #expect(!vote.petitionValid)
        let city = RuleProfile(lawVersion: 2026, overrides: [("city", "residentsRecallVoterShare", 10)])
        #expect(RuleProfile(lawVersion: 2026, overrides: [])[.residentsRecallVoterShare] == 5)
        vote.voterShare = city[.residentsRecallVoterShare]
        #expect(vote.petitionValid)
        vote.signatures = 99
        #expect(!vote.petitionValid)
    }
}
