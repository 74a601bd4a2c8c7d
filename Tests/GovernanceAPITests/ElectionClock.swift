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
        try await travel(id, days: lead, in: database)
    }

    /// Lets `days` pass for the election `id`: every day it has recorded so far (its creation,
    /// polling day, publications, its roll's registrations and objections) moves back by `days`,
    /// as if those acts had happened `days` earlier.
    static func travel(_ id: String, days: Int, in database: PostgresClient) async throws {
        let election = UUID(uuidString: id)!
        let deadline = ContinuousClock.now.advanced(by: .seconds(5))
        _ = try await database.query(
            """
            UPDATE election SET created_at = created_at - make_interval(days => \(days)::int),
                   polling_day = polling_day - \(days)::int, roll_published_on = roll_published_on - \(days)::int,
                   candidates_published_on = candidates_published_on - \(days)::int
            WHERE id = \(election)
            """, deadline: deadline)
        _ = try await database.query(
            "UPDATE election_voter SET registered_on = registered_on - \(days)::int WHERE election_id = \(election)",
            deadline: deadline)
        _ = try await database.query(
            """
            UPDATE election_roll_objection SET filed_on = filed_on - \(days)::int, decided_on = decided_on - \(days)::int
            WHERE election_id = \(election)
            """, deadline: deadline)
    }
}
