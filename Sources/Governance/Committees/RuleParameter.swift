/// The parameters of a rule profile: each with its unit, its legal source and its national
/// default per law version. A misspelt parameter does not compile.
public enum RuleParameter: String, Sendable, Hashable, CaseIterable {
    case lawVersion
    case termYears
    case residentsCommitteeMin, residentsCommitteeMax
    case villagersCommitteeMin, villagersCommitteeMax
    case supervisionCommitteeMin, supervisionCommitteeMax
    case ownersCommitteeMin
    case residentsAssemblyMin, residentsAssemblyMax
    case residentsAssemblyResidentShareNumerator, residentsAssemblyResidentShareDenominator
    case villageRepresentativesBelow500, villageRepresentatives500To999, villageRepresentativesFrom1000
    case villageRepresentativesNormalMax
    case residentsCommitteeNeedsWoman
    case requiresElderlyWomenChildren
    case villageRequiresWomenChildren
    case rollPublishedDaysBefore, candidatesPublishedDaysBefore
    case mediationMonths
    case criticalCaseStreetHours
    case emergencyPushDays
    case mediationNeedsMinorityMember
    case personalDataRevealsPerDay
    case villagersMeetingNoticeDays
    case residentsMeetingProposalDenominator
    case maxProxyEntrustments
    case communityHouseholdsMin, communityHouseholdsMax
    case villageAssemblyMinPopulation
    case residentsRecallVoterShare, residentsRecallRepresentativeShare
    case consultationPlanNoticeDays, consultationProposalResidents
    case majorDisclosureDays, frequentCollectiveFinance, financeReviewRequired
    case conventionFilingDays
    case selfGovernanceCompliancePercent, communityWorkersPer10k, householdsPerWorkerMax
    case facilityAreaPer100Households, officeServiceAreaMin
    case publicServiceShareNumerator, publicServiceShareDenominator
    case urbanOperatingFundsTenThousandYuan, ruralOperatingFundsTenThousandYuan
    case changeRetentionDays

    /// What a value counts.
    public enum Unit: String, Sendable, Hashable {
        /// A law version (a year).
        case version
        /// Years.
        case years
        /// Months.
        case months
        /// Calendar days.
        case days
        /// People.
        case members
        /// A part of a fraction.
        case ratioPart
        /// 1 (required) or 0 (not required).
        case flag
        /// Acts per token and day.
        case perDay
        /// Hours.
        case hours
        /// Households.
        case households
        /// Residents.
        case people
        /// Hundredths.
        case percent
        /// Square metres.
        case squareMetres
        /// Ten thousand yuan (万元).
        case tenThousandYuan
    }

    /// The unit of the value.
    public var unit: Unit {
        switch self {
        case .lawVersion: .version
        case .termYears: .years
        case .mediationMonths: .months
        case .criticalCaseStreetHours: .hours
        case .personalDataRevealsPerDay: .perDay
        case .rollPublishedDaysBefore, .candidatesPublishedDaysBefore, .emergencyPushDays, .villagersMeetingNoticeDays:
            .days
        case .residentsMeetingProposalDenominator: .ratioPart
        case .maxProxyEntrustments: .members
        case .communityHouseholdsMin, .communityHouseholdsMax: .households
        case .villageAssemblyMinPopulation: .people
        case .residentsRecallVoterShare, .residentsRecallRepresentativeShare: .ratioPart
        case .residentsAssemblyResidentShareNumerator, .residentsAssemblyResidentShareDenominator: .ratioPart
        case .consultationPlanNoticeDays, .majorDisclosureDays, .conventionFilingDays, .changeRetentionDays: .days
        case .consultationProposalResidents: .people
        case .frequentCollectiveFinance, .financeReviewRequired: .flag
        case .selfGovernanceCompliancePercent: .percent
        case .communityWorkersPer10k, .householdsPerWorkerMax: .people
        case .facilityAreaPer100Households, .officeServiceAreaMin: .squareMetres
        case .publicServiceShareNumerator, .publicServiceShareDenominator: .ratioPart
        case .urbanOperatingFundsTenThousandYuan, .ruralOperatingFundsTenThousandYuan: .tenThousandYuan
        case .residentsCommitteeNeedsWoman, .requiresElderlyWomenChildren, .villageRequiresWomenChildren,
            .mediationNeedsMinorityMember:
            .flag
        default: .members
        }
    }

