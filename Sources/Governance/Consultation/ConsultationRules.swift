public import struct Foundation.UUID

/// The rules of proposing a topic (CON-4, CON-10), the catalogue (CON-3) and bodies (CON-1).
public enum ConsultationRules {
    /// A community a topic concerns, as the service found it in scope.
    public struct Community: Sendable, Hashable {
        /// Its id.
        public let id: UUID
        /// Community or village.
        public let kind: AreaKind
        /// Its street or township.
        public let parentId: UUID?

        /// Creates the value.
        public init(id: UUID, kind: AreaKind, parentId: UUID?) {
            self.id = id
            self.kind = kind
            self.parentId = parentId
        }
    }

    /// The owner of a new topic: its community, or for two or more communities the street that
    /// contains them all, opened by the street with its Party working committee's procedure
    /// (CON-10). A resident proposal needs the profile's number of residents (CON-4).
    public static func owner(
        of new: NewConsultationTopic, communities: [Community], proposerKind scopeKind: AreaKind,
        proposalResidents: Int
    ) throws(DomainError) -> UUID {
        var validator = FieldValidator()
        validator.length("title", new.title, max: 200)
        validator.notBlank("title", new.title)
        validator.publishable("title", new.title)
        validator.length("description", new.description, max: 4000)
        validator.notBlank("description", new.description)
        validator.publishable("description", new.description)
        validator.length("procedureRef", new.procedureRef, max: 200)
        validator.notBlank("procedureRef", new.procedureRef)
        validator.range("proposerCount", new.proposerCount, 1...1_000_000)
        if new.communityIds.isEmpty || new.communityIds.count > 50
            || Set(new.communityIds).count != new.communityIds.count
        {
            validator.fail(
                "communityIds", "size", zh: "须列出 1–50 个不重复的社区（村）。", en: "List 1–50 distinct communities or villages.")
        }
        if communities.contains(where: { $0.kind != .community && $0.kind != .village }) {
            validator.fail(
                "communityIds", "not_a_community", zh: "协商议题只能涉及社区或村。",
                en: "Topics concern communities or villages only.")
        }
        try validator.check()
        if new.proposer == .residents, (new.proposerCount ?? 0) < proposalResidents {
            throw DomainError(
                .unprocessable, code: "consultation.too_few_proposers",
                message: LocalizedText(
                    zh: "居民联名提出议题须至少 \(proposalResidents) 人（CON-4）。",
                    en: "Residents propose a topic with at least \(proposalResidents) signatures (CON-4)."))
        }
        guard communities.count > 1 else { return communities[0].id }
        guard let street = communities[0].parentId, communities.allSatisfy({ $0.parentId == street }) else {
            throw DomainError(
                .unprocessable, code: "consultation.cross_street_topic_unsupported",
                message: LocalizedText(
                    zh: "跨街道（乡镇）的协商议题不在本系统规则之内（CON-10）。",
                    en: "Topics across streets or townships are not supported (CON-10)."))
        }
        guard scopeKind != .community, scopeKind != .village, scopeKind != .grid, scopeKind != .microgrid else {
            throw DomainError(
                .unprocessable, code: "consultation.cross_community_requires_street",
                message: LocalizedText(
                    zh: "涉及两个以上社区的重要事项提请街道（乡镇）牵头协商（CON-10）。",
                    en: "Matters of two or more communities are led by the street (CON-10)."))
        }
        guard new.procedureRef != nil else {
            throw DomainError(
                .unprocessable, code: "consultation.procedure_ref_required",
                message: LocalizedText(
                    zh: "跨社区协商须注明街道党工委确定的程序（CON-10）。",
                    en: "A cross-community topic names the street Party working committee's procedure (CON-10)."))
        }
        return street
    }

    /// The procedure of a topic owned by an area of `kind` (CON-12).
    public static func flow(ownerKind: AreaKind) -> ConsultationFlow {
        ownerKind == .village || ownerKind == .township ? .rural : .urban
    }
}

