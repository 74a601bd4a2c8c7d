public import struct Foundation.Date
public import struct Foundation.UUID

/// A mediation committee's member, or a person it engages (聘任), MED-4.
public enum MediatorKind: String, Sendable, Hashable, CaseIterable {
    case member, engaged
}

/// Full-time (专职) or part-time (兼职), MED-4, MED-5.
public enum MediatorEmployment: String, Sendable, Hashable, CaseIterable {
    case fullTime = "full_time"
    case partTime = "part_time"
}

/// A training a mediator attended (county justice bureaux train them regularly, MED-4).
public struct MediatorTraining: Sendable, Hashable {
    /// The day.
    public let trainedOn: CalendarDay
    /// Hours.
    public let hours: Int
    /// What it covered.
    public let topic: String

    /// Creates the value.
    public init(trainedOn: CalendarDay, hours: Int, topic: String) {
        self.trainedOn = trainedOn
        self.hours = hours
        self.topic = topic
    }
}

/// A person holding a mediation post at a level: a community (or village), a street (or
/// township) or a district (MED-4). Cases are assigned to posts, not to tokens.
public struct Mediator: Sendable, Hashable {
    /// Id of the post.
    public let id: UUID
    /// The person.
    public let personId: UUID
    /// The person's name.
    public let personName: String
    /// The level's area.
    public let areaId: UUID
    /// Its path.
    public let areaPath: String
    /// The mediation committee, if named.
    public let committeeId: UUID?
    /// Member or engaged.
    public let kind: MediatorKind
    /// Full-time or part-time.
    public let employment: MediatorEmployment
    /// First day of the post.
    public let engagedOn: CalendarDay
    /// Last day of an engagement, if fixed.
    public let engagedUntil: CalendarDay?
    /// The day the post was ended by recall or dismissal (MED-22).
    public let endedOn: CalendarDay?
    /// Why.
    public let endReason: String?
    /// Trainings attended.
    public let trainings: [MediatorTraining]
    /// Version.
    public let version: Int
    /// When recorded.
    public let createdAt: Date

    /// Creates the value.
    public init(
        id: UUID, personId: UUID, personName: String, areaId: UUID, areaPath: String, committeeId: UUID?,
        kind: MediatorKind, employment: MediatorEmployment, engagedOn: CalendarDay, engagedUntil: CalendarDay?,
        endedOn: CalendarDay?, endReason: String?, trainings: [MediatorTraining], version: Int, createdAt: Date
    ) {
        self.id = id
        self.personId = personId
        self.personName = personName
        self.areaId = areaId
        self.areaPath = areaPath
        self.committeeId = committeeId
        self.kind = kind
        self.employment = employment
        self.engagedOn = engagedOn
        self.engagedUntil = engagedUntil
        self.endedOn = endedOn
        self.endReason = endReason
        self.trainings = trainings
        self.version = version
        self.createdAt = createdAt
    }

    /// Whether the post is held on `day`: begun, not ended, not past its engagement.
    public func isActive(on day: CalendarDay) -> Bool {
        engagedOn <= day && endedOn == nil && engagedUntil.map { day <= $0 } ?? true
    }

    /// 罢免 for a committee member, 解聘 for an engaged mediator (MED-22).
    public var endKind: String { kind == .member ? "recall" : "dismissal" }
}

/// A request for a mediation post.
public struct NewMediator: Sendable, Hashable {
    /// The person.
    public var personId: UUID
    /// The level's area.
    public var areaId: UUID
    /// The mediation committee (required for a member).
    public var committeeId: UUID?
    /// Member or engaged.
    public var kind: MediatorKind
    /// Full-time or part-time.
    public var employment: MediatorEmployment
    /// First day (default today); an act done offline, never after today.
    public var engagedOn: CalendarDay?
    /// Last day of a fixed engagement.
    public var engagedUntil: CalendarDay?

    /// Creates the request.
    public init(
        personId: UUID, areaId: UUID, committeeId: UUID?, kind: MediatorKind, employment: MediatorEmployment,
        engagedOn: CalendarDay?, engagedUntil: CalendarDay?
    ) {
        self.personId = personId
        self.areaId = areaId
        self.committeeId = committeeId
        self.kind = kind
        self.employment = employment
        self.engagedOn = engagedOn
        self.engagedUntil = engagedUntil
    }
}

