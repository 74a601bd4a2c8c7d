package import Foundation
package import Governance
package import GovernanceStore
import Postgres

/// The disclosure board (DIS-1 – DIS-6): publications dated by the server, never edited, and
/// the committee's timeliness.
package struct DisclosureService: Sendable {
    let store: Store
    let areas: AreaRepository
    let disclosures: DisclosureRepository
    let profiles: RuleProfiles

    /// Creates the service.
    package init(store: Store) {
        self.store = store
        self.areas = AreaRepository(store: store)
        self.disclosures = DisclosureRepository(store: store)
        self.profiles = RuleProfiles(store: store)
    }

    /// Publishes an item today on a community's or village's board.
    package func publish(_ new: NewDisclosure, context: CallContext) async throws -> Disclosure {
        try await store.audited(context.write) { transaction in
            guard let area = try await areas.findForShare(new.areaId, scopePath: context.scopePath, in: transaction)
            else { throw DomainError.notFound("area") }
            guard area.kind == .community || area.kind == .village else {
                throw DomainError(
                    .unprocessable, code: "disclosure.not_a_community",
                    message: LocalizedText(
                        zh: "公开栏属于社区（村）委员会。", en: "Boards belong to community and village committees."))
            }
            let profile = try await profiles.profile(for: area.path, on: context.today, via: .transaction(transaction))
            try DisclosureRules.check(
                new, areaKind: area.kind, financeReviewRequired: profile[.financeReviewRequired] == 1,
                today: context.today)
            if let reviewer = new.reviewerMemberId, let reviewedOn = new.reviewedOn {
                guard
                    try await disclosures.servesOnSupervision(
                        memberId: reviewer, areaId: area.id, on: reviewedOn, in: transaction)
                else { throw DisclosureRules.reviewerNotSupervisor }
            }
            if let corrected = new.corrects {
                // DIS-4: a correction stands beside the item it corrects, on the same board.
                guard
                    let original = try await disclosures.find(
                        corrected, scopePath: area.path, via: .transaction(transaction)),
                    original.areaId == area.id
                else { throw DomainError.notFound("disclosure") }
            }
            let disclosure = try await disclosures.insert(
                new, area: area, publishedOn: context.today, in: transaction)
            return AuditedChange(
                disclosure, resourceType: "disclosure", resourceId: disclosure.id, areaPath: area.path,
                summary: [
                    "category": .string(new.category.rawValue), "periodFrom": .string(new.periodFrom.description),
                    "periodTo": .string(new.periodTo.description),
                ])
        }
    }

    /// One page of items in scope.
    package func list(
        areaId: UUID?, category: DisclosureCategory?, cursor: String?, limit: Int?, context: CallContext
    ) async throws -> Page<Disclosure> {
        let scope = CommitteeService.readScope(context.principal)
        return try await disclosures.list(
            scopePath: scope,
            areaPath: try await areas.filterPath(areaId, scopePath: scope, deadline: context.deadline),
            category: category,
            onBoardOn: nil,
            after: try PageCursor.decodeID(cursor), limit: try PageCursor.limit(limit), deadline: context.deadline)
    }

    /// The public board of a community or village: items not yet taken down, for anyone.
    package func board(
        communityId: UUID, category: DisclosureCategory?, cursor: String?, limit: Int?,
        deadline: ContinuousClock.Instant, today: CalendarDay
    ) async throws -> Page<Disclosure> {
        guard let area = try await areas.find(communityId, scopePath: "", deadline: deadline),
            area.kind == .community || area.kind == .village
        else { throw DomainError.notFound("area") }
        return try await disclosures.list(
            scopePath: area.path, areaPath: nil, category: category, onBoardOn: today,
            after: try PageCursor.decodeID(cursor), limit: try PageCursor.limit(limit), deadline: deadline)
    }

    /// The committee's timeliness over `[from, to]` (default: this year to today) (DIS-1, DIS-3).
    package func timeliness(areaId: UUID, from: CalendarDay?, to: CalendarDay?, context: CallContext) async throws
        -> DisclosureTimeliness
    {
        guard let area = try await areas.find(areaId, scopePath: context.scopePath, deadline: context.deadline),
            area.kind == .community || area.kind == .village
        else { throw DomainError.notFound("area") }
        let today = context.today
        let start = from ?? CalendarDay(year: today.year, month: 1, day: 1)!
        let end = to ?? today
        guard start <= end, start.addingDays(366 * 5) >= end else {
            throw DomainError.validation([
                .init(
                    field: "to", code: "invalid_range",
                    message: LocalizedText(zh: "期间须有序且不超过五年。", en: "An ordered window of five years at most."))
            ])
        }
        let profile = try await profiles.profile(
            for: area.path, on: today, via: .pipeline(deadline: context.deadline))
        let read = try await disclosures.timelinessItems(
            areaId: area.id, from: start, to: end, deadline: context.deadline)
        return DisclosureTimeliness.report(
            items: read.items, rural: area.kind == .village,
            frequentFinance: profile[.frequentCollectiveFinance] == 1, majorDays: profile[.majorDisclosureDays],
            hasProcedureItem: read.hasProcedureItem, from: start, to: end, today: today)
    }
}
