import Foundation
import Governance
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Synchronization
import Testing

@testable import GovernanceAPI

/// CSV exports (issue 14): RFC 4180 with a byte-order mark, formula cells defused, the whole
/// list across pages, masks exactly as in JSON, refusals as ordinary problems.
@Suite struct CSVExportTests {
    /// Parses RFC 4180 text (quoted cells, doubled quotes, CRLF rows) into rows of cells.
    static func parse(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var cell = ""
        var quoted = false
        var characters = Array(text)[...]
        while let character = characters.popFirst() {
            if quoted {
                if character == "\"" {
                    if characters.first == "\"" {
                        cell.append("\"")
                        characters.removeFirst()
                    } else {
                        quoted = false
                    }
                } else {
                    cell.append(character)
                }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                row.append(cell)
                cell = ""
            } else if character == "\r\n" || character == "\n" {
                row.append(cell)
                rows.append(row)
                row = []
                cell = ""
            } else {
                cell.append(character)
            }
        }
        if !cell.isEmpty || !row.isEmpty { rows.append(row + [cell]) }
        return rows
    }

    /// The rows of a CSV answer as dictionaries by header, after checking the byte-order mark.
    static func records(_ response: TestResponse) throws -> [[String: String]] {
        let bytes = Array(response.body.readableBytesView)
        #expect(Array(bytes.prefix(3)) == CSVFormat.byteOrderMark)
        let rows = parse(String(decoding: bytes.dropFirst(3), as: UTF8.self))
        let header = try #require(rows.first)
        return rows.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }

