import Governance
import Testing

/// Working-day counting with a loaded calendar. The dates are a fixture, not an official notice.
@Suite struct WorkingCalendarTests {
    static func day(_ text: String) -> CalendarDay { CalendarDay(text)! }

    /// A fixture year: Wednesday 1 and Thursday 2 October off, Saturday 11 October worked.
    static let fixture = WorkingCalendar(
        year: 2098, holidays: [day("2098-10-01"), day("2098-10-02")], workingWeekends: [day("2098-10-11")])

    @Test func holidaysAreSkippedAndAdjustedWeekendsCounted() {
        let days = HandlingDays(calendars: [Self.fixture])
        #expect(Self.day("2098-10-01").isoWeekday == 3)  // the fixture's holidays fall on Wednesday and Thursday
        // From Tuesday 30 September: Wed and Thu are holidays, Fri 3 is the first working day.
        let one = days.due(from: Self.day("2098-09-30"), days: 1, kind: .working)
        #expect(one.day == Self.day("2098-10-03") && one.calendar == HandlingDays.officialCalendar)
        // Saturday 11 October is worked: five working days from Wednesday 8 end on Tuesday 14, not Wednesday 15.
        #expect(days.due(from: Self.day("2098-10-08"), days: 5, kind: .working).day == Self.day("2098-10-14"))
        #expect(
            HandlingDays.weekdaysOnly.due(from: Self.day("2098-10-08"), days: 5, kind: .working).day
                == Self.day("2098-10-15"))
        // Calendar days ignore the calendar.
        let calendarDays = days.due(from: Self.day("2098-09-30"), days: 1, kind: .calendar)
        #expect(calendarDays.day == Self.day("2098-10-01") && calendarDays.calendar == nil)
    }

    @Test func aYearWithoutACalendarCountsWeekdaysAndSaysSo() {
        let days = HandlingDays(calendars: [Self.fixture])
        let crossing = days.due(from: Self.day("2098-12-30"), days: 3, kind: .working)
        #expect(crossing.calendar == HandlingDays.weekdaysOnlyCalendar)
        #expect(crossing.day == Self.day("2099-01-02"))
        #expect(
            HandlingDays.weekdaysOnly.due(from: Self.day("2098-09-30"), days: 1, kind: .working).calendar
                == HandlingDays.weekdaysOnlyCalendar)
    }

    @Test func aCalendarIsValidatedDayByDay() {
        func refusal(_ holidays: [String], _ weekends: [String], year: Int = 2098) -> [String] {
            do {
                try WorkingCalendar.validate(
                    year: year, holidays: holidays.map(Self.day), workingWeekends: weekends.map(Self.day))
                return []
            } catch { return error.fieldErrors.map { "\($0.field):\($0.code)" } }
        }
        #expect(refusal(["2098-10-01"], ["2098-10-11"]).isEmpty)
        #expect(refusal(["2097-10-01"], []) == ["holidays/0:other_year"])
        #expect(refusal([], ["2098-10-13"]) == ["workingWeekends/0:not_a_weekend"])  // a Monday
        #expect(refusal(["2098-10-11"], ["2098-10-11"]) == ["workingWeekends/0:also_a_holiday"])
        #expect(refusal(["2098-10-01", "2098-10-01"], []) == ["holidays:duplicate"])
        #expect(refusal([], [], year: 1999) == ["year:out_of_range"])
        #expect(
            (try? WorkingCalendar.checkEditor(scopePath: "c1.d2")) == nil
                && (try? WorkingCalendar.checkEditor(scopePath: "c1")) != nil)
    }
}
