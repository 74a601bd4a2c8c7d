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

    /// The parameters, by name, with their value and source.
    public private(set) var values: [String: (value: Int, source: Source)]

    public static func == (lhs: RuleProfile, rhs: RuleProfile) -> Bool {
        lhs.values.mapValues(\.value) == rhs.values.mapValues(\.value)
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(values.mapValues(\.value)) }

    /// Every parameter and its national default for a law version.
    public static func nationalDefaults(lawVersion: Int) -> [String: Int] {
        [
            "lawVersion": lawVersion,
            "termYears": 5,  // COM-6
            "residentsCommitteeMin": 5, "residentsCommitteeMax": 9,  // COM-2
            "villagersCommitteeMin": 3, "villagersCommitteeMax": 7,  // COM-1
            "supervisionCommitteeMin": 3, "supervisionCommitteeMax": 5,  // COM-9
            "ownersCommitteeMin": 5,  // COM-22 (odd number)
            "residentsAssemblyMin": 51, "residentsAssemblyMax": 101,  // COM-21
            // COM-21: resident representatives ≥ 2/3, and ≥ 4/5 under the 2026 law (as reported).
            "residentsAssemblyResidentShareNumerator": lawVersion >= 2026 ? 4 : 2,
            "residentsAssemblyResidentShareDenominator": lawVersion >= 2026 ? 5 : 3,
            // COM-16 (Ningbo, as default): by village population.
            "villageRepresentativesBelow500": 30, "villageRepresentatives500To999": 40,
            "villageRepresentativesFrom1000": 50,
            "villageRepresentativesNormalMax": 80,
            // COM-4 / COM-5: a woman member on villagers' committees; on residents' ones from 2026.
            "residentsCommitteeNeedsWoman": lawVersion >= 2026 ? 1 : 0,
            // COM-14: the elderly, women and children committee from 2026; villages' women and children committee.
            "requiresElderlyWomenChildren": lawVersion >= 2026 ? 1 : 0,
            "villageRequiresWomenChildren": 1,
            // ELE-5: voter list published ≥ 20 days before polling day; candidates ≥ 5 days ((c), provincial practice).
            "rollPublishedDaysBefore": 20, "candidatesPublishedDaysBefore": 5,
            // MED-17: a case is concluded within one month of acceptance, as a rule.
            "mediationMonths": 1,
        ]
    }

    /// The law version in force on a day: 2026 from 2026-01-01 (COM legal baseline, GEN-8).
    public static func lawVersion(on day: CalendarDay) -> Int {
        day >= CalendarDay("2026-01-01")! ? 2026 : 2018
    }

    /// The profile in force: national defaults, then overrides from the root down (nearest wins).
    /// - Parameter overrides: `(areaId, parameter, value)` ordered from the city down to the area.
    public init(lawVersion: Int, overrides: [(areaId: String, parameter: String, value: Int)]) {
        var values: [String: (value: Int, source: Source)] = [:]
        let defaults = Self.nationalDefaults(lawVersion: lawVersion)
        for (name, value) in defaults { values[name] = (value, .national(lawVersion: lawVersion)) }
        for override in overrides where defaults[override.parameter] != nil && override.parameter != "lawVersion" {
            values[override.parameter] = (override.value, .area(areaId: override.areaId))
        }
        self.values = values
    }

    /// A parameter's value.
    public subscript(_ name: String) -> Int { values[name]?.value ?? 0 }

    /// Checks an override request: known parameters, sensible values.
    public static func validateOverrides(_ parameters: [String: Int?]) throws(DomainError) {
        var validator = FieldValidator()
        let known = nationalDefaults(lawVersion: 2026)
        for (name, value) in parameters {
            if known[name] == nil || name == "lawVersion" {
                validator.fail("parameters/\(name)", "unknown_parameter", zh: "未知参数。", en: "Unknown parameter.")
            } else if let value, !(0...1000).contains(value) {
                validator.fail(
                    "parameters/\(name)", "out_of_range", zh: "取值须在 0 到 1000 之间。", en: "Must be between 0 and 1000.")
            }
        }
        try validator.check()
    }
}
