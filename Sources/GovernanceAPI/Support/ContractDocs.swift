import Foundation
import Governance
import GovernanceOpenAPI
import Yams

/// The contract as a human reference page (`GET /docs`): rendered once per language from the
/// embedded `openapi.yaml`, in the document's own order, with no JavaScript and no resource from
/// elsewhere, so it works offline and prints.
enum ContractDocs {
    /// The page in Chinese (labels; the contract's texts are as written).
    static let chinese = render(.chinese)
    /// The page with English labels.
    static let english = render(.english)

    /// The page for `language`.
    static func page(_ language: Language) -> String {
        language == .english ? english : chinese
    }

    static func render(_ language: Language) -> String {
        let text = Labels(language)
        guard let document = try? Yams.compose(yaml: String(decoding: Contract.yaml, as: UTF8.self)) else {
            return "<!doctype html><title>docs</title><p>\(text.unreadable)</p>"
        }
        var page = Page(document: document)
        let info = document["info"]
        let title = info?["title"]?.string ?? "Grassroots API"
        page.line("<!doctype html>")
        page.line("<html lang=\"\(language == .english ? "en" : "zh-CN")\"><head><meta charset=\"utf-8\">")
        page.line("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        page.line("<title>\(escape(title)) — \(text.reference)</title><style>\(style)</style></head><body>")
        page.line("<header><h1>\(escape(title)) <small>\(escape(info?["version"]?.string ?? ""))</small></h1>")
        page.line("<p class=\"switch\"><a href=\"/docs?lang=zh\">中文</a> · <a href=\"/docs?lang=en\">English</a>")
        page.line(" · <a href=\"/openapi.yaml\">openapi.yaml</a></p>")
        page.paragraphs(info?["description"]?.string)
        page.line("</header>")
        let operations = Self.operations(document)
        page.line("<nav><h2>\(text.contents)</h2><ul>")
        for tag in document["tags"]?.sequence ?? [] {
            guard let name = tag["name"]?.string else { continue }
            let count = operations.filter { $0.tag == name }.count
            page.line("<li><a href=\"#tag-\(escape(name))\">\(escape(name))</a> (\(count))</li>")
        }
        page.line("<li><a href=\"#schemas\">\(text.schemas)</a></li></ul></nav><main>")
        for tag in document["tags"]?.sequence ?? [] {
            guard let name = tag["name"]?.string else { continue }
            page.line("<section id=\"tag-\(escape(name))\"><h2>\(escape(name))</h2>")
            page.paragraphs(tag["description"]?.string)
            for operation in operations where operation.tag == name {
                page.operation(operation, text: text)
            }
            page.line("</section>")
        }
        page.line("<section id=\"schemas\"><h2>\(text.schemas)</h2>")
        for (key, schema) in document["components"]?["schemas"]?.mapping ?? [:] {
            guard let name = key.string else { continue }
            page.schema(name, schema, text: text)
        }
        page.line("</section></main></body></html>")
        return page.text
    }

    /// One operation of the document.
    struct Operation {
        let method: String
        let path: String
        let node: Node
        let pathParameters: [Node]
        var id: String { node["operationId"]?.string ?? "\(method) \(path)" }
        var tag: String { node["tags"]?.sequence?.first?.string ?? "" }
    }

    /// Every operation, in the document's order.
    static func operations(_ document: Node) -> [Operation] {
        var found: [Operation] = []
        for (path, item) in document["paths"]?.mapping ?? [:] {
            guard let path = path.string else { continue }
            let shared = item["parameters"]?.sequence.map(Array.init) ?? []
            for method in ["get", "put", "post", "patch", "delete"] {
                guard let node = item[method] else { continue }
                found.append(
                    Operation(method: method.uppercased(), path: path, node: node, pathParameters: Array(shared)))
            }
        }
        return found
    }

    /// The labels of the page.
    struct Labels {
        let reference, contents, schemas, parameters, requestBody, responses, example, callers, anyone: String
        let required, property, type, description, constraints, unreadable, location: String

        init(_ language: Language) {
            let english = language == .english
            reference = english ? "API reference" : "接口参考"
            contents = english ? "Contents" : "目录"
            schemas = english ? "Schemas" : "数据结构"
            parameters = english ? "Parameters" : "参数"
            requestBody = english ? "Request body" : "请求体"
            responses = english ? "Responses" : "响应"
            example = english ? "Example" : "示例"
            callers = english ? "Who may call" : "调用角色"
            anyone = english ? "anyone, without a token" : "任何人（无需令牌）"
            required = english ? "required" : "必填"
            property = english ? "Name" : "名称"
            type = english ? "Type" : "类型"
            description = english ? "Description" : "说明"
            constraints = english ? "Constraints" : "约束"
            unreadable = english ? "The contract could not be read." : "无法读取接口契约。"
            location = english ? "In" : "位置"
        }
    }

    /// The page being written.
    struct Page {
        let document: Node
        var text = ""

        mutating func line(_ value: String) { text += value + "\n" }

        /// A description's paragraphs, with `code` spans kept.
        mutating func paragraphs(_ value: String?) {
            guard let value, !value.isEmpty else { return }
            for paragraph in value.components(separatedBy: "\n\n") where !paragraph.isEmpty {
                line("<p>\(ContractDocs.inline(paragraph))</p>")
            }
        }

        mutating func operation(_ operation: Operation, text: Labels) {
            let node = operation.node
            line("<article id=\"\(escape(operation.id))\"><h3><span class=\"method \(operation.method.lowercased())\">")
            line("\(operation.method)</span> <code>\(escape(operation.path))</code></h3>")
            line(
                "<p class=\"summary\">\(ContractDocs.inline(node["summary"]?.string ?? "")) <code>\(escape(operation.id))</code></p>"
            )
            paragraphs(node["description"]?.string)
            line(
                "<p class=\"roles\"><b>\(text.callers):</b> \(escape(ContractDocs.callers(operation.id, anyone: text.anyone)))</p>"
            )
            let parameters = (operation.pathParameters + (node["parameters"]?.sequence.map(Array.init) ?? []))
                .compactMap {
                    ContractDocs.resolve($0, in: document)
                }
            if !parameters.isEmpty {
                line("<h4>\(text.parameters)</h4><table><tr><th>\(text.property)</th><th>\(text.location)</th>")
                line("<th>\(text.type)</th><th>\(text.description)</th></tr>")
                for parameter in parameters {
                    let required = parameter["required"]?.bool == true ? " <em>\(text.required)</em>" : ""
                    line(
                        "<tr><td><code>\(escape(parameter["name"]?.string ?? ""))</code>\(required)</td>"
                            + "<td>\(escape(parameter["in"]?.string ?? ""))</td>"
                            + "<td>\(ContractDocs.type(parameter["schema"]))</td>"
                            + "<td>\(ContractDocs.inline(parameter["description"]?.string ?? ""))</td></tr>")
                }
                line("</table>")
            }
            if let body = node["requestBody"]?["content"]?.mapping?.first {
                line("<h4>\(text.requestBody)</h4><p><code>\(escape(body.key.string ?? ""))</code> ")
                line("\(ContractDocs.type(body.value["schema"]))</p>")
                if let example = body.value["example"], let yaml = try? Yams.serialize(node: example) {
                    line("<details><summary>\(text.example)</summary><pre>\(escape(yaml))</pre></details>")
                }
            }
            line("<h4>\(text.responses)</h4><ul>")
            for (status, response) in node["responses"]?.mapping ?? [:] {
                let resolved = ContractDocs.resolve(response, in: document)
                let schema = resolved?["content"]?.mapping?.first?.value["schema"]
                line(
                    "<li><b>\(escape(status.string ?? ""))</b> \(ContractDocs.inline(resolved?["description"]?.string ?? ""))"
                        + (schema.map { " — \(ContractDocs.type($0))" } ?? "") + "</li>")
            }
            line("</ul></article>")
        }

        mutating func schema(_ name: String, _ schema: Node, text: Labels) {
            line("<article id=\"schema-\(escape(name))\" class=\"schema\"><h3>\(escape(name))</h3>")
            paragraphs(schema["description"]?.string)
            if let values = schema["enum"]?.sequence {
                line(
                    "<p>\(values.compactMap(\.string).map { "<code>\(escape($0))</code>" }.joined(separator: " | "))</p>"
                )
            }
            let required = Set((schema["required"]?.sequence ?? []).compactMap(\.string))
            if let properties = schema["properties"]?.mapping, !properties.isEmpty {
                line("<table><tr><th>\(text.property)</th><th>\(text.type)</th><th>\(text.constraints)</th>")
                line("<th>\(text.description)</th></tr>")
                for (key, property) in properties {
                    let name = key.string ?? ""
                    let mark = required.contains(name) ? " <em>\(text.required)</em>" : ""
                    line(
                        "<tr><td><code>\(escape(name))</code>\(mark)</td><td>\(ContractDocs.type(property))</td>"
                            + "<td>\(escape(ContractDocs.constraints(property)))</td>"
                            + "<td>\(ContractDocs.inline(property["description"]?.string ?? ""))</td></tr>")
                }
                line("</table>")
            }
            line("</article>")
        }
    }

    /// A `$ref` to a component resolved against the document's components.
    static func resolve(_ node: Node, in document: Node) -> Node? {
        guard let reference = node["$ref"]?.string else { return node }
        let parts = reference.split(separator: "/").map(String.init)
        guard parts.count == 4 else { return nil }
        return document["components"]?[parts[2]]?[parts[3]]
    }

    /// A schema's type in words, a reference as a link to its schema.
    static func type(_ node: Node?) -> String {
        guard let node else { return "" }
        if let reference = node["$ref"]?.string {
            let name = String(reference.split(separator: "/").last ?? "")
            return "<a href=\"#schema-\(escape(name))\">\(escape(name))</a>"
        }
        if let items = node["items"] { return "[\(type(items))]" }
        let kind = node["type"]?.string ?? node["type"]?.sequence?.compactMap(\.string).joined(separator: "|") ?? ""
        if let values = node["enum"]?.sequence {
            return escape(kind) + " ("
                + values.compactMap(\.string).map { "<code>\(escape($0))</code>" }.joined(
                    separator: ", ") + ")"
        }
        let format = node["format"]?.string.map { " (\($0))" } ?? ""
        return escape(kind + format)
    }

    /// Lengths, ranges, patterns and defaults, as the contract states them.
    static func constraints(_ node: Node) -> String {
        ["minLength", "maxLength", "minimum", "maximum", "minItems", "maxItems", "pattern", "default"].compactMap {
            key in node[key].flatMap { value in value.string.map { "\(key) \($0)" } }
        }.joined(separator: ", ")
    }

    /// The roles of an operation, from the one permission table.
    static func callers(_ operationId: String, anyone: String) -> String {
        switch OperationPermissions.table[operationId] {
        case .anonymous?: anyone
        case .roles(let roles)?: roles.map(\.rawValue).sorted().joined(separator: ", ")
        case nil: ""
        }
    }

    /// Escaped text with `code` spans and line breaks kept.
    static func inline(_ value: String) -> String {
        let parts = escape(value).split(separator: "`", omittingEmptySubsequences: false)
        return parts.enumerated().map { index, part in index % 2 == 1 ? "<code>\(part)</code>" : String(part) }
            .joined().replacingOccurrences(of: "\n", with: " ")
    }

    static let style = """
        body{font-family:"Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei",sans-serif;margin:0 auto;
        max-width:60rem;padding:1rem;line-height:1.6;color:#1a1a1a}h1 small{font-size:.5em;color:#666}
        code{font-family:"Noto Sans Mono CJK SC",monospace;background:#f3f3f3;padding:0 .2em}
        table{border-collapse:collapse;width:100%;margin:.5rem 0}td,th{border:1px solid #ccc;padding:.2rem .4rem;
        vertical-align:top;text-align:left}th{background:#f7f7f7}article{border-top:1px solid #ddd;padding-top:.5rem}
        .method{display:inline-block;min-width:3.5em;text-align:center;color:#fff;background:#555;border-radius:3px;
        font-size:.8em;padding:0 .3em}.get{background:#2b6cb0}.post{background:#2f855a}.patch{background:#b7791f}
        .put{background:#6b46c1}.delete{background:#c53030}pre{background:#f7f7f7;padding:.5rem;overflow:auto}
        em{color:#c53030;font-style:normal;font-size:.85em}nav ul{columns:2}
        @media print{nav,.switch{display:none}article{break-inside:avoid-page}a{color:inherit;text-decoration:none}}
        """
}

/// HTML-escaped text.
func escape(_ value: String) -> String {
    var escaped = ""
    escaped.reserveCapacity(value.utf8.count)
    for character in value {
        switch character {
        case "&": escaped += "&amp;"
        case "<": escaped += "&lt;"
        case ">": escaped += "&gt;"
        case "\"": escaped += "&quot;"
        case "'": escaped += "&#39;"
        default: escaped.append(character)
        }
    }
    return escaped
}
