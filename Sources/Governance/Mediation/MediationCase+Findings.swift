public import struct Foundation.Date

// What a case's supervisors should see: never blocking, computed on every read from the
// stored facts, the server's today and now.

extension MediationCase {
    /// Every finding for the case at `now` (`today` is its day in China Standard Time).
    public func findings(now: Date, today: CalendarDay) -> [ComplianceFinding] {
        var findings: [ComplianceFinding] = []
        // MED-1: intake is allowed in a community without a mediation committee, but flagged.
        if level.isWithinCommunity, !communityHasMediationCommittee, status != .declined {
            findings.append(
                ComplianceFinding(
                    rule: "MED-1", code: "mediation.no_mediation_committee",
                    message: LocalizedText(
                        zh: "本社区（村）尚未设立人民调解委员会。", en: "The community has no people's mediation committee."),
                    actual: "0", expected: "1"))
        }
        // MED-5: at least one full-time people's mediator serves every community (Ningbo target).
        if level.isWithinCommunity, status != .declined, !(fullTimeMediatorUntil.map { $0 >= today } ?? false) {
            findings.append(
                ComplianceFinding(
                    rule: "MED-5", code: "mediation.no_full_time_mediator",
                    message: LocalizedText(
                        zh: "本社区（村）没有在任的专职人民调解员。", en: "No full-time people's mediator serves the community."),
                    actual: "0", expected: "≥ 1"))
        }
        // MED-10: a high or critical case is reported to the police until it is recorded.
        if PoliceReport.isRequired(for: risk), policeReport == nil, ![.declined, .withdrawn].contains(status) {
            findings.append(
                ComplianceFinding(
                    rule: "MED-10", code: "mediation.police_report_missing",
                    message: LocalizedText(
                        zh: "可能激化为治安或刑事案件的纠纷，应及时向公安机关报告。",
                        en: "A dispute that may become a public-security or criminal case is reported to the police."),
                    actual: "not_reported", expected: "reported"))
        }
        // MED-10: a critical case is accepted at the street within the profile's hours.
        if risk == .critical, status.isOpen, level.isWithinCommunity || status == .received {
            let hours = Int(now.timeIntervalSince(createdAt) / 3600)
            if hours >= criticalStreetHours {
                findings.append(
                    ComplianceFinding(
                        rule: "MED-10", code: "mediation.critical_not_at_street",
                        message: LocalizedText(
                            zh: "重大风险纠纷未在规定时限内由街道受理。",
                            en: "A critical dispute was not accepted at the street in time."),
                        actual: "\(hours) h", expected: "< \(criticalStreetHours) h"))
            }
        }
        // MED-14: the committee supervises performance; a deadline passed with no follow-up since.
        if status == .agreement, let deadline = agreement?.content.performanceDeadline, today > deadline,
            !performedAtFollowUp, (lastFollowUpOn.map { $0 < deadline } ?? true)
        {
            findings.append(
                ComplianceFinding(
                    rule: "MED-14", code: "mediation.performance_overdue",
                    message: LocalizedText(
                        zh: "履行期限已过，尚无回访记录。", en: "The performance deadline has passed without a follow-up."),
                    actual: lastFollowUpOn?.description ?? "none", expected: "≥ \(deadline)"))
        }
        // MED-16: the court answers within 3 days whether it accepts the application.
        if let judicialConfirmation, judicialConfirmation.isAnswerOverdue(today: today) {
            findings.append(
                ComplianceFinding(
                    rule: "MED-16", code: "mediation.court_answer_missing",
                    message: LocalizedText(
                        zh: "法院应在三日内决定是否受理司法确认申请，尚未记录答复。",
                        en: "The court decides within 3 days whether it accepts; no answer is recorded."),
                    actual: "none",
                    expected:
                        "≤ \(judicialConfirmation.application.appliedOn.addingDays(JudicialConfirmation.answerDays))"))
        }
        return findings
    }
}