/// A community's consultation organisation (CON-1, CON-2 (1)).
public struct ConsultationBody: Sendable, Hashable {
    /// The kinds of organisation seed 002 names.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// 社区共建理事会.
        case coBuildingCouncil = "co_building_council"
        /// 治理委员会.
        case governanceCommittee = "governance_committee"
        /// 村（居）民议事会 and other names.
        case other
    }

    /// A member and the constituency represented.
    public struct Member: Sendable, Hashable, Codable {
        /// Name.
        public var name: String
        /// The constituency (CON-1).
        public var constituency: ConsultationConstituency

        /// Creates the value.
        public init(name: String, constituency: ConsultationConstituency) {
            self.name = name
            self.constituency = constituency
        }
    }

    /// Id.
    public let id: UUID
    /// Its community.
    public let areaId: UUID
    /// Name.
    public let name: String
    /// Kind.
    public let kind: Kind
    /// When established.
    public let establishedOn: CalendarDay
    /// Members.
    public let members: [Member]
    /// Version.
    public let version: Int

    /// Creates the value.
    public init(
        id: UUID, areaId: UUID, name: String, kind: Kind, establishedOn: CalendarDay, members: [Member], version: Int
    ) {
        self.id = id
        self.areaId = areaId
        self.name = name
        self.kind = kind
        self.establishedOn = establishedOn
        self.members = members
        self.version = version
    }

    /// CON-1: a name, members that draw in at least two constituencies, a day not ahead of today.
    public static func check(name: String, establishedOn: CalendarDay, members: [Member], today: CalendarDay)
        throws(DomainError)
    {
        var validator = FieldValidator()
        validator.length("name", name, max: 200)
        validator.notBlank("name", name)
        validator.statedDay("establishedOn", establishedOn, today: today)
        if members.isEmpty || members.count > 200 {
            validator.fail("members", "size", zh: "成员须为 1–200 人。", en: "1–200 members.")
        }
        for (index, member) in members.enumerated() {
            validator.length("members/\(index)/name", member.name, max: 100)
            validator.notBlank("members/\(index)/name", member.name)
        }
        try validator.check()
        guard Set(members.map(\.constituency)).count >= 2 else {
            throw DomainError(
                .unprocessable, code: "consultation.body_not_diverse",
                message: LocalizedText(
                    zh: "协商议事组织须吸纳多方主体参加（CON-1、CON-2）。",
                    en: "A consultation organisation draws in several constituencies (CON-1, CON-2)."))
        }
    }
}

/// One item of a consultation catalogue (CON-3).
public struct CatalogueItem: Sendable, Hashable, Codable {
    /// Its category.
    public var category: ConsultationCategory
    /// The matter.
    public var matter: String
    /// Reserved to the residents' (villagers') meeting (CON-9).
    public var reservedToMeeting: Bool

    /// Creates the value.
    public init(category: ConsultationCategory, matter: String, reservedToMeeting: Bool) {
        self.category = category
        self.matter = matter
        self.reservedToMeeting = reservedToMeeting
    }

    /// Bounds of a catalogue: 1–200 items, each with a matter.
    public static func check(_ items: [CatalogueItem]) throws(DomainError) {
        var validator = FieldValidator()
        if items.isEmpty || items.count > 200 {
            validator.fail("items", "size", zh: "目录须有 1–200 项。", en: "A catalogue has 1–200 items.")
        }
        for (index, item) in items.enumerated() {
            validator.length("items/\(index)/matter", item.matter, max: 500)
            validator.notBlank("items/\(index)/matter", item.matter)
        }
        try validator.check()
    }
}

/// A published version of a community's catalogue (CON-3).
public struct ConsultationCatalogue: Sendable, Hashable {
    /// Id.
    public let id: UUID
    /// The community.
    public let areaId: UUID
    /// 1, 2, …
    public let number: Int
    /// Items.
    public let items: [CatalogueItem]
    /// The day published.
    public let publishedOn: CalendarDay

    /// Creates the value.
    public init(id: UUID, areaId: UUID, number: Int, items: [CatalogueItem], publishedOn: CalendarDay) {
        self.id = id
        self.areaId = areaId
        self.number = number
        self.items = items
        self.publishedOn = publishedOn
    }
}
