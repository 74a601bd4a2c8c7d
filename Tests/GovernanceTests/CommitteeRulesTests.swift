import Foundation
import Governance
import Testing

@Suite struct CommitteeRulesTests {
    static let today = CalendarDay("2026-11-23")!
    static let profile2026 = RuleProfile(lawVersion: 2026, overrides: [])
    static let profile2018 = RuleProfile(lawVersion: 2018, overrides: [])
    static let allSubjects = Set(SubcommitteeSubject.allCases)

    static func facts(
        _ kind: CommitteeKind, area: AreaKind = .community, members: [(CommitteePosition, Gender, Constituency?)],
        population: Int? = nil,
        termEnd: String = "2030-12-31", subjects: Set<SubcommitteeSubject> = allSubjects
    ) -> CommitteeFacts {
        CommitteeFacts(
            kind: kind, areaKind: area, population: population, termEnd: CalendarDay(termEnd)!,
            members: members.map { (position: $0.0, gender: $0.1, constituency: $0.2) }, subcommitteeSubjects: subjects)
    }

    static func officers(_ count: Int, women: Int = 1) -> [(CommitteePosition, Gender, Constituency?)] {
        (0..<count).map { index in (index == 0 ? .director : .member, index < women ? .female : .male, nil) }
    }

    static func codes(_ facts: CommitteeFacts, profile: RuleProfile = profile2026) -> [String] {
        CommitteeCompliance.findings(facts, profile: profile, today: today).map(\.code)
    }

    /// MED-3: a mediation committee serves exactly three years, not the committee's five; the
    /// default end is the day before the third anniversary (a 29 February start ends on 28 February: the anniversary is 1 March).
    @Test(
        arguments: [
            ("2026-03-01", nil, "2029-02-28", true), ("2026-03-01", "2029-02-28", "2029-02-28", true),
            ("2026-03-01", "2029-03-01", nil, false), ("2026-03-01", "2029-02-27", nil, false),
            ("2026-03-01", "2031-02-28", nil, false), ("2028-02-29", nil, "2031-02-28", true),
        ] as [(String, String?, String?, Bool)])
    func aMediationCommitteeServesThreeYearsMED3(start: String, end: String?, expected: String?, accepted: Bool) {
        let new = NewCommittee(
            areaId: UUID(), kind: .subcommittee, subject: .mediation, name: "人民调解委员会", compound: nil,
            termStart: CalendarDay(start)!, termEnd: end.flatMap { CalendarDay($0) })
        do {
            let termEnd = try new.validated(termYears: 5)
            #expect(accepted && termEnd == expected.flatMap { CalendarDay($0) })
        } catch {
            #expect(!accepted && error.code == "committee.mediation_term")
        }
        // Other sub-committees keep the profile's term.
        let security = NewCommittee(
            areaId: UUID(), kind: .subcommittee, subject: .publicSecurity, name: "治保委员会", compound: nil,
            termStart: CalendarDay(start)!, termEnd: nil)
        #expect((try? security.validated(termYears: 5)) == CalendarDay(start)!.termLastDay(years: 5))
    }

    /// MED-2: 3 to 9 members, a chair, a woman among them.
    @Test(arguments: [(2, false), (3, true), (9, true), (10, false)])
    func mediationCommitteeSizeMED2(count: Int, withinRange: Bool) {
        var facts = Self.facts(.subcommittee, members: Self.officers(count))
        facts.subject = .mediation
        let findings = CommitteeCompliance.findings(facts, profile: Self.profile2026, today: Self.today)
        #expect(findings.contains { $0.code == "committee.size_out_of_range" && $0.rule == "MED-2" } == !withinRange)
        #expect(!findings.contains { $0.code == "committee.no_woman_member" })
        #expect(!findings.contains { $0.code == "committee.director_vacant" })
    }

    @Test func aMediationCommitteeNeedsAChairAndAWomanMED2() {
        var facts = Self.facts(
            .subcommittee, members: [(.member, .male, nil), (.member, .male, nil), (.member, .male, nil)])
        facts.subject = .mediation
        let findings = CommitteeCompliance.findings(facts, profile: Self.profile2026, today: Self.today)
        #expect(findings.contains { $0.code == "committee.no_woman_member" && $0.rule == "MED-2" })
        #expect(findings.contains { $0.code == "committee.director_vacant" && $0.rule == "MED-2" })
        // Other sub-committees have no size, chair or woman rule of their own.
        facts.subject = .publicSecurity
        #expect(CommitteeCompliance.findings(facts, profile: Self.profile2026, today: Self.today).isEmpty)
    }

