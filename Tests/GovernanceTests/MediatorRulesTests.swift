import Foundation
import Governance
import Testing

/// Mediators as people: adults (MED-4), serving at the case's level and not recalled or
/// dismissed (MED-9, MED-22), a full-time one per community (MED-5).
@Suite struct MediatorRulesTests {
    static func day(_ text: String) -> CalendarDay { CalendarDay(text)! }

    static func post(endedOn: String? = nil, until: String? = nil, path: String = "c1.d2.s3.m4") -> Mediator {
        Mediator(
            id: UUID(), personId: UUID(), personName: "王调解", areaId: UUID(), areaPath: path, committeeId: nil,
            kind: .engaged, employment: .fullTime, engagedOn: day("2026-01-01"), engagedUntil: until.map(day),
            endedOn: endedOn.map(day), endReason: endedOn == nil ? nil : "收受财物", trainings: [], version: 1,
            createdAt: Date())
    }

    @Test func med4AMediatorIsEighteenOnTheFirstDayCountedToTheDay() throws {
        #expect(MediatorRules.isAdult(birthDate: Self.day("2008-11-30"), on: Self.day("2026-11-30")))
        #expect(!MediatorRules.isAdult(birthDate: Self.day("2008-11-30"), on: Self.day("2026-11-29")))
        // A 29 February birthday comes on 1 March in a common year.
        #expect(!MediatorRules.isAdult(birthDate: Self.day("2008-02-29"), on: Self.day("2026-02-28")))
        #expect(MediatorRules.isAdult(birthDate: Self.day("2008-02-29"), on: Self.day("2026-03-01")))
        let new = NewMediator(
            personId: UUID(), areaId: UUID(), committeeId: nil, kind: .engaged, employment: .partTime,
            engagedOn: nil, engagedUntil: nil)
        #expect(
            try MediatorRules.check(new, birthDate: Self.day("2008-11-30"), today: Self.day("2026-11-30"))
                == Self.day("2026-11-30"))
        let minor = try #require(throws: DomainError.self) {
            try MediatorRules.check(new, birthDate: Self.day("2008-12-01"), today: Self.day("2026-11-30"))
        }
        #expect(minor.code == "mediation.mediator_not_adult")
        var member = new
        member.kind = .member
        #expect(throws: DomainError.self, "a member names the committee") {
            try MediatorRules.check(member, birthDate: Self.day("1980-01-01"), today: Self.day("2026-11-30"))
        }
        var future = new
        future.engagedOn = Self.day("2026-12-01")
        #expect(throws: DomainError.self, "a post does not start after today") {
            try MediatorRules.check(future, birthDate: Self.day("1980-01-01"), today: Self.day("2026-11-30"))
        }
        #expect(ResidentIDNumber.birthDate(of: "11010519491231002X") == Self.day("1949-12-31"))
    }

    @Test func med22ARecalledOrDismissedMediatorIsNeverAssigned() throws {
        let today = Self.day("2026-11-30")
        try MediatorRules.checkAssignable([Self.post()], levelPath: "c1.d2.s3.m4", today: today)
        for refused in [
            Self.post(endedOn: "2026-11-01"), Self.post(until: "2026-11-29"), Self.post(path: "c1.d2.s3"),
        ] {
            #expect(throws: DomainError.self) {
                try MediatorRules.checkAssignable([refused], levelPath: "c1.d2.s3.m4", today: today)
            }
        }
        try MediatorRules.checkAssignable([Self.post(until: "2026-11-30")], levelPath: "c1.d2.s3.m4", today: today)
        #expect(throws: DomainError.self, "a reason is stated") { try MediatorRules.checkEnd(Self.post(), reason: " ") }
        #expect(throws: DomainError.self, "once") {
            try MediatorRules.checkEnd(Self.post(endedOn: "2026-11-01"), reason: "再次")
        }
        #expect(Self.post().endKind == "dismissal")
    }

    @Test func med5ACommunityWithoutAFullTimeMediatorIsFlagged() {
        let today = Self.day("2026-11-30")
        func findings(_ until: CalendarDay?) -> [String] {
            MediationAgreementRulesTests.mediationCase(fullTimeMediatorUntil: until)
                .findings(now: Date(), today: today).map(\.rule)
        }
        #expect(findings(nil) == ["MED-5"])
        #expect(findings(Self.day("2026-11-29")) == ["MED-5"])
        #expect(findings(Self.day("2026-11-30")).isEmpty)
    }
}
