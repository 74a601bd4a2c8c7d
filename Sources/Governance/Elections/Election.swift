public import struct Foundation.Date
public import struct Foundation.UUID

/// An election of a committee, with its rules frozen at creation (GEN-8).
public struct Election: Sendable, Hashable {
    /// Id.
    public let id: UUID
    /// The committee elected.
    public let committeeId: UUID
    /// The committee's area path.
    public let areaPath: String
    /// 换届 or 补选.
    public let kind: ElectionKind
    /// Who votes.
    public let method: ElectionMethod
    /// Seats per position.
    public let seats: [CommitteePosition: Int]
    /// Polling day.
    public let pollingDay: CalendarDay
    /// Lifecycle state.
    public let status: ElectionStatus
    /// The law version frozen at creation.
    public let lawVersion: Int
    /// ELE-5 days, frozen.
    public let rollDaysBefore: Int
    /// Candidate publication days, frozen.
    public let candidateDaysBefore: Int
    /// When the voter list was published.
    public let rollPublishedOn: CalendarDay?
    /// When the candidates were published.
    public let candidatesPublishedOn: CalendarDay?
    /// When certified.
    public var certifiedOn: CalendarDay?
    /// When the old committee handed over to the new (ELE-17).
    public var handoverOn: CalendarDay?
    /// The annulment (ELE-14).
    public var annulment: ElectionAnnulment?
    /// Version.
    public let version: Int
    /// When created.
    public let createdAt: Date

    /// Creates an election value.
    public init(
        id: UUID, committeeId: UUID, areaPath: String, kind: ElectionKind, method: ElectionMethod,
        seats: [CommitteePosition: Int],
        pollingDay: CalendarDay, status: ElectionStatus, lawVersion: Int, rollDaysBefore: Int, candidateDaysBefore: Int,
        rollPublishedOn: CalendarDay?, candidatesPublishedOn: CalendarDay?, version: Int, createdAt: Date
    ) {
        self.id = id
        self.committeeId = committeeId
        self.areaPath = areaPath
        self.kind = kind
        self.method = method
        self.seats = seats
        self.pollingDay = pollingDay
        self.status = status
        self.lawVersion = lawVersion
        self.rollDaysBefore = rollDaysBefore
        self.candidateDaysBefore = candidateDaysBefore
        self.rollPublishedOn = rollPublishedOn
        self.candidatesPublishedOn = candidatesPublishedOn
        self.version = version
        self.createdAt = createdAt
    }
}

/// A request to start an election.
public struct NewElection: Sendable, Hashable {
    /// The committee.
    public var committeeId: UUID
    /// Kind.
    public var kind: ElectionKind
    /// Method.
    public var method: ElectionMethod
    /// Seats per position.
    public var seats: [CommitteePosition: Int]
    /// Polling day.
    public var pollingDay: CalendarDay

    /// Creates the request value.
    public init(
        committeeId: UUID, kind: ElectionKind, method: ElectionMethod, seats: [CommitteePosition: Int],
        pollingDay: CalendarDay
    ) {
        self.committeeId = committeeId
        self.kind = kind
        self.method = method
        self.seats = seats
        self.pollingDay = pollingDay
    }

