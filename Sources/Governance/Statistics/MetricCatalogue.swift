/// The metrics the service computes, with their standards (domain-rules.md §4).
public enum MetricCatalogue {
    /// Every metric, in catalogue order.
    public static let all: [Metric] = [
        Metric(
            key: "grid_staffing_rate", name: LocalizedText(zh: "网格配员率", en: "Grid staffing rate"),
            definition: LocalizedText(
                zh: "有在岗网格长且至少一名在岗网格员的网格数 ÷ 网格数",
                en: "Grids with an active grid leader and at least one active grid worker ÷ grids"),
            unit: .ratio, target: MetricTarget(.atLeast, 1), source: "seed 001 §三(四)", ruleId: "GRID-3"),
        Metric(
            key: "full_time_grid_worker_rate", name: LocalizedText(zh: "专职网格员配备率", en: "Full-time grid worker rate"),
            definition: LocalizedText(
                zh: "至少有一名在岗专职网格员的网格数 ÷ 网格数（“有条件的地方”，无硬性指标）",
                en:
                    "Grids with at least one active full-time grid worker ÷ grids (\"where conditions allow\": no fixed target)"
            ),
            unit: .ratio, target: nil, source: "seed 001 §三(四)"),
        Metric(
            key: "building_leader_coverage", name: LocalizedText(zh: "楼栋长覆盖率", en: "Building leader coverage"),
            definition: LocalizedText(
                zh: "有在岗楼栋长的楼栋数 ÷ 楼栋数", en: "Buildings with an active building leader ÷ buildings"),
            unit: .ratio, target: MetricTarget(.atLeast, 1), source: "seed 004 第十四条", ruleId: "GRID-5"),
        Metric(
            key: "self_governance_compliance_rate",
            name: LocalizedText(zh: "依法自治达标率", en: "Self-governance compliance rate"),
            definition: LocalizedText(
                zh: "合规（无合规性发现）的居民委员会、村民委员会数 ÷ 居民委员会、村民委员会数",
                en: "Residents' and villagers' committees with no compliance finding ÷ those committees"),
            unit: .ratio, target: MetricTarget(.atLeast, 0.98), source: "seed 001 §一(三)"),
        Metric(
            key: "women_member_rate", name: LocalizedText(zh: "女性成员覆盖率", en: "Committees with a woman member"),
            definition: LocalizedText(
                zh: "至少有一名在任女性成员的居民委员会、村民委员会数 ÷ 居民委员会、村民委员会数",
                en: "Residents' and villagers' committees with at least one serving woman member ÷ those committees"),
            unit: .ratio, target: MetricTarget(.atLeast, 1), source: "村民委员会组织法 第六条第二款", ruleId: "COM-4"),
        Metric(
            key: "one_shoulder_rate", name: LocalizedText(zh: "“一肩挑”比例", en: "One-shoulder rate"),
            definition: LocalizedText(
                zh: "主任兼任党组织书记的居民委员会、村民委员会数 ÷ 居民委员会、村民委员会数（政策目标，无数值指标）",
                en:
                    "Residents' and villagers' committees whose director is also the Party secretary ÷ those committees (a policy goal, no figure)"
            ),
            unit: .ratio, target: nil, source: "seed 000 §2.3.4"),
        Metric(
            key: "term_overdue_count", name: LocalizedText(zh: "超期未换届数", en: "Committees past their term"),
            definition: LocalizedText(
                zh: "任期已届满（届满日早于今天）的居民委员会、村民委员会数",
                en: "Residents' and villagers' committees whose term ended before today"),
            unit: .count, target: MetricTarget(.atMost, 0), source: "村民委员会组织法 第十一条; 居民委员会组织法 第八条", ruleId: "COM-6"),
        Metric(
            key: "supervision_committee_coverage",
            name: LocalizedText(zh: "监督委员会覆盖率", en: "Supervision committee coverage"),
            definition: LocalizedText(
                zh: "设有监督委员会的社区、村数 ÷ 社区、村数",
                en: "Communities and villages with a supervision committee ÷ communities and villages"),
            unit: .ratio, target: MetricTarget(.atLeast, 1), source: "村民委员会组织法 第三十二条", ruleId: "COM-10"),
        Metric(
            key: "admitted_items_count", name: LocalizedText(zh: "准入事项数", en: "Admitted work items"),
            definition: LocalizedText(
                zh: "今天有效、适用于该区域（目标区域包含它或在其中）的准入事项数",
                en: "Admitted items active today whose target covers the area or lies inside it"),
            unit: .count, target: nil, source: "seed 004 第十八条", ruleId: "ADM-2"),
        Metric(
            key: "non_admitted_push_attempts", name: LocalizedText(zh: "清单外派事记录数", en: "Pushes outside the list"),
            definition: LocalizedText(
                zh: "社区记录的清单外派事（未驳回的拒绝记录）数",
                en: "Work pushed outside the admitted list, as refused by communities (refusals not dismissed)"),
            unit: .count, target: MetricTarget(.atMost, 0), source: "seed 004 第十八条、第四十一条", ruleId: "ADM-7"),
        Metric(
            key: "assistance_tasks_funded_rate", name: LocalizedText(zh: "协助事项经费保障率", en: "Funded assistance tasks"),
            definition: LocalizedText(
                zh: "有经费的协助类事项下派数 ÷ 协助类事项下派数（费随事转）",
                en: "Assignments of assistance items that carry funding ÷ assignments of assistance items"),
            unit: .ratio, target: MetricTarget(.atLeast, 1), source: "seed 004 第十八条", ruleId: "ADM-3"),
        Metric(
            key: "mediation_cases_received", name: LocalizedText(zh: "受理调解案件数", en: "Mediation cases received"),
            definition: LocalizedText(zh: "发生在该区域的调解案件数", en: "Mediation cases arising in the area"),
            unit: .count, target: nil, source: "domain-rules.md §4 mediation_cases_*"),
        Metric(
            key: "mediation_success_rate", name: LocalizedText(zh: "调解成功率", en: "Mediation success rate"),
            definition: LocalizedText(
                zh: "达成调解协议的案件数 ÷ 已受理案件数（少于 5 件的分组不显示）",
                en: "Cases with an agreement ÷ accepted cases (groups under 5 cases are suppressed)"),
            unit: .ratio, target: nil, source: "domain-rules.md §4 mediation_cases_*", countsPeople: true),
        Metric(
            key: "full_time_mediator_coverage",
            name: LocalizedText(zh: "专职人民调解员配备率", en: "Full-time mediator coverage"),
            definition: LocalizedText(
                zh: "有在任专职人民调解员的社区、村数 ÷ 社区、村数",
                en:
                    "Communities and villages served by an active full-time people's mediator ÷ communities and villages"
            ),
            unit: .ratio, target: MetricTarget(.atLeast, 1), source: "seed 000 §4.3.1", ruleId: "MED-5"),
    ]

    /// The metric `key`; `nil` when there is none.
    public static func metric(_ key: String) -> Metric? { all.first { $0.key == key } }
}
