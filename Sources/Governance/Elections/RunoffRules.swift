public import struct Foundation.UUID

/// The run-off (另行选举, ELE-12): only for seats a valid first ballot left unfilled; its
/// candidates are the unelected of the previous round in order of their votes, more of them than
/// the seats left (差额); its winners need at least one third of the ballots cast
/// (`ElectionResults.compute`), with the turnout rule applied again (ELE-13).
public enum RunoffRules {
    /// One candidate of the previous round, as the run-off sees them.
    public struct PreviousCandidate: Sendable, Hashable {
        /// The person.
        public let personId: UUID
        /// The position stood for.
        public let position: CommitteePosition
        /// Votes received.
        public let votes: Int
        /// Whether elected.
        public let elected: Bool

        /// Creates the value.
        public init(personId: UUID, position: CommitteePosition, votes: Int, elected: Bool) {
            self.personId = personId
            self.position = position
            self.votes = votes
            self.elected = elected
        }
    }

    /// A run-off exists only when a valid ballot left seats unfilled.
    public static func checkNeeded(_ results: ElectionResults?) throws(DomainError) {
        guard let results, results.valid, !results.unfilled.isEmpty else {
            throw DomainError(
                .conflict, code: "election.no_unfilled_seats",
                message: LocalizedText(
                    zh: "没有因得票不足而空缺的名额，不能另行选举（ELE-12）。",
                    en: "A run-off is only for seats a valid ballot left unfilled (ELE-12)."))
        }
    }

    /// A run-off candidate stood in the previous round for the same position and was not
    /// elected, and nobody unelected with more votes is passed over.
    /// - Parameters:
    ///   - standing: the people already on the run-off's list for the position.
    public static func checkCandidate(
        personId: UUID, position: CommitteePosition, unfilled: [CommitteePosition: Int],
        previous: [PreviousCandidate], standing: Set<UUID>
    ) throws(DomainError) {
        guard (unfilled[position] ?? 0) > 0 else {
            throw refusal(
                "election.runoff_position_filled", zh: "该职位没有空缺名额（ELE-12）。",
                en: "This position has no unfilled seat (ELE-12).")
        }
        let unelected = previous.filter { $0.position == position && !$0.elected }
        guard let own = unelected.first(where: { $0.personId == personId }) else {
            throw refusal(
                "election.runoff_not_previous_candidate", zh: "另行选举的候选人须为上一轮未当选的候选人（ELE-12）。",
                en: "Run-off candidates are the unelected candidates of the previous round (ELE-12).")
        }
        let passedOver = unelected.filter { $0.votes > own.votes && !standing.contains($0.personId) }
        guard passedOver.isEmpty else {
            throw refusal(
                "election.runoff_out_of_vote_order",
                zh: "另行选举的候选人按上一轮得票多少依次确定，得票更多者须先列入（ELE-12）。",
                en: "Run-off candidates follow the previous round's votes: those with more votes come first (ELE-12).")
        }
    }

    /// Opening the run-off ballot: more candidates than unfilled seats for every such position (差额).
    public static func checkContested(unfilled: [CommitteePosition: Int], candidates: [CommitteePosition: Int])
        throws(DomainError)
    {
        for (position, seats) in unfilled where seats > 0 && (candidates[position] ?? 0) <= seats {
            throw refusal(
                "election.runoff_uncontested", zh: "“\(position.rawValue)”另行选举的候选人须多于空缺名额（ELE-12）。",
                en: "A run-off needs more candidates than unfilled seats: \(position.rawValue) (ELE-12).")
        }
    }

    static func refusal(_ code: String, zh: String, en: String) -> DomainError {
        DomainError(.unprocessable, code: code, message: LocalizedText(zh: zh, en: en))
    }
}
