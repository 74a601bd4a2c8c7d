import Foundation
import Governance
import GovernanceStore
import Postgres
import Testing

/// Ciphertexts are bound to their place and their key: a value copied to another row or column
/// does not open, and `keys rotate` moves every stored value to a new master key while both
/// keys stay readable.
@Suite struct CiphertextTests {
    static let oldKey = Data(repeating: 0xA1, count: 32)
    static let newKey = Data(repeating: 0xB2, count: 32)

    static func deadline() -> ContinuousClock.Instant { .now.advanced(by: .seconds(30)) }

    /// The grid of a fresh city, as the `Area` a person lives in.
    static func residence(_ database: PostgresClient) async throws -> Area {
        let grid = try await MediationRepositoryTests.grid(database)
        return Area(
            id: grid.id, parentId: nil, kind: .grid, name: "grid", code: nil, households: nil, population: nil,
            path: grid.path, version: 1, createdAt: Date(), updatedAt: Date())
    }

    static func insertPerson(
        _ store: Store, in residence: Area, phone: String, idNumber: String
    ) async throws -> UUID {
        let id = Identifier.make()
        try await store.client.withTransaction(deadline: deadline()) { transaction in
            _ = try await PersonRepository(store: store).insert(
                NewPerson(
                    residenceAreaId: residence.id, name: "居民", gender: .female, birthYear: 1980, ethnicity: nil,
                    partyMember: false, phone: phone, idNumber: idNumber),
                id: id, residence: residence, in: transaction)
        }
        return id
    }

    static func revealed(_ store: Store, _ id: UUID) async throws -> Person? {
        try await PersonRepository(store: store).find(id, scopePath: "a0", reveal: true, deadline: deadline())
    }

    @Test func aCiphertextCopiedToAnotherRowOrColumnFailsToOpen() async throws {
        try await FreshDatabase.with { database in
            let store = Store(client: database, keys: DataKeys(masterKey: Self.oldKey))
            let residence = try await Self.residence(database)
            let first = try await Self.insertPerson(
                store, in: residence, phone: "13800000001", idNumber: "11010519491231002X")
            let second = try await Self.insertPerson(
                store, in: residence, phone: "13900000002", idNumber: "110105194912310037")
            #expect(try await Self.revealed(store, first)?.phone == "13800000001")

            // The second person's phone, copied over the first's.
            _ = try await database.query(
                "UPDATE person SET phone_cipher = (SELECT phone_cipher FROM person WHERE id = \(second)) WHERE id = \(first)",
                deadline: Self.deadline())
            await #expect(throws: PostgresError.self) { try await Self.revealed(store, first) }
            // The masked read does not decrypt, so it still answers.
            let masked = try await PersonRepository(store: store).find(
                first, scopePath: "a0", reveal: false, deadline: Self.deadline())
            #expect(masked?.phone == "138****0001")

            // The second person's own phone copied into their ID-number column: same row, other column.
            _ = try await database.query(
                "UPDATE person SET id_number_cipher = phone_cipher WHERE id = \(second)", deadline: Self.deadline())
            await #expect(throws: PostgresError.self) { try await Self.revealed(store, second) }
        }
    }

