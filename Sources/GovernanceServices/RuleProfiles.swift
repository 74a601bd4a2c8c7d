package import Governance
package import GovernanceStore

/// The one component that assembles rule profiles: the national defaults of the law version in
/// force on a day, then the overrides of the area and its ancestors. Committees, elections and
/// mediation all ask it.
package struct RuleProfiles: Sendable {
    let committees: CommitteeRepository

    /// Creates the component.
    package init(store: Store) { self.committees = CommitteeRepository(store: store) }

    /// The profile in force on `day` for the area at `areaPath`, read by `route`.
    package func profile(for areaPath: String, on day: CalendarDay, via route: ReadRoute) async throws -> RuleProfile {
        RuleProfile(
            lawVersion: RuleProfile.lawVersion(on: day),
            overrides: try await committees.overrides(for: areaPath, via: route))
    }
}
