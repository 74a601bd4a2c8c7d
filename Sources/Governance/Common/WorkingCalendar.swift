/// A year's working-day calendar as a city loads it from the State Council's annual notice:
/// public holidays and the weekend days made working days (调休). No date is built in: a year
/// without a loaded calendar counts Monday to Friday, and says so.
public struct WorkingCalendar: Sendable, Hashable {
    /// The year.
    public let year: Int
    /// Days off (法定节假日 and the days added to them).
    public let holidays: Set<CalendarDay>
    /// Saturdays and Sundays worked in exchange (调休上班).
    public let workingWeekends: Set<CalendarDay>
    /// Version.
    public let version: Int

    /// Creates a calendar value.
    public init(year: Int, holidays: Set<CalendarDay>, workingWeekends: Set<CalendarDay>, version: Int = 1) {
        self.year = year
        self.holidays = holidays
        self.workingWeekends = workingWeekends
        self.version = version
    }

    /// Whether `day` is a working day by this calendar.
    public func isWorkingDay(_ day: CalendarDay) -> Bool {
        if holidays.contains(day) { return false }
        if workingWeekends.contains(day) { return true }
        return !day.isWeekend
    }

    /// The year is plausible, every day lies in it, a working weekend is a Saturday or Sunday,
    /// no day is both, and the lists are of a year's size.
    public static func validate(year: Int, holidays: [CalendarDay], workingWeekends: [CalendarDay])
        throws(DomainError)
    {
        var validator = FieldValidator()
        validator.range("year", year, 2000...2100)
        if holidays.count > 60 {
            validator.fail("holidays", "too_many", zh: "节假日不能超过 60 天。", en: "At most 60 holidays.")
        }
        if workingWeekends.count > 20 {
            validator.fail("workingWeekends", "too_many", zh: "调休上班日不能超过 20 天。", en: "At most 20 working weekends.")
        }
        for (index, day) in holidays.enumerated() where day.year != year {
            validator.fail("holidays/\(index)", "other_year", zh: "日期不在该年度。", en: "Not in this year.")
        }
        for (index, day) in workingWeekends.enumerated() {
            if day.year != year {
                validator.fail("workingWeekends/\(index)", "other_year", zh: "日期不在该年度。", en: "Not in this year.")
            } else if !day.isWeekend {
                validator.fail(
                    "workingWeekends/\(index)", "not_a_weekend", zh: "调休上班日须为周六或周日。",
                    en: "A working weekend day is a Saturday or Sunday.")
            } else if holidays.contains(day) {
                validator.fail(
                    "workingWeekends/\(index)", "also_a_holiday", zh: "同一天不能既是节假日又是调休上班日。",
                    en: "A day is not both a holiday and a working weekend day.")
            }
        }
        if Set(holidays).count != holidays.count {
            validator.fail("holidays", "duplicate", zh: "日期重复。", en: "A day is listed twice.")
        }
        if Set(workingWeekends).count != workingWeekends.count {
            validator.fail("workingWeekends", "duplicate", zh: "日期重复。", en: "A day is listed twice.")
        }
        try validator.check()
    }

    /// Only an admin of the whole city loads its calendar.
    public static func checkEditor(scopePath: String) throws(DomainError) {
        guard AreaPath.isCityWide(scopePath) else {
            throw DomainError(
                .forbidden, code: "calendar.city_level",
                message: LocalizedText(
                    zh: "工作日历由市级管理员维护。", en: "A city's working calendar is loaded by an admin of the city."))
        }
    }
}
