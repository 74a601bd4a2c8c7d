import Foundation
package import Governance
package import GovernanceStore

/// The working-day calendars a city loads (ADM-5; grid-event deadlines in working days).
package struct WorkingCalendarService: Sendable {
    let store: Store
    let calendars: WorkingCalendarRepository

    /// Creates the service.
    package init(store: Store) {
        self.store = store
        self.calendars = WorkingCalendarRepository(store: store)
    }

    /// The caller's city's calendar of `year`; 404 when none is loaded.
    package func get(year: Int, context: CallContext) async throws -> WorkingCalendar {
        var validator = FieldValidator()
        validator.range("year", year, 2000...2100)
        try validator.check()
        guard let cityPath = AreaPath.city(of: context.scopePath),
            let found = try await calendars.find(
                cityPath: cityPath, years: [year], via: .pipeline(deadline: context.deadline)
            ).first
        else { throw DomainError.notFound("calendar") }
        return found
    }

    /// A city's admin loads a year's holidays and adjusted working weekends, as published.
    package func put(
        year: Int, holidays: [CalendarDay], workingWeekends: [CalendarDay], context: CallContext
    ) async throws -> WorkingCalendar {
        try WorkingCalendar.checkEditor(scopePath: context.scopePath)
        try WorkingCalendar.validate(year: year, holidays: holidays, workingWeekends: workingWeekends)
        guard let cityPath = AreaPath.city(of: context.scopePath) else {
            throw DomainError.notFound("area")
        }
        return try await store.audited(context.write) { transaction in
            let saved = try await calendars.put(
                WorkingCalendar(year: year, holidays: Set(holidays), workingWeekends: Set(workingWeekends)),
                cityPath: cityPath, in: transaction)
            return AuditedChange(
                saved, resourceType: "working_calendar", resourceId: nil, areaPath: cityPath,
                summary: [
                    "year": .int(year), "holidays": .int(holidays.count),
                    "workingWeekends": .int(workingWeekends.count),
                ])
        }
    }
}
