import Foundation
import Governance
import GovernanceOpenAPI
import GovernanceServices
import GovernanceStore

// The change feed: generated types ⇄ domain types.

extension Components.Schemas.ChangeEntry {
    init(_ entry: ChangeFeedService.Entry, role: Role, today: CalendarDay, now: Date) throws {
        let change = entry.change
        self.init(
            _type: try bridged(change.resourceType), id: change.resourceId.lowercasedString,
            areaId: change.areaId?.lowercasedString, op: try bridged(change.operation), version: change.version,
            changedAt: change.changedAt,
            resource: try entry.resource.map {
                try Components.Schemas.ChangedResource($0, role: role, today: today, now: now)
            })
    }
}

extension Components.Schemas.ChangedResource {
    init(_ resource: ChangeFeedService.Resource, role: Role, today: CalendarDay, now: Date) throws {
        switch resource {
        case .area(let area): self = .Area(try .init(area))
        case .person(let person): self = .Person(try .init(person))
        case .department(let department): self = .Department(try .init(department))
        case .gridEvent(let event): self = .GridEvent(try .init(event, role: role, today: today))
        case .mediationCase(let item): self = .MediationCase(try .init(item, role: role, today: today, now: now))
        }
    }
}