/// Who may be a mediator, where, and on which cases (MED-4, MED-9, MED-22).
public enum MediatorRules {
    /// Mediation committees sit at these levels: communities and villages, streets and
    /// townships, districts.
    public static func checkLevel(_ kind: AreaKind) throws(DomainError) {
        guard [.community, .village, .street, .township, .district].contains(kind) else {
            throw DomainError(
                .unprocessable, code: "mediation.invalid_mediator_level",
                message: LocalizedText(
                    zh: "调解员任职于社区（村）、街道（乡镇）或区（县）。",
                    en: "A mediator serves a community, a street or a district."))
        }
    }

    /// MED-4: a mediator is an adult citizen — 18 on the first day of the post, counted to the
    /// day from the birth date of the resident ID number; the first day is not after today and
    /// a fixed engagement ends after it; a member is named with the committee they sit on.
    public static func check(_ new: NewMediator, birthDate: CalendarDay?, today: CalendarDay) throws(DomainError)
        -> CalendarDay
    {
        let engagedOn = new.engagedOn ?? today
        var validator = FieldValidator()
        validator.statedDay("engagedOn", engagedOn, today: today)
        if let until = new.engagedUntil, until < engagedOn {
            validator.fail("engagedUntil", "before_start", zh: "聘任结束日期早于开始日期。", en: "Ends before it starts.")
        }
        if new.kind == .member, new.committeeId == nil {
            validator.fail(
                "committeeId", "required_for_member", zh: "委员会委员担任调解员须指明调解委员会。",
                en: "A member serves on a named mediation committee.")
        }
        try validator.check()
        guard let birthDate, isAdult(birthDate: birthDate, on: engagedOn) else {
            throw DomainError(
                .unprocessable, code: "mediation.mediator_not_adult",
                message: LocalizedText(
                    zh: "人民调解员须为成年公民（MED-4）。", en: "A people's mediator is an adult citizen (MED-4)."))
        }
        return engagedOn
    }

    /// 18 years on `day`: the 18th birthday has come (a 29 February birthday comes on 1 March).
    public static func isAdult(birthDate: CalendarDay, on day: CalendarDay) -> Bool {
        day >= birthDate.anniversary(afterYears: 18)
    }

    /// MED-9, MED-22: a case's mediators hold active posts at the case's level; a recalled or
    /// dismissed one (or one whose engagement has ended) is refused.
    public static func checkAssignable(_ mediators: [Mediator], levelPath: String, today: CalendarDay)
        throws(DomainError)
    {
        for mediator in mediators {
            guard mediator.isActive(on: today) else {
                throw DomainError(
                    .unprocessable, code: "mediation.mediator_not_serving",
                    message: LocalizedText(
                        zh: "该调解员已被罢免、解聘或聘期届满，不能指派（MED-22）。",
                        en: "The mediator was recalled or dismissed, or the engagement ended (MED-22)."))
            }
            guard mediator.areaPath == levelPath else {
                throw DomainError(
                    .unprocessable, code: "mediation.mediator_other_level",
                    message: LocalizedText(
                        zh: "须指派本级调解组织的调解员。", en: "Name mediators serving at the case's level."))
            }
        }
    }

    /// MED-22: recall or dismissal states its reason.
    public static func checkEnd(_ mediator: Mediator, reason: String) throws(DomainError) {
        guard mediator.endedOn == nil else {
            throw DomainError(
                .conflict, code: "mediation.mediator_already_ended",
                message: LocalizedText(zh: "该调解员职务已终止。", en: "The post has already ended."))
        }
        var validator = FieldValidator()
        validator.length("reason", reason, max: 1000)
        validator.notBlank("reason", reason)
        try validator.check()
    }
}

/// Someone the parties agreed to invite into the mediation (MED-9): relatives, neighbours,
/// colleagues, experts.
public struct MediationHelper: Sendable, Hashable {
    /// The relation.
    public enum Relation: String, Sendable, Hashable, CaseIterable {
        case relative, neighbour, colleague, expert, other
    }

    /// Name.
    public let name: String
    /// Relation.
    public let relation: Relation

    /// Creates the value.
    public init(name: String, relation: Relation) {
        self.name = name
        self.relation = relation
    }
}
