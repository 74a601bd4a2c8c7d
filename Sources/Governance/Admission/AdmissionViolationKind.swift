/// What a community records against a department (all reviewed like a refusal, and counted in
/// the department's report when upheld).
public enum AdmissionViolationKind: String, Sendable, Hashable, CaseIterable {
    /// Work pushed outside the admitted lists, refused by the community (ADM-7).
    case nonAdmittedWork = "non_admitted_work"
    /// A department's own assessment or ranking of communities (ADM-9: one comprehensive
    /// assessment by the district government only).
    case separateAssessment = "separate_assessment"
    /// A "one-vote veto" (一票否决) clause on community work (ADM-9).
    case oneVoteVeto = "one_vote_veto"
    /// A department's plaque (挂牌) put up in the community (ADM-11).
    case plaque
    /// A ledger (台账) the department makes the community keep (ADM-11).
    case ledger
    /// An information system the department makes the community fill in (ADM-11).
    case informationSystem = "information_system"
    /// A work body (工作机构) set up in the community (ADM-11).
    case workBody = "work_body"

    /// The rule of domain-rules.md it breaks.
    public var ruleId: String {
        switch self {
        case .nonAdmittedWork: "ADM-7"
        case .separateAssessment, .oneVoteVeto: "ADM-9"
        case .plaque, .ledger, .informationSystem, .workBody: "ADM-11"
        }
    }
}
