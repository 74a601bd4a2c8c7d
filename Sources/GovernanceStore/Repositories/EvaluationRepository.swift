public import Foundation
public import Governance
public import Postgres

/// Democratic evaluations of committee members (COM-13).
public struct EvaluationRepository: Sendable {
    let store: Store

    /// Creates the repository.
    public init(store: Store) { self.store = store }

    /// Whether `personId` serves on the supervision committee of `areaId` on `day`.
    public func supervises(_ personId: UUID, areaId: UUID, on day: CalendarDay, in transaction: PostgresTransaction)
        async throws -> Bool
    {
        let rows = try await transaction.query(
            """
            SELECT EXISTS (
                SELECT 1 FROM committee c JOIN committee_member m ON m.committee_id = c.id
                WHERE c.area_id = \(areaId) AND c.kind = 'supervision_committee' AND m.person_id = \(personId)
                  AND m.started_on <= \(day)::date AND (m.ended_on IS NULL OR m.ended_on >= \(day)::date)
            ) AS supervises
            """)
        return try rows.first?.decode("supervises") ?? false
    }

    /// Each tenure's rating at its last evaluation before `day`.
    public func previousRatings(_ memberIds: [UUID], before day: CalendarDay, in transaction: PostgresTransaction)
        async throws -> [UUID: EvaluationRating]
    {
        let rows = try await transaction.query(
            """
            SELECT DISTINCT ON (r.member_id) r.member_id, r.rating
            FROM committee_evaluation_rating r JOIN committee_evaluation e ON e.id = r.evaluation_id
            WHERE r.member_id = ANY(\(memberIds)::uuid[]) AND e.held_on < \(day)::date
            ORDER BY r.member_id, e.held_on DESC, e.created_at DESC
            """)
        var ratings: [UUID: EvaluationRating] = [:]
        for row in rows {
            ratings[try row.decode("member_id")] = EvaluationRating(rawValue: try row.decode("rating", as: String.self))
        }
        return ratings
    }

    /// Records an evaluation and its ratings.
    public func insert(
        committee: Committee, meetingId: UUID, heldOn: CalendarDay, presidedBy: UUID,
        ratings: [UUID: EvaluationRating], in transaction: PostgresTransaction
    ) async throws -> UUID {
        let id = Identifier.make()
        try await transaction.query(
            """
            INSERT INTO committee_evaluation (id, committee_id, area_path, meeting_id, held_on, presided_by)
            VALUES (\(id), \(committee.id), \(committee.areaPath)::ltree, \(meetingId), \(heldOn)::date, \(presidedBy))
            """)
        let ordered = ratings.sorted { $0.key.uuidString < $1.key.uuidString }
        try await transaction.query(
            """
            INSERT INTO committee_evaluation_rating (evaluation_id, member_id, rating)
            SELECT \(id), r.member_id, r.rating
            FROM unnest(\(ordered.map(\.key))::uuid[], \(ordered.map(\.value.rawValue))::text[]) AS r(member_id, rating)
            """)
        return id
    }
}
