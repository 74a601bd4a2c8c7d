import Foundation
import Governance
import GovernanceOpenAPI
import GovernanceServices
import GovernanceStore

extension APIHandler {
    func listChanges(_ input: Operations.ListChanges.Input) async throws -> Operations.ListChanges.Output {
        let types = try input.query.types.map { types in
            try types.map { try parseEnum(ChangeResourceType.self, $0.rawValue, field: "types") }
        }
        if let types, types.isEmpty || types.count > ChangeResourceType.allCases.count {
            throw DomainError.validation([
                .init(
                    field: "types", code: "out_of_range",
                    message: LocalizedText(
                        zh: "须给出 1 到 \(ChangeResourceType.allCases.count) 种类型。",
                        en: "Give 1 to \(ChangeResourceType.allCases.count) types."))
            ])
        }
        var validator = FieldValidator()
        validator.length("since", input.query.since, max: 64)
        validator.range("wait", input.query.wait, 0...30)
        try validator.check()
        let context = try CallContext.current()
        let (entries, next, hasMore) = try await changeFeedService.page(
            since: input.query.since, types: types, limit: input.query.limit,
            wait: input.query.wait.map { .seconds($0) }, context: context)
        return .ok(
            .init(
                body: .json(
                    .init(
                        items: try entries.map {
                            try .init($0, role: context.principal.role, today: context.today, now: context.clock.now())
                        }, nextCursor: next.cursor,
                        hasMore: hasMore))))
    }
}
