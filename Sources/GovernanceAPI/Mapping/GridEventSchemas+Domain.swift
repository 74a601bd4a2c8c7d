import Foundation
import Governance
import GovernanceOpenAPI
import GovernanceServices
import GovernanceStore

// Grid events: generated types ⇄ domain types, with the reporter's personal data masked.

extension Components.Schemas.GridEvent {
    /// The event as `role` may see it: the reporter's phone masked for all, the name too for
    /// roles that see no personal data.
    init(_ event: GridEvent, role: Role, today: CalendarDay, replyToken: String? = nil) throws {
        self.init(
            id: event.id.lowercasedString, areaId: event.areaId.lowercasedString,
            tier: try event.tier.map { try bridged($0) }, status: try bridged(event.status),
            source: try bridged(event.source),
            category: try bridged(GridEventCategoryCodeText(rawValue: event.category)),
            riskLevel: event.riskLevel.flatMap(RiskLevelPayload.init(rawValue:)), description: event.description,
            location: .init(event.location),
            reporter: event.reporter.map { reporter in
                .init(
                    personId: reporter.personId?.lowercasedString,
                    name: reporter.name.map { role.seesPersonalData ? $0 : Masking.name($0) },
                    phone: reporter.phoneMasked)
            },
            anonymous: event.anonymous, photoIds: event.photoIds, dueOn: event.dueOn?.description,
            dayKind: try bridged(event.dayKind),
            calendar: event.dueCalendar,
            overdue: event.isOverdue(on: today), acceptedOn: event.acceptedOn?.description,
            mergedIntoId: event.mergedIntoId?.lowercasedString,
            mergedReportIds: event.mergedReportIds.map(\.lowercasedString),
            mediationCaseId: event.mediationCaseId?.lowercasedString, rejectReason: event.rejectReason,
            resolution: event.resolution, resolvedAt: event.resolvedAt,
            rating: try event.rating.map { try bridged($0) }, ratingComment: event.ratingComment,
            reopenCount: event.reopenCount, closedReason: event.closedReason,
            dispatches: try event.dispatches.map { try .init($0, today: today) },
            steps: try event.steps.map(Components.Schemas.GridEventStep.init),
            replyToken: replyToken, version: event.version, createdAt: event.createdAt)
    }
}

/// A category code as text, so the one `bridged` maps it to the contract's enum.
struct GridEventCategoryCodeText: RawRepresentable {
    let rawValue: String
    init(rawValue: String) { self.rawValue = rawValue }
}

extension Components.Schemas.GridEventLocation {
    init(_ location: GridEventLocation) {
        self.init(
            buildingId: location.buildingId?.lowercasedString, unit: location.unit,
            point: location.point.map {
                .init(latitude: $0.latitude, longitude: $0.longitude, system: .init(rawValue: $0.system) ?? .wgs84)
            })
    }
}

extension Components.Schemas.GridEventDispatch {
    init(_ dispatch: GridEventDispatch, today: CalendarDay) throws {
        self.init(
            id: dispatch.id.lowercasedString, departmentId: dispatch.departmentId.lowercasedString, lead: dispatch.lead,
            authorityBasis: dispatch.authorityBasis, dueOn: dispatch.dueOn.description,
            status: try bridged(dispatch.status), overdue: dispatch.isOverdue(on: today), onTime: dispatch.onTime,
            returnReason: dispatch.returnReason, outcome: dispatch.outcome, actionsTaken: dispatch.actionsTaken,
            dispatchedOn: dispatch.dispatchedOn.description, acceptedAt: dispatch.acceptedAt,
            fedBackOn: dispatch.fedBackOn?.description, progressCount: dispatch.progressCount)
    }
}

extension Components.Schemas.GridEventStep {
    init(_ step: GridEventStep) throws {
        self.init(
            action: step.action, from: try bridged(step.from), to: try bridged(step.to),
            tier: try step.tier.map { try bridged($0) }, actorTokenId: step.actorTokenId?.lowercasedString,
            note: step.note, at: step.at)
    }
}

extension Components.Schemas.GridEventCategory {
    init(_ category: GridEventCategory) throws {
        self.init(
            code: try bridged(GridEventCategoryCodeText(rawValue: category.code)), nameZh: category.nameZh,
            nameEn: category.nameEn, defaultTier: try bridged(category.defaultTier),
            timeLimitDays: category.timeLimitDays, dayKind: try bridged(category.dayKind),
            departmentId: category.departmentId?.lowercasedString, riskRequired: category.riskRequired,
            sensitive: category.sensitive, scope: category.cityPath == nil ? ._default : .city,
            version: category.version)
    }
}

extension Components.Schemas.GridEventStats {
    /// The figures of a subtree.
    init(areaId: UUID, statistics: GridEventStatistics) {
        self.init(
            areaId: areaId.lowercasedString, total: statistics.total,
            byStatus: .init(additionalProperties: statistics.byStatus),
            byTier: .init(additionalProperties: statistics.byTier),
            byCategory: .init(additionalProperties: statistics.byCategory),
            bySource: .init(additionalProperties: statistics.bySource), overdue: statistics.overdue,
            medianHoursToResolve: statistics.medianHoursToResolve, rated: statistics.rated,
            satisfied: statistics.satisfied, satisfactionRate: statistics.satisfactionRate,
            departments: statistics.departments.map {
                .init(
                    departmentId: $0.departmentId.lowercasedString, dispatched: $0.dispatched, returned: $0.returned,
                    fedBack: $0.fedBack, onTime: $0.onTime, overdue: $0.overdue, onTimeRate: $0.onTimeRate)
            },
            repeatLocations: statistics.repeatLocations.map {
                .init(
                    areaId: $0.areaId.lowercasedString, buildingId: $0.buildingId?.lowercasedString,
                    category: $0.category, count: $0.count)
            })
    }
}
