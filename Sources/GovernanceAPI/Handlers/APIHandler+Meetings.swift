import Foundation
import Governance
import GovernanceOpenAPI
import GovernanceServices
import GovernanceStore

// Self-governance meetings and their decisions (COM-18 – COM-21).
extension APIHandler {
    func createMeeting(_ input: Operations.CreateMeeting.Input) async throws -> Operations.CreateMeeting.Output {
        guard case .json(let body) = input.body else { throw DomainError.validation([]) }
        let meeting = try await meetingService.create(
            NewMeeting(
                areaId: try parseBodyID(body.areaId, field: "areaId"),
                kind: try parseEnum(MeetingKind.self, body.kind.rawValue, field: "kind"),
                basis: try parseEnum(MeetingBasis.self, body.basis.rawValue, field: "basis"),
                proposal: try body.proposal?.domain(), noticeOn: try parseDay(body.noticeOn, field: "noticeOn"),
                heldOn: try parseDay(body.heldOn, field: "heldOn"), eligible: body.eligible, present: body.present,
                agenda: body.agenda),
            context: .current())
        setHeaders(version: meeting.version, location: "/v1/meetings/\(meeting.id.lowercasedString)")
        return .created(.init(body: .json(try .init(meeting))))
    }

    func listMeetings(_ input: Operations.ListMeetings.Input) async throws -> Operations.ListMeetings.Output {
        let page = try await meetingService.list(
            areaId: try parseFilterID(input.query.areaId, field: "areaId"),
            kind: try input.query.kind.map { try parseEnum(MeetingKind.self, $0.rawValue, field: "kind") },
            from: try input.query.from.map { try parseDay($0, field: "from") },
            to: try input.query.to.map { try parseDay($0, field: "to") }, cursor: input.query.cursor,
            limit: input.query.limit, context: .current())
        return .ok(
            .init(
                body: .json(
                    .init(items: CSVRowSink.divert(try page.items.map { try .init($0) }), nextCursor: page.nextCursor)))
        )
    }

    func getMeeting(_ input: Operations.GetMeeting.Input) async throws -> Operations.GetMeeting.Output {
        let meeting = try await meetingService.get(
            try parseID(input.path.meetingId, resource: "meeting"), context: .current())
        setHeaders(version: meeting.version)
        return .ok(.init(body: .json(try .init(meeting))))
    }

    func addMeetingDecision(_ input: Operations.AddMeetingDecision.Input) async throws
        -> Operations.AddMeetingDecision.Output
    {
        guard case .json(let body) = input.body else { throw DomainError.validation([]) }
        let meeting = try await meetingService.decide(
            try parseID(input.path.meetingId, resource: "meeting"), item: body.item, text: body.text, yes: body.yes,
            no: body.no, abstain: body.abstain, context: .current())
        setHeaders(version: meeting.version)
        return .created(.init(body: .json(try .init(meeting))))
    }
}

// Democratic evaluation at a meeting (COM-13).
extension APIHandler {
    func recordCommitteeEvaluation(_ input: Operations.RecordCommitteeEvaluation.Input) async throws
        -> Operations.RecordCommitteeEvaluation.Output
    {
        guard case .json(let body) = input.body else { throw DomainError.validation([]) }
        let evaluation = try await evaluationService.evaluate(
            try parseID(input.path.committeeId, resource: "committee"),
            meetingId: try parseBodyID(body.meetingId, field: "meetingId"),
            presidedBy: try parseBodyID(body.presidedBy, field: "presidedBy"),
            ratings: try body.ratings.enumerated().map { index, entry in
                (
                    try parseBodyID(entry.memberId, field: "ratings/\(index)/memberId"),
                    try parseEnum(EvaluationRating.self, entry.rating.rawValue, field: "ratings/\(index)/rating")
                )
            }, context: .current())
        return .created(
            .init(
                body: .json(
                    .init(
                        id: evaluation.id.lowercasedString, committeeId: evaluation.committeeId.lowercasedString,
                        meetingId: evaluation.meetingId.lowercasedString, heldOn: evaluation.heldOn.description,
                        presidedBy: evaluation.presidedBy.lowercasedString,
                        ratings: try evaluation.ratings.sorted { $0.key.uuidString < $1.key.uuidString }.map {
                            .init(memberId: $0.key.lowercasedString, rating: try bridged($0.value))
                        }, terminated: evaluation.terminated.map(\.lowercasedString)))))
    }
}
