import Foundation
import Governance
import GovernanceOpenAPI

// Meetings: generated types ⇄ domain types.

extension Components.Schemas.MeetingProposal {
    init(_ proposal: MeetingProposal) throws {
        self.init(base: try bridged(proposal.base), signatures: proposal.signatures, total: proposal.total)
    }

    func domain() throws -> MeetingProposal {
        MeetingProposal(
            base: try parseEnum(ProposerBase.self, base.rawValue, field: "proposal/base"), signatures: signatures,
            total: total)
    }
}

extension Components.Schemas.Meeting {
    init(_ meeting: Meeting) throws {
        self.init(
            id: meeting.id.lowercasedString, areaId: meeting.areaId.lowercasedString, kind: try bridged(meeting.kind),
            basis: try bridged(meeting.basis),
            proposal: try meeting.proposal.map(Components.Schemas.MeetingProposal.init),
            noticeOn: meeting.noticeOn.description, heldOn: meeting.heldOn.description, eligible: meeting.eligible,
            present: meeting.present, quorate: meeting.quorate, rule: meeting.kind.rule, agenda: meeting.agenda,
            decisions: meeting.decisions.map {
                .init(
                    id: $0.id.lowercasedString, item: $0.item, text: $0.text, yes: $0.yes, no: $0.no,
                    abstain: $0.abstain, passed: $0.passed)
            }, version: meeting.version, createdAt: meeting.createdAt)
    }
}
