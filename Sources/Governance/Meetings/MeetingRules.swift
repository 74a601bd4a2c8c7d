/// The rules of self-governance meetings (domain-rules.md COM-18 – COM-21): who may ask for one,
/// the notice, the quorum by its basis, and decisions by a majority of those present. GEN-6:
/// "过半数" is strictly more than half, "以上" and "不少于" are inclusive, in integer arithmetic.
public enum MeetingRules {
    /// The bases a kind of meeting may have.
    public static func bases(of kind: MeetingKind) -> Set<MeetingBasis> {
        switch kind {
        case .villagersMeeting: [.adults, .households]  // COM-19
        case .residentsMeeting: [.adults, .households, .groupRepresentatives]  // COM-20
        case .villagerRepresentativeAssembly, .residentsRepresentativeAssembly: [.assemblyMembers]
        }
    }

    /// The share of a base whose proposal obliges the committee to convene (numerator,
    /// denominator), or nil where that base cannot ask.
    public static func proposalShare(kind: MeetingKind, base: ProposerBase, profile: RuleProfile) -> (Int, Int)? {
        switch (kind, base) {
        case (.villagerRepresentativeAssembly, .representatives): (1, 5)  // COM-18
        case (.villagersMeeting, .adults): (1, 10)  // COM-19
        case (.villagersMeeting, .representatives): (1, 3)  // COM-19
        case (.residentsMeeting, .adults): (1, profile[.residentsMeetingProposalDenominator])  // COM-20
        case (.residentsMeeting, .households): (1, 5)  // COM-20 (2018)
        case (.residentsMeeting, .groups): (1, 3)  // COM-20 (2018)
        // COM-21 names no figure: the villager assembly's fifth, as the nearest rule in law.
        case (.residentsRepresentativeAssembly, .representatives): (1, 5)
        default: nil
        }
    }

    /// Whether `present` of `eligible` make a quorum.
    public static func isQuorate(kind: MeetingKind, basis: MeetingBasis, eligible: Int, present: Int) -> Bool {
        guard eligible > 0 else { return false }
        switch (kind, basis) {
        // COM-19: ≥ 2/3 of households' representatives.
        case (.villagersMeeting, .households): return 3 * present >= 2 * eligible
        // COM-19, COM-20: more than half.
        case (.villagersMeeting, _), (.residentsMeeting, _): return 2 * present > eligible
        // COM-18: ≥ 2/3 of the assembly's members; COM-21 names none, so the same (design).
        case (.villagerRepresentativeAssembly, _), (.residentsRepresentativeAssembly, _):
            return 3 * present >= 2 * eligible
        }
    }

