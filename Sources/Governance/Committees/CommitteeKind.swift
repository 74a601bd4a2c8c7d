/// The committees of a community or village (domain-rules.md §1.2, §2.1).
public enum CommitteeKind: String, Sendable, Hashable, CaseIterable {
    /// 居民委员会, on a community (COM-2).
    case residentsCommittee = "residents_committee"
    /// 村民委员会, on a village (COM-1).
    case villagersCommittee = "villagers_committee"
    /// 居务/村务监督委员会 (COM-9, COM-10).
    case supervisionCommittee = "supervision_committee"
    /// 业主委员会, for a compound of a community (COM-22).
    case ownersCommittee = "owners_committee"
    /// 下属委员会 with a subject (COM-14).
    case subcommittee
    /// 居民代表会议 / 村民代表会议 (COM-15, COM-16, COM-21).
    case representativeAssembly = "representative_assembly"

    /// The area kinds a committee of this kind may sit on.
    public var allowedAreas: Set<AreaKind> {
        switch self {
        case .residentsCommittee, .ownersCommittee: [.community]
        case .villagersCommittee: [.village]
        case .supervisionCommittee, .subcommittee, .representativeAssembly: [.community, .village]
        }
    }

    /// Checks that the kind sits on a fitting area (`committee.invalid_area`).
    public func checkArea(_ area: AreaKind) throws(DomainError) {
        guard allowedAreas.contains(area) else {
            throw DomainError(
                .unprocessable, code: "committee.invalid_area",
                message: LocalizedText(
                    zh: "该类委员会不能设在\(area.chineseName)。", en: "A \(rawValue) cannot sit on a \(area.rawValue)."))
        }
    }
}

/// The subjects of sub-committees (COM-14).
public enum SubcommitteeSubject: String, Sendable, Hashable, CaseIterable {
    case mediation
    case publicSecurity = "public_security"
    case publicHealth = "public_health"
    case womenChildren = "women_children"
    case environmentProperty = "environment_property"
    /// 老年人和妇女儿童工作委员会, required from the 2026 laws.
    case elderlyWomenChildren = "elderly_women_children"
}

/// Member positions: the committees' officers and members, and assembly representatives.
public enum CommitteePosition: String, Sendable, Hashable, CaseIterable {
    case director
    case deputyDirector = "deputy_director"
    case member
    case representative
}

/// Whom an assembly representative stands for (COM-21).
public enum Constituency: String, Sendable, Hashable, CaseIterable {
    case resident, unit
    case socialOrg = "social_org"
    case party, committee, worker
}

/// Why a tenure ended.
public enum TenureEndReason: String, Sendable, Hashable, CaseIterable {
    case termEnd = "term_end"
    case resigned, recalled, deceased, other
    /// The election that seated the member was annulled (ELE-14).
    case annulled
    /// ELE-15: sentenced to a criminal penalty.
    case criminalSentence = "criminal_sentence"
    /// ELE-15: lost capacity for civil conduct.
    case incapacity
    /// COM-13: rated incompetent at two democratic evaluations in a row.
    case evaluatedIncompetent = "evaluated_incompetent"
}

/// A declared finance role, which bars a person from the supervision committee (COM-11).
public enum FinanceRole: String, Sendable, Hashable, CaseIterable {
    case accountant, cashier
}
