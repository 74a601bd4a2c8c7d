import Foundation
import Governance
import Testing

/// Agreements (MED-12..16), the police report and the critical timer (MED-10), the mediation
/// committee finding (MED-1), withdrawal (MED-6, MED-8) and the month of MED-17.
@Suite struct MediationAgreementRulesTests {
    static let partyA = UUID()
    static let partyB = UUID()

    static func day(_ text: String) -> CalendarDay { CalendarDay(text)! }

    static func written(agreedOn: String = "2026-03-01", deadline: String? = "2026-04-30") -> MediationAgreement {
        MediationAgreement(
            form: .written, facts: "漏水致损，楼上负主要责任", terms: "赔偿 2000 元", performanceManner: "转账",
            performanceDeadline: deadline.map(day), agreedOn: day(agreedOn), recordedByMediator: false)
    }

    static func mediationCase(
        status: MediationStatus = .inMediation, risk: MediationRisk = .low, level: MediationLevel = .community,
        agreement: RecordedAgreement? = nil, judicial: JudicialConfirmation? = nil, police: PoliceReport? = nil,
        hasCommittee: Bool = true, createdAt: Date = Date(timeIntervalSince1970: 1_772_000_000),
        lastFollowUpOn: String? = nil, performed: Bool = false,
        fullTimeMediatorUntil: CalendarDay? = CalendarDay(year: 9999, month: 12, day: 31)
    ) -> MediationCase {
        MediationCase(
            id: UUID(), originAreaId: UUID(), originPath: "c1.d2.s3.m4", level: level,
            levelPath: level.path(from: "c1.d2.s3.m4"), source: "walk_in", category: "neighbour", description: "-",
            amount: nil, risk: risk, complexity: .general, status: status, acceptedOn: day("2026-02-20"),
            extensionDays: 0, mediatorTokenId: UUID(), agreement: agreement, judicialConfirmation: judicial,
            policeReport: police, criticalStreetHours: 24, communityHasMediationCommittee: hasCommittee,
            lastFollowUpOn: lastFollowUpOn.map(day), performedAtFollowUp: performed,
            fullTimeMediatorUntil: fullTimeMediatorUntil, advice: nil, declineReason: nil,
            parties: [
                MediationParty(id: partyA, personId: nil, name: "甲", phone: nil, role: "applicant", consented: true),
                MediationParty(id: partyB, personId: nil, name: "乙", phone: nil, role: "respondent", consented: true),
            ], sessionCount: 1, followUpCount: lastFollowUpOn == nil ? 0 : 1, pendingEscalation: false, version: 1,
            createdAt: createdAt)
    }

    static func effective(on effectiveOn: String, deadline: String? = "2026-04-30") -> RecordedAgreement {
        RecordedAgreement(
            content: written(deadline: deadline), partySignatures: [:], mediatorSignedOn: day(effectiveOn),
            sealedOn: day(effectiveOn), effectiveOn: day(effectiveOn))
    }

    static func codes(_ findings: [ComplianceFinding]) -> Set<String> { Set(findings.map(\.code)) }

    @Test func med12WrittenAgreementsStateTheirContentsAndOralOnesAreRecorded() throws {
        try Self.written().validate()
        for missing in ["facts", "performanceManner", "performanceDeadline"] {
            let agreement = MediationAgreement(
                form: .written, facts: missing == "facts" ? nil : "事实", terms: "条款",
                performanceManner: missing == "performanceManner" ? " " : "转账",
                performanceDeadline: missing == "performanceDeadline" ? nil : Self.day("2026-04-30"),
                agreedOn: Self.day("2026-03-01"), recordedByMediator: false)
            let error = try #require(throws: DomainError.self) { try agreement.validate() }
            #expect(error.fieldErrors.map(\.field) == [missing], "MED-12: \(missing)")
        }
        let unrecordedOral = MediationAgreement(
            form: .oral, facts: nil, terms: "口头达成", performanceManner: nil, performanceDeadline: nil,
            agreedOn: Self.day("2026-03-01"), recordedByMediator: false)
        #expect(throws: DomainError.self) { try unrecordedOral.validate() }
        try MediationAgreement(
            form: .oral, facts: nil, terms: "口头达成", performanceManner: nil, performanceDeadline: nil,
            agreedOn: Self.day("2026-03-01"), recordedByMediator: true
        ).validate()
    }

