public import struct Foundation.UUID

/// A seat on an election's election committee (ELE-6).
public struct ElectionCommitteeMember: Sendable, Hashable {
    /// The role on it.
    public enum Role: String, Sendable, Hashable, CaseIterable {
        case chair, member
    }

    /// Id.
    public let id: UUID
    /// The person.
    public let personId: UUID
    /// The role.
    public let role: Role
    /// Joined on.
    public let joinedOn: CalendarDay
    /// Withdrew on (a candidate withdraws first).
    public let withdrawnOn: CalendarDay?

    /// Creates the value.
    public init(id: UUID, personId: UUID, role: Role, joinedOn: CalendarDay, withdrawnOn: CalendarDay?) {
        self.id = id
        self.personId = personId
        self.role = role
        self.joinedOn = joinedOn
        self.withdrawnOn = withdrawnOn
    }

    /// ELE-6: the committee is formed before candidates are published.
    public static func checkOpen(_ status: ElectionStatus) throws(DomainError) {
        guard [.draft, .registration, .nomination].contains(status) else { throw closed }
    }

    /// ELE-6: a member of the election committee who is nominated withdraws from it first.
    public static func checkCandidate(sitsOnElectionCommittee: Bool) throws(DomainError) {
        guard !sitsOnElectionCommittee else {
            throw DomainError(
                .unprocessable, code: "election.candidate_on_election_committee",
                message: LocalizedText(
                    zh: "选举委员会成员被提名为候选人的，应当先退出选举委员会（ELE-6）。",
                    en: "A member of the election committee withdraws from it before standing (ELE-6)."))
        }
    }

    static var closed: DomainError {
        DomainError(
            .conflict, code: "election.election_committee_closed",
            message: LocalizedText(
                zh: "选举委员会在候选人公布前组成。", en: "The election committee is formed before candidates are published."))
    }
}
