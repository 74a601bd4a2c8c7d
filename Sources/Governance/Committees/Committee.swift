public import struct Foundation.Date
public import struct Foundation.UUID

/// A committee of a community or village, with its term and its computed compliance.
public struct Committee: Sendable, Hashable {
    /// Id.
    public let id: UUID
    /// The community or village.
    public let areaId: UUID
    /// Its path.
    public let areaPath: String
    /// Kind.
    public let kind: CommitteeKind
    /// Subject, for sub-committees.
    public let subject: SubcommitteeSubject?
    /// Name.
    public let name: String
    /// Compound (小区) name, for owners' committees.
    public let compound: String?
    /// First day of the term.
    public let termStart: CalendarDay
    /// Last day of the term.
    public let termEnd: CalendarDay
    /// The law version the committee's rules follow.
    public let lawVersion: Int
    /// Whether the last computation found nothing.
    public let compliant: Bool
    /// How many findings it found.
    public let findingCount: Int
    /// Version.
    public let version: Int
    /// When created.
    public let createdAt: Date

    /// Creates a committee value.
    public init(
        id: UUID, areaId: UUID, areaPath: String, kind: CommitteeKind, subject: SubcommitteeSubject?, name: String,
        compound: String?,
        termStart: CalendarDay, termEnd: CalendarDay, lawVersion: Int, compliant: Bool, findingCount: Int, version: Int,
        createdAt: Date
    ) {
        self.id = id
        self.areaId = areaId
        self.areaPath = areaPath
        self.kind = kind
        self.subject = subject
        self.name = name
        self.compound = compound
        self.termStart = termStart
        self.termEnd = termEnd
        self.lawVersion = lawVersion
        self.compliant = compliant
        self.findingCount = findingCount
        self.version = version
        self.createdAt = createdAt
    }
}

/// A request to create a committee.
public struct NewCommittee: Sendable, Hashable {
    /// The community or village.
    public var areaId: UUID
    /// Kind.
    public var kind: CommitteeKind
    /// Subject (sub-committees only, and required there).
    public var subject: SubcommitteeSubject?
    /// Name.
    public var name: String
    /// Compound (owners' committees).
    public var compound: String?
    /// First day of the term.
    public var termStart: CalendarDay
    /// Last day; defaults to the profile's term length (COM-6), or three years for a mediation
    /// committee (MED-3).
    public var termEnd: CalendarDay?

    /// Creates the request value.
    public init(
        areaId: UUID, kind: CommitteeKind, subject: SubcommitteeSubject?, name: String, compound: String?,
        termStart: CalendarDay,
        termEnd: CalendarDay?
    ) {
        self.areaId = areaId
        self.kind = kind
        self.subject = subject
        self.name = name
        self.compound = compound
        self.termStart = termStart
        self.termEnd = termEnd
    }

    /// Checks the fields and returns the term's last day.
    public func validated(termYears: Int) throws(DomainError) -> CalendarDay {
        var validator = FieldValidator()
        validator.length("name", name, max: 100)
        validator.notBlank("name", name)
        validator.length("compound", compound, max: 100)
        if kind == .subcommittee, subject == nil {
            validator.fail("subject", "required", zh: "下属委员会须注明类别。", en: "A sub-committee needs a subject.")
        }
        if kind != .subcommittee, subject != nil {
            validator.fail("subject", "not_allowed", zh: "只有下属委员会有类别。", en: "Only sub-committees have a subject.")
        }
        try validator.check()
        let years = subject == .mediation ? CommitteeRules.mediationTermYears : termYears
        let end = termEnd ?? termStart.termLastDay(years: years)
        try CommitteeRules.checkOrder(start: termStart, end: end, field: "termEnd")
        try CommitteeRules.checkMediationTerm(subject: subject, start: termStart, end: end)
        return end
    }
}

