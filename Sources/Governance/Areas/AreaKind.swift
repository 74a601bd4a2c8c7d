/// The levels of the administrative tree: city → district → street | township →
/// community | village → grid → microgrid (architecture.md, domain-rules.md §1.1).
public enum AreaKind: String, Sendable, CaseIterable, Hashable {
    case city, district, street, township, community, village, grid, microgrid

    /// The kinds a parent of this kind may have as children.
    public var allowedChildren: Set<AreaKind> {
        switch self {
        case .city: [.district]
        case .district: [.street, .township]
        case .street, .township: [.community, .village]
        case .community, .village: [.grid]
        case .grid: [.microgrid]
        case .microgrid: []
        }
    }

    /// The first letter of each path label, so a path reads as its levels (`c1.d4.s9.m12.g30`).
    public var labelPrefix: String {
        switch self {
        case .city: "c"
        case .district: "d"
        case .street: "s"
        case .township: "t"
        case .community: "m"
        case .village: "v"
        case .grid: "g"
        case .microgrid: "u"
        }
    }

    /// Where people can be registered as living: a grid or a micro-grid.
    public var isResidence: Bool { self == .grid || self == .microgrid }

    /// Checks that a `child` kind may sit under a `parent` kind (`area.invalid_parent`).
    public static func checkPlacement(child: AreaKind, parent: AreaKind) throws(DomainError) {
        guard parent.allowedChildren.contains(child) else {
            throw DomainError(
                .unprocessable, code: "area.invalid_parent",
                message: LocalizedText(
                    zh: "\(child.chineseName)不能设在\(parent.chineseName)之下。",
                    en: "A \(child.rawValue) cannot sit under a \(parent.rawValue)."))
        }
    }

    /// The Chinese name of the level.
    public var chineseName: String {
        switch self {
        case .city: "市"
        case .district: "区（县）"
        case .street: "街道"
        case .township: "乡镇"
        case .community: "社区"
        case .village: "村"
        case .grid: "网格"
        case .microgrid: "微网格"
        }
    }
}
