import Governance
package import GovernanceStore
package import Postgres

/// The daily quota of full personal-data reveals per token (GEN-7, rule-profile parameter
/// `personalDataRevealsPerDay`), shared by every kind of reveal: a person's phone and ID
/// number, a mediation party's phone.
package struct RevealQuota: Sendable {
    /// The operations that count against the quota.
    static let operations = ["revealPersonalData", "revealMediationPartyPhone"]

    let store: Store
    let profiles: RuleProfiles

    /// Creates the quota check.
    package init(store: Store, profiles: RuleProfiles) {
        self.store = store
        self.profiles = profiles
    }

    /// Counts this reveal against the caller's quota under the profile of `areaPath`; returns
    /// the reveals left today, or throws 429 until midnight (UTC+8) when none is left.
    package func take(areaPath: String, context: CallContext, in transaction: PostgresTransaction) async throws -> Int {
        let cap = try await profiles.profile(for: areaPath, on: context.today, via: .transaction(transaction))[
            .personalDataRevealsPerDay]
        let used = try await store.auditLog.countToday(
            operationIds: Self.operations, tokenId: context.principal.tokenId, day: context.today, in: transaction)
        guard used < cap else {
            throw DomainError(
                .tooManyRequests(retryAfterSeconds: context.clock.secondsToNextDay()),
                code: "personal_data.daily_limit",
                message: LocalizedText(
                    zh: "今日查看完整个人信息的次数已达上限（\(cap) 次）。",
                    en: "This token has revealed full personal data \(cap) times today, the daily limit."))
        }
        return cap - used - 1
    }
}