    /// The rule of domain-rules.md the parameter serves.
    public var ruleId: String {
        switch self {
        case .lawVersion: "GEN-8"
        case .termYears: "COM-6"
        case .residentsCommitteeMin, .residentsCommitteeMax: "COM-2"
        case .villagersCommitteeMin, .villagersCommitteeMax: "COM-1"
        case .supervisionCommitteeMin, .supervisionCommitteeMax: "COM-9"
        case .ownersCommitteeMin: "COM-22"
        case .residentsAssemblyMin, .residentsAssemblyMax, .residentsAssemblyResidentShareNumerator,
            .residentsAssemblyResidentShareDenominator:
            "COM-21"
        case .villageRepresentativesBelow500, .villageRepresentatives500To999, .villageRepresentativesFrom1000,
            .villageRepresentativesNormalMax:
            "COM-16"
        case .residentsCommitteeNeedsWoman: "COM-5"
        case .requiresElderlyWomenChildren, .villageRequiresWomenChildren: "COM-14"
        case .rollPublishedDaysBefore, .candidatesPublishedDaysBefore: "ELE-5"
        case .mediationMonths: "MED-17"
        case .criticalCaseStreetHours: "MED-10"
        case .emergencyPushDays: "ADM-6"
        case .mediationNeedsMinorityMember: "MED-2"
        case .personalDataRevealsPerDay: "GEN-7"
        // Changes carry residents' masked data and tombstones of deleted ones: kept no longer
        // than the root city's profile says (read at the root only).
        case .changeRetentionDays: "GEN-7"
        case .villagersMeetingNoticeDays: "COM-19"
        case .residentsMeetingProposalDenominator: "COM-20"
        case .maxProxyEntrustments: "ELE-23"
        case .communityHouseholdsMin, .communityHouseholdsMax: "COM-8"
        case .villageAssemblyMinPopulation: "COM-15"
        case .residentsRecallVoterShare, .residentsRecallRepresentativeShare: "ELE-20"
        case .consultationPlanNoticeDays: "CON-5"
        case .consultationProposalResidents: "CON-4"
        case .majorDisclosureDays, .frequentCollectiveFinance: "DIS-3"
        case .financeReviewRequired: "DIS-5"
        case .conventionFilingDays: "CNV-6"
        // Standards of the statistics (domain-rules.md §4), not rules that refuse anything.
        case .selfGovernanceCompliancePercent, .communityWorkersPer10k, .householdsPerWorkerMax,
            .facilityAreaPer100Households, .officeServiceAreaMin, .publicServiceShareNumerator,
            .publicServiceShareDenominator, .urbanOperatingFundsTenThousandYuan, .ruralOperatingFundsTenThousandYuan:
            "STAT-4"
        }
    }

    /// Whether an area may override it; the law version is fixed by the date.
    public var isOverridable: Bool { self != .lawVersion }

