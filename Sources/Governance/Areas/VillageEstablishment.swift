/// COM-7: a village is set up on the proposal of the township or street (its parent), with the
/// consent of the villagers' meeting, approved by the county-level government.
public struct VillageEstablishment: Sendable, Hashable {
    /// The reference of the villagers' meeting resolution consenting.
    public var villagersMeetingResolution: String
    /// The reference of the county-level government's approval.
    public var countyApproval: String

    /// Creates the value.
    public init(villagersMeetingResolution: String, countyApproval: String) {
        self.villagersMeetingResolution = villagersMeetingResolution
        self.countyApproval = countyApproval
    }

    /// A village created through the API carries both documents; other kinds carry none.
    public static func check(kind: AreaKind, _ establishment: VillageEstablishment?) throws(DomainError) {
        var validator = FieldValidator()
        if let establishment {
            validator.length(
                "establishment/villagersMeetingResolution", establishment.villagersMeetingResolution, max: 200)
            validator.notBlank("establishment/villagersMeetingResolution", establishment.villagersMeetingResolution)
            validator.length("establishment/countyApproval", establishment.countyApproval, max: 200)
            validator.notBlank("establishment/countyApproval", establishment.countyApproval)
            if kind != .village {
                validator.fail(
                    "establishment", "not_applicable", zh: "只有村的设立需要这些文件。",
                    en: "Only a village is set up on these documents.")
            }
        }
        try validator.check()
        guard kind != .village || establishment != nil else {
            throw DomainError(
                .unprocessable, code: "area.village_establishment_required",
                message: LocalizedText(
                    zh: "村的设立须经乡镇（街道）提出、村民会议讨论同意、县级人民政府批准（COM-7）。",
                    en:
                        "A village is set up on the township's proposal, with the villagers' meeting's consent and the county's approval (COM-7)."
                ),
                fieldErrors: [
                    .init(
                        field: "establishment", code: "required",
                        message: LocalizedText(
                            zh: "须提供村民会议决议和县级批准文号。", en: "The resolution and the approval are required."))
                ])
        }
    }
}
