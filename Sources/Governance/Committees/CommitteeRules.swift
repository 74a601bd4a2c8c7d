public import struct Foundation.UUID

/// The hard committee rules: each refusal is a 422 with a stable code and nothing is written.
public enum CommitteeRules {
    /// Dates in order: an end is not before its start.
    public static func checkOrder(start: CalendarDay, end: CalendarDay?, field: String) throws(DomainError) {
        guard let end, end < start else { return }
        throw DomainError(
            .unprocessable, code: "committee.dates_out_of_order",
            message: LocalizedText(zh: "结束日期早于开始日期。", en: "The end date is before the start date."),
            fieldErrors: [
                .init(
                    field: field, code: "before_start",
                    message: LocalizedText(zh: "早于开始日期。", en: "Before the start date."))
            ])
    }

    /// A people's mediation committee serves three years (MED-3, 人民调解法 第九条), whatever the
    /// term of the committee it belongs to.
    public static let mediationTermYears = 3

    /// MED-3: a mediation committee's term ends three years after it starts (the day before the anniversary).
    public static func checkMediationTerm(subject: SubcommitteeSubject?, start: CalendarDay, end: CalendarDay)
        throws(DomainError)
    {
        guard subject == .mediation else { return }
        let expected = start.termLastDay(years: mediationTermYears)
        guard end != expected else { return }
        throw DomainError(
            .unprocessable, code: "committee.mediation_term",
            message: LocalizedText(
                zh: "人民调解委员会委员每届任期三年（MED-3，人民调解法第九条）。",
                en: "A people's mediation committee serves three years (MED-3, People's Mediation Law art. 9)."),
            fieldErrors: [
                .init(
                    field: "termEnd", code: "three_years",
                    message: LocalizedText(zh: "应为 \(expected)。", en: "Expected \(expected)."))
            ])
    }

    /// A tenure recorded by hand starts and ends on past days or today, in order.
    public static func checkStatedTenure(startedOn: CalendarDay, endedOn: CalendarDay?, today: CalendarDay)
        throws(DomainError)
    {
        var validator = FieldValidator()
        validator.statedDay("startedOn", startedOn, today: today)
        validator.statedDay("endedOn", endedOn, today: today)
        try validator.check()
        try checkOrder(start: startedOn, end: endedOn, field: "endedOn")
    }

    /// A term recorded by hand has started: its first day is today or past.
    public static func checkStatedTermStart(_ termStart: CalendarDay?, today: CalendarDay) throws(DomainError) {
        var validator = FieldValidator()
        validator.statedDay("termStart", termStart, today: today)
        try validator.check()
    }

    /// ELE-1: the chair, vice-chairs and members of a villagers' committee are elected directly
    /// by the villagers; nobody appoints them. They are seated by certifying an election or a
    /// by-election, never by hand.
    public static func checkNotAppointed(_ position: CommitteePosition, in kind: CommitteeKind) throws(DomainError) {
        guard kind == .villagersCommittee, position != .representative else { return }
        throw DomainError(
            .unprocessable, code: "committee.appointment_forbidden",
            message: LocalizedText(
                zh: "村民委员会成员由村民直接选举产生，任何组织或个人不得指定、委派（ELE-1）；请通过选举或补选（/v1/elections）。",
                en:
                    "Villagers' committee members are directly elected; nobody may appoint them (ELE-1). Use an election or by-election (/v1/elections)."
            ))
    }

    /// Positions fit the committee: representatives (with a constituency) in assemblies only.
    public static func checkPosition(_ position: CommitteePosition, constituency: Constituency?, in kind: CommitteeKind)
        throws(DomainError)
    {
        let assembly = kind == .representativeAssembly
        guard (position == .representative) == assembly, (constituency != nil) == (position == .representative) else {
            throw DomainError(
                .unprocessable, code: "committee.invalid_position",
                message: LocalizedText(
                    zh: "代表会议成员须为代表并注明来源，其他委员会成员不能为代表。",
                    en:
                        "Assembly members are representatives with a constituency; other committees have no representatives."
                ))
        }
    }

    /// COM-3: one active director per committee.
    public static func checkSingleDirector(position: CommitteePosition, otherActiveDirectors: Int) throws(DomainError) {
        guard position == .director, otherActiveDirectors > 0 else { return }
        throw duplicateDirector
    }

    /// The refusal of a second active director (COM-3).
    public static var duplicateDirector: DomainError {
        DomainError(
            .unprocessable, code: "committee.duplicate_director",
            message: LocalizedText(
                zh: "该委员会已有在任主任（COM-3）。", en: "The committee already has an active director (COM-3)."))
    }

    /// A person's tenures in one committee do not overlap.
    public static func checkNoOverlap(
        start: CalendarDay, end: CalendarDay?, existing: [(start: CalendarDay, end: CalendarDay?)]
    ) throws(DomainError) {
        for tenure in existing {
            let startsBeforeOtherEnds = tenure.end.map { start <= $0 } ?? true
            let otherStartsBeforeEnd = end.map { tenure.start <= $0 } ?? true
            if startsBeforeOtherEnds && otherStartsBeforeEnd { throw overlappingTenure }
        }
    }

    /// The refusal of overlapping tenures of one person in one committee.
    public static var overlappingTenure: DomainError {
        DomainError(
            .unprocessable, code: "committee.overlapping_tenure",
            message: LocalizedText(
                zh: "同一人在同一委员会的任期不能重叠。", en: "Tenures of one person in one committee cannot overlap."))
    }

    /// COM-11: nobody on the supervision committee who sits on the area's residents' or villagers'
    /// committee, or is a declared close relative of someone who does; nor a declared
    /// accountant or cashier.
    /// - Parameters:
    ///   - joining: the person joining the supervision committee, or the residents'/villagers' committee.
    ///   - intoSupervision: whether they join the supervision committee (else the residents'/villagers' one).
    ///   - otherSide: active members of the opposite committee, with their declared close relatives.
    public static func checkSupervisionSeparation(
        joining person: UUID, relatives: [UUID], financeRole: FinanceRole?, intoSupervision: Bool,
        otherSide: [(person: UUID, relatives: [UUID])]
    ) throws(DomainError) {
        if intoSupervision, financeRole != nil {
            throw DomainError(
                .unprocessable, code: "committee.supervisor_finance_role",
                message: LocalizedText(
                    zh: "会计、出纳不能担任监督委员会成员（COM-11）。",
                    en: "An accountant or cashier cannot sit on the supervision committee (COM-11)."))
        }
        let conflict = otherSide.contains { other in
            other.person == person || relatives.contains(other.person) || other.relatives.contains(person)
        }
        if conflict {
            throw DomainError(
                .unprocessable, code: "committee.supervisor_conflict",
                message: LocalizedText(
                    zh: "村（居）民委员会成员及其近亲属不得担任监督委员会成员（COM-11）。",
                    en: "Committee members and their close relatives cannot sit on the supervision committee (COM-11).")
            )
        }
    }
}