    /// The national default under a law version.
    public func nationalDefault(lawVersion: Int) -> Int {
        let law2026 = lawVersion >= 2026
        return switch self {
        case .lawVersion: lawVersion
        case .termYears: 5
        case .residentsCommitteeMin: 5
        case .residentsCommitteeMax: 9
        case .villagersCommitteeMin: 3
        case .villagersCommitteeMax: 7
        case .supervisionCommitteeMin: 3
        case .supervisionCommitteeMax: 5
        case .ownersCommitteeMin: 5  // an odd number
        case .residentsAssemblyMin: 51
        case .residentsAssemblyMax: 101
        // Resident representatives ≥ 2/3, and ≥ 4/5 under the 2026 law (as reported).
        case .residentsAssemblyResidentShareNumerator: law2026 ? 4 : 2
        case .residentsAssemblyResidentShareDenominator: law2026 ? 5 : 3
        // By village population (Ningbo, as default).
        case .villageRepresentativesBelow500: 30
        case .villageRepresentatives500To999: 40
        case .villageRepresentativesFrom1000: 50
        case .villageRepresentativesNormalMax: 80
        // A woman member on residents' committees from 2026 (villagers' committees always, COM-4).
        case .residentsCommitteeNeedsWoman: law2026 ? 1 : 0
        // The elderly, women and children committee from 2026; villages' women and children committee.
        case .requiresElderlyWomenChildren: law2026 ? 1 : 0
        case .villageRequiresWomenChildren: 1
        // The voter list ≥ 20 days before polling day; candidates ≥ 5 days (provincial practice).
        case .rollPublishedDaysBefore: 20
        case .candidatesPublishedDaysBefore: 5
        // A case is concluded within one month of acceptance, as a rule.
        case .mediationMonths: 1
        // A critical dispute reaches the street within a day (design: no source gives hours).
        case .criticalCaseStreetHours: 24
        // An emergency push lets work through without admission for a month at most (design,
        // from local practice: the catalogue names no national figure).
        case .emergencyPushDays: 30
        // Set to 1 by multi-ethnic areas (民族地区): the law names no list of them.
        case .mediationNeedsMinorityMember: 0
        // Full phone and ID numbers a token may reveal per day (design: a worker's day of
        // visits; a bulk export needs the bulk-export procedure, not the API).
        case .personalDataRevealsPerDay: 50
        // A villagers' meeting is announced ten days ahead.
        case .villagersMeetingNoticeDays: 10
        // Adult residents proposing a residents' meeting: one fifth (2018), one tenth (2026 revision).
        case .residentsMeetingProposalDenominator: law2026 ? 10 : 5
        // A proxy votes for at most three others (provincial rules; a city may set 2).
        case .maxProxyEntrustments: 3
        // A community of generally 1,000–3,000 households (2025 revision; the 2018 law's 100–700
        // is long obsolete in practice and not applied).
        case .communityHouseholdsMin: 1000
        case .communityHouseholdsMax: 3000
        // An assembly for villages of 300 people or more (Ningbo), or of scattered settlement.
        case .villageAssemblyMinPopulation: 300
        // ELE-20: the residents' committee law sets no recall petition; the village law's one
        // fifth of voters or one third of representatives is the default (source: village-law default).
        case .residentsRecallVoterShare: 5
        case .residentsRecallRepresentativeShare: 3
        // CON-5: a consultation plan is published at least a day before the session ((c): no
        // seed names a lead time).
        case .consultationPlanNoticeDays: 1
        // CON-4: residents may propose a topic together; ten of them is this service's default
        // ((c): the seed leaves the number to local rules).
        case .consultationProposalResidents: 10
        // DIS-3: a major item is published within five days of the decision ((c), as one
        // provincial measure); monthly finance only where a village's street marks it frequent.
        case .majorDisclosureDays: 5
        case .frequentCollectiveFinance: 0
        // DIS-5: finance is published only after the supervision committee's review (the issue's
        // choice; a city may set 0 and accept unreviewed items).
        case .financeReviewRequired: 1
        // CNV-6: a convention is filed within 30 days of adoption ((c): no source gives days).
        case .conventionFilingDays: 30
        // §4 self_governance_compliance_rate: committees meeting 依法自治达标 ≥ 98 % (seed 001 §一(三)).
        case .selfGovernanceCompliancePercent: 98
        // §4 community_workers_per_10k: ≥ 18 full-time community workers per 10,000 residents
        // (seed 000 §7.1.1); households_per_worker: one worker per 300 households (seed 001 §四(四)).
        case .communityWorkersPer10k: 18
        case .householdsPerWorkerMax: 300
        // §4 facility_area_per_100_households: ≥ 40 m² per 100 households (Wuxi, seed 001 §四(一));
        // office_service_area: ≥ 600 m², at least two thirds for public services (seed 003 §三(三)).
        case .facilityAreaPer100Households: 40
        case .officeServiceAreaMin: 600
        case .publicServiceShareNumerator: 2
        case .publicServiceShareDenominator: 3
        // §4 community_operating_funds: ≥ ¥200,000 a year for an urban community, ≥ ¥300,000 for a
        // village (seed 001 §六(二)), in 万元 so that a city's override fits the 0–1000 range.
        case .urbanOperatingFundsTenThousandYuan: 20
        case .ruralOperatingFundsTenThousandYuan: 30
        case .changeRetentionDays: 30
        }
    }
}
