/// What the compliance computation looks at, gathered by the store in one read.
public struct CommitteeFacts: Sendable {
    /// The committee's kind.
    public var kind: CommitteeKind
    /// A sub-committee's subject.
    public var subject: SubcommitteeSubject?
    /// Its area's kind (community or village).
    public var areaKind: AreaKind
    /// Its area's population, if recorded.
    public var population: Int?
    /// The last day of its term.
    public var termEnd: CalendarDay
    /// Active members: position, gender, constituency.
    public var members: [(position: CommitteePosition, gender: Gender, constituency: Constituency?)]
    /// Subjects of the active sub-committees of the same area.
    public var subcommitteeSubjects: Set<SubcommitteeSubject>
    /// Active officers recorded as of an ethnic minority (MED-2).
    public var minorityOfficers = 0
    /// The law version the committee was elected under (GEN-8).
    public var lawVersion = 2026
    /// The first day of its term.
    public var termStart: CalendarDay?
    /// The days its area's villager representative assembly met in the last two quarters (COM-18).
    public var assemblyMeetingDays: [CalendarDay] = []
    /// An election of it was annulled and no later one has been certified (ELE-14).
    public var reelectionDue = false
    /// An election of it is under way with its roll published (ELE-21).
    public var electionUnderWay = false
    /// The day of its last democratic evaluation (COM-13).
    public var lastEvaluatedOn: CalendarDay?
    /// Its area's households, if recorded (COM-8).
    public var households: Int?
    /// Its area has a supervision committee in office (COM-10).
    public var areaHasSupervisionCommittee = true

    /// Creates the facts.
    public init(
        kind: CommitteeKind, areaKind: AreaKind, population: Int?, termEnd: CalendarDay,
        members: [(position: CommitteePosition, gender: Gender, constituency: Constituency?)],
        subcommitteeSubjects: Set<SubcommitteeSubject>, subject: SubcommitteeSubject? = nil
    ) {
        self.kind = kind
        self.subject = subject
        self.areaKind = areaKind
        self.population = population
        self.termEnd = termEnd
        self.members = members
        self.subcommitteeSubjects = subcommitteeSubjects
    }
}

/// One reason a committee is not compliant. Never blocking: committees can be under strength
/// between elections.
public struct ComplianceFinding: Sendable, Hashable {
    /// The rule id in domain-rules.md, e.g. `COM-2`.
    public let rule: String
    /// Stable code, e.g. `committee.size_out_of_range`.
    public let code: String
    /// Explanation in both languages.
    public let message: LocalizedText
    /// What was found.
    public let actual: String
    /// What the rule expects.
    public let expected: String
    /// A requirement of a newer law than the committee was elected under: it applies at the
    /// next election and does not make the committee non-compliant now (GEN-8).
    public var atNextElection = false
}

/// The computed compliance of committees (domain-rules.md §2.1), as a pure function of facts and
/// the rule profile in force.
public enum CommitteeCompliance {
    /// MED-2: a people's mediation committee has three to nine members (人民调解法 第八条).
    public static let mediationCommitteeSize = 3...9
    /// GEN-8: a committee is judged by the law it was elected under; what the law in force asks
    /// beyond that is listed separately, for its next election.
    public static func findings(
        _ facts: CommitteeFacts, ownLaw: RuleProfile, lawInForce: RuleProfile, today: CalendarDay
    ) -> [ComplianceFinding] {
        let own = findings(facts, profile: ownLaw, today: today)
        guard lawInForce[.lawVersion] != ownLaw[.lawVersion] else { return own }
        let known = Set(own.map { "\($0.rule) \($0.code) \($0.expected)" })
        let next = findings(facts, profile: lawInForce, today: today).filter {
            !known.contains("\($0.rule) \($0.code) \($0.expected)")
        }
        return own
            + next.map {
                var finding = $0
                finding.atNextElection = true
                return finding
            }
    }

    /// Whether findings leave a committee compliant: only those of its own law count.
    public static func isCompliant(_ findings: [ComplianceFinding]) -> Bool {
        !findings.contains { !$0.atNextElection }
    }

