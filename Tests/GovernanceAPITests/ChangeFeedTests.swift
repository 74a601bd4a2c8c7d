import Foundation
import Governance
import GovernanceServices
import GrassrootsClient
import HTTPTypes
import HummingbirdTesting
import Postgres
import Testing

/// The change feed as a data platform follows it: from `since=now`, page after page, never
/// missing a change and never seeing one twice, even with a transaction held open while later
/// ones commit. Serialized: one test moves the purge horizon.
@Suite(.serialized) struct ChangeFeedTests {
    struct Page {
        let items: [[String: Any]]
        let next: String
        let hasMore: Bool
    }

    static func page(_ client: any TestClientProtocol, token: String, since: String, extra: String = "")
        async throws -> Page
    {
        let response = try await client.send(.get, "/v1/changes?since=\(since)\(extra)", token: token)
        #expect(response.status == .ok, "\(response.text)")
        return Page(
            items: response.json["items"] as? [[String: Any]] ?? [], next: response.json["nextCursor"] as? String ?? "",
            hasMore: response.json["hasMore"] as? Bool ?? false)
    }

    /// Follows the feed from `cursor` until `done` holds for what was read, or 30 s pass: the feed
    /// waits for every older transaction of the cluster, and parallel suites migrate fresh
    /// databases and hold transactions open on purpose.
    static func follow(
        _ client: any TestClientProtocol, token: String, from cursor: String,
        until done: ([[String: Any]]) -> Bool
    ) async throws -> (items: [[String: Any]], cursor: String) {
        var items: [[String: Any]] = []
        var cursor = cursor
        let deadline = ContinuousClock.now.advanced(by: .seconds(30))
        repeat {
            let page = try await page(client, token: token, since: cursor)
            items += page.items
            cursor = page.next
            if done(items) { break }
            if !page.hasMore { try await Task.sleep(for: .milliseconds(50)) }
        } while ContinuousClock.now < deadline
        return (items, cursor)
    }

    static func ids(_ items: [[String: Any]]) -> [String] { items.compactMap { $0["id"] as? String } }

    /// Each change as "id@version": a resource changed twice appears twice, a change served twice too.
    static func changes(_ items: [[String: Any]]) -> [String] {
        items.map { "\($0["id"] as? String ?? "-")@\($0["version"] as? Int ?? 0)" }
    }

    /// `wait=`: an empty page is held back until a change in scope arrives (answered at once
    /// then), or until the wait is over; more than 30 s is refused.
    @Test func aLongPollAnswersWhenAChangeArrives() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let staff = try await tree.token(.staff, tree.street1)
            let start = try await Self.page(client, token: staff, since: "now").next
            // The tree's own creation may still follow `now`, held back while other suites'
            // transactions are open; an empty page alone proves nothing. A marker change made
            // after the tree is served after it (commit order): once the marker is read, nothing
            // of the tree is left for the idle poll below.
            let marked = try await client.send(
                .patch, "/v1/areas/\(tree.grid2.idString)", token: try await tree.token(.admin, tree.street1),
                json: ["population": 5])
            #expect(marked.status == .ok)
            let (_, cursor) = try await Self.follow(client, token: staff, from: start) { items in
                Self.changes(items).contains("\(tree.grid2.idString)@2")
            }
            let idleStart = ContinuousClock.now
            let idle = try await Self.page(client, token: staff, since: cursor, extra: "&wait=1")
            #expect(idle.items.isEmpty)
            #expect(idleStart.duration(to: .now) >= .milliseconds(900))

            // The change is served once every transaction older than it has ended (the horizon),
            // and other suites' transactions share the database: under CI's load one was seen to
            // hold it back 11.8 s. Answering before the 30 s wait ends, with the change, is what
            // shows the poll woke for it rather than timing out.
            let pollStart = ContinuousClock.now
            async let polled = Self.page(client, token: staff, since: cursor, extra: "&wait=30")
            try await Task.sleep(for: .milliseconds(500))
            let patched = try await client.send(
                .patch, "/v1/areas/\(tree.grid1.idString)", token: try await tree.token(.admin, tree.street1),
                json: ["population": 12])
            #expect(patched.status == .ok)
            let answer = try await polled
            #expect(Self.ids(answer.items).contains(tree.grid1.idString))
            #expect(pollStart.duration(to: .now) < .seconds(29))

