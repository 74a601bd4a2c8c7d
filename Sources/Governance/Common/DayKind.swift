/// How a time limit counts days: every day, or working days only.
public enum DayKind: String, Sendable, Hashable, CaseIterable {
    case calendar, working
}

/// Deadlines in calendar or working days.
///
/// Working days follow the city's loaded calendars (holidays and adjusted working weekends,
/// 调休); a year without one counts Monday to Friday, and the result says `weekdays_only`.
public struct HandlingDays: Sendable, Hashable {
    /// The calendars loaded, by year.
    public let calendars: [Int: WorkingCalendar]

    /// Counts with these calendars.
    public init(calendars: [WorkingCalendar] = []) {
        self.calendars = Dictionary(calendars.map { ($0.year, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Monday to Friday everywhere.
    public static let weekdaysOnly = HandlingDays()

    /// What a count used: a loaded calendar for every year it crossed, or weekdays only.
    public static let officialCalendar = "official"
    /// The marker of a working-day count made without a loaded calendar.
    public static let weekdaysOnlyCalendar = "weekdays_only"

    /// The last day of a limit of `days` counted from the day after `start`, and, for working
    /// days, which calendar the count used.
    public func due(from start: CalendarDay, days: Int, kind: DayKind) -> (day: CalendarDay, calendar: String?) {
        switch kind {
        case .calendar:
            return (start.addingDays(days), nil)
        case .working:
            var day = start
            var left = days
            var official = true
            while left > 0 {
                day = day.addingDays(1)
                let calendar = calendars[day.year]
                if calendar == nil { official = false }
                if calendar?.isWorkingDay(day) ?? !day.isWeekend { left -= 1 }
            }
            return (day, official ? Self.officialCalendar : Self.weekdaysOnlyCalendar)
        }
    }

    /// The latest day from which `days` still lie ahead of `end`: counting back from `end`
    /// (included) the days of the kind, the day before the last one counted. An application due
    /// 30 working days before its start is submitted by this day (ADM-5).
    public func latestStart(before end: CalendarDay, days: Int, kind: DayKind) -> (
        day: CalendarDay, calendar: String?
    ) {
        switch kind {
        case .calendar:
            return (end.addingDays(-days), nil)
        case .working:
            var day = end
            var left = days
            var official = true
            while left > 0 {
                let calendar = calendars[day.year]
                if calendar == nil { official = false }
                if calendar?.isWorkingDay(day) ?? !day.isWeekend { left -= 1 }
                day = day.addingDays(-1)
            }
            return (day, official ? Self.officialCalendar : Self.weekdaysOnlyCalendar)
        }
    }

    /// The last day of a limit (the calendar used aside).
    public static func due(from start: CalendarDay, days: Int, kind: DayKind) -> CalendarDay {
        weekdaysOnly.due(from: start, days: days, kind: kind).day
    }
}

extension CalendarDay {
    /// Days since 1970-01-01 (negative before), for weekday arithmetic.
    public var daysSinceEpoch: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// ISO weekday: 1 Monday … 7 Sunday.
    public var isoWeekday: Int {
        let weekday = (daysSinceEpoch + 3) % 7  // 1970-01-01 was a Thursday
        return (weekday < 0 ? weekday + 7 : weekday) + 1
    }

    /// Saturday or Sunday.
    public var isWeekend: Bool { isoWeekday >= 6 }
}
