package import Foundation
package import Governance
package import GovernanceStore
import Postgres

/// Democratic evaluation (民主评议, COM-13): rated at a meeting of the area, presided by the
/// supervision committee; a second consecutive rating of incompetent ends the office.
package struct EvaluationService: Sendable {
    let store: Store
    let committees: CommitteeRepository
    let meetings: MeetingRepository
    let evaluations: EvaluationRepository
    let committeeService: CommitteeService

    /// Creates the service.
    package init(store: Store, committeeService: CommitteeService) {
        self.store = store
        self.committees = CommitteeRepository(store: store)
        self.meetings = MeetingRepository(store: store)
        self.evaluations = EvaluationRepository(store: store)
        self.committeeService = committeeService
    }

    /// Records an evaluation of the committee `committeeId` at the meeting `meetingId`, ending
    /// the offices rated incompetent a second time in a row, in one transaction.
    package func evaluate(
        _ committeeId: UUID, meetingId: UUID, presidedBy: UUID, ratings: [(member: UUID, rating: EvaluationRating)],
        context: CallContext
    ) async throws -> DemocraticEvaluation {
        try await store.audited(context.write) { transaction in
            guard
                let committee = try await committees.find(
                    committeeId, scopePath: context.scopePath, via: .transaction(transaction))
            else { throw DomainError.notFound("committee") }
            let meeting = try await meetings.find(
                meetingId, scopePath: context.scopePath, via: .transaction(transaction))
            let day = meeting?.heldOn ?? context.today
            let tenures = try await committees.members(of: committeeId, via: .transaction(transaction)).map(\.member)
            let byMember = Dictionary(ratings.map { ($0.member, $0.rating) }, uniquingKeysWith: { first, _ in first })
            try EvaluationRules.check(
                committeeKind: committee.kind, meeting: meeting, committeeAreaId: committee.areaId,
                presiderSupervises: try await evaluations.supervises(
                    presidedBy, areaId: committee.areaId, on: day, in: transaction),
                ratedTenures: Set(byMember.keys),
                tenuresInOffice: Set(tenures.filter { $0.isActive(on: day) }.map(\.id)),
                ratingCount: ratings.count)
            let previous = try await evaluations.previousRatings(Array(byMember.keys), before: day, in: transaction)
            let terminated = EvaluationRules.terminated(ratings: byMember, previous: previous)
            let id = try await evaluations.insert(
                committee: committee, meetingId: meetingId, heldOn: day, presidedBy: presidedBy, ratings: byMember,
                in: transaction)
            for member in terminated {
                _ = try await committees.updateMember(
                    member, endedOn: day, endReason: .evaluatedIncompetent, concurrentPartySecretary: nil,
                    expectedVersion: nil, in: transaction)
            }
            try await committeeService.recompute(
                areaId: committee.areaId, areaPath: committee.areaPath, today: context.today, in: transaction)
            return AuditedChange(
                DemocraticEvaluation(
                    id: id, committeeId: committeeId, meetingId: meetingId, heldOn: day, presidedBy: presidedBy,
                    ratings: byMember, terminated: terminated),
                resourceType: "committee_evaluation", resourceId: id, areaPath: committee.areaPath,
                summary: [
                    "rated": .int(byMember.count), "terminated": .array(terminated.map { JSONValue($0) }),
                ])
        }
    }
}
