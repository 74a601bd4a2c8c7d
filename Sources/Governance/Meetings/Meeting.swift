public import struct Foundation.Date
public import struct Foundation.UUID

/// The self-governance meetings whose decisions bind a village or community (COM-18 – COM-21).
public enum MeetingKind: String, Sendable, Hashable, CaseIterable {
    /// 村民会议 (COM-19).
    case villagersMeeting = "villagers_meeting"
    /// 村民代表会议 (COM-18).
    case villagerRepresentativeAssembly = "villager_representative_assembly"
    /// 居民会议 (COM-20).
    case residentsMeeting = "residents_meeting"
    /// 居民代表会议 (COM-21).
    case residentsRepresentativeAssembly = "residents_representative_assembly"

    /// Whether it is held in a village (else in a community).
    public var isVillage: Bool { self == .villagersMeeting || self == .villagerRepresentativeAssembly }

    /// Whether its members are the representative assembly's.
    public var isAssembly: Bool {
        self == .villagerRepresentativeAssembly || self == .residentsRepresentativeAssembly
    }

    /// The rule it follows.
    public var rule: String {
        switch self {
        case .villagersMeeting: "COM-19"
        case .villagerRepresentativeAssembly: "COM-18"
        case .residentsMeeting: "COM-20"
        case .residentsRepresentativeAssembly: "COM-21"
        }
    }
}

/// Who makes up the meeting, and so what its quorum counts (the `basis` recorded with it).
public enum MeetingBasis: String, Sendable, Hashable, CaseIterable {
    /// Adult villagers or residents (≥ 18).
    case adults
    /// One representative per household.
    case households
    /// Representatives of residents' groups (COM-20).
    case groupRepresentatives = "group_representatives"
    /// The members of the representative assembly.
    case assemblyMembers = "assembly_members"
}

/// Who asked for the meeting when the committee did not convene it on its own.
public enum ProposerBase: String, Sendable, Hashable, CaseIterable {
    /// Villagers or adult residents.
    case adults
    /// Households.
    case households
    /// Residents' groups.
    case groups
    /// Representatives (of the assembly).
    case representatives
}

/// A proposal that made the committee convene the meeting: how many of how many signed.
public struct MeetingProposal: Sendable, Hashable {
    /// Who signed.
    public var base: ProposerBase
    /// How many signed.
    public var signatures: Int
    /// How many there are in that base.
    public var total: Int

    /// Creates the value.
    public init(base: ProposerBase, signatures: Int, total: Int) {
        self.base = base
        self.signatures = signatures
        self.total = total
    }
}

/// A meeting to record, after it was held.
public struct NewMeeting: Sendable, Hashable {
    /// The village or community.
    public var areaId: UUID
    /// Kind.
    public var kind: MeetingKind
    /// Who makes it up.
    public var basis: MeetingBasis
    /// The proposal it was convened on, if not on the committee's own initiative.
    public var proposal: MeetingProposal?
    /// The day notice was given.
    public var noticeOn: CalendarDay
    /// The day it was held.
    public var heldOn: CalendarDay
    /// How many make up the body (adults, households, group representatives); for assemblies,
    /// taken from the assembly's members on the day and not stated.
    public var eligible: Int?
    /// How many attended.
    public var present: Int
    /// Agenda items.
    public var agenda: [String]

    /// Creates the request value.
    public init(
        areaId: UUID, kind: MeetingKind, basis: MeetingBasis, proposal: MeetingProposal?, noticeOn: CalendarDay,
        heldOn: CalendarDay, eligible: Int?, present: Int, agenda: [String]
    ) {
        self.areaId = areaId
        self.kind = kind
        self.basis = basis
        self.proposal = proposal
        self.noticeOn = noticeOn
        self.heldOn = heldOn
        self.eligible = eligible
        self.present = present
        self.agenda = agenda
    }
}

/// A decision put to the vote at a meeting.
public struct MeetingDecision: Sendable, Hashable {
    /// Id.
    public let id: UUID
    /// The matter decided.
    public let item: String
    /// The text of the decision.
    public let text: String
    /// Votes for.
    public let yes: Int
    /// Votes against.
    public let no: Int
    /// Abstentions.
    public let abstain: Int
    /// Passed: more than half of those present voted for it.
    public let passed: Bool

    /// Creates the value.
    public init(id: UUID, item: String, text: String, yes: Int, no: Int, abstain: Int, passed: Bool) {
        self.id = id
        self.item = item
        self.text = text
        self.yes = yes
        self.no = no
        self.abstain = abstain
        self.passed = passed
    }
}

/// A recorded meeting with its quorum computed and its decisions.
public struct Meeting: Sendable, Hashable {
    /// Id.
    public let id: UUID
    /// The village or community.
    public let areaId: UUID
    /// Its path.
    public let areaPath: String
    /// Kind.
    public let kind: MeetingKind
    /// Who makes it up.
    public let basis: MeetingBasis
    /// The proposal it was convened on.
    public let proposal: MeetingProposal?
    /// The day notice was given.
    public let noticeOn: CalendarDay
    /// The day it was held.
    public let heldOn: CalendarDay
    /// How many make up the body.
    public let eligible: Int
    /// How many attended.
    public let present: Int
    /// Whether the quorum was met.
    public let quorate: Bool
    /// Agenda items.
    public let agenda: [String]
    /// Decisions, in the order taken.
    public let decisions: [MeetingDecision]
    /// Version.
    public let version: Int
    /// When recorded.
    public let createdAt: Date

    /// Creates the value.
    public init(
        id: UUID, areaId: UUID, areaPath: String, kind: MeetingKind, basis: MeetingBasis, proposal: MeetingProposal?,
        noticeOn: CalendarDay, heldOn: CalendarDay, eligible: Int, present: Int, quorate: Bool, agenda: [String],
        decisions: [MeetingDecision], version: Int, createdAt: Date
    ) {
        self.id = id
        self.areaId = areaId
        self.areaPath = areaPath
        self.kind = kind
        self.basis = basis
        self.proposal = proposal
        self.noticeOn = noticeOn
        self.heldOn = heldOn
        self.eligible = eligible
        self.present = present
        self.quorate = quorate
        self.agenda = agenda
        self.decisions = decisions
        self.version = version
        self.createdAt = createdAt
    }
}
