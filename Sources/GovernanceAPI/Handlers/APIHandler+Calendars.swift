import Foundation
import Governance
import GovernanceOpenAPI
import GovernanceServices
import GovernanceStore

extension APIHandler {
    func getWorkingCalendar(_ input: Operations.GetWorkingCalendar.Input) async throws
        -> Operations.GetWorkingCalendar.Output
    {
        let calendar = try await workingCalendarService.get(year: input.path.year, context: .current())
        setHeaders(version: calendar.version)
        return .ok(.init(body: .json(.init(calendar))))
    }

    func putWorkingCalendar(_ input: Operations.PutWorkingCalendar.Input) async throws
        -> Operations.PutWorkingCalendar.Output
    {
        guard case .json(let body) = input.body else { throw DomainError.validation([]) }
        let saved = try await workingCalendarService.put(
            year: input.path.year,
            holidays: try body.holidays.enumerated().map { try parseDay($0.element, field: "holidays/\($0.offset)") },
            workingWeekends: try body.workingWeekends.enumerated().map {
                try parseDay($0.element, field: "workingWeekends/\($0.offset)")
            },
            context: .current())
        setHeaders(version: saved.version)
        return .ok(.init(body: .json(.init(saved))))
    }
}

extension Components.Schemas.WorkingCalendar {
    init(_ calendar: WorkingCalendar) {
        self.init(
            year: calendar.year, holidays: calendar.holidays.sorted().map(\.description),
            workingWeekends: calendar.workingWeekends.sorted().map(\.description), version: calendar.version)
    }
}
