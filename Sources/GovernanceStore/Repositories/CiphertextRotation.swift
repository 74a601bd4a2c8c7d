import Foundation
import Postgres

/// Re-encrypts what is stored under an earlier data key (or before ciphertexts carried a key
/// id) under the current one, online: a batch at a time, each in its own short transaction
/// holding only its rows, while requests read and write the rest. Readers open either key
/// meanwhile (`DataKeys`), and lookups match the keyed hash under either. The same pass gives
/// people stored before phones had a lookup hash (migration 0012) theirs.
public struct CiphertextRotation: Sendable {
    let store: Store

    /// Creates the repository.
    public init(store: Store) { self.store = store }

    /// What one pass rewrote.
    public struct Report: Sendable, Equatable {
        /// People whose phone or ID number was rewritten.
        public var people: Int
        /// Mediation parties whose phone was rewritten.
        public var mediationParties: Int
        /// Grid event reporters whose phone was rewritten.
        public var gridEventReporters: Int
        /// Stored idempotent responses rewritten.
        public var idempotencyResponses: Int

        /// A report of these counts.
        public init(
            people: Int = 0, mediationParties: Int = 0, gridEventReporters: Int = 0, idempotencyResponses: Int = 0
        ) {
            self.people = people
            self.mediationParties = mediationParties
            self.gridEventReporters = gridEventReporters
            self.idempotencyResponses = idempotencyResponses
        }

        /// Every row rewritten.
        public var total: Int { people + mediationParties + gridEventReporters + idempotencyResponses }
    }

    /// A stored value that no configured key opens: rotation stops there, since going on would
    /// leave it behind unnoticed.
    public struct UnreadableCiphertext: Error, CustomStringConvertible {
        /// Where it is.
        public let field: SealedField
        public var description: String {
            "\(field.table).\(field.column) of row \(field.row) opens with none of the configured keys"
        }
    }

    /// Rewrites every ciphertext not under the current key, `batchSize` rows per transaction.
    public func rotate(batchSize: Int = 500, batchDeadline: Duration = .seconds(60)) async throws -> Report {
        var report = Report()
        var afterPerson: UUID?
        while let batch = try await rotatePeople(after: afterPerson, limit: batchSize, within: batchDeadline) {
            report.people += batch.count
            afterPerson = batch.last
        }
        var afterParty: UUID?
        while let batch = try await rotatePhones(
            of: .mediationParties, after: afterParty, limit: batchSize, within: batchDeadline)
        {
            report.mediationParties += batch.count
            afterParty = batch.last
        }
        var afterReporter: UUID?
        while let batch = try await rotatePhones(
            of: .gridEventReporters, after: afterReporter, limit: batchSize, within: batchDeadline)
        {
            report.gridEventReporters += batch.count
            afterReporter = batch.last
        }
        var afterRecord: (UUID, String)?
        while let batch = try await rotateIdempotency(after: afterRecord, limit: batchSize, within: batchDeadline) {
            report.idempotencyResponses += batch.count
            afterRecord = batch.last
        }
        return report
    }

    /// How many rows hold a ciphertext not under the current key.
    public func pending(deadline: ContinuousClock.Instant) async throws -> Int {
        let header = store.keys.currentHeader
        let rows = try await store.read(
            """
            SELECT (SELECT count(*) FROM person
                    WHERE substring(id_number_cipher FROM 1 FOR 5) <> \(header) OR substring(phone_cipher FROM 1 FOR 5) <> \(header)
                       OR (phone_cipher IS NOT NULL AND phone_hash IS NULL))
                 + (SELECT count(*) FROM mediation_party WHERE substring(phone_cipher FROM 1 FOR 5) <> \(header))
                 + (SELECT count(*) FROM grid_event WHERE substring(reporter_phone_cipher FROM 1 FOR 5) <> \(header))
                 + (SELECT count(*) FROM idempotency_record WHERE substring(response_cipher FROM 1 FOR 5) <> \(header))
                   AS pending
            """, deadline: deadline)
        return try rows[0].decode("pending", as: Int.self)
    }

    private func open(_ sealed: Data, in field: SealedField) throws -> Data {
        guard let plaintext = store.keys.openData(sealed, in: field) else { throw UnreadableCiphertext(field: field) }
        return plaintext
    }

