public import struct Foundation.UUID

/// One station's count for one round (ballot round 1 is the first ballot; 2, 3… are run-offs).
public struct Tally: Sendable, Hashable {
    /// The round.
    public var round: Int
    /// Ballots issued.
    public var issued: Int
    /// Ballots cast.
    public var cast: Int
    /// Valid ballots.
    public var valid: Int
    /// Invalid ballots.
    public var invalid: Int
    /// Proxy ballots among those cast (ELE-23).
    public var proxy: Int
    /// Votes per candidate.
    public var votes: [UUID: Int]

    /// Creates a tally.
    public init(round: Int, issued: Int, cast: Int, valid: Int, invalid: Int, proxy: Int, votes: [UUID: Int]) {
        self.round = round
        self.issued = issued
        self.cast = cast
        self.valid = valid
        self.invalid = invalid
        self.proxy = proxy
        self.votes = votes
    }

    /// The consistency checks of a tally sheet: cast ≤ issued, valid + invalid = cast, proxies
    /// among the cast, each candidate ≤ valid ballots, each position ≤ valid × seats.
    public func validate(positions: [UUID: CommitteePosition], seats: [CommitteePosition: Int]) throws(DomainError) {
        var validator = FieldValidator()
        for (field, value) in [
            ("issued", issued), ("cast", cast), ("valid", valid), ("invalid", invalid), ("proxy", proxy),
        ] {
            validator.range(field, value, 0...10_000_000)
        }
        validator.range("round", round, 1...10)
        if cast > issued {
            validator.fail("cast", "exceeds_issued", zh: "投票数不能多于发出的选票。", en: "More ballots cast than issued.")
        }
        if valid + invalid != cast {
            validator.fail(
                "valid", "does_not_add_up", zh: "有效票与无效票之和须等于投票数。",
                en: "Valid plus invalid ballots must equal the ballots cast.")
        }
        if proxy > cast {
            validator.fail("proxy", "exceeds_cast", zh: "委托投票数不能多于投票数。", en: "More proxy ballots than ballots cast.")
        }
        var perPosition: [CommitteePosition: Int] = [:]
        for (candidate, count) in votes {
            guard let position = positions[candidate] else {
                validator.fail(
                    "votes", "unknown_candidate", zh: "选票中有不在候选人名单上的人。", en: "Votes for someone who is not a candidate."
                )
                continue
            }
            if count < 0 || count > valid {
                validator.fail(
                    "votes", "exceeds_valid", zh: "候选人得票不能多于有效票。", en: "A candidate has more votes than valid ballots.")
            }
            perPosition[position, default: 0] += count
        }
        for (position, total) in perPosition where total > valid * (seats[position] ?? 0) {
            validator.fail(
                "votes", "exceeds_seats", zh: "“\(position.rawValue)”的总票数超过有效票乘以应选名额。",
                en: "Votes for \(position.rawValue) exceed valid ballots times its seats.")
        }
        try validator.check()
    }
}

/// Why a candidate was or was not elected.
public enum SeatReason: String, Sendable, Hashable, CaseIterable {
    /// More than half of the ballots cast in the first ballot (ELE-11).
    case majority
    /// Most votes in a run-off, with at least one third of the ballots cast (ELE-12).
    case runoffPlurality = "runoff_plurality"
    /// Not enough votes.
    case belowThreshold = "below_threshold"
    /// Tied for the last seat: left unfilled for a run-off.
    case tie
    /// The round was invalid (turnout not above half, ELE-9).
    case invalidElection = "invalid_election"
}

/// A candidate's outcome in one round.
public struct CandidateOutcome: Sendable, Hashable {
    /// The candidate.
    public let candidateId: UUID
    /// The position.
    public let position: CommitteePosition
    /// The round.
    public let round: Int
    /// Votes received.
    public let votes: Int
    /// Votes over ballots cast in the round.
    public let share: Double
    /// The threshold applied: `>1/2` or `>=1/3` of ballots cast.
    public let threshold: String
    /// Whether elected.
    public let elected: Bool
    /// Why.
    public let reason: SeatReason
}