    @Test func med13AWrittenAgreementTakesEffectOnlyWhenEveryPartyTheMediatorAndTheSealHaveSigned() throws {
        let today = Self.day("2026-03-05")
        let recorded = try Self.mediationCase().decideAgreement(Self.written(), today: today)
        #expect(recorded.status == nil, "the case stays in mediation while signatures are pending")
        #expect(recorded.agreementEffectiveOn == nil)
        var signatures: [UUID: AgreementSignature] = [:]
        var mediatorSignedOn: CalendarDay?
        var sealedOn: CalendarDay?
        func current() -> MediationCase {
            Self.mediationCase(
                agreement: RecordedAgreement(
                    content: Self.written(), partySignatures: signatures, mediatorSignedOn: mediatorSignedOn,
                    sealedOn: sealedOn, effectiveOn: nil))
        }
        let steps: [AgreementSignature] = [
            .init(signer: .party(Self.partyA), method: .signature, on: Self.day("2026-03-01")),
            .init(signer: .mediator, method: .signature, on: Self.day("2026-03-01")),
            .init(signer: .committeeSeal, method: .signature, on: Self.day("2026-03-02")),
        ]
        for step in steps {
            let change = try current().decideSignature(step, today: today)
            #expect(change.agreementEffectiveOn == nil, "MED-13: still pending after \(step.signer)")
            #expect(current().agreement?.judicialConfirmationDeadline == nil, "MED-15: no window before effect")
            switch step.signer {
            case .party(let id): signatures[id] = step
            case .mediator: mediatorSignedOn = step.on
            case .committeeSeal: sealedOn = step.on
            }
        }
        #expect(throws: DomainError.self) { try current().decideSignature(steps[0], today: today) }
        let last = try current().decideSignature(
            .init(signer: .party(Self.partyB), method: .fingerprint, on: Self.day("2026-03-04")), today: today)
        #expect(last.status == .agreement)
        #expect(last.agreementEffectiveOn == Self.day("2026-03-04"), "MED-13: the day of the last signature")
        #expect(
            throws: DomainError.self, "a signature after today is refused",
            performing: {
                try current().decideSignature(
                    .init(signer: .party(Self.partyB), method: .seal, on: Self.day("2026-03-06")), today: today)
            })
        #expect(
            throws: DomainError.self, "an unknown party is refused",
            performing: {
                try current().decideSignature(
                    .init(signer: .party(UUID()), method: .seal, on: today), today: today)
            })
    }

    @Test func med13AnOralAgreementTakesEffectOnTheDayItIsReached() throws {
        let oral = MediationAgreement(
            form: .oral, facts: nil, terms: "口头达成", performanceManner: nil, performanceDeadline: nil,
            agreedOn: Self.day("2026-03-01"), recordedByMediator: true)
        let change = try Self.mediationCase().decideAgreement(oral, today: Self.day("2026-03-05"))
        #expect(change.status == .agreement)
        #expect(change.agreementEffectiveOn == Self.day("2026-03-01"))
    }

    @Test func agreementDaysAreNeitherInTheFutureNorBeforeAcceptance() {
        let accepted = Self.mediationCase()  // accepted 2026-02-20
        #expect(throws: DomainError.self) {
            try accepted.decideAgreement(Self.written(agreedOn: "2026-03-06"), today: Self.day("2026-03-05"))
        }
        #expect(throws: DomainError.self) {
            try accepted.decideAgreement(Self.written(agreedOn: "2026-02-19"), today: Self.day("2026-03-05"))
        }
    }

    @Test func med15JointApplicationWithinThirtyDaysOfTakingEffect() throws {
        let agreed = Self.mediationCase(status: .agreement, agreement: Self.effective(on: "2026-03-01"))
        let both: Set<UUID> = [Self.partyA, Self.partyB]
        let today = Self.day("2026-06-01")
        let onTime = try agreed.decideJudicialApplication(
            appliedOn: Self.day("2026-03-31"), applicants: both, court: "某区人民法院", today: today)
        #expect(onTime.judicialApplication?.appliedOn == Self.day("2026-03-31"))
        let late = try #require(throws: DomainError.self) {
            try agreed.decideJudicialApplication(
                appliedOn: Self.day("2026-04-01"), applicants: both, court: "某区人民法院", today: today)
        }
        #expect(late.code == "mediation.judicial_window_closed")
        let alone = try #require(throws: DomainError.self) {
            try agreed.decideJudicialApplication(
                appliedOn: Self.day("2026-03-10"), applicants: [Self.partyA], court: "某区人民法院", today: today)
        }
        #expect(alone.code == "mediation.joint_application_required")
        let pending = Self.mediationCase(
            agreement: RecordedAgreement(
                content: Self.written(), partySignatures: [:], mediatorSignedOn: nil, sealedOn: nil, effectiveOn: nil))
        let notYet = try #require(throws: DomainError.self) {
            try pending.decideJudicialApplication(
                appliedOn: Self.day("2026-03-10"), applicants: both, court: "某区人民法院", today: today)
        }
        #expect(notYet.code == "mediation.agreement_not_effective")
    }

    @Test func med16TheCourtsAnswerIsExpectedWithinThreeDays() throws {
        let applied = JudicialConfirmation(
            application: .init(appliedOn: Self.day("2026-03-31"), court: "某区人民法院"), answer: nil)
        let agreed = Self.mediationCase(
            status: .agreement, agreement: Self.effective(on: "2026-03-01", deadline: nil), judicial: applied)
        let now = Date(timeIntervalSince1970: 1_780_000_000)
        #expect(
            !Self.codes(agreed.findings(now: now, today: Self.day("2026-04-03"))).contains(
                "mediation.court_answer_missing"))
        #expect(
            Self.codes(agreed.findings(now: now, today: Self.day("2026-04-04"))).contains(
                "mediation.court_answer_missing"))
        let answered = try agreed.decideJudicialAnswer(
            accepted: true, answeredOn: Self.day("2026-04-02"), today: Self.day("2026-04-04"))
        #expect(answered.judicialAnswer?.accepted == true)
        #expect(throws: DomainError.self) {
            try agreed.decideJudicialAnswer(
                accepted: true, answeredOn: Self.day("2026-03-30"), today: Self.day("2026-04-04"))
        }
    }

    @Test func med14APassedPerformanceDeadlineWithoutAFollowUpIsAFinding() {
        let now = Date(timeIntervalSince1970: 1_780_000_000)
        let code = "mediation.performance_overdue"
        let agreed = Self.mediationCase(status: .agreement, agreement: Self.effective(on: "2026-03-01"))
        #expect(!Self.codes(agreed.findings(now: now, today: Self.day("2026-04-30"))).contains(code))
        #expect(Self.codes(agreed.findings(now: now, today: Self.day("2026-05-01"))).contains(code))
        let followedUp = Self.mediationCase(
            status: .agreement, agreement: Self.effective(on: "2026-03-01"), lastFollowUpOn: "2026-04-30")
        #expect(!Self.codes(followedUp.findings(now: now, today: Self.day("2026-05-01"))).contains(code))
        let earlyButNotPerformed = Self.mediationCase(
            status: .agreement, agreement: Self.effective(on: "2026-03-01"), lastFollowUpOn: "2026-04-01")
        #expect(Self.codes(earlyButNotPerformed.findings(now: now, today: Self.day("2026-05-01"))).contains(code))
        let performed = Self.mediationCase(
            status: .agreement, agreement: Self.effective(on: "2026-03-01"), lastFollowUpOn: "2026-04-01",
            performed: true)
        #expect(!Self.codes(performed.findings(now: now, today: Self.day("2026-05-01"))).contains(code))
    }

    @Test func med10HighRiskNeedsAPoliceReportAndCriticalCasesReachTheStreetInTime() throws {
        let created = Date(timeIntervalSince1970: 1_780_000_000)
        let today = Self.day("2026-05-29")
        let high = Self.mediationCase(risk: .high, createdAt: created)
        #expect(Self.codes(high.findings(now: created, today: today)).contains("mediation.police_report_missing"))
        #expect(
            !Self.codes(Self.mediationCase(risk: .medium).findings(now: created, today: today)).contains(
                "mediation.police_report_missing"))
        let report = PoliceReport(reportedAt: created, reportedTo: "某派出所")
        let change = try high.decidePoliceReport(report, now: created)
        #expect(change.policeReport == report)
        #expect(throws: DomainError.self) {
            try high.decidePoliceReport(
                PoliceReport(reportedAt: created.addingTimeInterval(3600), reportedTo: "x"), now: created)
        }
        let reported = Self.mediationCase(risk: .high, police: report, createdAt: created)
        #expect(reported.findings(now: created, today: today).isEmpty)
        #expect(throws: DomainError.self) { try reported.decidePoliceReport(report, now: created) }

        let critical = Self.mediationCase(risk: .critical, police: report, createdAt: created)
        let justInTime = created.addingTimeInterval(23 * 3600 + 3599)
        #expect(critical.findings(now: justInTime, today: today).isEmpty)
        let late = critical.findings(now: created.addingTimeInterval(24 * 3600), today: today)
        #expect(late.map(\.code) == ["mediation.critical_not_at_street"])
        #expect(late.first?.actual == "24 h")
        let atStreet = Self.mediationCase(risk: .critical, level: .street, police: report, createdAt: created)
        #expect(atStreet.findings(now: created.addingTimeInterval(48 * 3600), today: today).isEmpty)
    }

    @Test func med1ACommunityWithoutAMediationCommitteeIsFlagged() {
        let now = Date(timeIntervalSince1970: 1_780_000_000)
        let today = Self.day("2026-05-29")
        #expect(
            Self.mediationCase(hasCommittee: false).findings(now: now, today: today).map(\.rule) == ["MED-1"])
        #expect(Self.mediationCase(hasCommittee: true).findings(now: now, today: today).isEmpty)
        #expect(Self.mediationCase(level: .street, hasCommittee: false).findings(now: now, today: today).isEmpty)
    }

    @Test func med6AndMed8APartyMayWithdrawFromEveryOpenState() throws {
        for open in [MediationStatus.received, .accepted, .inMediation] {
            try open.checkTransition(to: .withdrawn)
        }
        for concluded in [MediationStatus.agreement, .failed, .declined, .closed, .withdrawn] {
            #expect(throws: DomainError.self) { try concluded.checkTransition(to: .withdrawn) }
        }
    }

    @Test func med17TheCataloguesExampleReadAsACivilCodeMonth() {
        // domain-rules.md MED-17's example: accepted 2026-01-01, "still open 2026-02-01 → warning".
        // Read as the Civil Code reads a month (第二百零一、二百零二条), 2026-02-01 is the last day
        // of the period, so the warning starts on 2026-02-02; the contract says so.
        let accepted = Self.day("2026-01-01")
        #expect(MediationClock.deadline(acceptedOn: accepted) == Self.day("2026-02-01"))
        #expect(
            !MediationClock.isOverdue(
                status: .inMediation, acceptedOn: accepted, extensionDays: 0, today: Self.day("2026-02-01")))
        #expect(
            MediationClock.isOverdue(
                status: .inMediation, acceptedOn: accepted, extensionDays: 0, today: Self.day("2026-02-02")))
    }
}
