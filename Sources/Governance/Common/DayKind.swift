/// How a time limit counts days: every day, or working days only.
public enum DayKind: String, Sendable, Hashable, CaseIterable {
    case calendar, working
}

/// Deadlines in calendar or working days.
///
/// Working days are Monday to Friday: no official holiday calendar is loaded in the service, so
/// results say `weekdays_only` (`DueDay.calendar`) and a holiday or an adjusted working weekend
/// (调休) is not taken into account.
public enum HandlingDays {
    /// The calendar a working-day count used.
    public static let weekdaysOnly = "weekdays_only"

    /// The last day of a limit of `days` counted from the day after `start`.
    public static func due(from start: CalendarDay, days: Int, kind: DayKind) -> CalendarDay {
        switch kind {
        case .calendar:
            return start.addingDays(days)
        case .working:
            var day = start
            var left = days
            while left > 0 {
                day = day.addingDays(1)
                if !day.isWeekend { left -= 1 }
            }
            return day
        }
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
