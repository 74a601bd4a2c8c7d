import Foundation
import Governance
import GovernanceOpenAPI
import GovernanceServices
import GovernanceStore

// Grid: generated types ⇄ domain types.

extension Components.Schemas.Building {
    init(_ building: Building) throws {
        self.init(
            id: building.id.lowercasedString, gridId: building.gridId.lowercasedString,
            microgridId: building.microgridId?.lowercasedString,
            gridIds: building.gridIds.map(\.lowercasedString), compound: building.compound, name: building.name,
            units: building.units.map { .init(id: $0.id.lowercasedString, name: $0.name, households: $0.households) },
            version: building.version, createdAt: building.createdAt)
    }
}

extension Components.Schemas.GridAssignment {
    init(_ assignment: GridAssignment) throws {
        self.init(
            id: assignment.id.lowercasedString, post: try bridged(assignment.post),
            targetId: assignment.targetId.lowercasedString,
            personId: assignment.personId.lowercasedString, personName: assignment.personName,
            employment: try assignment.employment.map { try bridged($0) }, publicPhone: assignment.publicPhone,
            startedOn: assignment.startedOn.description, endedOn: assignment.endedOn?.description,
            endReason: try assignment.endReason.map { try bridged($0) },
            successorId: assignment.successorId?.lowercasedString,
            version: assignment.version)
    }
}

extension Components.Schemas.GridCoverage {
    init(_ coverage: GridCoverage, areaId: UUID) throws {
        self.init(
            areaId: areaId.lowercasedString, grids: coverage.grids, gridsWithoutLeader: coverage.gridsWithoutLeader,
            gridsWithoutWorker: coverage.gridsWithoutWorker, gridsFullyStaffed: coverage.gridsFullyStaffed,
            fullyStaffedShare: coverage.fullyStaffedShare, buildings: coverage.buildings,
            buildingsWithoutLeader: coverage.buildingsWithoutLeader,
            units: coverage.units, unitsWithoutLeader: coverage.unitsWithoutLeader,
            activeGridWorkers: coverage.activeGridWorkers,
            householdsPerGridWorker: coverage.householdsPerGridWorker)
    }
}

extension Components.Schemas.GridBoard {
    init(communityId: UUID, name: String, grids: [GridBoardEntry]) throws {
        self.init(
            communityId: communityId.lowercasedString, communityName: name,
            grids: try grids.map { entry in
                .init(
                    gridId: entry.gridId.lowercasedString, name: entry.name,
                    gridType: try entry.gridType.map { try bridged($0) },
                    staff: try entry.staff.map {
                        .init(name: $0.name, post: try bridged($0.post), servicePhone: $0.servicePhone)
                    })
            })
    }
}

/// Parses a `format: date` value; a malformed one is a 422 on that field.
func parseDay(_ text: String, field: String) throws -> CalendarDay {
    guard let day = CalendarDay(text) else {
        throw DomainError.validation([
            .init(
                field: field, code: "invalid_date",
                message: LocalizedText(zh: "须为有效日期（YYYY-MM-DD）。", en: "Must be a valid date (YYYY-MM-DD)."))
        ])
    }
    return day
}