    @Test func cellsAreQuotedAndFormulaCellsDefused() throws {
        #expect(CSVFormat.cell(.string("=HYPERLINK(\"http://x\")")) == "\"'=HYPERLINK(\"\"http://x\"\")\"")
        #expect(CSVFormat.cell(.string("+1")) == "'+1")
        #expect(CSVFormat.cell(.string("-1")) == "'-1")
        #expect(CSVFormat.cell(.string("@SUM(A1)")) == "'@SUM(A1)")
        #expect(CSVFormat.cell(.string("\tx")) == "'\tx")
        #expect(CSVFormat.cell(.string("\rx")) == "\"'\rx\"")
        // Numbers are numbers: a negative one is not a formula.
        #expect(CSVFormat.cell(.int(-5)) == "-5" && CSVFormat.cell(.double(-0.5)) == "-0.5")
        #expect(CSVFormat.cell(.string("甲,乙")) == "\"甲,乙\"")
        #expect(CSVFormat.cell(.string("第一行\n第二行")) == "\"第一行\n第二行\"")
        // A CRLF is one Swift character but still a line break to quote.
        #expect(CSVFormat.cell(.string("第一行\r\n第二行")) == "\"第一行\r\n第二行\"")
        #expect(CSVFormat.cell(.string("他说\"好\"")) == "\"他说\"\"好\"\"\"")
        #expect(CSVFormat.cell(.string("白沙社区")) == "白沙社区")
        #expect(CSVFormat.cell(nil) == "" && CSVFormat.cell(.null) == "")
        #expect(CSVFormat.cell(.bool(true)) == "true")
        #expect(CSVFormat.cell(.array([.string("a"), .int(1)])) == "\"[\"\"a\"\",1]\"")
        let export = CSVExport(operationID: "x", arrayKey: "rows", paged: false, columns: ["a", "b.c"])
        #expect(CSVFormat.header(export.columns) == "a,b.c\r\n")
        var rows: [UInt8] = []
        try CSVTranscoder(export).transcode(Array(#"{"rows": [{"a": 1, "b": {"c": "=x"}}]}"#.utf8), into: &rows)
        #expect(String(decoding: rows, as: UTF8.self) == "1,'=x\r\n")
    }

    /// The JSON model of a page's rows: what `CSVTranscoder` must write byte for byte.
    static func modelRows(_ page: String, _ export: CSVExport) throws -> String {
        let answer = try JSONDecoder().decode(JSONValue.self, from: Data(page.utf8))
        let records: [JSONValue]
        if let key = export.arrayKey {
            guard case .object(let object) = answer, case .array(let array)? = object[key] else { return "" }
            records = array
        } else {
            records = [answer]
        }
        var text = ""
        for case .object(let record) in records {
            text += export.columns.map { column -> String in
                guard let dot = column.firstIndex(of: ".") else { return CSVFormat.cell(record[column]) }
                guard case .object(let parent)? = record[String(column[..<dot])] else { return "" }
                return CSVFormat.cell(parent[String(column[column.index(after: dot)...])])
            }.joined(separator: ",")
            text += "\r\n"
        }
        return text
    }

    @Test func theTranscoderWritesEachPageAsTheJSONModelOfItsCells() throws {
        let export = CSVExport(
            operationID: "listThings", arrayKey: "items", paged: true,
            columns: ["id", "name", "area.id", "area.name", "count", "ratio", "flag", "tags", "missing", "nested"])
        let page = #"""
            {"items": [
              {"id": "a\"b", "name": "=SUM(1)\u4e2d\ud83d\ude00,x", "area": {"id": "z", "name": "line\nbreak", "deep": {"id": "no"}},
               "count": -5, "ratio": 0.5, "flag": true, "tags": ["b", "a"], "nested": {"b": 1, "a": [1, {"c": "]}"}]},
               "extra": {"k": "}{][\"", "id": "not this"}},
              {"id": null, "name": "", "area": null, "count": 12345678901, "flag": false, "ratio": -1.25e-07},
              5, "text",
              {"name": "\\\/\t-tab", "area": {"name": "+1"}, "id": "中文，逗号", "tags": [], "nested": {  }},
              {"id": "compact", "tags": ["b","a",1.5], "nested": {"a":[1,-20,{"c":"x\/y,\"q\"\\"}],"b":null,"c":true}},
              {"id": "unsorted", "tags": [0,-0,7], "nested": {"b":1,"a":[2,"\u00e9"]}},
              {"id": "plain", "tags": [1,2], "nested": {"a":[]}, "area": {"name": "x"}}
            ], "nextCursor": "c\u002f1\"x"}
            """#
        var out: [UInt8] = []
        try CSVTranscoder(export).transcode(Array(page.utf8), into: &out)
        // Found by skipping the rows: the export asks for the next page before writing this one.
        #expect(try CSVTranscoder(export).nextCursor(of: Array(page.utf8)) == "c/1\"x")
        #expect(String(decoding: out, as: UTF8.self) == (try Self.modelRows(page, export)))
        #expect(Self.parse(String(decoding: out, as: UTF8.self)).count == 6)

        // A whole answer as one row, and a page whose list is empty.
        let single = CSVExport(
            operationID: "getThing", arrayKey: nil, paged: false, columns: ["value", "target.value"])
        let answer = #"{"target": {"value": 0.75, "comparison": "at_least"}, "value": "@x"}"#
        var row: [UInt8] = []
        try CSVTranscoder(single).transcode(Array(answer.utf8), into: &row)
        #expect(String(decoding: row, as: UTF8.self) == (try Self.modelRows(answer, single)))
        var none: [UInt8] = []
        try CSVTranscoder(export).transcode(Array(#"{"items": [], "nextCursor": null}"#.utf8), into: &none)
        #expect(none.isEmpty)
        #expect(try CSVTranscoder(export).nextCursor(of: Array(#"{"items": [], "nextCursor": null}"#.utf8)) == nil)
        #expect(try CSVTranscoder(single).nextCursor(of: Array(answer.utf8)) == nil)
        var broken: [UInt8] = []
        #expect(throws: CSVTranscoder.Malformed.self) {
            try CSVTranscoder(export).transcode(Array(#"{"items": [{"id": "x""#.utf8), into: &broken)
        }
    }

    /// The service's own compact, sorted JSON is copied; what the model would write otherwise is
    /// left to it.
    @Test func onlyJSONTheModelWritesAlikeIsCopied() {
        let copied = { (json: String) in
            CSVTranscoder.canonicalJSON(Array(json.utf8)[...]).map { String(decoding: $0, as: UTF8.self) }
        }
        #expect(
            copied(#"{"a":[1,-20,{"c":"x\/y"}],"b":null,"c":true}"#) == #"{"a":[1,-20,{"c":"x/y"}],"b":null,"c":true}"#)
        #expect(copied("[]") == "[]" && copied("{}") == "{}")
        for rewritten in [
            #"{"b":1,"a":2}"#, #"{"a":1,"a":2}"#, "[1, 2]", "[1.5]", "[1e3]", "[-0]", "[01]", #"["\u00e9"]"#,
            #"{"\u0061":1}"#, "[tru]", "[1", "[1]]",
        ] {
            #expect(copied(rewritten) == nil, "\(rewritten)")
        }
    }

    /// The export asks for a page when the query before it announces its cursor, but the answer's
    /// own `nextCursor` decides: a read on a wrong announcement is dropped, a page nobody
    /// announced is asked for then, and every row comes once, in order.
    @Test func pagesReadOnAnnouncementsFollowTheAnswersCursors() async throws {
        let export = CSVExport(operationID: "listThings", arrayKey: "items", paged: true, columns: ["id"])
        @Sendable func page(_ number: Int) -> CSVExportPage {
            let next = number < 6 ? "\"nextCursor\": \"p\(number + 1)\"" : "\"nextCursor\": null"
            return CSVExportPage(
                json: Array("{\"items\": [{\"id\": \"\(number)a\"}, {\"id\": \"\(number)b\"}], \(next)}".utf8),
                rows: [])
        }
        let reads = Mutex<[String]>([])
        let pages = CSVExportPages { cursor, announce in
            reads.withLock { $0.append(cursor) }
            guard let number = Int(cursor.dropFirst()) else {
                return CSVExportPage(json: Array(#"{"items": [{"id": "wrong"}], "nextCursor": null}"#.utf8), rows: [])
            }
            // Page 2 announces nothing (a list that does not announce): page 3 is asked for when
            // page 2 is taken, alone, so its wrong announcement (a second list read in the same
            // request) always finds room. Pages 4 and 5 announce their successors rightly.
            switch number {
            case 3: announce.announce("wrong")
            case 4: announce.announce("p5")
            case 5: announce.announce("p6")
            default: break
            }
            try await Task.sleep(for: .milliseconds(5))
            return page(number)
        }
        pages.announce.announce("p2")
        let body = CSVExportBody(export: export, first: page(1), pages: pages)
        var text: [UInt8] = []
        for try await chunk in body { text += chunk }
        let rows = Self.parse(String(decoding: text.dropFirst(3), as: UTF8.self))
        #expect(rows.map(\.first) == ["id"] + (1...6).flatMap { ["\($0)a", "\($0)b"] })
        let read = reads.withLock { $0 }
        #expect(read.contains("wrong"))
        #expect(read.filter { $0 != "wrong" }.sorted() == ["p2", "p3", "p4", "p5", "p6"], "\(read)")
    }

    @Test func csvIsWantedByFormatOrByThePreferredAcceptType() {
        func request(_ path: String, accept: String? = nil) -> HTTPRequest {
            var request = HTTPRequest(method: .get, scheme: "http", authority: "x", path: path)
            if let accept { request.headerFields[.accept] = accept }
            return request
        }
        #expect(CSVNegotiation.wantsCSV(request("/v1/people?format=csv")))
        #expect(!CSVNegotiation.wantsCSV(request("/v1/people?format=json", accept: "text/csv")))
        #expect(CSVNegotiation.wantsCSV(request("/v1/people", accept: "text/csv")))
        #expect(!CSVNegotiation.wantsCSV(request("/v1/people", accept: "application/json, text/csv;q=0.5")))
        #expect(CSVNegotiation.wantsCSV(request("/v1/people", accept: "text/csv;q=0.9, application/json;q=0.8")))
        #expect(!CSVNegotiation.wantsCSV(request("/v1/people")))
        let page = CSVNegotiation.pageRequest(
            request("/v1/people?format=csv&areaId=a%2Fb&limit=5&cursor=old"), cursor: "next", paged: true)
        #expect(page.path == "/v1/people?areaId=a%2Fb&limit=\(CSVExporter.pageSize)&cursor=next")
        #expect(page.headerFields[.accept] == "application/json")
        // Odd pairs (schemathesis sent `=`, which once crashed the split) pass through as sent.
        let odd = CSVNegotiation.pageRequest(request("/v1/people?=&a==b&c&format=csv"), cursor: nil, paged: false)
        #expect(odd.path == "/v1/people?=&a==b&c=")
    }

    /// 105 residents: two pages in JSON, one file in CSV, each row masked exactly as the JSON
    /// list masks it for the same token.
    @Test func aListExportsEveryPageWithTheJSONMasks() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let staff = try await tree.token(.staff, tree.community1)
            for index in 0..<105 {
                var body = PeopleTests.body(tree, name: "居民\(index)")
                body["phone"] = String(format: "139%08d", index)
                let created = try await client.send(.post, "/v1/people", token: staff, json: body)
                #expect(created.status == .created, "\(created.text)")
            }
            var json: [String: [String: Any]] = [:]
            var cursor: String?
            repeat {
                let page = try await client.send(
                    .get, "/v1/people?limit=100\(cursor.map { "&cursor=\($0)" } ?? "")", token: staff)
                for item in page.json["items"] as? [[String: Any]] ?? [] { json[item["id"] as? String ?? ""] = item }
                cursor = page.json["nextCursor"] as? String
            } while cursor != nil
            #expect(json.count == 105)

            let export = try await client.send(.get, "/v1/people?format=csv", token: staff)
            #expect(export.status == .ok)
            #expect(export.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(export.headers[.contentDisposition]?.contains("listPeople.csv") == true)
            let records = try Self.records(export)
            #expect(records.count == 105)
            #expect(Set(records.compactMap { $0["id"] }) == Set(json.keys))
            for record in records {
                let item = try #require(json[record["id"] ?? ""])
                #expect(record["phone"] == item["phone"] as? String)
                #expect(record["idNumber"] == item["idNumber"] as? String)
                #expect(record["name"] == item["name"] as? String)
                #expect(record["phone"]?.contains("****") == true)
            }
            // The same through Accept, and a filter kept across pages.
            let accepted = try await client.send(
                .get, "/v1/people?areaId=\(tree.grid1.idString)", token: staff, headers: [.accept: "text/csv"])
            #expect(try Self.records(accepted).count == 105)
            // A client's limit sizes the first page only: the export is still whole.
            let small = try await client.send(.get, "/v1/people?format=csv&limit=5", token: staff)
            #expect(try Self.records(small).count == 105)
            // No personal data in clear in the file.
            #expect(ConsultationTests.unmaskedNumbers(export.text).isEmpty)
        }
    }

    @Test func statisticsExportAndRefusalsStayProblems() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let analyst = try await tree.token(.analyst, tree.district)
            let byStreet = try await client.send(
                .get, "/v1/stats/grid_staffing_rate?areaId=\(tree.district.idString)&groupBy=child&format=csv",
                token: analyst)
            #expect(byStreet.status == .ok, "\(byStreet.text)")
            let rows = try Self.records(byStreet)
            #expect(rows.count == 2)
            #expect(Set(rows.compactMap { $0["areaName"] }) == ["一街道", "二街道"])
            #expect(rows.allSatisfy { $0["target.value"] == "1" && $0["target.profile"] == "national" })
            let mediation = try await client.send(
                .get, "/v1/mediation/stats?areaId=\(tree.district.idString)", token: analyst,
                headers: [.accept: "text/csv"])
            #expect(try Self.records(mediation).count == 1)

            let anonymous = try await client.send(.get, "/v1/people?format=csv")
            #expect(anonymous.status == .unauthorized)
            #expect(anonymous.headers[.contentType] == "application/problem+json")
            let outside = try await client.send(
                .get, "/v1/stats/grid_staffing_rate?areaId=\(tree.street1.idString)&format=csv",
                token: try await tree.token(.analyst, tree.street2))
            #expect(outside.status == .notFound && outside.headers[.contentType] == "application/problem+json")
            let staff = try await tree.token(.staff, tree.community1)
            let invalid = try await client.send(.get, "/v1/people?format=xml", token: staff)
            #expect(invalid.status == .badRequest)
            // The client's paging is judged as in JSON (schemathesis sent these with format=csv).
            for query in ["limit=-3", "limit=101", "cursor=", "cursor=zzz"] {
                let refused = try await client.send(.get, "/v1/people?format=csv&\(query)", token: staff)
                #expect([400, 422].contains(refused.status.code), "\(query)")
            }
        }
    }

    /// The export writes each page's rows from the handler's items (`CSVRowSink`); they are the
    /// rows of the JSON pages of the same list, transcoded, byte for byte: cases with parties,
    /// mediators, findings and a police report, as a mediator's and a staff token see them.
    @Test func anExportsRowsAreItsJSONPagesTranscoded() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            var staff = ""
            var mediator = ""
            for risk in ["medium", "high", "low"] {
                (_, staff, mediator, _) = try await MediationAgreementTests.mediating(client, tree, risk: risk)
            }
            let export = try #require(csvExportTable["/v1/mediation/cases"])
            for token in [staff, mediator] {
                var transcoded: [UInt8] = []
                var cursor: String?
                repeat {
                    let page = try await client.send(
                        .get, "/v1/mediation/cases?limit=2\(cursor.map { "&cursor=\($0)" } ?? "")", token: token)
                    try CSVTranscoder(export).transcode(Array(page.text.utf8), into: &transcoded)
                    cursor = page.json["nextCursor"] as? String
                } while cursor != nil
                let exported = try await client.send(.get, "/v1/mediation/cases?format=csv", token: token)
                let header = CSVFormat.byteOrderMark + Array(CSVFormat.header(export.columns).utf8)
                #expect(exported.text == String(decoding: header + transcoded, as: UTF8.self))
                #expect(Self.parse(String(decoding: transcoded, as: UTF8.self)).count == 3)
                #expect(String(decoding: transcoded, as: UTF8.self).contains("applicant"))
            }
        }
    }

    /// A building named like a formula comes out defused.
    @Test func aFormulaInDataIsDefusedInTheExport() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let staff = try await tree.token(.staff, tree.community1)
            let created = try await client.send(
                .post, "/v1/buildings", token: staff, json: ["gridId": tree.grid1.idString, "name": "=1+2"])
            #expect(created.status == .created, "\(created.text)")
            let export = try await client.send(
                .get, "/v1/buildings?gridId=\(tree.grid1.idString)&format=csv", token: staff)
            #expect(try Self.records(export).map { $0["name"] } == ["'=1+2"])
        }
    }
}
