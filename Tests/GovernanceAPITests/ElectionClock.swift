import Foundation
import Governance
import Postgres

/// An election's calendar in tests. An election is created with a polling day `lead` days
/// ahead (it must be after today); `arrivePollingDay` then moves its creation and polling day
/// back by as much in the database, as if it had been created `lead` days ago and polling day
/// were today, so that the roll and the candidates can be stated as published offline on past
/// days and voting may open today.
enum ElectionClock {
    /// Days between an election's creation and its polling day.
    static let lead = 40

    /// The polling day to create an election with.
    static var pollingDay: String { GovernanceClock.system.today.addingDays(lead).description }

    /// Today, `days` ago, as the API writes days.
    static func daysAgo(_ days: Int) -> String { GovernanceClock.system.today.addingDays(-days).description }

    /// Moves the election `id` back by `lead` days: created `lead` days ago, polling day today.
    static func arrivePollingDay(_ id: String, in database: PostgresClient) async throws {
        _ = try await database.query(
            """
            UPDATE election SET created_at = created_at - make_interval(days => \(lead)::int),
                   polling_day = polling_day - \(lead)::int
            WHERE id = \(UUID(uuidString: id)!)
            """, deadline: .now.advanced(by: .seconds(5)))
    }
}
