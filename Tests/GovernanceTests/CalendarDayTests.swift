import Governance
import Testing

/// A day's text is `YYYY-MM-DD` and reads back as the same day.
@Suite struct CalendarDayTests {
    @Test(arguments: [
        (1, 1, 1, "0001-01-01"), (999, 9, 9, "0999-09-09"), (2026, 10, 31, "2026-10-31"), (2024, 2, 29, "2024-02-29"),
        (9999, 12, 31, "9999-12-31"),
    ])
    func aDayIsWrittenAsItsDigits(year: Int, month: Int, day: Int, text: String) throws {
        let calendarDay = try #require(CalendarDay(year: year, month: month, day: day))
        #expect(calendarDay.description == text)
        #expect(CalendarDay(text) == calendarDay)
    }
}
