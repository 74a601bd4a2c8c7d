import Foundation
import Governance
import Testing

@Suite struct CommonRulesTests {
    @Test(arguments: [
        (AreaKind.district, AreaKind.city, true), (.street, .district, true), (.township, .district, true),
        (.community, .street, true),
        (.village, .township, true), (.grid, .community, true), (.grid, .village, true), (.microgrid, .grid, true),
        (.grid, .street, false), (.community, .district, false), (.city, .city, false), (.district, .street, false),
        (.microgrid, .community, false),
    ])
    func areaPlacement(child: AreaKind, parent: AreaKind, allowed: Bool) {
        if allowed {
            #expect(throws: Never.self) { try AreaKind.checkPlacement(child: child, parent: parent) }
        } else {
            #expect(throws: DomainError.self) { try AreaKind.checkPlacement(child: child, parent: parent) }
        }
    }

    @Test(arguments: [
        (nil, Language.chinese), ("en", .english), ("en-US,en;q=0.9", .english), ("zh-CN,zh;q=0.9,en;q=0.8", .chinese),
        ("zh;q=0.5, en;q=0.8", .english), ("fr", .chinese), ("*", .chinese),
    ])
    func acceptLanguage(header: String?, language: Language) {
        #expect(Language(acceptLanguage: header) == language)
    }

    @Test func idCursorsRoundTripAndGarbageIsRefused() throws {
        let id = Identifier.make()
        #expect(try PageCursor.decodeID(PageCursor.encode(id)) == id)
        #expect(try PageCursor.decodeSequence(PageCursor.encode(Int64(42))) == 42)
        for garbage in ["", "i", "x0123", "i" + String(repeating: "g", count: 32), "s-1", "s99999999999999999999999"] {
            #expect(throws: DomainError.self) { try PageCursor.decodeID(garbage) }
            #expect(throws: DomainError.self) { try PageCursor.decodeSequence(garbage) }
        }
    }

    @Test(arguments: [(nil, 50), (1, 1), (100, 100)])
    func pageLimits(value: Int?, expected: Int) throws {
        #expect(try PageCursor.limit(value) == expected)
    }

    @Test(arguments: [0, 101, 200])
    func pageLimitsOutsideOneToAHundredAreRefused(value: Int) {
        #expect(throws: DomainError.self) { try PageCursor.limit(value) }
    }

    @Test(arguments: [0, 201, -1])
    func pageLimitsOutOfRange(value: Int) {
        #expect(throws: DomainError.self) { try PageCursor.limit(value) }
    }

    @Test func identifiersAreTimeOrdered() {
        let earlier = Identifier.make(now: Date(timeIntervalSince1970: 1_700_000_000))
        let later = Identifier.make(now: Date(timeIntervalSince1970: 1_700_000_001))
        #expect(earlier.uuidString < later.uuidString)
        #expect(later.uuidString.dropFirst(14).first == "7")
    }

    @Test func etagNamesAVersion() {
        #expect(Versioning.etag(7) == "\"7\"")
    }

    @Test func principalsCoverTheirSubtreeOnly() {
        let principal = Principal(
            tokenId: UUID(), role: .staff, scopeAreaId: UUID(), scopePath: "c1.d2", expiresAt: .distantFuture)
        #expect(principal.covers(path: "c1.d2"))
        #expect(principal.covers(path: "c1.d2.s3"))
        #expect(!principal.covers(path: "c1.d23"))
        #expect(!principal.covers(path: "c1"))
    }

    @Test func tokenExpiryIsBounded() throws {
        let now = Date()
        let area = UUID()
        #expect(
            try NewToken(role: .staff, areaId: area, expiresAt: nil, label: nil).validatedExpiry(now: now)
                == now.addingTimeInterval(90 * 86_400))
        #expect(throws: DomainError.self) {
            try NewToken(role: .staff, areaId: area, expiresAt: now, label: nil).validatedExpiry(now: now)
        }
        #expect(throws: DomainError.self) {
            try NewToken(role: .staff, areaId: area, expiresAt: now.addingTimeInterval(367 * 86_400), label: nil)
                .validatedExpiry(now: now)
        }
    }

    @Test func onlyRolesThatNeedPersonalDataSeeIt() {
        #expect(Set(Role.allCases.filter(\.seesPersonalData)) == [.admin, .staff, .gridWorker, .mediator])
    }
}

@Suite struct CalendarDayTodayTests {
    @Test func todayIsCountedInChinaStandardTime() {
        // 2026-11-23 16:30 UTC is already 2026-11-24 00:30 in Beijing.
        #expect(CalendarDay.today(now: Date(timeIntervalSince1970: 1_795_451_400)) == CalendarDay("2026-11-24"))
        #expect(CalendarDay.today(now: Date(timeIntervalSince1970: 1_795_449_600 - 1)) == CalendarDay("2026-11-23"))
    }
}