    @Test func aMediationCommitteeInAMultiEthnicAreaHasAMinorityMemberMED2() {
        var facts = Self.facts(
            .subcommittee, members: [(.director, .female, nil), (.member, .male, nil), (.member, .male, nil)])
        facts.subject = .mediation
        let multiEthnic = RuleProfile(
            lawVersion: 2026, overrides: [(areaId: "a", parameter: "mediationNeedsMinorityMember", value: 1)])
        #expect(Self.codes(facts, profile: multiEthnic).contains("committee.no_minority_member"))
        #expect(!Self.codes(facts).contains("committee.no_minority_member"), "only where the profile says so")
        facts.minorityOfficers = 1
        #expect(!Self.codes(facts, profile: multiEthnic).contains("committee.no_minority_member"))
    }

    @Test(arguments: [(4, false), (5, true), (9, true), (10, false)])
    func residentsCommitteeSizeCOM2(count: Int, withinRange: Bool) {
        let codes = Self.codes(Self.facts(.residentsCommittee, members: Self.officers(count)))
        #expect(codes.contains("committee.size_out_of_range") == !withinRange)
    }

    @Test(arguments: [(2, false), (3, true), (7, true), (8, false)])
    func villagersCommitteeSizeCOM1(count: Int, withinRange: Bool) {
        let codes = Self.codes(Self.facts(.villagersCommittee, area: .village, members: Self.officers(count)))
        #expect(codes.contains("committee.size_out_of_range") == !withinRange)
    }

    @Test(arguments: [(2, false), (3, true), (5, true), (6, false)])
    func supervisionCommitteeSizeCOM9(count: Int, withinRange: Bool) {
        let codes = Self.codes(Self.facts(.supervisionCommittee, members: Self.officers(count)))
        #expect(codes.contains("committee.size_out_of_range") == !withinRange)
    }

    /// COM-22: an owners' committee has at least five members, an odd number.
    @Test(arguments: [(3, ["committee.size_out_of_range"]), (5, []), (6, ["committee.size_not_odd"]), (7, [])])
    func ownersCommitteeIsOddAndAtLeastFiveCOM22(count: Int, expected: [String]) {
        let codes = Self.codes(Self.facts(.ownersCommittee, members: Self.officers(count))).filter {
            $0.hasPrefix("committee.size")
        }
        #expect(codes == expected)
    }

