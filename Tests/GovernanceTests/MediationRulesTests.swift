import Foundation
import Governance
import Testing

@Suite struct MediationRulesTests {
    @Test func theTransitionTable() throws {
        let legal: [(MediationStatus, MediationStatus)] = [
            (.received, .accepted), (.received, .declined), (.received, .withdrawn), (.accepted, .inMediation),
            (.accepted, .declined), (.accepted, .withdrawn),
            (.inMediation, .agreement),
            (.inMediation, .failed), (.inMediation, .withdrawn), (.agreement, .closed), (.failed, .closed),
        ]
        for from in MediationStatus.allCases {
            for to in MediationStatus.allCases {
                if legal.contains(where: { $0 == (from, to) }) {
                    try from.checkTransition(to: to)
                } else {
                    #expect(throws: DomainError.self) { try from.checkTransition(to: to) }
                }
            }
        }
    }

    @Test(arguments: [
        ("2026-01-31", 0, "2026-02-28"), ("2028-01-31", 0, "2028-02-29"), ("2026-03-15", 0, "2026-04-15"),
        ("2026-12-20", 0, "2027-01-20"),
        ("2026-01-31", 15, "2026-03-15"), ("2028-02-29", 0, "2028-03-29"), ("2026-08-31", 30, "2026-10-30"),
    ])
    func deadlinesAreAMonthAfterAcceptancePlusExtensions(accepted: String, extension days: Int, deadline: String) {
        #expect(
            MediationClock.deadline(acceptedOn: CalendarDay(accepted)!, extensionDays: days) == CalendarDay(deadline))
    }

    @Test func overdueIsComputedForOpenCasesOnly() {
        let accepted = CalendarDay("2026-01-31")!
        #expect(
            !MediationClock.isOverdue(
                status: .inMediation, acceptedOn: accepted, extensionDays: 0, today: CalendarDay("2026-02-28")!))
        #expect(
            MediationClock.isOverdue(
                status: .inMediation, acceptedOn: accepted, extensionDays: 0, today: CalendarDay("2026-03-01")!))
        #expect(
            !MediationClock.isOverdue(
                status: .agreement, acceptedOn: accepted, extensionDays: 0, today: CalendarDay("2026-06-01")!))
        #expect(
            !MediationClock.isOverdue(
                status: .received, acceptedOn: nil, extensionDays: 0, today: CalendarDay("2026-06-01")!))
    }

    @Test(arguments: [("2026-01-15", "2026-02-14"), ("2028-02-10", "2028-03-11"), ("2026-12-15", "2027-01-14")])
    func judicialConfirmationWindowIsThirtyDays(agreement: String, lastDay: String) {
        #expect(
            MediationClock.judicialConfirmationDeadline(effectiveOn: CalendarDay(agreement)!) == CalendarDay(lastDay))
    }

    @Test func extensionsNeedAReasonAndEveryPartysConsent() throws {
        try MediationClock.checkExtension(days: 15, reason: "需要补充证据", everyPartyConsents: true)
        #expect(throws: DomainError.self) {
            try MediationClock.checkExtension(days: 15, reason: "需要补充证据", everyPartyConsents: false)
        }
        #expect(throws: DomainError.self) {
            try MediationClock.checkExtension(days: 15, reason: " ", everyPartyConsents: true)
        }
        #expect(throws: DomainError.self) {
            try MediationClock.checkExtension(days: 0, reason: "x", everyPartyConsents: true)
        }
    }

    @Test func med20EscalationGoesOneLevelUpAndStopsAtTheDistrict() throws {
        #expect(
            try MediationEscalation.target(from: .compound, status: .inMediation, hasPendingEscalation: false)
                == .community)
        #expect(
            try MediationEscalation.target(from: .community, status: .inMediation, hasPendingEscalation: false)
                == .street)
        #expect(
            try MediationEscalation.target(from: .street, status: .accepted, hasPendingEscalation: false) == .district)
        #expect(throws: DomainError.self) {
            try MediationEscalation.target(from: .district, status: .inMediation, hasPendingEscalation: false)
        }
        #expect(throws: DomainError.self) {
            try MediationEscalation.target(from: .community, status: .agreement, hasPendingEscalation: false)
        }
        #expect(throws: DomainError.self) {
            try MediationEscalation.target(from: .community, status: .inMediation, hasPendingEscalation: true)
        }
        try MediationEscalation.checkReceiver(scopePath: "c1.d2.s3", targetPath: "c1.d2.s3")
        try MediationEscalation.checkReceiver(scopePath: "c1.d2", targetPath: "c1.d2.s3")
        #expect(throws: DomainError.self) {
            try MediationEscalation.checkReceiver(scopePath: "c1.d2.s3.m4", targetPath: "c1.d2.s3")
        }
        #expect(MediationEscalation.needsStreetAttention(risk: .critical, level: .community))
        #expect(!MediationEscalation.needsStreetAttention(risk: .critical, level: .street))
        #expect(!MediationEscalation.needsStreetAttention(risk: .high, level: .community))
    }

    @Test func med19LevelsFollowComplexityAndThePath() {
        // MED-19: simple → the compound where the community has compounds, else the community;
        // general → the community; complex → the street.
        #expect(MediationLevel.initial(for: .simple, communityHasCompounds: true) == .compound)
        #expect(MediationLevel.initial(for: .simple, communityHasCompounds: false) == .community)
        #expect(MediationLevel.initial(for: .general, communityHasCompounds: true) == .community)
        #expect(MediationLevel.initial(for: .complex, communityHasCompounds: true) == .street)
        #expect(MediationLevel.compound.parent == .community)
        #expect(MediationLevel.compound.path(from: "c1.d2.s3.m4.g5") == "c1.d2.s3.m4")
        #expect(MediationLevel.community.path(from: "c1.d2.s3.m4.g5") == "c1.d2.s3.m4")
        #expect(MediationLevel.street.path(from: "c1.d2.s3.m4.g5") == "c1.d2.s3")
        #expect(MediationLevel.district.path(from: "c1.d2.s3.m4") == "c1.d2")
    }
}
