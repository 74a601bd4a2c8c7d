public import struct Foundation.Date
public import struct Foundation.UUID

/// A party to a dispute: a registered person, or someone named at intake.
public struct MediationParty: Sendable, Hashable {
    /// Id.
    public let id: UUID
    /// The registered person, if any.
    public let personId: UUID?
    /// Name.
    public let name: String
    /// Phone, masked unless the caller is the assigned mediator.
    public let phone: String?
    /// `applicant`, `respondent` or `third_party`.
    public let role: String
    /// Consent to mediation, once recorded.
    public let consented: Bool?

    /// Creates a party value.
    public init(id: UUID, personId: UUID?, name: String, phone: String?, role: String, consented: Bool?) {
        self.id = id
        self.personId = personId
        self.name = name
        self.phone = phone
        self.role = role
        self.consented = consented
    }
}

/// A mediator assigned to a case (MED-9).
public struct CaseMediator: Sendable, Hashable {
    /// The post.
    public let mediatorId: UUID
    /// The person.
    public let personId: UUID
    /// The person's name.
    public let name: String
    /// Full-time or part-time.
    public let employment: MediatorEmployment
    /// Chosen by the parties rather than designated by the committee.
    public let chosenByParties: Bool

    /// Creates the value.
    public init(
        mediatorId: UUID, personId: UUID, name: String, employment: MediatorEmployment, chosenByParties: Bool
    ) {
        self.mediatorId = mediatorId
        self.personId = personId
        self.name = name
        self.employment = employment
        self.chosenByParties = chosenByParties
    }
}

/// A mediation case.
public struct MediationCase: Sendable, Hashable {
    /// Id.
    public let id: UUID
    /// Where it arose (a grid or community).
    public let originAreaId: UUID
    /// Its path.
    public let originPath: String
    /// The level handling it now.
    public let level: MediationLevel
    /// That level's area path.
    public let levelPath: String
    /// How it came in.
    public let source: String
    /// Category.
    public let category: String
    /// What the dispute is about (confidential).
    public let description: String
    /// Amount in dispute, in yuan.
    public let amount: Int?
    /// Risk.
    public let risk: MediationRisk
    /// Complexity.
    public let complexity: MediationComplexity
    /// State.
    public let status: MediationStatus
    /// When accepted at the current level (the clock starts here).
    public let acceptedOn: CalendarDay?
    /// Days added by extensions.
    public let extensionDays: Int
    /// Months from acceptance to the deadline, frozen from the rule profile (MED-17).
    public let clockMonths: Int
    /// The assigned mediator's token.
    public let mediatorTokenId: UUID?
    /// The current agreement, pending signatures or in effect (MED-12, MED-13).
    public let agreement: RecordedAgreement?
    /// The application for judicial confirmation and the court's answer (MED-15, MED-16).
    public let judicialConfirmation: JudicialConfirmation?
    /// The report to the police (MED-10).
    public let policeReport: PoliceReport?
    /// Hours a critical case has to be accepted at the street, frozen at intake (MED-10).
    public let criticalStreetHours: Int
    /// Whether the community handling it has a people's mediation committee (MED-1).
    public let communityHasMediationCommittee: Bool
    /// The mediators assigned from the posts of the case's level (MED-9).
    public let mediators: [CaseMediator]
    /// The helpers invited with the parties' consent (MED-9).
    public let helpers: [MediationHelper]
    /// The last day a full-time mediator serves the community handling it, if any (MED-5).
    public let fullTimeMediatorUntil: CalendarDay?
    /// The day of the latest follow-up (MED-14).
    public let lastFollowUpOn: CalendarDay?
    /// Whether a follow-up found the agreement performed (MED-14).
    public let performedAtFollowUp: Bool
    /// Advice given when mediation failed (MED-11).
    public let advice: String?
    /// Why declined.
    public let declineReason: String?
    /// Parties.
    public let parties: [MediationParty]
    /// Sessions recorded.
    public let sessionCount: Int
    /// Follow-ups recorded.
    public let followUpCount: Int
    /// Whether an escalation is waiting for the level above.
    public let pendingEscalation: Bool
    /// Version.
    public let version: Int
    /// When received.
    public let createdAt: Date
    /// The grid event it was referred from (EVT-10), if any.
    public let gridEventId: UUID?