    /// One batch of people; `nil` when none was left.
    private func rotatePeople(after: UUID?, limit: Int, within budget: Duration) async throws -> (
        count: Int, last: UUID
    )? {
        let header = store.keys.currentHeader
        return try await store.client.withTransaction(deadline: .now.advanced(by: budget)) { transaction in
            var query: PostgresQuery = """
                SELECT id, phone_cipher, id_number_cipher FROM person
                WHERE (substring(id_number_cipher FROM 1 FOR 5) <> \(header) OR substring(phone_cipher FROM 1 FOR 5) <> \(header)
                       OR (phone_cipher IS NOT NULL AND phone_hash IS NULL))
                """
            if let after { query.append(" AND id > \(after)") }
            query.append(" ORDER BY id LIMIT \(limit) FOR UPDATE")
            let rows = try await transaction.query(query)
            guard let lastRow = rows.last else { return nil }
            var ids: [UUID] = []
            var phones: [Data] = []
            var phoneHashes: [Data] = []
            var idNumbers: [Data] = []
            var hashes: [Data] = []
            for row in rows {
                let id: UUID = try row.decode("id")
                ids.append(id)
                // An empty value stands for "no phone": the UPDATE keeps NULL as NULL.
                if let sealed = try row.decode("phone_cipher", as: Data?.self) {
                    let phone = try open(sealed, in: .personPhone(id))
                    phones.append(store.keys.sealData(phone, in: .personPhone(id)))
                    phoneHashes.append(store.keys.lookupHash(String(decoding: phone, as: UTF8.self)))
                } else {
                    phones.append(Data())
                    phoneHashes.append(Data())
                }
                let idNumber = try open(try row.decode("id_number_cipher"), in: .personIdNumber(id))
                idNumbers.append(store.keys.sealData(idNumber, in: .personIdNumber(id)))
                hashes.append(store.keys.lookupHash(String(decoding: idNumber, as: UTF8.self)))
            }
            try await transaction.query(
                """
                UPDATE person AS p
                SET phone_cipher = CASE WHEN p.phone_cipher IS NULL THEN NULL ELSE v.phone END,
                    phone_hash = CASE WHEN p.phone_cipher IS NULL THEN NULL ELSE v.phone_hash END,
                    id_number_cipher = v.id_number, id_number_hash = v.hash
                FROM unnest(\(ids)::uuid[], \(phones)::bytea[], \(phoneHashes)::bytea[], \(idNumbers)::bytea[], \(hashes)::bytea[])
                     AS v(id, phone, phone_hash, id_number, hash)
                WHERE p.id = v.id
                """)
            return (rows.count, try lastRow.decode("id", as: UUID.self))
        }
    }

    /// The tables holding one sealed phone per row, besides people.
    enum PhoneTable {
        case mediationParties, gridEventReporters

        var table: String { self == .mediationParties ? "mediation_party" : "grid_event" }
        var column: String { self == .mediationParties ? "phone_cipher" : "reporter_phone_cipher" }
        func field(_ id: UUID) -> SealedField {
            self == .mediationParties ? .mediationPartyPhone(id) : .gridEventReporterPhone(id)
        }
    }

    /// One batch of a table's sealed phones; `nil` when none was left.
    private func rotatePhones(of phones: PhoneTable, after: UUID?, limit: Int, within budget: Duration) async throws
        -> (count: Int, last: UUID)?
    {
        let header = store.keys.currentHeader
        return try await store.client.withTransaction(deadline: .now.advanced(by: budget)) { transaction in
            var query: PostgresQuery = """
                SELECT id, \(unsafeSQL: phones.column) AS sealed FROM \(unsafeSQL: phones.table)
                WHERE substring(\(unsafeSQL: phones.column) FROM 1 FOR 5) <> \(header)
                """
            if let after { query.append(" AND id > \(after)") }
            query.append(" ORDER BY id LIMIT \(limit) FOR UPDATE")
            let rows = try await transaction.query(query)
            guard let lastRow = rows.last else { return nil }
            var ids: [UUID] = []
            var sealed: [Data] = []
            for row in rows {
                let id: UUID = try row.decode("id")
                ids.append(id)
                let phone = try open(try row.decode("sealed"), in: phones.field(id))
                sealed.append(store.keys.sealData(phone, in: phones.field(id)))
            }
            try await transaction.query(
                """
                UPDATE \(unsafeSQL: phones.table) AS p SET \(unsafeSQL: phones.column) = v.phone
                FROM unnest(\(ids)::uuid[], \(sealed)::bytea[]) AS v(id, phone) WHERE p.id = v.id
                """)
            return (rows.count, try lastRow.decode("id", as: UUID.self))
        }
    }

    /// One batch of stored idempotent responses; `nil` when none was left.
    private func rotateIdempotency(after: (UUID, String)?, limit: Int, within budget: Duration) async throws
        -> (count: Int, last: (UUID, String))?
    {
        let header = store.keys.currentHeader
        return try await store.client.withTransaction(deadline: .now.advanced(by: budget)) { transaction in
            var query: PostgresQuery = """
                SELECT token_id, key, response_cipher FROM idempotency_record
                WHERE substring(response_cipher FROM 1 FOR 5) <> \(header)
                """
            if let (tokenId, key) = after { query.append(" AND (token_id, key) > (\(tokenId)::uuid, \(key)::text)") }
            query.append(" ORDER BY token_id, key LIMIT \(limit) FOR UPDATE")
            let rows = try await transaction.query(query)
            guard let lastRow = rows.last else { return nil }
            var tokenIds: [UUID] = []
            var keys: [String] = []
            var bodies: [Data] = []
            for row in rows {
                let tokenId: UUID = try row.decode("token_id")
                let key: String = try row.decode("key")
                let field = SealedField.idempotencyResponse(tokenId: tokenId, key: key)
                tokenIds.append(tokenId)
                keys.append(key)
                bodies.append(store.keys.sealData(try open(try row.decode("response_cipher"), in: field), in: field))
            }
            try await transaction.query(
                """
                UPDATE idempotency_record AS r SET response_cipher = v.body
                FROM unnest(\(tokenIds)::uuid[], \(keys)::text[], \(bodies)::bytea[]) AS v(token_id, key, body)
                WHERE r.token_id = v.token_id AND r.key = v.key
                """)
            return (
                rows.count, (try lastRow.decode("token_id", as: UUID.self), try lastRow.decode("key", as: String.self))
            )
        }
    }
}
