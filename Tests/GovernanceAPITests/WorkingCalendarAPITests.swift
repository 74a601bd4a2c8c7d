import Foundation
import Governance
import GovernanceServices
import HTTPTypes
import HummingbirdTesting
import Testing

/// Working calendars through the API. Tests share one city: the fixture years are far ahead,
/// except where a deadline of today's events is the point (then the fixture holiday only moves
/// other tests' deadlines, which they do not assert).
@Suite struct WorkingCalendarAPITests {
    static func cityAdmin(_ tree: TestTree) async throws -> String {
        let city = try #require(try await tree.provisioning.root(deadline: .now.advanced(by: .seconds(5))))
        return try await tree.token(.admin, city)
    }

    @Test func aCityAdminLoadsAYearAndEveryoneReadsIt() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let city = try await Self.cityAdmin(tree)
            let district = try await tree.token(.admin, tree.district)
            let body: [String: Any] = ["holidays": ["2097-10-01", "2097-10-02"], "workingWeekends": ["2097-09-29"]]
            let refused = try await client.send(.put, "/v1/calendars/2097", token: district, json: body)
            #expect(refused.status == .forbidden && refused.json["code"] as? String == "calendar.city_level")
            let loaded = try await client.send(.put, "/v1/calendars/2097", token: city, json: body)
            #expect(loaded.status == .ok, "\(loaded.text)")
            let staff = try await tree.token(.staff, tree.community1)
            let read = try await client.send(.get, "/v1/calendars/2097", token: staff)
            #expect(read.json["holidays"] as? [String] == ["2097-10-01", "2097-10-02"])
            #expect(read.json["workingWeekends"] as? [String] == ["2097-09-29"])
            #expect(try await client.send(.get, "/v1/calendars/2096", token: staff).status == .notFound)
            let monday = try await client.send(
                .put, "/v1/calendars/2097", token: city, json: ["holidays": [], "workingWeekends": ["2097-09-30"]])
            #expect(monday.status == .unprocessableContent && monday.text.contains("not_a_weekend"))
            let otherYear = try await client.send(
                .put, "/v1/calendars/2097", token: city, json: ["holidays": ["2098-01-01"], "workingWeekends": []])
            #expect(otherYear.status == .unprocessableContent && otherYear.text.contains("other_year"))
        }
    }

    @Test func aGridEventDeadlineSkipsALoadedHoliday() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let city = try await Self.cityAdmin(tree)
            let today = CalendarDay.today(now: Date())
            // The fixture holiday: the first weekday after today.
            var holiday = today.addingDays(1)
            while holiday.isWeekend { holiday = holiday.addingDays(1) }
            var holidays = [holiday.description]
            if holiday.year != today.year { holidays = [] }
            for year in [today.year, today.year + 1] {
                let inYear = holidays.filter { $0.hasPrefix("\(year)-") }
                let loaded = try await client.send(
                    .put, "/v1/calendars/\(year)", token: city, json: ["holidays": inYear, "workingWeekends": []])
                #expect(loaded.status == .ok, "\(loaded.text)")
            }
            let staff = try await tree.token(.staff, tree.community1)
            let reported = try await GridEventTests.report(
                client, staff, area: tree.grid1, category: "environment_sanitation")
            let id = try #require(reported.json["id"] as? String)
            let accepted = try await GridEventTests.step(client, staff, id, ["action": "accept"])
            #expect(accepted.json["calendar"] as? String == "official", "\(accepted.text)")
            let expected = HandlingDays(
                calendars: [
                    WorkingCalendar(
                        year: today.year, holidays: Set(holidays.compactMap { CalendarDay($0) }), workingWeekends: []),
                    WorkingCalendar(year: today.year + 1, holidays: [], workingWeekends: []),
                ]
            ).due(from: today, days: 3, kind: .working).day
            #expect(accepted.json["dueOn"] as? String == expected.description)
            if !holidays.isEmpty {
                #expect(expected != HandlingDays.due(from: today, days: 3, kind: .working))
            }
        }
    }
}
