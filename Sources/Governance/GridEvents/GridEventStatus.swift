/// The lifecycle of a grid event (domain-rules.md §3.6, EVT-3, EVT-7, EVT-10):
/// reported → handling (at a tier) → resolved → closed, with merged, rejected and
/// referred_to_mediation as the other ends. A dissatisfied rating sends a resolved event back
/// to handling once.
public enum GridEventStatus: String, Sendable, Hashable, CaseIterable {
    case reported, handling, resolved, closed, merged, rejected
    case referredToMediation = "referred_to_mediation"

    /// Whether the event is still being worked on.
    public var isOpen: Bool { [.reported, .handling, .resolved].contains(self) }
}

/// The tier handling an event (EVT-4, MED-19): 小区自办, 社区领办, 街道会办.
public enum GridEventTier: String, Sendable, Hashable, CaseIterable, Comparable {
    case compound, community, street

    /// The tier above; `nil` at the street (which dispatches to departments instead).
    public var parent: GridEventTier? {
        switch self {
        case .compound: .community
        case .community: .street
        case .street: nil
        }
    }

    /// The labels of an event's area path that name the area handling it at this tier: the
    /// compound's self-governance works inside the community, so both are the community's area.
    public var pathDepth: Int { self == .street ? 3 : 4 }

    /// The handling area's path for an event found at `areaPath`.
    public func path(from areaPath: String) -> String {
        areaPath.split(separator: ".").prefix(pathDepth).joined(separator: ".")
    }

    public static func < (lhs: GridEventTier, rhs: GridEventTier) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// Where an event came from (EVT-1; the sources).
public enum GridEventSource: String, Sendable, Hashable, CaseIterable {
    /// 网格排查上报.
    case gridPatrol = "grid_patrol"
    /// 群众反映, in person, by an app or through Open311.
    case residentReport = "resident_report"
    /// The 12345 government hotline.
    case hotline12345 = "hotline_12345"
    /// Passed on by a department.
    case departmentReferral = "department_referral"
}

/// Why an event moves up a tier (the issue: too complex, outside authority, not resolved in time).
public enum GridEventEscalationReason: String, Sendable, Hashable, CaseIterable {
    case tooComplex = "too_complex"
    case outsideAuthority = "outside_authority"
    case notResolvedInTime = "not_resolved_in_time"
}

/// The reporter's rating (群众评价; EVT-7 with the three values).
public enum GridEventRating: String, Sendable, Hashable, CaseIterable {
    case satisfied
    case basicallySatisfied = "basically_satisfied"
    case dissatisfied

    /// Whether the rating counts as satisfied in the satisfaction rate.
    public var isSatisfied: Bool { self != .dissatisfied }
}
