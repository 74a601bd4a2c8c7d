import Foundation
import Governance
import GovernanceOpenAPI
import GovernanceServices
import GovernanceStore

// Committees: generated types ⇄ domain types.

extension Components.Schemas.Committee {
    init(_ committee: Committee) throws {
        self.init(
            id: committee.id.lowercasedString, areaId: committee.areaId.lowercasedString,
            kind: try bridged(committee.kind),
            subject: try committee.subject.map { try bridged($0) }, name: committee.name, compound: committee.compound,
            termStart: committee.termStart.description, termEnd: committee.termEnd.description,
            lawVersion: committee.lawVersion,
            compliant: committee.compliant, findingCount: committee.findingCount, version: committee.version,
            createdAt: committee.createdAt)
    }
}

extension Components.Schemas.CommitteeMember {
    init(_ member: CommitteeMember) throws {
        self.init(
            id: member.id.lowercasedString, committeeId: member.committeeId.lowercasedString,
            personId: member.personId.lowercasedString,
            personName: member.personName, position: try bridged(member.position),
            constituency: try member.constituency.map { try bridged($0) }, startedOn: member.startedOn.description,
            endedOn: member.endedOn?.description, endReason: try member.endReason.map { try bridged($0) },
            concurrentPartySecretary: member.concurrentPartySecretary,
            financeRole: try member.financeRole.map { try bridged($0) },
            closeRelativeOf: member.closeRelativeOf.map(\.lowercasedString), version: member.version)
    }
}

extension Components.Schemas.RuleProfile {
    init(_ profile: RuleProfile, areaId: UUID) throws {
        self.init(
            areaId: areaId.lowercasedString, lawVersion: profile[.lawVersion],
            parameters: RuleParameter.allCases.sorted { $0.rawValue < $1.rawValue }.map { parameter in
                let source: String =
                    switch profile.source(of: parameter) {
                    case .national(let version): "national:\(version)"
                    case .area(let id): "area:\(id)"
                    }
                return .init(name: parameter.rawValue, value: profile[parameter], source: source)
            })
    }
}
