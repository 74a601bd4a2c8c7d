/// What kind of matter an application would push to communities (ADM-8, seed 001 §三(一)):
/// statutory duties of the basic-level government may not be shifted to the self-governing
/// organisation, which is never the responsible subject of these.
public enum AdmissionMatter: String, Sendable, Hashable, CaseIterable {
    case administrativeEnforcement = "administrative_enforcement"
    case demolition
    case environmentalRectificationLead = "environmental_rectification_lead"
    case urbanManagementLead = "urban_management_lead"
    case investmentAttraction = "investment_attraction"
    /// Anything else: the review decides.
    case other

    /// Whether the matter may never be pushed to a community, whatever the review says.
    public var isForbidden: Bool { self != .other }

    /// ADM-8: a forbidden matter is refused at application and at every push.
    public func check() throws(DomainError) {
        guard isForbidden else { return }
        throw DomainError(
            .unprocessable, code: "admission.forbidden_matter",
            message: LocalizedText(
                zh: "行政执法、拆迁、招商引资等法定职责不得交由社区承担（ADM-8）。",
                en:
                    "Enforcement, demolition, investment attraction and the like may never be pushed to communities (ADM-8)."
            ),
            fieldErrors: [
                .init(
                    field: "matter", code: "forbidden",
                    message: LocalizedText(zh: "此类事项不得准入。", en: "This kind of matter is never admitted."))
            ])
    }
}