    /// Every finding for a committee on `today` under one profile.
    public static func findings(_ facts: CommitteeFacts, profile: RuleProfile, today: CalendarDay)
        -> [ComplianceFinding]
    {
        var findings: [ComplianceFinding] = []
        let officers = facts.members.filter { $0.position != .representative }
        let count = officers.count

        func size(_ rule: String, min: Int, max: Int?) {
            let within = count >= min && max.map { count <= $0 } ?? true
            if !within {
                findings.append(
                    ComplianceFinding(
                        rule: rule, code: "committee.size_out_of_range",
                        message: LocalizedText(
                            zh: "委员会人数不在规定范围内。", en: "The number of members is outside the required range."),
                        actual: String(count), expected: max.map { "\(min)–\($0)" } ?? "≥\(min)"))
            }
        }
        switch facts.kind {
        case .residentsCommittee:
            size("COM-2", min: profile[.residentsCommitteeMin], max: profile[.residentsCommitteeMax])
        case .villagersCommittee:
            size("COM-1", min: profile[.villagersCommitteeMin], max: profile[.villagersCommitteeMax])
        case .supervisionCommittee:
            size("COM-9", min: profile[.supervisionCommitteeMin], max: profile[.supervisionCommitteeMax])
        case .ownersCommittee:
            size("COM-22", min: profile[.ownersCommitteeMin], max: nil)
            if count % 2 == 0 {
                findings.append(
                    ComplianceFinding(
                        rule: "COM-22", code: "committee.size_not_odd",
                        message: LocalizedText(
                            zh: "业主委员会人数应为单数。", en: "An owners' committee has an odd number of members."),
                        actual: String(count), expected: "odd"))
            }
        case .subcommittee:
            // MED-2 (人民调解法 第八条): a people's mediation committee has 3 to 9 members.
            if facts.subject == .mediation, count > 0 {
                size(
                    "MED-2", min: CommitteeCompliance.mediationCommitteeSize.lowerBound,
                    max: CommitteeCompliance.mediationCommitteeSize.upperBound)
            }
        case .representativeAssembly: break
        }

        // COM-4 / COM-5: a woman among the members.
        let needsWoman =
            facts.kind == .villagersCommittee
            || (facts.kind == .residentsCommittee && profile[.residentsCommitteeNeedsWoman] == 1)
            || (facts.kind == .subcommittee && facts.subject == .mediation)  // MED-2
        if needsWoman, count > 0, !officers.contains(where: { $0.gender == .female }) {
            findings.append(
                ComplianceFinding(
                    rule: facts.kind == .villagersCommittee ? "COM-4" : facts.kind == .subcommittee ? "MED-2" : "COM-5",
                    code: "committee.no_woman_member",
                    message: LocalizedText(zh: "委员会成员中应有妇女。", en: "The committee should include a woman."),
                    actual: "0", expected: "≥1"))
        }

        // MED-2 (人民调解法 第八条): members of minority nationalities in multi-ethnic areas, where
        // the profile says the area is one.
        if facts.kind == .subcommittee, facts.subject == .mediation, count > 0,
            profile[.mediationNeedsMinorityMember] == 1, facts.minorityOfficers == 0
        {
            findings.append(
                ComplianceFinding(
                    rule: "MED-2", code: "committee.no_minority_member",
                    message: LocalizedText(
                        zh: "多民族居住地区的人民调解委员会应当有少数民族成员。",
                        en: "In a multi-ethnic area the mediation committee includes members of minority nationalities."
                    ),
                    actual: "0", expected: "≥1"))
        }

        // COM-14, MED-1: required sub-committees, checked on the residents'/villagers' committee.
        if facts.kind == .residentsCommittee || facts.kind == .villagersCommittee {
            var required: [SubcommitteeSubject] = [.mediation, .publicSecurity, .publicHealth]
            if facts.areaKind == .village, profile[.villageRequiresWomenChildren] == 1 {
                required.append(.womenChildren)
            }
            if profile[.requiresElderlyWomenChildren] == 1 { required.append(.elderlyWomenChildren) }
            let missing = required.filter { !facts.subcommitteeSubjects.contains($0) }
            if !missing.isEmpty {
                findings.append(
                    ComplianceFinding(
                        rule: "COM-14", code: "committee.missing_subcommittee",
                        message: LocalizedText(zh: "缺少必设的下属委员会。", en: "Required sub-committees are missing."),
                        actual: missing.map(\.rawValue).joined(separator: ","),
                        expected: required.map(\.rawValue).joined(separator: ",")))
            }
        }

        if facts.kind == .representativeAssembly { findings += assemblyFindings(facts, profile: profile) }
        if facts.kind == .representativeAssembly, facts.areaKind == .village, let termStart = facts.termStart,
            let finding = MeetingRules.quarterlyFinding(
                meetingDays: facts.assemblyMeetingDays, termStart: termStart, today: today)
        {
            findings.append(finding)  // COM-18
        }

        // Vacancies: a committee with members but no active director.
        let isMediationCommittee = facts.kind == .subcommittee && facts.subject == .mediation
        if [.residentsCommittee, .villagersCommittee, .supervisionCommittee, .ownersCommittee].contains(facts.kind)
            || (isMediationCommittee && count > 0),
            !officers.contains(where: { $0.position == .director })
        {
            findings.append(
                ComplianceFinding(
                    rule: isMediationCommittee ? "MED-2" : "COM-3", code: "committee.director_vacant",
                    message: LocalizedText(zh: "主任职位空缺。", en: "The director's post is vacant."), actual: "0",
                    expected: "1"))
        }

        // COM-8: a community of generally 1,000–3,000 households (never blocking: legacy communities exist).
        if facts.kind == .residentsCommittee, let households = facts.households,
            households < profile[.communityHouseholdsMin] || households > profile[.communityHouseholdsMax]
        {
            findings.append(
                ComplianceFinding(
                    rule: "COM-8", code: "committee.community_size_out_of_range",
                    message: LocalizedText(
                        zh: "社区规模一般为规定的户数范围。", en: "A community generally has households within the range."),
                    actual: String(households),
                    expected: "\(profile[.communityHouseholdsMin])–\(profile[.communityHouseholdsMax])"))
        }
        // COM-10: every village has a village-affairs supervision committee.
        if facts.kind == .villagersCommittee, !facts.areaHasSupervisionCommittee {
            findings.append(
                ComplianceFinding(
                    rule: "COM-10", code: "committee.no_supervision_committee",
                    message: LocalizedText(
                        zh: "村应当建立村务监督委员会。", en: "The village needs a village-affairs supervision committee."),
                    actual: "0", expected: "1"))
        }
        // COM-13: members receiving allowances are evaluated at least once a year.
        if [.residentsCommittee, .villagersCommittee].contains(facts.kind), count > 0,
            let finding = EvaluationRules.annualFinding(
                termStart: facts.termStart, lastEvaluatedOn: facts.lastEvaluatedOn, today: today)
        {
            findings.append(finding)
        }
        // ELE-14: an annulled election is followed by a re-election.
        if facts.reelectionDue {
            findings.append(
                ComplianceFinding(
                    rule: "ELE-14", code: "committee.reelection_due",
                    message: LocalizedText(
                        zh: "选举已被宣布无效，应重新选举。", en: "An election was annulled: a re-election is due."),
                    actual: "annulled", expected: "certified re-election"))
        }
        // ELE-21: past the term's end, the next election is under way (its roll published).
        if facts.termEnd < today, !facts.electionUnderWay,
            [.residentsCommittee, .villagersCommittee].contains(facts.kind)
        {
            findings.append(
                ComplianceFinding(
                    rule: "ELE-21", code: "committee.election_overdue",
                    message: LocalizedText(
                        zh: "任期届满而换届选举尚未组织（选民名单未公布）。",
                        en: "The term has ended and no election has published its roll."),
                    actual: facts.termEnd.description, expected: "an election with its roll published"))
        }
        // COM-6: the term has run out.
        if facts.termEnd < today {
            findings.append(
                ComplianceFinding(
                    rule: "COM-6", code: "committee.term_expired",
                    message: LocalizedText(zh: "任期已届满，应进行换届选举。", en: "The term has expired; an election is due."),
                    actual: facts.termEnd.description, expected: "≥\(today.description)"))
        }
        return findings
    }