    @Test func rotationRewritesEveryCiphertextWhileBothKeysStayReadable() async throws {
        try await FreshDatabase.with { database in
            let before = Store(client: database, keys: DataKeys(masterKey: Self.oldKey))
            let residence = try await Self.residence(database)
            let person = try await Self.insertPerson(
                before, in: residence, phone: "13800000001", idNumber: "11010519491231002X")
            let caseId = try await before.client.withTransaction(deadline: Self.deadline()) { transaction in
                try await MediationRepository(store: before).insert(
                    NewMediationCase(
                        areaId: residence.id, source: "walk_in", category: "neighbour", description: "-", amount: nil,
                        risk: .low, complexity: .simple, parties: []),
                    origin: residence, level: .community, criticalStreetHours: 24,
                    parties: [(personId: nil, name: "当事人", phone: "13700000007", role: "applicant")], in: transaction)
            }
            let tokenId = Identifier.make()
            _ = try await database.query(
                """
                INSERT INTO api_token (id, token_hash, role, area_id, area_path, expires_at)
                VALUES (\(tokenId), \(Crypto.randomBytes(32)), 'admin', \(residence.id), \(residence.path)::ltree, now() + interval '1 day')
                """, deadline: Self.deadline())
            let request = Data("POST /v1/people\n{}".utf8)
            try await before.client.withTransaction(deadline: Self.deadline()) { transaction in
                let idempotency = IdempotencyStore(store: before)
                _ = try await idempotency.reserve(tokenId: tokenId, key: "k1", content: request, in: transaction)
                try await idempotency.complete(
                    tokenId: tokenId, key: "k1", status: 201, headers: [:], body: Data("{\"ok\":true}".utf8),
                    in: transaction)
            }

            // The servers restart with the new key, the old one still configured for reading.
            let during = Store(
                client: database, keys: DataKeys(masterKey: Self.newKey, previousMasterKeys: [Self.oldKey]))
            let rotation = CiphertextRotation(store: during)
            #expect(try await rotation.pending(deadline: Self.deadline()) == 3)
            #expect(try await Self.revealed(during, person)?.idNumber == "11010519491231002X")
            let found = try await PersonRepository(store: during).list(
                scopePath: "a0", filter: PersonFilter(idNumber: "11010519491231002X"), reveal: false, after: nil,
                limit: 10, deadline: Self.deadline())
            #expect(found.items.map(\.id) == [person])

            let report = try await rotation.rotate(batchSize: 1)
            #expect(report == CiphertextRotation.Report(people: 1, mediationParties: 1, idempotencyResponses: 1))
            #expect(try await rotation.pending(deadline: Self.deadline()) == 0)
            #expect(try await rotation.rotate().total == 0)

            // Afterwards the new key alone reads everything; the old key alone reads nothing.
            let after = Store(client: database, keys: DataKeys(masterKey: Self.newKey))
            let revealed = try await Self.revealed(after, person)
            #expect(revealed?.phone == "13800000001")
            #expect(revealed?.idNumber == "11010519491231002X")
            let foundAfter = try await PersonRepository(store: after).list(
                scopePath: "a0", filter: PersonFilter(idNumber: "11010519491231002X"), reveal: false, after: nil,
                limit: 10, deadline: Self.deadline())
            #expect(foundAfter.items.map(\.id) == [person])
            let byPhone = try await PersonRepository(store: after).list(
                scopePath: "a0", filter: PersonFilter(phone: "13800000001"), reveal: false, after: nil, limit: 10,
                deadline: Self.deadline())
            #expect(byPhone.items.map(\.id) == [person])
            await #expect(throws: PostgresError.self) { try await Self.revealed(before, person) }
            let partyCipher = try await database.query(
                "SELECT id, phone_cipher FROM mediation_party WHERE case_id = \(caseId)", deadline: Self.deadline())[0]
            let partyId: UUID = try partyCipher.decode("id")
            #expect(
                after.keys.open(try partyCipher.decode("phone_cipher"), in: .mediationPartyPhone(partyId))
                    == "13700000007")

            // A retry of the request from before the rotation still replays, while the old key is configured.
            let replay = try await during.client.withTransaction(deadline: Self.deadline()) { transaction in
                try await IdempotencyStore(store: during).reserve(
                    tokenId: tokenId, key: "k1", content: request, in: transaction)
            }
            guard case .replay(let status, _, let body) = replay else {
                Issue.record("expected a replay, got \(replay)")
                return
            }
            #expect(status == 201)
            #expect(body == Data("{\"ok\":true}".utf8))
        }
    }

    @Test func valuesSealedBeforeCiphertextsCarriedAKeyIdOpenAndRotationRewritesThem() async throws {
        try await FreshDatabase.with { database in
            let store = Store(client: database, keys: DataKeys(masterKey: Self.oldKey))
            let residence = try await Self.residence(database)
            let person = try await Self.insertPerson(
                store, in: residence, phone: "13800000001", idNumber: "11010519491231002X")
            // The earlier layout: bare AES-GCM output under the derived encryption key, no associated data.
            let legacy = DataCipher(key: Crypto.hmacSHA256(key: Self.oldKey, Data("grassroots/v1/encryption".utf8)))
            _ = try await database.query(
                """
                UPDATE person SET phone_cipher = \(legacy.seal(Data("13800000009".utf8))), phone_hash = NULL
                WHERE id = \(person)
                """,
                deadline: Self.deadline())
            #expect(try await Self.revealed(store, person)?.phone == "13800000009")
            let rotation = CiphertextRotation(store: store)
            #expect(try await rotation.pending(deadline: Self.deadline()) == 1)
            #expect(try await rotation.rotate().people == 1)
            #expect(try await rotation.pending(deadline: Self.deadline()) == 0)
            #expect(try await Self.revealed(store, person)?.phone == "13800000009")
            // Rows from before phones had a lookup hash (migration 0012) get theirs in the same pass.
            let byPhone = try await PersonRepository(store: store).list(
                scopePath: "a0", filter: PersonFilter(phone: "13800000009"), reveal: false, after: nil, limit: 10,
                deadline: Self.deadline())
            #expect(byPhone.items.map(\.id) == [person])
        }
    }
}
