import Foundation
import Governance
import GovernanceOpenAPI

// Committees: generated types ⇄ domain types.

extension Components.Schemas.Committee {
    init(_ committee: Committee) {
        self.init(
            id: committee.id.lowercasedString, areaId: committee.areaId.lowercasedString, kind: .init(rawValue: committee.kind.rawValue)!,
            subject: committee.subject.map { .init(rawValue: $0.rawValue)! }, name: committee.name, compound: committee.compound,
            termStart: committee.termStart.description, termEnd: committee.termEnd.description, lawVersion: committee.lawVersion,
            compliant: committee.compliant, findingCount: committee.findingCount, version: committee.version, createdAt: committee.createdAt)
    }
}

extension Components.Schemas.CommitteeMember {
    init(_ member: CommitteeMember) {
        self.init(
            id: member.id.lowercasedString, committeeId: member.committeeId.lowercasedString, personId: member.personId.lowercasedString,
            personName: member.personName, position: .init(rawValue: member.position.rawValue)!,
            constituency: member.constituency.map { .init(rawValue: $0.rawValue)! }, startedOn: member.startedOn.description,
            endedOn: member.endedOn?.description, endReason: member.endReason.map { .init(rawValue: $0.rawValue)! },
            concurrentPartySecretary: member.concurrentPartySecretary, financeRole: member.financeRole.map { .init(rawValue: $0.rawValue)! },
            closeRelativeOf: member.closeRelativeOf.map(\.lowercasedString), version: member.version)
    }
}

extension Components.Schemas.RuleProfile {
    init(_ profile: RuleProfile, areaId: UUID) {
        self.init(
            areaId: areaId.lowercasedString, lawVersion: profile["lawVersion"],
            parameters: profile.values.keys.sorted().map { name in
                let entry = profile.values[name]!
                let source: String =
                    switch entry.source {
                    case .national(let version): "national:\(version)"
                    case .area(let id): "area:\(id)"
                    }
                return .init(name: name, value: entry.value, source: source)
            })
    }
}
