import Governance
import GovernanceOpenAPI
import GovernanceServices
import GovernanceStore
import OpenAPIRuntime
import Postgres

extension APIHandler {
    func getHealth(_ input: Operations.GetHealth.Input) async throws -> Operations.GetHealth.Output {
        .ok(.init(body: .json(.init(status: .ok))))
    }

    func getReadiness(_ input: Operations.GetReadiness.Input) async throws -> Operations.GetReadiness.Output {
        // Readiness answers quickly even when the database hangs: its own short deadline.
        let deadline = min(request.deadline, .now.advanced(by: .seconds(2)))
        let applied: Int
        let unsafeSettings: [String]
        do {
            // Both reads leave in one pipelined round trip.
            async let version = Migrator.appliedVersion(client: client, deadline: deadline)
            async let unsafe = DurabilityCheck.unsafeSettings(client: client, deadline: deadline)
            (applied, unsafeSettings) = try await (version, unsafe)
        } catch {
            throw DomainError(
                .unavailable, code: "readiness.database_unreachable",
                message: LocalizedText(zh: "数据库不可达。", en: "The database is unreachable."))
        }
        guard applied == latestSchemaVersion else {
            throw DomainError(
                .unavailable, code: "readiness.schema_not_current",
                message: LocalizedText(
                    zh: "数据库结构版本为 \(applied)，本服务需要 \(latestSchemaVersion)，请执行 grassroots migrate。",
                    en:
                        "The schema is at version \(applied); this build needs \(latestSchemaVersion). Run grassroots migrate."
                ))
        }
        // Checked while serving, not only at start: a setting turned off later would let an
        // acknowledged write be lost.
        if !unsafeSettings.isEmpty, !allowUnsafeDurability {
            throw DomainError(
                .unavailable, code: "readiness.durability_unsafe",
                message: LocalizedText(
                    zh: "数据库持久化设置不安全（\(unsafeSettings.joined(separator: "、"))为 off），已确认的写入可能丢失。",
                    en:
                        "Unsafe durability settings (\(unsafeSettings.joined(separator: ", ")) off): acknowledged writes could be lost."
                ))
        }
        return .ok(.init(body: .json(.init(status: .ready, schemaVersion: applied))))
    }

    func getMetrics(_ input: Operations.GetMetrics.Input) async throws -> Operations.GetMetrics.Output {
        .ok(.init(body: .plainText(HTTPBody(metrics.render(pool: client.statistics)))))
    }

    func getContract(_ input: Operations.GetContract.Input) async throws -> Operations.GetContract.Output {
        .ok(.init(body: .yaml(HTTPBody(Contract.yaml))))
    }

    func getDocs(_ input: Operations.GetDocs.Input) async throws -> Operations.GetDocs.Output {
        let language: Language =
            switch input.query.lang {
            case .en?: .english
            case .zh?: .chinese
            case nil: request.language
            }
        return .ok(.init(body: .html(HTTPBody(ContractDocs.page(language)))))
    }
}
