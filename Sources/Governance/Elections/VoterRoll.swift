public import struct Foundation.Date
public import struct Foundation.UUID

/// Why a person is on a voter roll (ELE-4): household registration here and living here;
/// registered here but living elsewhere and asking to vote here; or living here without
/// registration (人户分离), with the certificate that they are not on the roll where they are
/// registered and, in a village, the consent of the villagers' meeting or assembly.
public enum VoterCategory: String, Sendable, Hashable, CaseIterable {
    /// 户籍在本村（社区）并居住.
    case registeredResident = "registered_resident"
    /// 户籍在本村但不居住，本人表示参加选举.
    case registeredAbsent = "registered_absent"
    /// 居住一年以上而户籍不在本村（社区）.
    case residentNotRegistered = "resident_not_registered"
}

/// A person on an election's voter roll.
public struct Voter: Sendable, Hashable {
    /// Id.
    public let id: UUID
    /// The person.
    public let personId: UUID
    /// The person's name, masked or left out as the caller's role allows.
    public let personName: String?
    /// Why they are on the roll.
    public let category: VoterCategory
    /// The certificate of non-registration elsewhere (category 3).
    public let certificate: String?
    /// The meeting whose decision consented (category 3 in a village).
    public let consentMeetingId: UUID?
    /// The day they were put on the roll.
    public let registeredOn: CalendarDay
    /// Taken off the roll by an upheld objection, on this day.
    public let removedOn: CalendarDay?

    /// Creates the value.
    public init(
        id: UUID, personId: UUID, personName: String?, category: VoterCategory, certificate: String?,
        consentMeetingId: UUID?, registeredOn: CalendarDay, removedOn: CalendarDay?
    ) {
        self.id = id
        self.personId = personId
        self.personName = personName
        self.category = category
        self.certificate = certificate
        self.consentMeetingId = consentMeetingId
        self.registeredOn = registeredOn
        self.removedOn = removedOn
    }
}

/// A registration asked for.
public struct NewVoter: Sendable, Hashable {
    /// The person.
    public var personId: UUID
    /// Why.
    public var category: VoterCategory
    /// The certificate of non-registration elsewhere (category 3).
    public var certificate: String?
    /// The consenting meeting (category 3 in a village).
    public var consentMeetingId: UUID?

    /// Creates the request value.
    public init(personId: UUID, category: VoterCategory, certificate: String?, consentMeetingId: UUID?) {
        self.personId = personId
        self.category = category
        self.certificate = certificate
        self.consentMeetingId = consentMeetingId
    }
}

/// Why someone was left off an imported roll.
public enum RollExclusion: String, Sendable, Hashable, CaseIterable {
    /// Under 18 on polling day (ELE-3).
    case underAge = "under_age"
    /// On the roll of another election (ELE-4: one place only).
    case registeredElsewhere = "registered_elsewhere"
    /// Already on this roll.
    case alreadyRegistered = "already_registered"
}

/// An objection to the published roll (ELE-5).
public enum RollObjectionKind: String, Sendable, Hashable, CaseIterable {
    /// Someone who should be on it is not.
    case omission
    /// Someone who should not be on it is.
    case wrongInclusion = "wrong_inclusion"
}

/// An objection to the roll and its decision.
public struct RollObjection: Sendable, Hashable {
    /// Id.
    public let id: UUID
    /// The person the objection is about.
    public let personId: UUID
    /// What is objected.
    public let kind: RollObjectionKind
    /// The objection's statement.
    public let statement: String
    /// Filed on.
    public let filedOn: CalendarDay
    /// Decided on.
    public let decidedOn: CalendarDay?
    /// Whether upheld.
    public let upheld: Bool?
    /// The decision's reasons.
    public let decision: String?

    /// Creates the value.
    public init(
        id: UUID, personId: UUID, kind: RollObjectionKind, statement: String, filedOn: CalendarDay,
        decidedOn: CalendarDay?, upheld: Bool?, decision: String?
    ) {
        self.id = id
        self.personId = personId
        self.kind = kind
        self.statement = statement
        self.filedOn = filedOn
        self.decidedOn = decidedOn
        self.upheld = upheld
        self.decision = decision
    }

    /// ELE-5: decided within three days of being filed.
    public var decisionDue: CalendarDay { filedOn.addingDays(VoterRollRules.objectionDecisionDays) }

    /// Undecided past its due day, or decided late.
    public func overdue(today: CalendarDay) -> Bool { (decidedOn ?? today) > decisionDue }
}

/// A written entrustment to vote by proxy (ELE-23).
public struct ProxyEntrustment: Sendable, Hashable {
    /// Id.
    public let id: UUID
    /// The voter who entrusts.
    public let voterPersonId: UUID
    /// The voter who votes for them.
    public let proxyPersonId: UUID
    /// The day of the written entrustment.
    public let writtenOn: CalendarDay

    /// Creates the value.
    public init(id: UUID, voterPersonId: UUID, proxyPersonId: UUID, writtenOn: CalendarDay) {
        self.id = id
        self.voterPersonId = voterPersonId
        self.proxyPersonId = proxyPersonId
        self.writtenOn = writtenOn
    }
}
