/// The parties a consultation draws in (CON-1). Participation is never filtered by household
/// registration: registered and non-registered residents are both constituencies.
public enum ConsultationConstituency: String, Sendable, Hashable, CaseIterable, Codable {
    /// The basic-level government and its agencies.
    case basicGovernment = "basic_government"
    /// The regional Party-building alliance (区域性党建联合体).
    case partyBuildingAlliance = "party_building_alliance"
    /// The community Party organisation.
    case partyOrganisation = "party_organisation"
    /// The residents' (villagers') committee.
    case residentsCommittee = "residents_committee"
    /// The affairs supervision committee (居务监督委员会).
    case supervisionCommittee = "supervision_committee"
    /// Residents' groups.
    case residentsGroup = "residents_group"
    /// Units based in the community (驻社区单位).
    case residentUnit = "resident_unit"
    /// Community social organisations.
    case socialOrganisation = "social_organisation"
    /// Owners' committees.
    case ownersCommittee = "owners_committee"
    /// Property companies.
    case propertyCompany = "property_company"
    /// The street's property office (街道物管办), in compound joint meetings (CON-6).
    case streetPropertyOffice = "street_property_office"
    /// Residents with household registration here.
    case registeredResident = "registered_resident"
    /// Residents without it.
    case nonRegisteredResident = "non_registered_resident"
    /// Experts and professionals (CON-7).
    case expert
    /// The community legal adviser (CON-7).
    case legalAdviser = "legal_adviser"
    /// Other stakeholders.
    case otherStakeholder = "other_stakeholder"
}

/// The forms of consultation the seeds name (CON-6).
public enum ConsultationForm: String, Sendable, Hashable, CaseIterable, Codable {
    /// 议事会 (民主议事会, 专题议事会).
    case council
    /// 听证会.
    case hearing
    /// 恳谈会 (民情恳谈会).
    case dialogue
    /// 说事会 (居民说事会, 村民说事).
    case talk
    /// 评议会.
    case appraisal
    /// 网络议事.
    case online
    /// 小区协商.
    case compound
    /// 业主协商.
    case owners
    /// 联席会议 in a managed compound (CON-6).
    case compoundJointMeeting = "compound_joint_meeting"
    /// 居民小组协商.
    case residentsGroup = "residents_group"
}

/// The kinds of matter that must be consulted (应商必商, CON-3).
public enum ConsultationCategory: String, Sendable, Hashable, CaseIterable, Codable {
    /// Development plans, infrastructure, public affairs and public-benefit undertakings.
    case developmentInfrastructure = "development_infrastructure"
    /// Problems residents press for: property, hygiene, safety.
    case residentConcern = "resident_concern"
    /// Local implementation of policies and key work, and matters entrusted by government.
    case policyImplementation = "policy_implementation"
    /// Making or revising the charter and the conventions (CNV-2).
    case charterConvention = "charter_convention"
    /// Matters laws, regulations or policies require to be consulted.
    case legallyRequired = "legally_required"
    /// Other vital-interest matters proposed by participants.
    case participantProposed = "participant_proposed"
    /// Matters concerning particular groups (the elderly, children, people with disabilities).
    case particularGroups = "particular_groups"
}

/// Who proposed a topic (CON-4).
public enum ConsultationProposer: String, Sendable, Hashable, CaseIterable, Codable {
    /// The community Party organisation.
    case partyOrganisation = "party_organisation"
    /// The residents' (villagers') committee.
    case committee
    /// Residents together; their number is checked against the profile.
    case residents
    /// A member of the consultation body.
    case bodyMember = "body_member"
}

/// What a consultation arrived at (CON-9).
public enum ConsultationOutcome: String, Sendable, Hashable, CaseIterable, Codable {
    /// Consensus.
    case agreed
    /// Consensus on part.
    case partlyAgreed = "partly_agreed"
    /// No consensus: referred to the meeting (CON-9).
    case noConsensus = "no_consensus"
    /// Major dispute: referred to the meeting (CON-9).
    case majorDispute = "major_dispute"

    /// Whether the topic must go to the residents' (villagers') meeting.
    public var needsReferral: Bool { self == .noConsensus || self == .majorDispute }
}

/// Whether the committee adopts the result (CON-8).
public enum ConsultationAdoption: String, Sendable, Hashable, CaseIterable, Codable {
    /// Adopted.
    case adopted
    /// Partly adopted, with a published reason.
    case partlyAdopted = "partly_adopted"
    /// Not adopted, with a published reason.
    case notAdopted = "not_adopted"
}

/// Who assessed a technical matter (CON-7).
public enum ConsultationAssessmentKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// Experts and scholars.
    case expert
    /// Professional technicians.
    case professional
    /// A third-party body.
    case thirdParty = "third_party"
    /// The community legal adviser: counted, but not an assessment of a technical matter.
    case legalAdviser = "legal_adviser"

    /// Whether it satisfies CON-7 for a technical topic.
    public var assessesTechnicalMatters: Bool { self != .legalAdviser }
}

/// Who evaluated the implementation (CON-11).
public enum ConsultationEvaluatorType: String, Sendable, Hashable, CaseIterable, Codable {
    /// The affairs supervision committee.
    case supervisionCommittee = "supervision_committee"
    /// A third-party evaluation body.
    case thirdParty = "third_party"
    /// Democratic appraisal by residents.
    case democraticAppraisal = "democratic_appraisal"
    /// The implementing body itself: allowed, with a warning.
    case implementingBody = "implementing_body"
}

/// What an implementation step was (CON-11).
public enum ConsultationActionKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// A micro-project (微民生, 微服务, 微自治).
    case microProject = "micro_project"
    /// A grid event.
    case gridEvent = "grid_event"
    /// A committee decision.
    case committeeDecision = "committee_decision"
    /// Anything else.
    case other
}

/// The procedure a topic follows (CON-12): seed 002's for urban communities; 村民说事 in villages,
/// which has no advance publication of a plan.
public enum ConsultationFlow: String, Sendable, Hashable, CaseIterable, Codable {
    /// Seed 002's general procedure.
    case urban = "urban_002"
    /// 说事 → 议事 → 办事 → 评事.
    case rural = "rural_shuoshi"
}