/// A committee member's tenure.
public struct CommitteeMember: Sendable, Hashable {
    /// Id.
    public let id: UUID
    /// The committee.
    public let committeeId: UUID
    /// The person.
    public let personId: UUID
    /// The person's name, masked or left out as the caller's role allows.
    public let personName: String?
    /// Position.
    public let position: CommitteePosition
    /// Constituency, for representatives.
    public let constituency: Constituency?
    /// First day.
    public let startedOn: CalendarDay
    /// Last day, once ended.
    public let endedOn: CalendarDay?
    /// Why it ended.
    public let endReason: TenureEndReason?
    /// 一肩挑: the Party secretary also holds the post (COM-23).
    public let concurrentPartySecretary: Bool
    /// A declared finance role.
    public let financeRole: FinanceRole?
    /// Declared close relatives (person ids), for COM-11.
    public let closeRelativeOf: [UUID]
    /// Version.
    public let version: Int

    /// Creates a member value.
    public init(
        id: UUID, committeeId: UUID, personId: UUID, personName: String?, position: CommitteePosition,
        constituency: Constituency?,
        startedOn: CalendarDay, endedOn: CalendarDay?, endReason: TenureEndReason?, concurrentPartySecretary: Bool,
        financeRole: FinanceRole?,
        closeRelativeOf: [UUID], version: Int
    ) {
        self.id = id
        self.committeeId = committeeId
        self.personId = personId
        self.personName = personName
        self.position = position
        self.constituency = constituency
        self.startedOn = startedOn
        self.endedOn = endedOn
        self.endReason = endReason
        self.concurrentPartySecretary = concurrentPartySecretary
        self.financeRole = financeRole
        self.closeRelativeOf = closeRelativeOf
        self.version = version
    }

    /// Whether the tenure is current on `day`.
    public func isActive(on day: CalendarDay) -> Bool {
        startedOn <= day && (endedOn.map { $0 >= day } ?? true)
    }
}

/// A request to seat a member.
public struct NewCommitteeMember: Sendable, Hashable {
    /// The person.
    public var personId: UUID
    /// Position.
    public var position: CommitteePosition
    /// Constituency (representatives).
    public var constituency: Constituency?
    /// First day.
    public var startedOn: CalendarDay
    /// Last day, if known.
    public var endedOn: CalendarDay?
    /// 一肩挑.
    public var concurrentPartySecretary: Bool
    /// Declared finance role.
    public var financeRole: FinanceRole?
    /// Declared close relatives.
    public var closeRelativeOf: [UUID]

    /// Creates the request value.
    public init(
        personId: UUID, position: CommitteePosition, constituency: Constituency?, startedOn: CalendarDay,
        endedOn: CalendarDay?,
        concurrentPartySecretary: Bool, financeRole: FinanceRole?, closeRelativeOf: [UUID]
    ) {
        self.personId = personId
        self.position = position
        self.constituency = constituency
        self.startedOn = startedOn
        self.endedOn = endedOn
        self.concurrentPartySecretary = concurrentPartySecretary
        self.financeRole = financeRole
        self.closeRelativeOf = closeRelativeOf
    }
}

extension CalendarDay {
    /// The anniversary `years` later: the same month and day, and 1 March for a 29 February in a
    /// common year, the convention by which ages are counted (ELE-3) and terms run (COM-6).
    public func anniversary(afterYears years: Int) -> CalendarDay {
        let target = year + years
        return CalendarDay(year: target, month: month, day: day) ?? CalendarDay(year: target, month: 3, day: 1)!
    }

    /// The last day of a term of `years` starting on this day: the term is the half-open interval
    /// [start, anniversary), so consecutive terms leave no day outside any term (COM-6, MED-3).
    public func termLastDay(years: Int) -> CalendarDay {
        anniversary(afterYears: years).addingDays(-1)
    }

    /// The day `days` later (or earlier when negative).
    public func addingDays(_ days: Int) -> CalendarDay {
        var (year, month, day) = (self.year, self.month, self.day + days)
        while day < 1 {
            month -= 1
            if month < 1 {
                month = 12
                year -= 1
            }
            day += CalendarDay.daysIn(month: month, year: year)
        }
        while day > CalendarDay.daysIn(month: month, year: year) {
            day -= CalendarDay.daysIn(month: month, year: year)
            month += 1
            if month > 12 {
                month = 1
                year += 1
            }
        }
        return CalendarDay(year: year, month: month, day: day)!
    }
}
