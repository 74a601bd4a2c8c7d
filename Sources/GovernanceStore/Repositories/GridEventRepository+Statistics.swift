public import Foundation
public import Governance
import Postgres

extension GridEventRepository {
    /// The figures of a subtree: counts by status, tier, category and source from one
    /// `GROUP BY GROUPING SETS` query, and the departments and repeat places from two more, all
    /// sent together on the pipelined read path; nothing is counted in Swift.
    public func statistics(
        areaPath: String, departmentId: UUID?, today: CalendarDay, deadline: ContinuousClock.Instant
    ) async throws -> GridEventStatistics {
        var scope: PostgresQuery = "e.area_path <@ \(areaPath)::ltree"
        if let departmentId {
            scope.append(
                " AND EXISTS (SELECT 1 FROM grid_event_dispatch rd WHERE rd.event_id = e.id AND rd.department_id = \(departmentId))"
            )
        }
        var groups: PostgresQuery = """
            SELECT e.status, e.level, e.category, e.source, GROUPING(e.status, e.level, e.category, e.source) AS grouping,
                   count(*) AS total,
                   count(e.rating) AS rated,
                   count(*) FILTER (WHERE e.rating IN ('satisfied', 'basically_satisfied')) AS satisfied,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM e.resolved_at - e.created_at) / 3600)
                       AS median_hours,
                   count(*) FILTER (WHERE
            """
        groups.append(Self.overdue(on: today))
        groups.append(") AS overdue FROM grid_event e WHERE ")
        groups.append(scope)
        groups.append(" GROUP BY GROUPING SETS ((e.status), (e.level), (e.category), (e.source), ())")
        var departments: PostgresQuery = """
            SELECT d.department_id, count(*) AS dispatched,
                   count(*) FILTER (WHERE d.status = 'returned') AS returned,
                   count(*) FILTER (WHERE d.status = 'fed_back') AS fed_back,
                   count(*) FILTER (WHERE d.status = 'fed_back' AND d.fed_back_on <= d.due_on) AS on_time,
                   count(*) FILTER (WHERE d.status IN ('pending', 'accepted') AND \(today)::date > d.due_on) AS overdue
            FROM grid_event_dispatch d JOIN grid_event e ON e.id = d.event_id WHERE
            """
        departments.append(" ")
        departments.append(scope)
        if let departmentId { departments.append(" AND d.department_id = \(departmentId)") }
        departments.append(" GROUP BY d.department_id ORDER BY d.department_id")
        var repeats: PostgresQuery = """
            SELECT e.area_id, e.building_id, e.category, count(*) AS n FROM grid_event e
            WHERE e.created_at > now() - interval '90 days' AND e.status <> 'merged' AND
            """
        repeats.append(" ")
        repeats.append(scope)
        repeats.append(
            " GROUP BY e.area_id, e.building_id, e.category HAVING count(*) > 1 ORDER BY n DESC, e.area_id LIMIT 20")
        async let groupRows = store.read(groups, deadline: deadline)
        async let departmentRows = store.read(departments, deadline: deadline)
        async let repeatRows = store.read(repeats, deadline: deadline)
        let results = try await [groupRows, departmentRows, repeatRows]
        var statistics = GridEventStatistics()
        for row in results[0] {
            let count: Int = try row.decode("total")
            // GROUPING's bits name the columns left out of a row's set (status is the highest).
            switch try row.decode("grouping", as: Int.self) {
            case 0b0111: statistics.byStatus[try row.decode("status")] = count
            case 0b1011: if let tier = try row.decode("level", as: String?.self) { statistics.byTier[tier] = count }
            case 0b1101: statistics.byCategory[try row.decode("category")] = count
            case 0b1110: statistics.bySource[try row.decode("source")] = count
            default:
                statistics.total = count
                statistics.rated = try row.decode("rated")
                statistics.satisfied = try row.decode("satisfied")
                statistics.overdue = try row.decode("overdue")
                statistics.medianHoursToResolve = try row.decode("median_hours")
            }
        }
        statistics.departments = try results[1].map { row in
            GridEventStatistics.Department(
                departmentId: try row.decode("department_id"), dispatched: try row.decode("dispatched"),
                returned: try row.decode("returned"), fedBack: try row.decode("fed_back"),
                onTime: try row.decode("on_time"), overdue: try row.decode("overdue"))
        }
        statistics.repeatLocations = try results[2].map { row in
            GridEventStatistics.RepeatLocation(
                areaId: try row.decode("area_id"), buildingId: try row.decode("building_id"),
                category: try row.decode("category"), count: try row.decode("n"))
        }
        return statistics
    }
}
