/// ELE-14: why an election is annulled.
public enum AnnulmentGround: String, Sendable, Hashable, CaseIterable {
    case threats, bribery
    case forgedBallots = "forged_ballots"
    case falseCount = "false_count"
    case other
}

/// An annulment as recorded.
public struct ElectionAnnulment: Sendable, Hashable {
    /// The day.
    public let annulledOn: CalendarDay
    /// The ground.
    public let ground: AnnulmentGround
    /// The reason.
    public let reason: String

    /// Creates the value.
    public init(annulledOn: CalendarDay, ground: AnnulmentGround, reason: String) {
        self.annulledOn = annulledOn
        self.ground = ground
        self.reason = reason
    }
}

/// After certification: the hand-over (ELE-17) and the annulment (ELE-14).
public enum ElectionIntegrity {
    /// ELE-17: the hand-over is due within ten days of certification.
    public static let handoverDays = 10

    /// The hand-over's last day.
    public static func handoverDue(certifiedOn: CalendarDay) -> CalendarDay { certifiedOn.addingDays(handoverDays) }

    /// Certified, and not handed over by the due day, or handed over after it.
    public static func handoverOverdue(certifiedOn: CalendarDay?, handoverOn: CalendarDay?, today: CalendarDay) -> Bool
    {
        guard let certifiedOn else { return false }
        return (handoverOn ?? today) > handoverDue(certifiedOn: certifiedOn)
    }

    /// ELE-17: recorded once, for a certified election, today or on a stated day not before certification.
    public static func checkHandover(
        status: ElectionStatus, certifiedOn: CalendarDay?, handoverOn: CalendarDay?, note: String,
        stated: CalendarDay?, today: CalendarDay
    ) throws(DomainError) {
        var validator = FieldValidator()
        validator.length("note", note, max: 2000)
        validator.notBlank("note", note)
        validator.statedDay("handedOverOn", stated, today: today, notBefore: certifiedOn)
        try validator.check()
        guard status == .certified, handoverOn == nil else {
            throw DomainError(
                .conflict, code: "election.handover_not_open",
                message: LocalizedText(
                    zh: "只有已认证且尚未移交的选举可以登记工作移交。",
                    en: "A hand-over is recorded once, for a certified election."))
        }
    }

    /// A member the election seated has since been recalled or evaluated: the rollback would
    /// erase those records, so each tenure is ended on its own instead (409).
    public static var annulmentAfterRecords: DomainError {
        DomainError(
            .conflict, code: "election.annulment_after_records",
            message: LocalizedText(
                zh: "该选举产生的成员已有罢免或民主评议记录，不能整体撤销认证；请逐一终止其职务。",
                en: "Members this election seated have recall or evaluation records: end their tenures one by one."))
    }

    /// ELE-14 with GEN-2: the street, the district or the city annuls a certified election,
    /// with a ground and a reason.
    public static func checkAnnulment(status: ElectionStatus, annullerScope: AreaKind, reason: String)
        throws(DomainError)
    {
        var validator = FieldValidator()
        validator.length("reason", reason, max: 2000)
        validator.notBlank("reason", reason)
        try validator.check()
        guard [.street, .district, .city].contains(annullerScope) else {
            throw DomainError(
                .forbidden, code: "election.annulment_level",
                message: LocalizedText(
                    zh: "选举无效由街道（乡镇）或区（县）确认（ELE-14、GEN-2）。",
                    en: "An election is annulled by the street or the district (ELE-14, GEN-2)."))
        }
        guard status == .certified else {
            throw DomainError(
                .conflict, code: "election.not_certified",
                message: LocalizedText(zh: "只有已认证的选举可以宣布无效。", en: "Only a certified election can be annulled."))
        }
    }
}
