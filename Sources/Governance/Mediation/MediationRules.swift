/// The lifecycle of a people's mediation case (issue text; domain-rules.md §3.2):
/// received → accepted | declined; accepted → in_mediation; in_mediation → agreement | failed;
/// withdrawn from any open state; agreement → closed (after a follow-up); failed → closed (with
/// the advice given).
public enum MediationStatus: String, Sendable, Hashable, CaseIterable {
    case received, accepted, declined
    case inMediation = "in_mediation"
    case agreement, failed, withdrawn, closed

    /// The states reachable in one step.
    public var next: Set<MediationStatus> {
        switch self {
        // MED-6, MED-8: a party may withdraw at any time before the case concludes.
        case .received: [.accepted, .declined, .withdrawn]
        case .accepted: [.inMediation, .declined, .withdrawn]
        case .inMediation: [.agreement, .failed, .withdrawn]
        case .agreement, .failed: [.closed]
        case .declined, .withdrawn, .closed: []
        }
    }

    /// Checks a transition (`mediation.invalid_transition`, 409).
    public func checkTransition(to target: MediationStatus) throws(DomainError) {
        guard next.contains(target) else {
            throw DomainError(
                .conflict, code: "mediation.invalid_transition",
                message: LocalizedText(
                    zh: "不能从“\(rawValue)”转到“\(target.rawValue)”。",
                    en: "Cannot move from \(rawValue) to \(target.rawValue)."))
        }
    }

    /// Whether the case's clock is running.
    public var isOpen: Bool { [.received, .accepted, .inMediation].contains(self) }
}

/// The levels that handle a case, and where it escalates (MED-19, MED-20).
public enum MediationLevel: String, Sendable, Hashable, CaseIterable {
    /// The compound's self-governance (小区自办), inside its community: its area is the community's.
    case compound
    case community, street, district

    /// The next level up; `nil` at the district (then court or administrative routes).
    public var parent: MediationLevel? {
        switch self {
        case .compound: .community
        case .community: .street
        case .street: .district
        case .district: nil
        }
    }

    /// The labels of an area path that name this level's area (`c1.d2.s3.m4` → district `c1.d2`).
    public var pathDepth: Int {
        switch self {
        case .district: 2
        case .street: 3
        case .compound, .community: 4
        }
    }

    /// Whether the level lies inside a community (the compound or the community itself).
    public var isWithinCommunity: Bool { self == .compound || self == .community }

    /// This level's area path for a case arising at `originPath`.
    public func path(from originPath: String) -> String {
        originPath.split(separator: ".").prefix(pathDepth).joined(separator: ".")
    }

    /// MED-19 (seed 000 §4.6.2): simple matters go to the compound's self-governance where the
    /// community has compounds (a village has none: then the community), general ones to the
    /// community, complex ones to the street.
    public static func initial(for complexity: MediationComplexity, communityHasCompounds: Bool) -> MediationLevel {
        switch complexity {
        case .simple: communityHasCompounds ? .compound : .community
        case .general: .community
        case .complex: .street
        }
    }
}

/// How hard a dispute is (MED-19).
public enum MediationComplexity: String, Sendable, Hashable, CaseIterable {
    case simple, general, complex
}

/// The legal clock of mediation (MED-17; MED-15).
public enum MediationClock {
    /// The day a case must be concluded: `months` after acceptance (the same day of the month,
    /// or the month's last day when it has fewer days), plus any extension.
    public static func deadline(acceptedOn: CalendarDay, months: Int = 1, extensionDays: Int = 0) -> CalendarDay {
        var year = acceptedOn.year
        var month = acceptedOn.month + months
        while month > 12 {
            month -= 12
            year += 1
        }
        let day = Swift.min(acceptedOn.day, CalendarDay.daysIn(month: month, year: year))
        return CalendarDay(year: year, month: month, day: day)!.addingDays(extensionDays)
    }

    /// Whether an open case is past its deadline on `today`.
    public static func isOverdue(
        status: MediationStatus, acceptedOn: CalendarDay?, extensionDays: Int, months: Int = 1, today: CalendarDay
    ) -> Bool {
        guard status.isOpen, let acceptedOn else { return false }
        return today > deadline(acceptedOn: acceptedOn, months: months, extensionDays: extensionDays)
    }

    /// MED-15: the last day to apply jointly for judicial confirmation, 30 days from the day the
    /// agreement takes effect (not the day it was reached: an unsigned written agreement has no window yet).
    public static func judicialConfirmationDeadline(effectiveOn: CalendarDay) -> CalendarDay {
        effectiveOn.addingDays(30)
    }

    /// An extension needs a reason, every party's consent and a sensible length.
    public static func checkExtension(days: Int, reason: String, everyPartyConsents: Bool) throws(DomainError) {
        var validator = FieldValidator()
        validator.range("days", days, 1...90)
        validator.length("reason", reason, max: 1000)
        validator.notBlank("reason", reason)
        if !everyPartyConsents {
            validator.fail(
                "everyPartyConsents", "consent_required", zh: "延期须经各方当事人同意。",
                en: "Every party must consent to an extension.")
        }
        try validator.check()
    }
}

/// Escalation rules (MED-20, GEN-2).
public enum MediationEscalation {
    /// The level a case escalates to; at the district there is none.
    public static func target(from level: MediationLevel, status: MediationStatus, hasPendingEscalation: Bool)
        throws(DomainError) -> MediationLevel
    {
        guard status.isOpen else {
            throw DomainError(
                .conflict, code: "mediation.not_open",
                message: LocalizedText(zh: "案件已结束，不能上报。", en: "The case is no longer open."))
        }
        guard !hasPendingEscalation else {
            throw DomainError(
                .conflict, code: "mediation.escalation_pending",
                message: LocalizedText(zh: "已有待上级受理的上报。", en: "An escalation is already waiting for the level above."))
        }
        guard let parent = level.parent else {
            throw DomainError(
                .unprocessable, code: "mediation.no_higher_level",
                message: LocalizedText(
                    zh: "区（县）级没有上一级调解组织，请引导当事人走诉讼或行政途径。",
                    en: "There is no level above the district; refer the parties to court or administrative routes."))
        }
        return parent
    }

    /// Only the receiving level decides (GEN-2): its scope must be the target level's area.
    public static func checkReceiver(scopePath: String, targetPath: String) throws(DomainError) {
        guard AreaPath.contains(scopePath, targetPath) else {
            throw DomainError(
                .forbidden, code: "mediation.not_receiving_level",
                message: LocalizedText(
                    zh: "只有接收上报的上级可以受理或退回。", en: "Only the receiving level accepts or returns an escalation."))
        }
    }

    /// A critical case must be escalated to or accepted at street level (MED-10; the list shows it until then).
    public static func needsStreetAttention(risk: MediationRisk, level: MediationLevel) -> Bool {
        risk == .critical && level.isWithinCommunity
    }
}

/// Risk levels.
public enum MediationRisk: String, Sendable, Hashable, CaseIterable {
    case low, medium, high, critical
}

/// What was performed of an agreement, at a follow-up (回访).
public enum PerformanceStatus: String, Sendable, Hashable, CaseIterable {
    case performed
    case partiallyPerformed = "partially_performed"
    case notPerformed = "not_performed"
}
