import Foundation
import OpenAPIRuntime
import Testing

@testable import GovernanceAPI
@testable import GovernanceOpenAPI

/// `CSVRowEncoder` writes items as the rows `CSVTranscoder` writes from their JSON answer,
/// byte for byte: the JSON here is made the way the runtime makes it (sorted keys, dates through
/// the service's transcoder), so a difference in any cell fails.
@Suite struct CSVRowEncoderTests {
    /// The runtime's JSON encoder, as `Application+build` configures it.
    static let runtimeEncoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(try LenientDateTranscoder().encode(date))
        }
        return encoder
    }()

    /// The transcoder's rows of a page holding `items`, and the encoder's rows of the same.
    static func bothWays<Item: Encodable>(_ items: [Item], _ export: CSVExport) throws -> (
        transcoded: String, encoded: String
    ) {
        let json = try runtimeEncoder.encode(ItemPage(items: items, nextCursor: nil))
        var transcoded: [UInt8] = []
        try CSVTranscoder(export).transcode(Array(json), into: &transcoded)
        var encoded: [UInt8] = []
        try CSVRowEncoder(export).append(items, into: &encoded)
        return (String(decoding: transcoded, as: UTF8.self), String(decoding: encoded, as: UTF8.self))
    }

    /// A list's answer.
    struct ItemPage<Item: Encodable>: Encodable {
        let items: [Item]
        let nextCursor: String?
    }

    /// A record with every kind of member a generated item has, and some it could have.
    struct Record: Encodable {
        enum Tone: String, Encodable { case calm, loud }
        struct Place: Encodable {
            let name: String
            let Upper: String?
            let lower: Int
            let at: Date?
            let inner: [String: Double]?
        }
        let id: String
        let text: String?
        let tone: Tone
        let count: Int
        let big: Int64
        let ratio: Double?
        let small: Float
        let flag: Bool?
        let at: Date
        let place: Place?
        let places: [Place]
        let tags: [String]?
        let link: URL?
        let blob: Data?
        let unlisted: String
    }

    static let columns = [
        "id", "text", "tone", "count", "big", "ratio", "small", "flag", "at", "place.name", "place.Upper", "place.at",
        "place.inner", "place", "places", "tags", "link", "blob", "absent", "absent.child",
    ]

    /// Texts a spreadsheet or a CSV reader would misread, and JSON escapes of every kind.
    static let hostileTexts = [
        "", "plain", "=SUM(A1)", "+1", "-2", "@x", "\tTab", "\rCR", "a,b", "say \"hi\"", "line\nbreak", "crlf\r\n",
        "中文，逗号", "😀 emoji", "back\\slash/slash", "\u{01}\u{1F}control", "'quoted'", "</script>", "\u{7F}del",
        "line\u{2028}separator", "nbsp\u{A0}",
    ]

    static let doubles: [Double] = [
        0, -0.0, 1, -1, 0.5, 0.1, 1.0 / 3, 100, 1e15, 1e16, 1.5e300, 1e-7, -2.5e-8, 123456.789, 9_007_199_254_740_992,
        0.30000000000000004,
    ]

    static func records() -> [Record] {
        let day = Date(timeIntervalSince1970: 1_764_590_400.123)
        return hostileTexts.enumerated().map { index, text in
            let place = Record.Place(
                name: text, Upper: index % 2 == 0 ? "B\(text)" : nil, lower: index, at: index % 3 == 0 ? day : nil,
                inner: index % 4 == 0 ? ["b": doubles[index % doubles.count], "a": 1, "Z": -0.0] : nil)
            return Record(
                id: "r\(index)", text: index % 5 == 0 ? nil : text, tone: index % 2 == 0 ? .calm : .loud,
                count: index - 9, big: Int64.max - Int64(index), ratio: doubles[index % doubles.count],
                small: Float(index) / 7, flag: index % 3 == 0 ? nil : index % 2 == 0,
                at: day.addingTimeInterval(Double(index) * 86_399.5), place: index % 6 == 5 ? nil : place,
                places: Array(repeating: place, count: index % 3), tags: index % 2 == 0 ? [text, "x"] : nil,
                link: URL(string: "https://example.org/a?b=\(index)&c=d"), blob: Data(text.utf8), unlisted: text)
        }
    }

    @Test func itemsEncodedAsRowsReadAsTheirJSONTranscoded() throws {
        let export = CSVExport(operationID: "listRecords", arrayKey: "items", paged: true, columns: Self.columns)
        let (transcoded, encoded) = try Self.bothWays(Self.records(), export)
        #expect(!encoded.isEmpty)
        #expect(encoded == transcoded)
        // Columns that name nothing are empty cells, and the rows are all there.
        #expect(CSVExportTests.parse(encoded).count == Self.hostileTexts.count)
    }

    @Test func aFloatIsWrittenAsTheRuntimesJSONWritesIt() throws {
        struct Number: Encodable { let value: Double }
        let export = CSVExport(operationID: "listNumbers", arrayKey: "items", paged: true, columns: ["value"])
        let (transcoded, encoded) = try Self.bothWays(Self.doubles.map(Number.init), export)
        #expect(encoded == transcoded)
        #expect(encoded.hasPrefix("0\r\n-0\r\n1\r\n-1\r\n0.5\r\n"))
    }

    /// The contract's own item types, with the members the service fills.
    @Test func generatedMediationCasesEncodeAsTheirJSONTranscoded() throws {
        let export = try #require(csvExportTable["/v1/mediation/cases"])
        let created = Date(timeIntervalSince1970: 1_764_590_400)
        let cases: [Components.Schemas.MediationCase] = Self.hostileTexts.enumerated().map { index, text in
            .init(
                id: "0194\(index)", areaId: "area", level: .community, source: .walkIn, category: .neighbour,
                description: text, amount: index % 2 == 0 ? index * 1000 : nil, riskLevel: .high, complexity: .simple,
                status: .inMediation, acceptedOn: "2026-11-0\(index % 9 + 1)", deadline: nil, overdue: index % 2 == 1,
                attention: false, mediatorTokenId: nil,
                agreement: index % 3 == 0
                    ? .init(
                        form: .written, status: .pendingSignatures, facts: text, terms: "=\(text)",
                        performanceManner: nil,
                        agreedOn: "2026-11-30",
                        signatures: [.init(partyId: "p1", method: .signature, signedOn: "2026-11-30")],
                        mediatorSignedOn: nil, sealedOn: nil, effectiveOn: nil, judicialConfirmationDeadline: nil)
                    : nil,
                mediators: [
                    .init(mediatorId: "m", personId: "p", name: text, employment: .fullTime, chosenByParties: true)
                ],
                helpers: index % 2 == 0 ? [.init(name: text, relation: .relative)] : nil,
                judicialConfirmation: nil,
                policeReport: index % 4 == 0 ? .init(reportedAt: created, reportedTo: text) : nil,
                findings: [], advice: text, declineReason: nil, parties: [], sessionCount: index,
                pendingEscalation: index % 2 == 0 ? true : nil, version: index + 1, createdAt: created,
                gridEventId: nil)
        }
        let (transcoded, encoded) = try Self.bothWays(cases, export)
        #expect(encoded == transcoded)
        #expect(CSVExportTests.parse(encoded).count == cases.count)
    }

    /// Values the generated items do not have but a conformance may write: each cell as the
    /// transcoder writes it from the runtime's JSON.
    @Test func unusualValuesEncodeAsTheirJSONTranscoded() throws {
        /// Writes nothing at all (`{}` in JSON).
        struct Silent: Encodable { func encode(to encoder: any Encoder) throws {} }
        /// Is another value: a place.
        struct Wrapped: Encodable {
            let place: Record.Place
            func encode(to encoder: any Encoder) throws {
                var container = encoder.singleValueContainer()
                try container.encode(place)
            }
        }
        /// Writes one key twice, and keys out of byte order.
        struct Twice: Encodable {
            enum Keys: String, CodingKey { case b, a, A }
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: Keys.self)
                try container.encode(1, forKey: .b)
                try container.encode("x", forKey: .a)
                try container.encode("y", forKey: .A)
                try container.encode(2, forKey: .b)
            }
        }
        struct Row: Encodable {
            let silent: Silent
            let wrapped: Wrapped
            let twice: Twice
            let grid: [[Int]]
            let maps: [[String: String]]
            let empty: [String]
            let one: [Int]
            let nulls: [String?]
            let control: [String: String]
            let nonASCIIKey: [String: Int]
        }
        let place = Record.Place(name: "a,\"b\"", Upper: "=U", lower: 3, at: nil, inner: ["z": 1e-7, "y": 2])
        let rows = (0..<3).map { index in
            Row(
                silent: Silent(), wrapped: Wrapped(place: place), twice: Twice(),
                grid: [[index, -index], [], [Int.max]], maps: [["b": "1", "a": "\\", "C": "\u{2028}"], [:]],
                empty: [], one: [index], nulls: [nil, "n"], control: ["k": "tab\there"], nonASCIIKey: ["键": index])
        }
        let export = CSVExport(
            operationID: "listRows", arrayKey: "items", paged: true,
            columns: [
                "silent", "wrapped", "twice", "twice.b", "twice.a", "grid", "maps", "empty", "one", "nulls", "control",
                "nonASCIIKey",
            ])
        let (transcoded, encoded) = try Self.bothWays(rows, export)
        #expect(encoded.hasPrefix("{},"))
        #expect(encoded == transcoded)
    }

    /// A value written through nested containers, or a `parent.child` column whose parent is
    /// no object, is left to the JSON (whose transcoder writes the same cells).
    @Test func nestedContainersAndLeafParentsGoTheJSONWay() throws {
        struct Nested: Encodable {
            enum Keys: CodingKey { case inner, value }
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: Keys.self)
                var inner = container.nestedContainer(keyedBy: Keys.self, forKey: .inner)
                try inner.encode(1, forKey: .value)
            }
        }
        struct WithNested: Encodable {
            let id: String
            let nested: Nested
        }
        struct WithLeafParent: Encodable {
            enum Tone: String, Encodable { case calm }
            let id: String
            let parent: String
            let tone: Tone
        }
        let nested = CSVExport(operationID: "n", arrayKey: "items", paged: true, columns: ["id", "nested"])
        var out: [UInt8] = []
        #expect(throws: CSVRowEncoder.NotARecord.self) {
            try CSVRowEncoder(nested).append([WithNested(id: "a", nested: Nested())], into: &out)
        }
        // A text parent has no members: its children are empty cells, as in the transcoder.
        let leafParents = [WithLeafParent(id: "a", parent: "p", tone: .calm)]
        let textParent = CSVExport(operationID: "t", arrayKey: "items", paged: true, columns: ["id", "parent.child"])
        let (transcoded, encoded) = try Self.bothWays(leafParents, textParent)
        #expect(encoded == "a,\r\n" && encoded == transcoded)
        // Any other leaf is left to the JSON.
        let enumParent = CSVExport(operationID: "e", arrayKey: "items", paged: true, columns: ["id", "tone.child"])
        #expect(throws: CSVRowEncoder.NotARecord.self) { try CSVRowEncoder(enumParent).append(leafParents, into: &out) }
        // The items stay in the JSON, whose transcoder writes them.
        let sink = CSVRowSink(nested)
        let items = [WithNested(id: "a", nested: Nested())]
        CSVRowSink.$current.withValue(sink) { #expect(CSVRowSink.divert(items).count == 1) }
        #expect(sink.writtenRows.isEmpty)
        var nestedRows: [UInt8] = []
        let json = try Self.runtimeEncoder.encode(ItemPage(items: items, nextCursor: nil))
        try CSVTranscoder(nested).transcode(Array(json), into: &nestedRows)
        #expect(String(decoding: nestedRows, as: UTF8.self) == "a,\"{\"\"inner\"\":{\"\"value\"\":1}}\"\r\n")
    }

    /// What is not one object cannot be a row: `divert` then leaves the items to the JSON.
    @Test func itemsThatAreNoRecordsStayInTheJSON() async throws {
        let export = CSVExport(operationID: "listTexts", arrayKey: "items", paged: true, columns: ["id"])
        #expect(throws: CSVRowEncoder.NotARecord.self) {
            var out: [UInt8] = []
            try CSVRowEncoder(export).append(["a", "b"], into: &out)
        }
        // Without an export, and with one that cannot take them, the JSON keeps its items.
        #expect(CSVRowSink.divert(["a"]) == ["a"])
        let sink = CSVRowSink(export)
        CSVRowSink.$current.withValue(sink) {
            #expect(CSVRowSink.divert(["a", "b"]) == ["a", "b"])
            struct Row: Encodable { let id: String }
            #expect(CSVRowSink.divert([Row(id: "=x")]).isEmpty)
        }
        #expect(String(decoding: sink.writtenRows, as: UTF8.self) == "'=x\r\n")
    }
}