    /// COM-16 (villages, by population) and COM-21 (communities: 51–101, residents' share).
    static func assemblyFindings(_ facts: CommitteeFacts, profile: RuleProfile) -> [ComplianceFinding] {
        var findings: [ComplianceFinding] = []
        let total = facts.members.count
        let representatives = facts.members.filter { $0.position == .representative }
        if facts.areaKind == .village {
            // COM-16 counts villager representatives only: the committee's, the Party's and the
            // workers' members of the assembly are not villager representatives.
            let representatives = representatives.filter { $0.constituency == .resident }
            // COM-15: an assembly is for villages of many people (Ningbo: 300) or scattered settlement.
            if let population = facts.population, population < profile[.villageAssemblyMinPopulation] {
                findings.append(
                    ComplianceFinding(
                        rule: "COM-15", code: "committee.assembly_small_village",
                        message: LocalizedText(
                            zh: "人口较少的村一般不设村民代表会议（居住分散的除外）。",
                            en: "Villages of few people set up an assembly only when settlement is scattered."),
                        actual: String(population), expected: "≥\(profile[.villageAssemblyMinPopulation])"))
            }
            // COM-17 (provincial practice): villager representatives ≥ 4/5 of the assembly, women ≥ 1/3 of them.
            if total > 0, representatives.count * 5 < total * 4 {
                findings.append(
                    ComplianceFinding(
                        rule: "COM-17", code: "committee.representative_share_low",
                        message: LocalizedText(
                            zh: "村民代表应占村民代表会议组成人员的五分之四以上。",
                            en: "Villager representatives are at least four fifths of the assembly."),
                        actual: "\(representatives.count)/\(total)", expected: "≥4/5"))
            }
            let women = representatives.filter { $0.gender == .female }.count
            if !representatives.isEmpty, women * 3 < representatives.count {
                findings.append(
                    ComplianceFinding(
                        rule: "COM-17", code: "committee.women_representatives_low",
                        message: LocalizedText(
                            zh: "妇女村民代表应占村民代表的三分之一以上。",
                            en: "Women are at least a third of the villager representatives."),
                        actual: "\(women)/\(representatives.count)", expected: "≥1/3"))
            }
            let population = facts.population ?? 0
            let minimum =
                population < 500
                ? profile[.villageRepresentativesBelow500]
                : population < 1000
                    ? profile[.villageRepresentatives500To999] : profile[.villageRepresentativesFrom1000]
            if representatives.count < minimum {
                findings.append(
                    ComplianceFinding(
                        rule: "COM-16", code: "committee.representatives_below_minimum",
                        message: LocalizedText(
                            zh: "村民代表人数低于按人口确定的下限。", en: "Fewer representatives than the village's population requires."
                        ),
                        actual: String(representatives.count), expected: "≥\(minimum)"))
            }
            if representatives.count > profile[.villageRepresentativesNormalMax] {
                findings.append(
                    ComplianceFinding(
                        rule: "COM-16", code: "committee.representatives_above_normal",
                        message: LocalizedText(zh: "村民代表一般不超过上限。", en: "More representatives than normally allowed."),
                        actual: String(representatives.count),
                        expected: "≤\(profile[.villageRepresentativesNormalMax])"))
            }
        } else {
            let (minimum, maximum) = (profile[.residentsAssemblyMin], profile[.residentsAssemblyMax])
            if total < minimum || total > maximum {
                findings.append(
                    ComplianceFinding(
                        rule: "COM-21", code: "committee.assembly_size_out_of_range",
                        message: LocalizedText(
                            zh: "居民代表会议人数一般为规定范围。", en: "The assembly's size is outside the usual range."),
                        actual: String(total), expected: "\(minimum)–\(maximum)"))
            }
            let residents = representatives.filter { $0.constituency == .resident }.count
            let (numerator, denominator) = (
                profile[.residentsAssemblyResidentShareNumerator], profile[.residentsAssemblyResidentShareDenominator]
            )
            // GEN-6: "不少于" is inclusive, in integer arithmetic.
            if total > 0, residents * denominator < numerator * total {
                findings.append(
                    ComplianceFinding(
                        rule: "COM-21", code: "committee.assembly_resident_share_low",
                        message: LocalizedText(
                            zh: "居民代表所占比例低于规定。", en: "Resident representatives are below the required share."),
                        actual: "\(residents)/\(total)", expected: "≥\(numerator)/\(denominator)"))
            }
        }
        return findings
    }
}