            let tooLong = try await client.send(.get, "/v1/changes?since=\(cursor)&wait=31", token: staff)
            #expect(tooLong.status == .unprocessableContent)
        }
    }

    @Test func aConsumerSeesEachChangeOnceWithTheResourceMaskedAsItsReadShowsIt() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let staff = try await tree.token(.staff, tree.street1)
            let start = try await Self.page(client, token: staff, since: "now")
            #expect(start.items.isEmpty && start.next.hasPrefix("c1."))

            let person = try await client.send(.post, "/v1/people", token: staff, json: PeopleTests.body(tree))
            let personId = try #require(person.json["id"] as? String)
            let patched = try await client.send(
                .patch, "/v1/areas/\(tree.grid1.idString)", token: try await tree.token(.admin, tree.street1),
                json: ["population": 77])
            #expect(patched.status == .ok)

            // The patch (grid1 at version 2), not the tree's creation that may follow `now` too.
            let (items, cursor) = try await Self.follow(client, token: staff, from: start.next) { items in
                Set(Self.changes(items)).isSuperset(of: ["\(personId)@1", "\(tree.grid1.idString)@2"])
            }
            // `now` is below every transaction still in flight, so the tree's own creation may follow
            // it too; each change is served once all the same.
            #expect(Self.changes(items).count == Set(Self.changes(items)).count)
            #expect(Self.ids(items).filter { $0 == personId }.count == 1)
            let personChange = try #require(items.first { $0["id"] as? String == personId })
            #expect(personChange["type"] as? String == "person" && personChange["op"] as? String == "upsert")
            #expect(personChange["areaId"] as? String == tree.grid1.idString)
            let resource = try #require(personChange["resource"] as? [String: Any])
            #expect(resource["phone"] as? String == "138****8000")
            #expect((resource["idNumber"] as? String)?.hasPrefix("**************") == true)
            let areaChange = try #require(items.last { $0["id"] as? String == tree.grid1.idString })
            #expect(areaChange["version"] as? Int == 2)
            // Nothing is served twice.
            let after = try await Self.page(client, token: staff, since: cursor)
            #expect(after.items.isEmpty)

            // An analyst follows areas but not people, and may not ask for them.
            let analyst = try await tree.token(.analyst, tree.street1)
            let analystView = try await Self.page(client, token: analyst, since: start.next, extra: "&limit=1000")
            #expect(!Self.ids(analystView.items).contains(personId))
            let refused = try await client.send(
                .get, "/v1/changes?since=\(start.next)&types=person", token: analyst)
            #expect(refused.status == .forbidden)
            // Another street's token sees none of it.
            let other = try await Self.page(
                client, token: try await tree.token(.staff, tree.street2), since: start.next, extra: "&limit=1000")
            #expect(Set(Self.ids(other.items)).isDisjoint(with: [personId, tree.grid1.idString]))
            let bad = try await client.send(.get, "/v1/changes?since=c1.notacursor", token: staff)
            #expect(bad.status == .unprocessableContent)
        }
    }

    /// After a full page the next one is read ahead, while the consumer takes this one in. A
    /// change made after that read still reaches the consumer, once, after the ones before it.
    @Test func aChangeMadeAfterTheNextPageWasReadAheadIsStillServedOnce() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let staff = try await tree.token(.staff, tree.street1)
            let admin = try await tree.token(.admin, tree.street1)
            var cursor = try await Self.page(client, token: staff, since: "now").next
            for (area, population) in [(tree.grid1, 21), (tree.grid2, 22)] {
                let patched = try await client.send(
                    .patch, "/v1/areas/\(area.idString)", token: admin, json: ["population": population])
                #expect(patched.status == .ok)
            }
            var items: [[String: Any]] = []
            var changedAfterReadAhead = false
            let deadline = ContinuousClock.now.advanced(by: .seconds(30))
            repeat {
                let page = try await Self.page(client, token: staff, since: cursor, extra: "&limit=1")
                items += page.items
                cursor = page.next
                if page.hasMore, !changedAfterReadAhead, Self.changes(items).contains("\(tree.grid1.idString)@2") {
                    // The page after this full one is being read ahead now.
                    let patched = try await client.send(
                        .patch, "/v1/areas/\(tree.grid2.idString)", token: admin, json: ["population": 23])
                    #expect(patched.status == .ok)
                    changedAfterReadAhead = true
                }
                if Self.changes(items).contains("\(tree.grid2.idString)@3") { break }
                if !page.hasMore { try await Task.sleep(for: .milliseconds(50)) }
            } while ContinuousClock.now < deadline
            let changes = Self.changes(items)
            #expect(changedAfterReadAhead)
            #expect(Set(changes).count == changes.count, "a change was served twice: \(changes)")
            let wanted = ["\(tree.grid1.idString)@2", "\(tree.grid2.idString)@2", "\(tree.grid2.idString)@3"]
            #expect(changes.filter(wanted.contains) == wanted, "\(changes)")
            let last = items.last { ($0["id"] as? String) == tree.grid2.idString && ($0["version"] as? Int) == 3 }
            #expect((last?["resource"] as? [String: Any])?["population"] as? Int == 23)
        }
    }

    @Test func everyStepOfAGridEventReachesTheFeedWithTheReporterMasked() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let staff = try await tree.token(.staff, tree.street1)
            let start = try await Self.page(client, token: staff, since: "now", extra: "&types=grid_event")
            let reported = try await GridEventTests.report(
                client, staff, area: tree.grid1, source: "resident_report",
                extra: ["reporterName": "王五", "reporterPhone": "13812345678"])
            let id = try #require(reported.json["id"] as? String)
            let accepted = try await GridEventTests.step(client, staff, id, ["action": "accept"])
            #expect(accepted.json["version"] as? Int == 2)
            let (items, _) = try await Self.follow(client, token: staff, from: start.next) { items in
                Self.changes(items).contains("\(id)@2")
            }
            let mine = items.filter { $0["id"] as? String == id }
            #expect(Self.changes(mine) == ["\(id)@1", "\(id)@2"])
            #expect(mine.allSatisfy { $0["type"] as? String == "grid_event" })
            let resource = try #require(mine.last?["resource"] as? [String: Any])
            #expect(resource["tier"] as? String == "compound")
            #expect((resource["reporter"] as? [String: Any])?["phone"] as? String == "138****5678")
            // An analyst reads the feed but not the events' list: the type is refused to it.
            let analyst = try await tree.token(.analyst, tree.street1)
            let refused = try await client.send(.get, "/v1/changes?since=now&types=grid_event", token: analyst)
            #expect(refused.status == .forbidden)
        }
    }

    /// A case received and accepted reaches the feed at each version, as the case list shows it:
    /// the parties' phones masked; another street sees none of it.
    @Test func aMediationCaseReachesTheFeedAsItsListShowsIt() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let staff = try await tree.token(.staff, tree.street1)
            let start = try await Self.page(client, token: staff, since: "now", extra: "&types=mediation_case")
            let received = try await MediationTests.received(client, token: staff, grid: tree.grid1)
            let accepted = try await MediationTests.move(client, staff, received.id, to: .accepted).ok.body.json
            let (items, _) = try await Self.follow(client, token: staff, from: start.next) { items in
                Self.changes(items).contains("\(received.id)@\(accepted.version)")
            }
            let mine = items.filter { $0["id"] as? String == received.id }
            #expect(Self.changes(mine) == ["\(received.id)@1", "\(received.id)@\(accepted.version)"])
            #expect(mine.allSatisfy { $0["type"] as? String == "mediation_case" && $0["op"] as? String == "upsert" })
            #expect(mine.allSatisfy { $0["areaId"] as? String == tree.grid1.idString })
            let resource = try #require(mine.last?["resource"] as? [String: Any])
            #expect(resource["status"] as? String == "accepted")
            let phones = (resource["parties"] as? [[String: Any]] ?? []).compactMap { $0["phone"] as? String }
            #expect(phones == ["138****8000", "139****9000"])
            let other = try await Self.page(
                client, token: try await tree.token(.staff, tree.street2), since: start.next,
                extra: "&types=mediation_case&limit=1000")
            #expect(!Self.ids(other.items).contains(received.id))
        }
    }

    @Test func theCursorNeverPassesATransactionStillInFlight() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let staff = try await tree.token(.staff, tree.street1)
            let start = try await Self.page(client, token: staff, since: "now")
            let (started, startedSignal) = AsyncStream<Void>.makeStream()
            let (release, releaseSignal) = AsyncStream<Void>.makeStream()
            // A transaction that writes first (it gets the older transaction id) and commits last.
            let held = Task {
                try await database.withTransaction(deadline: .now.advanced(by: .seconds(30))) { transaction in
                    try await transaction.query(
                        "UPDATE area SET version = version + 1, population = 5 WHERE id = \(tree.grid2.id)")
                    startedSignal.yield()
                    for await _ in release { break }
                }
            }
            for await _ in started { break }
            // Later transactions commit while it is open.
            var later: [String] = []
            for _ in 0..<3 {
                let person = try await client.send(.post, "/v1/people", token: staff, json: PeopleTests.body(tree))
                later.append(try #require(person.json["id"] as? String))
            }
            // While it is open, nothing written after it began is served. (Changes of transactions
            // older than it, such as the tree's own creation when parallel tests held the horizon
            // back at `now`, may be.)
            let heldChange = "\(tree.grid2.idString)@2"
            var cursor = start.next
            var early: [[String: Any]] = []
            for _ in 0..<5 {
                let page = try await Self.page(client, token: staff, since: cursor)
                let passed = Self.changes(page.items).filter { change in
                    change == heldChange || later.contains { change.hasPrefix($0) }
                }
                #expect(passed.isEmpty, "served past a transaction in flight: \(passed)")
                early += page.items
                cursor = page.next
                try await Task.sleep(for: .milliseconds(40))
            }
            releaseSignal.yield()
            try await held.value

            let (items, _) = try await Self.follow(client, token: staff, from: cursor) { items in
                Set(Self.ids(items)).isSuperset(of: later + [tree.grid2.idString])
            }
            let seen = Self.changes(early + items)
            let held2 = heldChange
            let wanted = later.map { "\($0)@1" } + [held2]
            #expect(Set(seen).isSuperset(of: wanted), "missed: \(seen)")
            #expect(seen.count == Set(seen).count, "served twice: \(seen)")
            // In transaction order: the held one wrote first.
            #expect(seen.filter { wanted.contains($0) }.first == held2)
        }
    }

    @Test func aCursorOlderThanTheRetentionIs410() async throws {
        try await TestApp.withApp { client, database in
            let tree = try await TestTree.make(database)
            let staff = try await tree.token(.staff, tree.street1)
            let old = try await Self.page(client, token: staff, since: "now").next
            let position = try ChangePosition(cursor: old)
            let deadline = ContinuousClock.now.advanced(by: .seconds(10))
            let previous = try await database.query(
                "SELECT purged_through::text AS purged FROM change_log_horizon", deadline: deadline
            ).first?.decode("purged", as: String.self)
            // As if the housekeeping had purged the changes of that transaction.
            _ = try await database.query(
                """
                INSERT INTO change_log_horizon (singleton, purged_through) VALUES (true, \(String(position.transaction))::xid8)
                ON CONFLICT (singleton) DO UPDATE SET purged_through = EXCLUDED.purged_through
                """, deadline: deadline)
            let gone = try await client.send(.get, "/v1/changes?since=\(old)", token: staff)
            if let previous {
                _ = try await database.query(
                    "UPDATE change_log_horizon SET purged_through = \(previous)::xid8", deadline: deadline)
            } else {
                _ = try await database.query("DELETE FROM change_log_horizon", deadline: deadline)
            }
            #expect(gone.status == .gone)
            #expect(gone.json["code"] as? String == "changes.cursor_expired")
            #expect(gone.headers[.contentType] == "application/problem+json")
        }
    }
}