    /// COM-4: a villagers' committee includes a woman; COM-5: a residents' one from the 2026 law.
    @Test func villagersCommitteesNeedAWomanAndResidentsOnesFrom2026COM4COM5() {
        #expect(
            Self.codes(Self.facts(.villagersCommittee, area: .village, members: Self.officers(5, women: 0))).contains(
                "committee.no_woman_member"))
        #expect(
            !Self.codes(Self.facts(.villagersCommittee, area: .village, members: Self.officers(5, women: 1))).contains(
                "committee.no_woman_member"))
        let allMen = Self.facts(.residentsCommittee, members: Self.officers(5, women: 0))
        #expect(Self.codes(allMen, profile: Self.profile2026).contains("committee.no_woman_member"))
        #expect(!Self.codes(allMen, profile: Self.profile2018).contains("committee.no_woman_member"))
    }

    @Test func requiredSubcommitteesDependOnAreaAndLaw() {
        let base: Set<SubcommitteeSubject> = [.mediation, .publicSecurity, .publicHealth]
        let residents2018 = Self.facts(.residentsCommittee, members: Self.officers(5), subjects: base)
        #expect(!Self.codes(residents2018, profile: Self.profile2018).contains("committee.missing_subcommittee"))
        #expect(Self.codes(residents2018, profile: Self.profile2026).contains("committee.missing_subcommittee"))
        let village = Self.facts(.villagersCommittee, area: .village, members: Self.officers(5), subjects: base)
        #expect(Self.codes(village, profile: Self.profile2018).contains("committee.missing_subcommittee"))
        let findings = CommitteeCompliance.findings(
            Self.facts(.residentsCommittee, members: Self.officers(5), subjects: [.publicHealth]),
            profile: Self.profile2018, today: Self.today)
        #expect(findings.first { $0.code == "committee.missing_subcommittee" }?.actual == "mediation,public_security")
    }

    static func assembly(total: Int, residents: Int) -> [(CommitteePosition, Gender, Constituency?)] {
        (0..<total).map { ($0 < total ? .representative : .member, .female, $0 < residents ? .resident : .unit) }
    }

    @Test(arguments: [(50, false), (51, true), (101, true), (102, false)])
    func residentsAssemblySize(total: Int, withinRange: Bool) {
        let codes = Self.codes(
            Self.facts(.representativeAssembly, members: Self.assembly(total: total, residents: total)),
            profile: Self.profile2018)
        #expect(codes.contains("committee.assembly_size_out_of_range") == !withinRange)
    }

    @Test(arguments: [(60, 40, true), (60, 39, false), (90, 60, true), (90, 59, false)])
    func residentsShareIsAtLeastTwoThirdsUnderThe2018Law(total: Int, residents: Int, enough: Bool) {
        let codes = Self.codes(
            Self.facts(.representativeAssembly, members: Self.assembly(total: total, residents: residents)),
            profile: Self.profile2018)
        #expect(codes.contains("committee.assembly_resident_share_low") == !enough)
    }

    @Test func residentsShareIsFourFifthsUnderThe2026Law() {
        let codes = Self.codes(
            Self.facts(.representativeAssembly, members: Self.assembly(total: 60, residents: 45)),
            profile: Self.profile2026)
        #expect(codes.contains("committee.assembly_resident_share_low"))
        #expect(
            !Self.codes(Self.facts(.representativeAssembly, members: Self.assembly(total: 60, residents: 48))).contains(
                "committee.assembly_resident_share_low"))
    }

    @Test(arguments: [
        (499, 29, false), (499, 30, true), (500, 39, false), (500, 40, true), (999, 40, true), (1000, 49, false),
        (1000, 50, true),
    ])
    func villageRepresentativesByPopulation(population: Int, representatives: Int, enough: Bool) {
        let facts = Self.facts(
            .representativeAssembly, area: .village,
            members: Self.assembly(total: representatives, residents: representatives), population: population)
        #expect(Self.codes(facts).contains("committee.representatives_below_minimum") == !enough)
    }

    /// COM-16 counts villager representatives only: 30 villager representatives beside 7
    /// committee and Party members meet the floor of a village under 500; 29 beside 8 do not.
    @Test(arguments: [(30, 7, true), (29, 8, false), (29, 0, false)])
    func onlyVillagerRepresentativesCountCOM16(villagers: Int, others: Int, enough: Bool) {
        let members: [(CommitteePosition, Gender, Constituency?)] =
            (0..<villagers).map { _ in (.representative, .female, .resident) }
            + (0..<others).map { index in (.representative, .male, index.isMultiple(of: 2) ? .committee : .party) }
        let facts = Self.facts(.representativeAssembly, area: .village, members: members, population: 499)
        #expect(Self.codes(facts).contains("committee.representatives_below_minimum") == !enough)
    }

    /// GEN-8: a residents' committee elected under the 2018 law without a woman is compliant
    /// under its own law; the 2026 law's woman member (COM-5) and elderly, women and children
    /// committee (COM-14) are listed for its next election. Under 2026 the same are findings.
    @Test func aCommitteeIsJudgedByTheLawItWasElectedUnderGEN8() {
        var facts = Self.facts(
            .residentsCommittee, members: Self.officers(5, women: 0),
            subjects: Self.allSubjects.subtracting([.elderlyWomenChildren]))
        facts.lawVersion = 2018
        let findings = CommitteeCompliance.findings(
            facts, ownLaw: Self.profile2026.underLaw(2018), lawInForce: Self.profile2026, today: Self.today)
        #expect(CommitteeCompliance.isCompliant(findings))
        #expect(Set(findings.filter(\.atNextElection).map(\.rule)) == ["COM-5", "COM-14"])
        facts.lawVersion = 2026
        let current = CommitteeCompliance.findings(
            facts, ownLaw: Self.profile2026, lawInForce: Self.profile2026, today: Self.today)
        #expect(!CommitteeCompliance.isCompliant(current))
        #expect(Set(current.map(\.rule)) == ["COM-5", "COM-14"] && !current.contains(where: \.atNextElection))
    }

    /// GEN-8: area overrides survive a change of law version; national defaults follow it.
    @Test func aProfileUnderAnotherLawKeepsTheAreasOverrides() {
        let ningbo = RuleProfile(lawVersion: 2026, overrides: [("city", "residentsCommitteeMax", 11)])
        let old = ningbo.underLaw(2018)
        #expect(old[.residentsCommitteeMax] == 11 && old[.residentsCommitteeNeedsWoman] == 0)
        #expect(old[.lawVersion] == 2018 && ningbo[.residentsCommitteeNeedsWoman] == 1)
    }

    /// COM-8: a community of 1,000–3,000 households; 999 and 3,001 are findings, never refusals.
    @Test(arguments: [(999, true), (1000, false), (3000, false), (3001, true)])
    func aCommunitysSizeIsAFindingCOM8(households: Int, finding: Bool) {
        var facts = Self.facts(.residentsCommittee, members: Self.officers(5))
        facts.households = households
        #expect(Self.codes(facts).contains("committee.community_size_out_of_range") == finding)
    }

    /// ELE-21: past the term's end with no election under way (its roll published) is a finding
    /// beside COM-6's; an election under way clears it.
    @Test func anOverdueElectionIsAFindingELE21() {
        var facts = Self.facts(.residentsCommittee, members: Self.officers(5), termEnd: "2026-11-22")
        #expect(Self.codes(facts).contains("committee.election_overdue"))
        facts.electionUnderWay = true
        #expect(!Self.codes(facts).contains("committee.election_overdue"))
        facts = Self.facts(.residentsCommittee, members: Self.officers(5), termEnd: "2026-11-23")
        #expect(!Self.codes(facts).contains("committee.election_overdue"))
    }

    /// COM-10: a village without a supervision committee is a finding on its villagers' committee.
    @Test func aVillageHasASupervisionCommitteeCOM10() {
        var facts = Self.facts(.villagersCommittee, area: .village, members: Self.officers(5))
        #expect(!Self.codes(facts).contains("committee.no_supervision_committee"))
        facts.areaHasSupervisionCommittee = false
        #expect(Self.codes(facts).contains("committee.no_supervision_committee"))
    }

    /// COM-15: an assembly in a village of fewer than 300 people is a finding (scattered
    /// villages may have one; the register does not record settlement).
    @Test(arguments: [(299, true), (300, false)])
    func anAssemblyIsForVillagesOfManyPeopleCOM15(population: Int, finding: Bool) {
        let facts = Self.facts(
            .representativeAssembly, area: .village, members: Self.assembly(total: 40, residents: 40),
            population: population)
        #expect(Self.codes(facts).contains("committee.assembly_small_village") == finding)
    }

    /// COM-17: villager representatives are ≥ 4/5 of the assembly (40 of 50 is, 39 of 50 is
    /// not) and women ≥ 1/3 of them (14 of 40 is, 13 of 40 is not).
    @Test func villagerRepresentativesAndWomenSharesCOM17() {
        func members(villagers: Int, others: Int, women: Int) -> [(CommitteePosition, Gender, Constituency?)] {
            (0..<villagers).map { (.representative, $0 < women ? .female : .male, .resident) }
                + (0..<others).map { _ in (.representative, .male, .committee) }
        }
        func codes(_ villagers: Int, _ others: Int, women: Int) -> [String] {
            Self.codes(
                Self.facts(
                    .representativeAssembly, area: .village,
                    members: members(villagers: villagers, others: others, women: women), population: 1000))
        }
        #expect(!codes(40, 10, women: 14).contains("committee.representative_share_low"))
        #expect(codes(39, 11, women: 14).contains("committee.representative_share_low"))
        #expect(!codes(40, 10, women: 14).contains("committee.women_representatives_low"))
        #expect(codes(40, 10, women: 13).contains("committee.women_representatives_low"))
    }

    @Test func villageRepresentativesAboveEightyAreFlagged() {
        let facts = Self.facts(
            .representativeAssembly, area: .village, members: Self.assembly(total: 81, residents: 81), population: 2000)
        #expect(Self.codes(facts).contains("committee.representatives_above_normal"))
    }

    @Test func aVacantDirectorAndAnExpiredTermAreFindings() {
        let noDirector: [(CommitteePosition, Gender, Constituency?)] = (0..<5).map { _ in (.member, .female, nil) }
        #expect(Self.codes(Self.facts(.residentsCommittee, members: noDirector)).contains("committee.director_vacant"))
        let expired = Self.facts(.residentsCommittee, members: Self.officers(5), termEnd: "2026-11-22")
        #expect(Self.codes(expired).contains("committee.term_expired"))
        #expect(
            !Self.codes(Self.facts(.residentsCommittee, members: Self.officers(5), termEnd: "2026-11-23")).contains(
                "committee.term_expired"))
        #expect(Self.codes(Self.facts(.residentsCommittee, members: Self.officers(5))).isEmpty)
    }

    /// COM-6: a term is the half-open interval [start, start + 5 years); a 29 February start runs
    /// to 28 February, and the next term starts on the anniversary, 1 March, so no day falls outside.
    @Test(arguments: [
        ("2024-02-29", "2029-02-28", "2029-03-01"), ("2026-03-01", "2031-02-28", "2031-03-01"),
        ("2027-02-28", "2032-02-27", "2032-02-28"), ("2028-03-01", "2033-02-28", "2033-03-01"),
    ])
    func aTermIsHalfOpenAcrossLeapDaysCOM6(start: String, lastDay: String, nextStart: String) throws {
        let first = CalendarDay(start)!
        #expect(first.termLastDay(years: 5) == CalendarDay(lastDay)!)
        #expect(first.anniversary(afterYears: 5) == CalendarDay(nextStart)!)
        #expect(CalendarDay(lastDay)!.addingDays(1) == CalendarDay(nextStart)!)
        let facts = Self.facts(.residentsCommittee, members: Self.officers(5), termEnd: lastDay)
        let onLastDay = CommitteeCompliance.findings(facts, profile: Self.profile2026, today: CalendarDay(lastDay)!)
        let onNextStart = CommitteeCompliance.findings(facts, profile: Self.profile2026, today: CalendarDay(nextStart)!)
        #expect(!onLastDay.map(\.code).contains("committee.term_expired"))
        #expect(onNextStart.map(\.code).contains("committee.term_expired"))
    }

    @Test func termsDefaultToFiveYears() throws {
        let new = NewCommittee(
            areaId: UUID(), kind: .residentsCommittee, subject: nil, name: "居委会", compound: nil,
            termStart: CalendarDay("2024-02-29")!, termEnd: nil)
        #expect(try new.validated(termYears: 5) == CalendarDay("2029-02-28"))
        let plain = NewCommittee(
            areaId: UUID(), kind: .residentsCommittee, subject: nil, name: "居委会", compound: nil,
            termStart: CalendarDay("2026-03-01")!, termEnd: nil)
        #expect(try plain.validated(termYears: 5) == CalendarDay("2031-02-28"))
        let subcommittee = NewCommittee(
            areaId: UUID(), kind: .subcommittee, subject: nil, name: "x", compound: nil,
            termStart: CalendarDay("2026-03-01")!, termEnd: nil)
        #expect(throws: DomainError.self) { try subcommittee.validated(termYears: 5) }
    }

    @Test func committeeKindsSitOnFittingAreas() throws {
        try CommitteeKind.residentsCommittee.checkArea(.community)
        try CommitteeKind.villagersCommittee.checkArea(.village)
        try CommitteeKind.supervisionCommittee.checkArea(.village)
        #expect(throws: DomainError.self) { try CommitteeKind.residentsCommittee.checkArea(.village) }
        #expect(throws: DomainError.self) { try CommitteeKind.villagersCommittee.checkArea(.street) }
    }

    /// COM-3 (one director), COM-11 (no committee member, relative or accountant on the
    /// supervision committee), tenures in order and without overlap.
    @Test func hardRulesCOM3COM11() throws {
        #expect(throws: CommitteeRules.duplicateDirector) {
            try CommitteeRules.checkSingleDirector(position: .director, otherActiveDirectors: 1)
        }
        try CommitteeRules.checkSingleDirector(position: .member, otherActiveDirectors: 1)
        try CommitteeRules.checkSingleDirector(position: .director, otherActiveDirectors: 0)
        let january = CalendarDay("2026-01-01")!
        let june = CalendarDay("2026-06-30")!
        #expect(throws: CommitteeRules.overlappingTenure) {
            try CommitteeRules.checkNoOverlap(start: CalendarDay("2026-06-30")!, end: nil, existing: [(january, june)])
        }
        try CommitteeRules.checkNoOverlap(start: CalendarDay("2026-07-01")!, end: nil, existing: [(january, june)])
        #expect(throws: DomainError.self) { try CommitteeRules.checkOrder(start: june, end: january, field: "endedOn") }
        #expect(throws: DomainError.self) {
            try CommitteeRules.checkPosition(.representative, constituency: nil, in: .representativeAssembly)
        }
        #expect(throws: DomainError.self) {
            try CommitteeRules.checkPosition(.representative, constituency: .resident, in: .residentsCommittee)
        }
        try CommitteeRules.checkPosition(.representative, constituency: .resident, in: .representativeAssembly)
        let seated = UUID()
        let spouse = UUID()
        #expect(throws: DomainError.self) {
            try CommitteeRules.checkSupervisionSeparation(
                joining: spouse, relatives: [], financeRole: nil, intoSupervision: true, otherSide: [(seated, [spouse])]
            )
        }
        #expect(throws: DomainError.self) {
            try CommitteeRules.checkSupervisionSeparation(
                joining: UUID(), relatives: [], financeRole: .accountant, intoSupervision: true, otherSide: [])
        }
        try CommitteeRules.checkSupervisionSeparation(
            joining: UUID(), relatives: [], financeRole: .accountant, intoSupervision: false, otherSide: [])
    }

    @Test func profilesTakeTheNearestOverrideAndNameTheirSource() {
        let profile = RuleProfile(
            lawVersion: 2026,
            overrides: [
                ("city", "residentsCommitteeMax", 11), ("district", "residentsCommitteeMax", 10),
                ("district", "lawVersion", 2018),
            ])
        #expect(profile[.residentsCommitteeMax] == 10)
        #expect(profile[.lawVersion] == 2026)
        #expect(profile.values[.residentsCommitteeMax]?.source == .area(areaId: "district"))
        #expect(RuleProfile.lawVersion(on: CalendarDay("2025-12-31")!) == 2018)
        #expect(RuleProfile.lawVersion(on: CalendarDay("2026-01-01")!) == 2026)
    }
}