    /// The checks of a meeting recorded after it was held: days not ahead of today and in order,
    /// the basis its kind allows, a proposal that met its threshold, the notice (COM-19: ten days
    /// for a villagers' meeting), attendance within the body.
    public static func check(
        _ new: NewMeeting, areaKind: AreaKind, eligible: Int, profile: RuleProfile, today: CalendarDay
    ) throws(DomainError) {
        var validator = FieldValidator()
        validator.statedDay("noticeOn", new.noticeOn, today: today)
        validator.statedDay("heldOn", new.heldOn, today: today, notBefore: new.noticeOn)
        validator.range("eligible", eligible, 1...10_000_000)
        validator.range("present", new.present, 0...10_000_000)
        if new.present > eligible {
            validator.fail("present", "exceeds_eligible", zh: "出席人数多于应到人数。", en: "More present than eligible.")
        }
        if new.agenda.isEmpty || new.agenda.count > 50 {
            validator.fail("agenda", "size", zh: "议程须有 1–50 项。", en: "The agenda has 1–50 items.")
        }
        for (index, item) in new.agenda.enumerated() {
            validator.length("agenda/\(index)", item, max: 200)
            validator.notBlank("agenda/\(index)", item)
        }
        if !bases(of: new.kind).contains(new.basis) {
            validator.fail(
                "basis", "not_allowed", zh: "该类会议不能以此为组成基础。", en: "This kind of meeting cannot have this basis.")
        }
        if let proposal = new.proposal {
            validator.range("proposal/total", proposal.total, 1...10_000_000)
            validator.range("proposal/signatures", proposal.signatures, 1...proposal.total.clamped(to: 1...10_000_000))
        }
        try validator.check()
        guard new.kind.isVillage == (areaKind == .village), areaKind == .village || areaKind == .community else {
            throw DomainError(
                .unprocessable, code: "meeting.wrong_area",
                message: LocalizedText(
                    zh: "村民会议、村民代表会议在村召开，居民会议、居民代表会议在社区召开。",
                    en: "Villagers' meetings and assemblies are held in villages, residents' in communities."))
        }
        if let proposal = new.proposal {
            guard let (numerator, denominator) = proposalShare(kind: new.kind, base: proposal.base, profile: profile)
            else {
                throw DomainError.validation([
                    .init(
                        field: "proposal/base", code: "not_allowed",
                        message: LocalizedText(zh: "此类人员不能提议召开该会议。", en: "This base cannot propose this meeting."))
                ])
            }
            guard proposal.signatures * denominator >= numerator * proposal.total else {
                throw DomainError(
                    .unprocessable, code: "meeting.proposal_below_threshold",
                    message: LocalizedText(
                        zh: "提议人数未达 \(numerator)/\(denominator)（\(new.kind.rule)）。",
                        en: "Fewer than \(numerator)/\(denominator) proposed the meeting (\(new.kind.rule))."))
            }
        }
        if new.kind == .villagersMeeting {
            let days = profile[.villagersMeetingNoticeDays]
            guard new.noticeOn.addingDays(days) <= new.heldOn else {
                throw DomainError(
                    .unprocessable, code: "meeting.notice_too_short",
                    message: LocalizedText(
                        zh: "村民会议应当提前 \(days) 天通知（COM-19）。",
                        en: "A villagers' meeting is announced \(days) days ahead (COM-19)."))
            }
        }
    }

    /// A decision of a quorate meeting: the votes within those present; passed when more than
    /// half of those present voted for it (COM-18 – COM-20).
    public static func decide(yes: Int, no: Int, abstain: Int, at meeting: Meeting) throws(DomainError) -> Bool {
        var validator = FieldValidator()
        for (field, value) in [("yes", yes), ("no", no), ("abstain", abstain)] {
            validator.range(field, value, 0...10_000_000)
        }
        if yes + no + abstain > meeting.present {
            validator.fail("yes", "exceeds_present", zh: "票数之和多于出席人数。", en: "More votes than people present.")
        }
        try validator.check()
        guard meeting.quorate else {
            throw DomainError(
                .unprocessable, code: "meeting.quorum_not_met",
                message: LocalizedText(
                    zh: "会议未达法定人数，不能作出决定（\(meeting.kind.rule)）。",
                    en: "The meeting had no quorum and cannot decide (\(meeting.kind.rule))."))
        }
        return 2 * yes > meeting.present
    }

    /// COM-18: a villager representative assembly meets every quarter. A finding when the last
    /// full quarter, within the assembly's term, saw no meeting.
    public static func quarterlyFinding(meetingDays: [CalendarDay], termStart: CalendarDay, today: CalendarDay)
        -> ComplianceFinding?
    {
        let currentQuarter = today.quarterStart
        let previousQuarter = currentQuarter.addingDays(-1).quarterStart
        guard termStart <= previousQuarter,
            !meetingDays.contains(where: { $0 >= previousQuarter && $0 < currentQuarter })
        else { return nil }
        return ComplianceFinding(
            rule: "COM-18", code: "committee.assembly_not_convened",
            message: LocalizedText(
                zh: "村民代表会议每季度至少召开一次。", en: "A villager representative assembly meets every quarter."),
            actual: "0 (\(previousQuarter)–\(currentQuarter.addingDays(-1)))", expected: "≥1")
    }
}

extension CalendarDay {
    /// The first day of this day's calendar quarter.
    public var quarterStart: CalendarDay {
        CalendarDay(year: year, month: (month - 1) / 3 * 3 + 1, day: 1)!
    }
}

extension Int {
    fileprivate func clamped(to range: ClosedRange<Int>) -> Int {
        Swift.min(Swift.max(self, range.lowerBound), range.upperBound)
    }
}
