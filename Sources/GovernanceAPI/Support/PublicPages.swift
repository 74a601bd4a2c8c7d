import Foundation
import GovernanceOpenAPI
import OpenAPIRuntime

/// The public boards as printable pages (挂牌公示, 选举结果公告, 居务公开栏): built from the same
/// values as their JSON, so they show nothing the JSON does not, on A4 with Chinese type.
enum PublicPages {
    /// Whether the client's `Accept` prefers HTML (a browser) to JSON.
    static func prefersHTML<Content: AcceptableProtocol>(_ accept: [AcceptHeaderContentType<Content>]) -> Bool {
        accept.sortedByQuality().first?.contentType.rawValue == "text/html"
    }

    /// A community's grid board.
    static func gridBoard(_ board: Components.Schemas.GridBoard) -> String {
        var body = "<h1>\(escape(board.communityName))网格服务管理公示</h1>"
        body += "<table><thead><tr><th>网格</th><th>类型</th><th>网格长、网格员</th></tr></thead><tbody>"
        for grid in board.grids {
            let staff = grid.staff.map { member in
                let phone = member.servicePhone.map { "　服务电话 \(escape($0))" } ?? ""
                return "\(escape(postName(member.post.rawValue)))　\(escape(member.name))\(phone)"
            }.joined(separator: "<br>")
            body += "<tr><td>\(escape(grid.name))</td><td>\(escape(gridTypeName(grid.gridType?.rawValue)))</td>"
            body += "<td>\(staff.isEmpty ? "—" : staff)</td></tr>"
        }
        body += "</tbody></table>"
        return page(title: "\(board.communityName) 网格公示", body: body)
    }

    /// An election's public announcement: candidates and, once certified, the results.
    static func election(_ election: Components.Schemas.PublicElection) -> String {
        let status = electionStatusName(election.status.rawValue)
        var body = "<h1>选举公告</h1><p>投票日：\(escape(election.pollingDay))　状态：\(escape(status))</p>"
        body += "<h2>候选人</h2><table><thead><tr><th>姓名</th><th>职务</th><th>轮次</th></tr></thead><tbody>"
        for candidate in election.candidates {
            body += "<tr><td>\(escape(candidate.name))</td><td>\(escape(positionName(candidate.position)))</td>"
            body += "<td>\(candidate.round)</td></tr>"
        }
        body += "</tbody></table>"
        if let results = election.results {
            body += "<h2>选举结果</h2><table><thead><tr><th>姓名</th><th>职务</th><th>得票</th><th>当选</th></tr></thead><tbody>"
            for result in results {
                body += "<tr><td>\(escape(result.name))</td><td>\(escape(positionName(result.position)))</td>"
                body += "<td class=\"number\">\(result.votes)</td><td>\(result.elected ? "当选" : "")</td></tr>"
            }
            body += "</tbody></table>"
        }
        return page(title: "选举公告", body: body)
    }

    /// A page of a committee's disclosure board.
    static func disclosures(_ page: Components.Schemas.PublicDisclosurePage) -> String {
        var body = "<h1>居（村）务公开栏</h1>"
        if page.items.isEmpty { body += "<p>暂无公开事项。</p>" }
        for item in page.items {
            body +=
                "<article><h2>\(escape(item.title))</h2><p class=\"meta\">\(escape(categoryName(item.category.rawValue)))"
            body += "　所涉期间 \(escape(item.periodFrom)) 至 \(escape(item.periodTo))　公布日期 \(escape(item.publishedOn))"
            body += item.reviewed ? "　经监督委员会审核" : ""
            body += item.corrects == nil ? "" : "　（更正）"
            body += "</p><p>\(escape(item.content).replacingOccurrences(of: "\n", with: "<br>"))</p>"
            if !item.financeLines.isEmpty {
                body += "<table><thead><tr><th>收支</th><th>项目</th><th>金额（元）</th></tr></thead><tbody>"
                for line in item.financeLines {
                    body += "<tr><td>\(line.direction.rawValue == "income" ? "收入" : "支出")</td>"
                    body += "<td>\(escape(line.item))</td><td class=\"number\">\(yuan(line.amountFen))</td></tr>"
                }
                body += "<tr><td colspan=\"2\">结余</td><td class=\"number\">\(yuan(item.balanceFen))</td></tr>"
                body += "</tbody></table>"
            }
            body += "</article>"
        }
        return self.page(title: "居（村）务公开栏", body: body)
    }

    /// Fen as yuan with two decimals.
    static func yuan(_ fen: Int) -> String {
        let sign = fen < 0 ? "-" : ""
        let magnitude = fen.magnitude
        let cents = magnitude % 100
        return "\(sign)\(magnitude / 100).\(cents < 10 ? "0" : "")\(cents)"
    }

    static func page(title: String, body: String) -> String {
        """
        <!doctype html>
        <html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title))</title><style>\(style)</style></head><body>\(body)</body></html>
        """
    }

    static func postName(_ post: String) -> String {
        [
            "grid_leader": "网格长", "grid_worker": "网格员", "microgrid_leader": "微网格长", "building_leader": "楼栋长",
            "unit_leader": "单元长",
        ][post] ?? post
    }

    static func positionName(_ position: String) -> String {
        ["director": "主任", "deputy_director": "副主任", "member": "委员", "representative": "代表"][position] ?? position
    }

    static func electionStatusName(_ status: String) -> String {
        [
            "voting": "投票中", "counting": "计票中", "runoff": "另行选举", "certified": "选举结果已确认",
            "failed": "选举无效", "annulled": "已撤销", "candidates_published": "候选人已公布",
        ][status] ?? status
    }

    static func gridTypeName(_ type: String?) -> String {
        guard let type else { return "" }
        return ["comprehensive": "综合网格", "exclusive": "专属网格"][type] ?? type
    }

    static func categoryName(_ category: String) -> String {
        [
            "affairs": "居（村）务", "finance": "财务收支", "meeting_decision": "会议决定", "consultation_result": "协商结果",
            "consultation_implementation": "协商成果落实", "relief_subsidy_funds": "救助补贴资金", "service_project": "服务项目",
            "family_planning_plan": "计划生育", "assistance_to_government": "协助政府工作", "rules_procedures": "办事制度和程序",
            "convention": "村规民约（居民公约）", "election": "选举", "admission_list": "准入事项", "other": "其他",
        ][category] ?? category
    }

    /// A4 print styles and Chinese typography (Debian's fonts-noto-cjk).
    static let style = """
        body{font-family:"Noto Serif CJK SC","Noto Sans CJK SC","Source Han Serif SC","WenQuanYi Micro Hei",serif;
        max-width:48rem;margin:0 auto;padding:1rem;line-height:1.6;color:#111}h1{text-align:center;font-size:1.6rem;
        letter-spacing:.1em}h2{font-size:1.15rem;margin:.8rem 0 .3rem}table{border-collapse:collapse;width:100%}
        td,th{border:1px solid #444;padding:.25rem .4rem;vertical-align:top;text-align:left}th{background:#eee}
        .number{text-align:right;font-variant-numeric:tabular-nums}.meta{color:#444;font-size:.9rem}
        article{border-bottom:1px solid #999;padding-bottom:.4rem}
        @page{size:A4;margin:12mm}@media print{body{max-width:none;padding:0;font-size:10.5pt}
        th{background:none}tr,article{break-inside:avoid}}
        """
}