/// The computed results of an election (ELE-9, ELE-11, ELE-12).
public struct ElectionResults: Sendable, Hashable {
    /// Registered voters (all stations).
    public let registered: Int
    /// Ballots cast in the first ballot.
    public let cast: Int
    /// Whether the first ballot had more than half of registered voters voting.
    public let valid: Bool
    /// Outcomes by round, best first within each position.
    public let outcomes: [CandidateOutcome]
    /// Seats still unfilled, per position.
    public let unfilled: [CommitteePosition: Int]
    /// Whether `registered` is the voter roll's size (ELE-5), not the stations' stated numbers.
    public var registeredFromRoll = false

    /// Turnout of the first ballot, 0–1.
    public var turnout: Double { registered == 0 ? 0 : Double(cast) / Double(registered) }

    /// Computes the results from the tallies of every round.
    /// - Parameters:
    ///   - registered: registered voters.
    ///   - seats: seats per position.
    ///   - candidates: candidate → (position, round in which they stand).
    ///   - tallies: every station's tallies.
    public static func compute(
        registered: Int, seats: [CommitteePosition: Int], candidates: [UUID: (position: CommitteePosition, round: Int)],
        tallies: [Tally]
    ) -> ElectionResults {
        var unfilled = seats.filter { $0.value > 0 }
        var outcomes: [CandidateOutcome] = []
        let rounds = Set(tallies.map(\.round)).union([1]).sorted()
        var firstCast = 0
        var firstValid = false
        for round in rounds {
            let roundTallies = tallies.filter { $0.round == round }
            let cast = roundTallies.reduce(0) { $0 + $1.cast }
            // ELE-9 (and ELE-13 conservatively for run-offs): more than half of registered voters.
            let turnoutValid = 2 * cast > registered
            if round == 1 {
                firstCast = cast
                firstValid = turnoutValid
            }
            var votes: [UUID: Int] = [:]
            for tally in roundTallies {
                for (candidate, count) in tally.votes { votes[candidate, default: 0] += count }
            }
            for position in CommitteePosition.allCases {
                let open = unfilled[position] ?? 0
                let standing = candidates.filter { $0.value.position == position && $0.value.round == round }.map(\.key)
                guard !standing.isEmpty else { continue }
                let ranked = standing.map { ($0, votes[$0] ?? 0) }.sorted {
                    $0.1 != $1.1 ? $0.1 > $1.1 : $0.0.uuidString < $1.0.uuidString
                }
                let threshold = round == 1 ? ">1/2" : ">=1/3"
                // GEN-6: integer arithmetic; "过半数" is strictly more than half, "不少于三分之一" inclusive.
                let passes: (Int) -> Bool = { count in round == 1 ? 2 * count > cast : 3 * count >= cast && count > 0 }
                let qualified = ranked.filter { passes($0.1) }
                var electedIDs: Set<UUID> = []
                var tiedIDs: Set<UUID> = []
                if turnoutValid, open > 0 {
                    if qualified.count <= open {
                        electedIDs = Set(qualified.map(\.0))
                    } else {
                        // The last seat's vote count: anyone sharing it with someone left out is tied.
                        let cutoff = qualified[open - 1].1
                        let tiedAtCutoff = qualified.filter { $0.1 == cutoff }
                        let clearlyIn = qualified.filter { $0.1 > cutoff }
                        electedIDs = Set(clearlyIn.map(\.0))
                        if clearlyIn.count + tiedAtCutoff.count <= open {
                            electedIDs.formUnion(tiedAtCutoff.map(\.0))
                        } else {
                            tiedIDs = Set(tiedAtCutoff.map(\.0))
                        }
                    }
                }
                unfilled[position] = open - electedIDs.count
                for (candidate, count) in ranked {
                    let reason: SeatReason =
                        !turnoutValid
                        ? .invalidElection
                        : electedIDs.contains(candidate)
                            ? (round == 1 ? .majority : .runoffPlurality)
                            : tiedIDs.contains(candidate) ? .tie : .belowThreshold
                    outcomes.append(
                        CandidateOutcome(
                            candidateId: candidate, position: position, round: round, votes: count,
                            share: cast == 0 ? 0 : Double(count) / Double(cast),
                            threshold: threshold, elected: electedIDs.contains(candidate), reason: reason))
                }
            }
        }
        return ElectionResults(
            registered: registered, cast: firstCast, valid: firstValid, outcomes: outcomes,
            unfilled: unfilled.filter { $0.value > 0 })
    }

    /// The elected candidates.
    public var elected: [CandidateOutcome] { outcomes.filter(\.elected) }
}