    /// Creates a case value.
    public init(
        id: UUID, originAreaId: UUID, originPath: String, level: MediationLevel, levelPath: String, source: String,
        category: String,
        description: String, amount: Int?, risk: MediationRisk, complexity: MediationComplexity,
        status: MediationStatus, acceptedOn: CalendarDay?,
        extensionDays: Int, clockMonths: Int = 1, mediatorTokenId: UUID?, agreement: RecordedAgreement?,
        judicialConfirmation: JudicialConfirmation? = nil, policeReport: PoliceReport? = nil,
        criticalStreetHours: Int = 24, communityHasMediationCommittee: Bool = true,
        lastFollowUpOn: CalendarDay? = nil, performedAtFollowUp: Bool = false, mediators: [CaseMediator] = [],
        helpers: [MediationHelper] = [],
        fullTimeMediatorUntil: CalendarDay? = CalendarDay(year: 9999, month: 12, day: 31), advice: String?,
        declineReason: String?,
        parties: [MediationParty], sessionCount: Int,
        followUpCount: Int,
        pendingEscalation: Bool, version: Int, createdAt: Date, gridEventId: UUID? = nil
    ) {
        self.id = id
        self.originAreaId = originAreaId
        self.originPath = originPath
        self.level = level
        self.levelPath = levelPath
        self.source = source
        self.category = category
        self.description = description
        self.amount = amount
        self.risk = risk
        self.complexity = complexity
        self.status = status
        self.acceptedOn = acceptedOn
        self.extensionDays = extensionDays
        self.clockMonths = clockMonths
        self.mediatorTokenId = mediatorTokenId
        self.agreement = agreement
        self.judicialConfirmation = judicialConfirmation
        self.policeReport = policeReport
        self.criticalStreetHours = criticalStreetHours
        self.communityHasMediationCommittee = communityHasMediationCommittee
        self.lastFollowUpOn = lastFollowUpOn
        self.mediators = mediators
        self.helpers = helpers
        self.fullTimeMediatorUntil = fullTimeMediatorUntil
        self.performedAtFollowUp = performedAtFollowUp
        self.advice = advice
        self.declineReason = declineReason
        self.parties = parties
        self.sessionCount = sessionCount
        self.followUpCount = followUpCount
        self.pendingEscalation = pendingEscalation
        self.version = version
        self.createdAt = createdAt
        self.gridEventId = gridEventId
    }

    /// The conclusion deadline, once accepted.
    public var deadline: CalendarDay? {
        acceptedOn.map { MediationClock.deadline(acceptedOn: $0, months: clockMonths, extensionDays: extensionDays) }
    }
}

/// A party named at intake.
public struct NewMediationParty: Sendable, Hashable {
    /// A registered person, or…
    public var personId: UUID?
    /// …a name and phone.
    public var name: String?
    /// Phone.
    public var phone: String?
    /// Role.
    public var role: String

    /// Creates the value.
    public init(personId: UUID?, name: String?, phone: String?, role: String) {
        self.personId = personId
        self.name = name
        self.phone = phone
        self.role = role
    }
}

/// An intake.
public struct NewMediationCase: Sendable, Hashable {
    /// The grid or community where it arose.
    public var areaId: UUID
    /// Source.
    public var source: String
    /// Category.
    public var category: String
    /// Description.
    public var description: String
    /// Amount in dispute.
    public var amount: Int?
    /// Risk.
    public var risk: MediationRisk
    /// Complexity (MED-19).
    public var complexity: MediationComplexity
    /// Parties.
    public var parties: [NewMediationParty]

    /// Creates the value.
    public init(
        areaId: UUID, source: String, category: String, description: String, amount: Int?, risk: MediationRisk,
        complexity: MediationComplexity,
        parties: [NewMediationParty]
    ) {
        self.areaId = areaId
        self.source = source
        self.category = category
        self.description = description
        self.amount = amount
        self.risk = risk
        self.complexity = complexity
        self.parties = parties
    }

    /// Checks the intake: at least two parties, each a person or a name, valid phones.
    public func validate() throws(DomainError) {
        var validator = FieldValidator()
        validator.length("description", description, max: 5000)
        validator.notBlank("description", description)
        validator.range("amount", amount, 0...1_000_000_000)
        if parties.count < 2 {
            validator.fail("parties", "too_few", zh: "纠纷至少有两方当事人。", en: "A dispute has at least two parties.")
        }
        if parties.count > 50 { validator.fail("parties", "too_many", zh: "当事人不能超过 50 名。", en: "At most 50 parties.") }
        for (index, party) in parties.enumerated() {
            if party.personId == nil, (party.name ?? "").isEmpty {
                validator.fail(
                    "parties/\(index)", "name_required", zh: "未登记的当事人须填写姓名。", en: "An unregistered party needs a name.")
            }
            validator.length("parties/\(index)/name", party.name, max: 50)
            if let phone = party.phone, !PhoneNumber.isValid(phone) {
                validator.fail(
                    "parties/\(index)/phone", "invalid_format", zh: "电话格式不正确。", en: "Not a valid phone number.")
            }
        }
        try validator.check()
    }
}