@Suite struct RuleParameterTests {
    @Test func everyParameterHasADefaultARuleAndAUnit() {
        for parameter in RuleParameter.allCases {
            #expect(parameter.ruleId.contains("-"))
            #expect(
                RuleProfile(lawVersion: 2026, overrides: [])[parameter] == parameter.nationalDefault(lawVersion: 2026))
        }
        #expect(RuleParameter.termYears.unit == .years)
        #expect(RuleParameter.mediationMonths.unit == .months)
    }

    /// GEN-7 (issue 14): the change feed keeps its changes at least a day: 1 passes, 0 is refused
    /// with `out_of_range` on the parameter, as any value beyond 0…1000 is.
    @Test func changesAreKeptAtLeastOneDay() {
        #expect(throws: Never.self) { try RuleProfile.validateOverrides(["changeRetentionDays": 1]) }
        #expect(throws: Never.self) { try RuleProfile.validateOverrides(["changeRetentionDays": 1000]) }
        for refused in [0, -1, 1001] {
            let error = #expect(throws: DomainError.self) {
                try RuleProfile.validateOverrides(["changeRetentionDays": refused])
            }
            #expect(error?.fieldErrors.map(\.field) == ["parameters/changeRetentionDays"], "\(refused)")
            #expect(error?.fieldErrors.map(\.code) == ["out_of_range"], "\(refused)")
        }
    }

    @Test func aMisspeltOrFixedParameterIsRefused() {
        #expect(throws: DomainError.self) { try RuleProfile.validateOverrides(["termYear": 3]) }
        #expect(throws: DomainError.self) { try RuleProfile.validateOverrides(["lawVersion": 2018]) }
        #expect(throws: Never.self) { try RuleProfile.validateOverrides(["termYears": 3, "mediationMonths": nil]) }
        let profile = RuleProfile(lawVersion: 2026, overrides: [("city", "termYear", 3), ("city", "lawVersion", 2018)])
        #expect(profile[.termYears] == 5)
        #expect(profile[.lawVersion] == 2026)
    }
}