    /// Checks seats: at most one director, some seat to fill, villagers' committees voted by all
    /// (ELE-1, ELE-2); a polling day after today; the seats within the committee's size (COM-1,
    /// COM-2, COM-9): a general election fills the whole committee, a by-election (ELE-16) no more
    /// than the places left beside the `activeOfficers`.
    public func validate(committeeKind: CommitteeKind, profile: RuleProfile, activeOfficers: Int, today: CalendarDay)
        throws(DomainError)
    {
        var validator = FieldValidator()
        validator.range("seats/director", seats[.director], 0...1)
        validator.range("seats/deputyDirector", seats[.deputyDirector], 0...10)
        validator.range("seats/member", seats[.member], 0...200)
        if seats.values.reduce(0, +) == 0 {
            validator.fail("seats", "empty", zh: "至少要有一个应选名额。", en: "At least one seat is needed.")
        }
        if pollingDay <= today {
            validator.fail("pollingDay", "not_after_today", zh: "选举日须在今天之后。", en: "Polling day must be after today.")
        }
        try validator.check()
        guard let size = Self.size(of: committeeKind, profile: profile) else {
            throw DomainError(
                .unprocessable, code: "election.committee_not_elected",
                message: LocalizedText(zh: "该类委员会不经选举产生。", en: "This kind of committee is not elected."))
        }
        if committeeKind == .villagersCommittee, method != .allVoters {
            throw DomainError(
                .unprocessable, code: "election.method_not_allowed",
                message: LocalizedText(
                    zh: "村民委员会由村民直接选举（ELE-1、ELE-2）。",
                    en: "Villagers' committees are elected directly by all voters (ELE-1, ELE-2)."))
        }
        let total = seats.values.reduce(0, +)
        let (lowest, highest) =
            kind == .general ? (size.lowest, size.highest) : (1, size.highest - activeOfficers)
        guard total >= lowest, total <= highest else {
            throw DomainError(
                .unprocessable, code: "election.seats_out_of_range",
                message: LocalizedText(
                    zh: kind == .general
                        ? "应选名额须在委员会人数范围 \(lowest)–\(highest) 内（\(size.rule)）。"
                        : "补选名额不能超过空缺 \(highest) 个（\(size.rule)、ELE-16）。",
                    en: kind == .general
                        ? "Seats must lie within the committee's size, \(lowest)–\(highest) (\(size.rule))."
                        : "A by-election fills at most the \(highest) vacant places (\(size.rule), ELE-16)."),
                fieldErrors: [
                    .init(
                        field: "seats", code: "out_of_range",
                        message: LocalizedText(
                            zh: "应为 \(lowest)–\(highest)。",
                            en: "Expected \(lowest)–\(highest)."))
                ])
        }
    }

    /// The size bounds of an elected committee and their rule, or nil for a kind not elected.
    static func size(of kind: CommitteeKind, profile: RuleProfile) -> (lowest: Int, highest: Int, rule: String)? {
        switch kind {
        case .residentsCommittee: (profile[.residentsCommitteeMin], profile[.residentsCommitteeMax], "COM-2")
        case .villagersCommittee: (profile[.villagersCommitteeMin], profile[.villagersCommitteeMax], "COM-1")
        case .supervisionCommittee: (profile[.supervisionCommitteeMin], profile[.supervisionCommitteeMax], "COM-9")
        default: nil
        }
    }
}

/// A polling station (投票站, 分会场, or a mobile box).
public struct PollingStation: Sendable, Hashable {
    /// Id.
    public let id: UUID
    /// Name.
    public let name: String
    /// Registered voters.
    public let registeredVoters: Int
    /// A mobile ballot box.
    public let mobile: Bool
    /// ELE-8: a secret writing booth (秘密写票处).
    public var secretBooth = true
    /// Its tallies, by round.
    public let tallies: [Tally]

    /// Creates a station value.
    public init(id: UUID, name: String, registeredVoters: Int, mobile: Bool, tallies: [Tally]) {
        self.id = id
        self.name = name
        self.registeredVoters = registeredVoters
        self.mobile = mobile
        self.tallies = tallies
    }
}

/// A candidate in one round.
public struct Candidate: Sendable, Hashable {
    /// Id.
    public let id: UUID
    /// The person.
    public let personId: UUID
    /// The person's name (public once published).
    public let name: String
    /// Position.
    public let position: CommitteePosition
    /// Round (1: first ballot; 2…: run-offs).
    public let round: Int

    /// Creates a candidate value.
    public init(id: UUID, personId: UUID, name: String, position: CommitteePosition, round: Int) {
        self.id = id
        self.personId = personId
        self.name = name
        self.position = position
        self.round = round
    }
}
