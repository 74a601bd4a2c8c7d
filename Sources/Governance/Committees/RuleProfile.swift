/// The numbers of the committee rules, which differ by city and by law version: national
/// defaults, overridable per area (a city or lower), each parameter with where it comes from.
///
/// The residents' committee law was rewritten with effect from 2026-01-01 (COM legal baseline);
/// `lawVersion` picks the defaults that differ.
public struct RuleProfile: Sendable, Hashable {
    /// Where a parameter's value comes from.
    public enum Source: Sendable, Hashable {
        /// The national default for the law version.
        case national(lawVersion: Int)
        /// An override set on an area.
        case area(areaId: String)
    }

    /// Every parameter with its value and source.
    public private(set) var values: [RuleParameter: (value: Int, source: Source)]

    public static func == (lhs: RuleProfile, rhs: RuleProfile) -> Bool {
        lhs.values.mapValues(\.value) == rhs.values.mapValues(\.value)
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(values.mapValues(\.value)) }

    /// The law version in force on a day: 2026 from 2026-01-01 (COM legal baseline, GEN-8).
    public static func lawVersion(on day: CalendarDay) -> Int {
        day >= CalendarDay("2026-01-01")! ? 2026 : 2018
    }

    /// The profile in force: national defaults, then overrides from the root down (nearest wins).
    /// - Parameter overrides: `(areaId, parameter, value)` ordered from the city down to the area;
    ///   names this version does not know are ignored.
    public init(lawVersion: Int, overrides: [(areaId: String, parameter: String, value: Int)]) {
        var values: [RuleParameter: (value: Int, source: Source)] = [:]
        for parameter in RuleParameter.allCases {
            values[parameter] = (parameter.nationalDefault(lawVersion: lawVersion), .national(lawVersion: lawVersion))
        }
        for override in overrides {
            guard let parameter = RuleParameter(rawValue: override.parameter), parameter.isOverridable else { continue }
            values[parameter] = (override.value, .area(areaId: override.areaId))
        }
        self.values = values
    }

    /// The same profile under another law version: the national defaults of that version, the
    /// area overrides kept (GEN-8: a committee is judged by the law it was elected under).
    public func underLaw(_ lawVersion: Int) -> RuleProfile {
        var profile = self
        for (parameter, entry) in values {
            if case .national = entry.source {
                profile.values[parameter] = (
                    parameter.nationalDefault(lawVersion: lawVersion), .national(lawVersion: lawVersion)
                )
            }
        }
        return profile
    }

    /// A parameter's value; every parameter has one.
    public subscript(_ parameter: RuleParameter) -> Int {
        values[parameter]?.value ?? parameter.nationalDefault(lawVersion: values[.lawVersion]?.value ?? 2026)
    }

    /// Where a parameter's value comes from.
    public func source(of parameter: RuleParameter) -> Source {
        values[parameter]?.source ?? .national(lawVersion: self[.lawVersion])
    }

    /// Checks an override request: known, overridable parameters, sensible values.
    public static func validateOverrides(_ parameters: [String: Int?]) throws(DomainError) {
        var validator = FieldValidator()
        for (name, value) in parameters {
            if RuleParameter(rawValue: name)?.isOverridable != true {
                validator.fail("parameters/\(name)", "unknown_parameter", zh: "未知参数。", en: "Unknown parameter.")
            } else if let value, !(0...1000).contains(value) {
                validator.fail(
                    "parameters/\(name)", "out_of_range", zh: "取值须在 0 到 1000 之间。", en: "Must be between 0 and 1000.")
            } else if let value, value < 1, name == RuleParameter.changeRetentionDays.rawValue {
                // No retention would expire every consumer's cursor within the hour.
                validator.fail(
                    "parameters/\(name)", "out_of_range", zh: "变更保留期至少 1 天。", en: "Changes are kept at least 1 day.")
            }
        }
        try validator.check()
    }
}
