/// The metrics the service computes, with their standards (domain-rules.md §4).
public enum MetricCatalogue {
    /// Every metric, in catalogue order.
    public static let all: [Metric] = [
        Metric(
            key: "grid_staffing_rate", name: LocalizedText(zh: "网格配员率", en: "Grid staffing rate"),
            definition: LocalizedText(
                zh: "有在岗网格长且至少一名在岗网格员的网格数 ÷ 网格数",
                en: "Grids with an active grid leader and at least one active grid worker ÷ grids"),
            unit: .ratio, target: MetricTarget(.atLeast, 1), source: "seed 001 §三(四)", ruleId: "GRID-3",
            kindDimension: gridType),
        Metric(
            key: "full_time_grid_worker_rate", name: LocalizedText(zh: "专职网格员配备率", en: "Full-time grid worker rate"),
            definition: LocalizedText(
                zh: "至少有一名在岗专职网格员的网格数 ÷ 网格数（“有条件的地方”，无硬性指标）",
                en:
                    "Grids with at least one active full-time grid worker ÷ grids (\"where conditions allow\": no fixed target)"
            ),
            unit: .ratio, target: nil, source: "seed 001 §三(四)", kindDimension: gridType),
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
            unit: .ratio, target: MetricTarget(.atLeast, parameter: .selfGovernanceCompliancePercent, scale: 0.01),
            source: "seed 001 §一(三)", kindDimension: committeeKind),
        Metric(
            key: "women_member_rate", name: LocalizedText(zh: "女性成员覆盖率", en: "Committees with a woman member"),
            definition: LocalizedText(
                zh: "至少有一名在任女性成员的居民委员会、村民委员会数 ÷ 居民委员会、村民委员会数",
                en: "Residents' and villagers' committees with at least one serving woman member ÷ those committees"),
            unit: .ratio, target: MetricTarget(.atLeast, 1), source: "村民委员会组织法 第六条第二款", ruleId: "COM-4",
            kindDimension: committeeKind),
        Metric(
            key: "one_shoulder_rate", name: LocalizedText(zh: "“一肩挑”比例", en: "One-shoulder rate"),
            definition: LocalizedText(
                zh: "主任兼任党组织书记的居民委员会、村民委员会数 ÷ 居民委员会、村民委员会数（政策目标，无数值指标）",
                en:
                    "Residents' and villagers' committees whose director is also the Party secretary ÷ those committees (a policy goal, no figure)"
            ),
            unit: .ratio, target: nil, source: "seed 000 §2.3.4", ruleId: "COM-23", kindDimension: committeeKind),
        Metric(
            key: "term_overdue_count", name: LocalizedText(zh: "超期未换届数", en: "Committees past their term"),
            definition: LocalizedText(
                zh: "任期已届满（届满日早于今天）的居民委员会、村民委员会数",
                en: "Residents' and villagers' committees whose term ended before today"),
            unit: .count, target: MetricTarget(.atMost, 0), source: "村民委员会组织法 第十一条; 居民委员会组织法 第八条", ruleId: "COM-6",
            kindDimension: committeeKind),
        Metric(
            key: "supervision_committee_coverage",
            name: LocalizedText(zh: "监督委员会覆盖率", en: "Supervision committee coverage"),
            definition: LocalizedText(
                zh: "设有监督委员会的社区、村数 ÷ 社区、村数",
                en: "Communities and villages with a supervision committee ÷ communities and villages"),
            unit: .ratio, target: MetricTarget(.atLeast, 1), source: "村民委员会组织法 第三十二条", ruleId: "COM-10",
            kindDimension: areaKind),
        Metric(
            key: "admitted_items_count", name: LocalizedText(zh: "准入事项数", en: "Admitted work items"),
            definition: LocalizedText(
                zh: "今天有效、适用于该区域（目标区域包含它或在其中）的准入事项数",
                en: "Admitted items active today whose target covers the area or lies inside it"),
            unit: .count, target: nil, source: "seed 004 第十八条", ruleId: "ADM-2", kindDimension: itemCategory),
        Metric(
            key: "non_admitted_push_attempts", name: LocalizedText(zh: "清单外派事记录数", en: "Pushes outside the list"),
            definition: LocalizedText(
                zh: "社区记录的清单外派事（未驳回的拒绝记录）数",
                en: "Work pushed outside the admitted list, as refused by communities (refusals not dismissed)"),
            unit: .count, target: MetricTarget(.atMost, 0), source: "seed 004 第十八条、第四十一条", ruleId: "ADM-7",
            kindDimension: department, dated: true),
        Metric(
            key: "assistance_tasks_funded_rate", name: LocalizedText(zh: "协助事项经费保障率", en: "Funded assistance tasks"),
            definition: LocalizedText(
                zh: "有经费的协助类事项下派数 ÷ 协助类事项下派数（费随事转）",
                en: "Assignments of assistance items that carry funding ÷ assignments of assistance items"),
            unit: .ratio, target: MetricTarget(.atLeast, 1), source: "seed 004 第十八条", ruleId: "ADM-3",
            kindDimension: department, dated: true),
        Metric(
            key: "mediation_cases_received", name: LocalizedText(zh: "受理调解案件数", en: "Mediation cases received"),
            definition: LocalizedText(
                zh: "发生在该区域的调解案件数（按登记日）", en: "Mediation cases arising in the area (by the day received)"),
            unit: .count, target: nil, source: "domain-rules.md §4 mediation_cases_*", kindDimension: caseCategory,
            dated: true),
        Metric(
            key: "mediation_success_rate", name: LocalizedText(zh: "调解成功率", en: "Mediation success rate"),
            definition: LocalizedText(
                zh: "达成调解协议的案件数 ÷ 已受理案件数（少于 5 件的分组不显示）",
                en: "Cases with an agreement ÷ accepted cases (groups under 5 cases are suppressed)"),
            unit: .ratio, target: nil, source: "domain-rules.md §4 mediation_cases_*", countsPeople: true,
            kindDimension: caseCategory, dated: true),
        Metric(
            key: "full_time_mediator_coverage",
            name: LocalizedText(zh: "专职人民调解员配备率", en: "Full-time mediator coverage"),
            definition: LocalizedText(
                zh: "有在任专职人民调解员的社区、村数 ÷ 社区、村数",
                en:
                    "Communities and villages served by an active full-time people's mediator ÷ communities and villages"
            ),
            unit: .ratio, target: MetricTarget(.atLeast, 1), source: "seed 000 §4.3.1", ruleId: "MED-5",
            kindDimension: areaKind),
        Metric(
            key: "grid_coverage_rate", name: LocalizedText(zh: "网格覆盖率", en: "Grid coverage rate"),
            definition: LocalizedText(
                zh: "综合网格登记户数（每个社区、村不超过其户数）÷ 社区、村户数",
                en: "Households in comprehensive grids (at most each community's or village's own) ÷ their households"),
            unit: .ratio, target: MetricTarget(.atLeast, 1), source: "seed 001 §一(三)", kindDimension: areaKind),
        Metric(
            key: "unit_leader_coverage", name: LocalizedText(zh: "单元长覆盖率", en: "Unit leader coverage"),
            definition: LocalizedText(
                zh: "有在岗单元长的单元数 ÷ 单元数", en: "Building units with an active unit leader ÷ units"),
            unit: .ratio, target: MetricTarget(.atLeast, 1), source: "seed 004 第十四条", ruleId: "GRID-5"),
        Metric(
            key: "households_per_worker", name: LocalizedText(zh: "每名社区工作者服务户数", en: "Households per worker"),
            definition: LocalizedText(
                zh: "城市社区户数 ÷ 专职社区工作者数（在任居民委员会成员与专职网格长、网格员，每人计一次）",
                en:
                    "Urban community households ÷ full-time community workers (serving residents' committee members and full-time grid leaders and workers, each person once)"
            ),
            unit: .quotient, target: MetricTarget(.atMost, parameter: .householdsPerWorkerMax),
            source: "seed 001 §四(四)"),
        Metric(
            key: "community_workers_per_10k", name: LocalizedText(zh: "每万人社区工作者数", en: "Community workers per 10,000"),
            definition: LocalizedText(
                zh: "专职城乡社区工作者数（在任居民委员会、村民委员会成员与专职网格长、网格员，每人计一次）÷ 常住人口 × 10000",
                en:
                    "Full-time community workers (serving residents' and villagers' committee members and full-time grid leaders and workers, each once) ÷ resident population × 10,000"
            ),
            unit: .per10k, target: MetricTarget(.atLeast, parameter: .communityWorkersPer10k),
            source: "seed 000 §7.1.1", kindDimension: areaKind),
        Metric(
            key: "committee_size_compliance", name: LocalizedText(zh: "委员会职数合规率", en: "Committee size compliance"),
            definition: LocalizedText(
                zh: "在任成员（主任、副主任、委员）人数在本地规则配置范围内的居民委员会、村民委员会数 ÷ 居民委员会、村民委员会数",
                en:
                    "Residents' and villagers' committees whose serving director, deputies and members number within their rule profile's range ÷ those committees"
            ),
            unit: .ratio, target: MetricTarget(.atLeast, 1), source: "村民委员会组织法 第六条; 居民委员会组织法 第七条",
            ruleId: "COM-1/COM-2", kindDimension: committeeKind),
        Metric(
            key: "election_turnout", name: LocalizedText(zh: "选举参选率", en: "Election turnout"),
            definition: LocalizedText(
                zh: "第一轮投票人数 ÷ 登记选民数（已投票的选举，按选举日）",
                en: "Ballots cast in the first round ÷ registered voters (elections polled, by polling day)"),
            unit: .ratio, target: MetricTarget(.above, 0.5), source: "村民委员会组织法 第十五条", ruleId: "ELE-9",
            kindDimension: electionMethod, dated: true),
        Metric(
            key: "election_validity_rate", name: LocalizedText(zh: "选举有效率", en: "Valid elections"),
            definition: LocalizedText(
                zh: "第一轮投票人数过登记选民半数的选举数 ÷ 已投票的选举数",
                en: "Elections whose first-round ballots exceed half the registered voters ÷ elections polled"),
            unit: .ratio, target: MetricTarget(.atLeast, 1), source: "村民委员会组织法 第十五条", ruleId: "ELE-9",
            kindDimension: electionMethod, dated: true),
        Metric(
            key: "election_contest_ratio", name: LocalizedText(zh: "差额比例", en: "Candidates per seat"),
            definition: LocalizedText(
                zh: "第一轮正式候选人数 ÷ 应选职数（差额选举：须多于 1）",
                en: "First-round candidates ÷ seats (a contested election: more than 1)"),
            unit: .quotient, target: MetricTarget(.above, 1), source: "村民委员会组织法 第十五条第一款", ruleId: "ELE-7",
            kindDimension: electionMethod, dated: true),
        Metric(
            key: "election_first_round_fill_rate",
            name: LocalizedText(zh: "首轮当选率", en: "Seats filled in the first round"),
            definition: LocalizedText(
                zh: "第一轮当选并就任的职数 ÷ 应选职数（已确认结果的选举）",
                en: "Seats filled by first-round winners ÷ seats (certified elections)"),
            unit: .ratio, target: nil, source: "村民委员会组织法 第十五条第二款", ruleId: "ELE-11",
            kindDimension: electionMethod, dated: true),
        Metric(
            key: "department_satisfaction", name: LocalizedText(zh: "部门满意度", en: "Department satisfaction"),
            definition: LocalizedText(
                zh: "社区对部门的年度评议平均分（1–5 分，双评议）",
                en: "Mean of communities' yearly ratings of departments (1–5, 双评议)"),
            unit: .quotient, target: nil, source: "seed 000 §4.5.3; seed 004 第三十八条", kindDimension: department,
            dated: true),
        Metric(
            key: "mediation_cases_accepted", name: LocalizedText(zh: "受理调解案件数", en: "Mediation cases accepted"),
            definition: LocalizedText(
                zh: "已受理的调解案件数（按受理日）", en: "Mediation cases accepted (by the day of acceptance)"),
            unit: .count, target: nil, source: "domain-rules.md §4 mediation_cases_*", kindDimension: caseCategory,
            dated: true),
        Metric(
            key: "mediation_cases_concluded_in_time", name: LocalizedText(zh: "按期办结率", en: "Cases concluded in time"),
            definition: LocalizedText(
                zh: "在期限（受理后的调解期限加延长天数）内办结的案件数 ÷ 办结的已受理案件数（按办结日；少于 5 件的分组不显示）",
                en:
                    "Cases concluded within their limit (the mediation period from acceptance plus extensions) ÷ accepted cases concluded (by the day concluded; groups under 5 suppressed)"
            ),
            unit: .ratio, target: MetricTarget(.atLeast, 1), source: "人民调解工作若干规定 第三十三条", ruleId: "MED-17",
            countsPeople: true, kindDimension: caseCategory, dated: true),
        Metric(
            key: "mediation_cases_overdue", name: LocalizedText(zh: "超期未结案件数", en: "Overdue mediation cases"),
            definition: LocalizedText(
                zh: "今天已超过调解期限仍未办结的案件数", en: "Open cases past their mediation limit today"),
            unit: .count, target: MetricTarget(.atMost, 0), source: "人民调解工作若干规定 第三十三条", ruleId: "MED-17",
            kindDimension: mediationLevel),
        Metric(
            key: "mediation_judicial_confirmations", name: LocalizedText(zh: "司法确认数", en: "Judicial confirmations"),
            definition: LocalizedText(
                zh: "人民法院确认有效的调解协议数（按答复日）", en: "Agreements a court confirmed valid (by the day of the answer)"),
            unit: .count, target: nil, source: "人民调解法 第三十三条", ruleId: "MED-15", kindDimension: caseCategory,
            dated: true),
        Metric(
            key: "escalation_rate_by_level", name: LocalizedText(zh: "逐级上交率", en: "Escalation rate by level"),
            definition: LocalizedText(
                zh: "从某一层级提请上交（未被退回）的次数 ÷ 该层级办理的案件数（首次受理层级与接收的上交）",
                en:
                    "Escalations from a level (not returned) ÷ cases handled at that level (accepted there first, or taken over by escalation)"
            ),
            unit: .ratio, target: nil, source: "seed 004 第二十条", kindDimension: mediationLevel, dated: true),
        Metric(
            key: "facility_area_per_100_households",
            name: LocalizedText(zh: "每百户服务设施面积", en: "Facility area per 100 households"),
            definition: LocalizedText(
                zh: "社区综合服务设施面积（m²，最近年度记录）÷ 户数 × 100",
                en: "Community service premises (m², latest yearly record) ÷ households × 100"),
            unit: .per100, target: MetricTarget(.atLeast, parameter: .facilityAreaPer100Households),
            source: "seed 001 §四(一)", kindDimension: areaKind),
        Metric(
            key: "office_service_area", name: LocalizedText(zh: "办公服务用房达标率", en: "Office and service premises"),
            definition: LocalizedText(
                zh: "办公和服务用房面积不少于本地标准（默认 600 m²）且公共服务部分不少于其 2/3 的社区、村数 ÷ 社区、村数（最近年度记录；无记录计为未达标）",
                en:
                    "Communities and villages whose premises reach their profile's area (600 m² by default) with at least 2/3 for public services ÷ communities and villages (latest record; none counts as short)"
            ),
            unit: .ratio, target: MetricTarget(.atLeast, 1), source: "seed 003 §三(三)", kindDimension: areaKind),
        Metric(
            key: "community_operating_funds", name: LocalizedText(zh: "运转经费达标率", en: "Operating funds"),
            definition: LocalizedText(
                zh: "当年基本运转经费不少于本地标准（城市社区默认 20 万元，村默认 30 万元）的社区、村数 ÷ 社区、村数（`to` 所在年度，默认今年）",
                en:
                    "Communities and villages whose basic operating funds for the year reach their profile's standard (¥200,000 urban, ¥300,000 rural by default) ÷ communities and villages (the year of `to`, this year by default)"
            ),
            unit: .ratio, target: MetricTarget(.atLeast, 1), source: "seed 001 §六(二)", kindDimension: areaKind),
    ]

    static let committeeKind = LocalizedText(zh: "委员会类型", en: "committee kind")
    static let areaKind = LocalizedText(zh: "区域类型（社区或村）", en: "area kind (community or village)")
    static let gridType = LocalizedText(zh: "网格类型（综合或专属）", en: "grid type (comprehensive or exclusive)")
    static let itemCategory = LocalizedText(zh: "事项类别", en: "item category")
    static let department = LocalizedText(zh: "部门", en: "department")
    static let caseCategory = LocalizedText(zh: "纠纷类别", en: "dispute category")
    static let mediationLevel = LocalizedText(zh: "调解层级", en: "mediation level")
    static let electionMethod = LocalizedText(zh: "选举方式", en: "election method")

    /// The metric `key`; `nil` when there is none.
    public static func metric(_ key: String) -> Metric? { all.first { $0.key == key } }
}
