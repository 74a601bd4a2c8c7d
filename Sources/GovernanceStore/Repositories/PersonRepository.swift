public import Foundation
public import Governance
public import Postgres

/// People, with phone and ID numbers encrypted at rest and masked unless revealed.
public struct PersonRepository: Sendable {
    let store: Store

    /// Creates the repository.
    public init(store: Store) { self.store = store }

    static let columns = """
        id, residence_area_id, area_path::text AS area_path, name, gender, birth_year, ethnicity, party_member, building_id, unit_id,
        phone_cipher, phone_masked, id_number_cipher, id_number_masked, version, created_at, updated_at
        """

    /// The person `id` in scope; `nil` when missing or outside.
    public func find(_ id: UUID, scopePath: String, reveal: Bool, deadline: ContinuousClock.Instant) async throws
        -> Person?
    {
        let rows = try await store.read(
            "SELECT \(unsafeSQL: Self.columns) FROM person WHERE id = \(id) AND area_path <@ \(scopePath)::ltree",
            deadline: deadline)
        return try rows.first.map { try person(from: $0, reveal: reveal) }
    }

    /// Whether the person `id` exists in scope (to tell a stale version from a missing row).
    public func exists(_ id: UUID, scopePath: String, in transaction: PostgresTransaction) async throws -> Bool {
        !(try await transaction.query("SELECT 1 FROM person WHERE id = \(id) AND area_path <@ \(scopePath)::ltree"))
            .isEmpty
    }

    /// Whether someone other than `except` holds `idNumber`: nil when nobody does, else whether
    /// that person lies inside `scopePath`.
    public func holderOfIdNumber(
        _ idNumber: String, except: UUID? = nil, scopePath: String, in transaction: PostgresTransaction
    ) async throws -> Bool? {
        var query: PostgresQuery = """
            SELECT area_path <@ \(scopePath)::ltree AS in_scope FROM person
            WHERE id_number_hash = ANY(\(store.keys.lookupHashes(ResidentIDNumber.normalized(idNumber)))::bytea[])
            """
        if let except { query.append(" AND id <> \(except)") }
        return try await transaction.query(query).first?.decode("in_scope", as: Bool.self)
    }

    /// Inserts a person living in `residence`.
    public func insert(_ new: NewPerson, id: UUID, residence: Area, in transaction: PostgresTransaction) async throws
        -> Person
    {
        let idNumber = ResidentIDNumber.normalized(new.idNumber)
        let rows = try await transaction.query(
            """
            INSERT INTO person (id, residence_area_id, area_path, name, gender, birth_year, ethnicity, party_member,
                                phone_cipher, phone_hash, phone_masked, id_number_cipher, id_number_hash, id_number_masked)
            VALUES (\(id), \(residence.id), \(residence.path)::ltree, \(new.name), \(new.gender), \(new.birthYear), \(new.ethnicity),
                    \(new.partyMember), \(new.phone.map { store.keys.seal($0, in: .personPhone(id)) }), \(new.phone.map(store.keys.lookupHash)),
                    \(new.phone.map(PhoneNumber.masked)),
                    \(store.keys.seal(idNumber, in: .personIdNumber(id))),
                    \(store.keys.lookupHash(idNumber)), \(ResidentIDNumber.masked(idNumber)))
            RETURNING \(unsafeSQL: Self.columns)
            """)
        return try person(from: rows[0], reveal: true)
    }

    /// Applies a patch when the version matches; `nil` when no row in scope matched.
    public func update(
        _ id: UUID, patch: PersonPatch, residence: Area?, expectedVersion: Int?, scopePath: String, reveal: Bool,
        in transaction: PostgresTransaction
    ) async throws -> Person? {
        var query: PostgresQuery = "UPDATE person SET version = version + 1, updated_at = now()"
        if let residence { query.append(", residence_area_id = \(residence.id), area_path = \(residence.path)::ltree") }
        if let name = patch.name { query.append(", name = \(name)") }
        if let gender = patch.gender { query.append(", gender = \(gender)") }
        if let birthYear = patch.birthYear { query.append(", birth_year = \(birthYear)") }
        if let ethnicity = patch.ethnicity { query.append(", ethnicity = \(ethnicity)") }
        if let partyMember = patch.partyMember { query.append(", party_member = \(partyMember)") }
        if let buildingId = patch.buildingId { query.append(", building_id = \(buildingId)") }
        if let unitId = patch.unitId { query.append(", unit_id = \(unitId)") }
        if let phone = patch.phone {
            query.append(
                """
                , phone_cipher = \(phone.map { store.keys.seal($0, in: .personPhone(id)) }),
                  phone_hash = \(phone.map(store.keys.lookupHash)), phone_masked = \(phone.map(PhoneNumber.masked))
                """)
        }
        if let raw = patch.idNumber {
            let idNumber = ResidentIDNumber.normalized(raw)
            query.append(
                """
                , id_number_cipher = \(store.keys.seal(idNumber, in: .personIdNumber(id))), id_number_hash = \(store.keys.lookupHash(idNumber)),
                  id_number_masked = \(ResidentIDNumber.masked(idNumber))
                """)
        }
        query.append(" WHERE id = \(id) AND area_path <@ \(scopePath)::ltree")
        if let expectedVersion { query.append(" AND version = \(expectedVersion)") }
        query.append(" RETURNING \(unsafeSQL: Self.columns)")
        return try await transaction.query(query).first.map { try person(from: $0, reveal: reveal) }
    }

    /// One page of the people in scope matching `filter`.
    public func list(
        scopePath: String, filter: PersonFilter, reveal: Bool, after: UUID?, limit: Int,
        deadline: ContinuousClock.Instant
    ) async throws -> Page<Person> {
        var query: PostgresQuery =
            "SELECT \(unsafeSQL: Self.columns) FROM person WHERE area_path <@ \(scopePath)::ltree"
        if let areaId = filter.areaId {
            query.append(" AND area_path <@ (SELECT path FROM area WHERE id = \(areaId))")
        }
        if let prefix = filter.namePrefix { query.append(" AND starts_with(name, \(prefix))") }
        if let idNumber = filter.idNumber {
            query.append(
                " AND id_number_hash = ANY(\(store.keys.lookupHashes(ResidentIDNumber.normalized(idNumber)))::bytea[])")
        }
        if let ids = filter.ids { query.append(" AND id = ANY(\(ids)::uuid[])") }
        if let phone = filter.phone {
            query.append(" AND phone_hash = ANY(\(store.keys.lookupHashes(phone))::bytea[])")
        }
        if let after { query.append(" AND id > \(after)") }
        query.append(" ORDER BY id LIMIT \(limit + 1)")
        let rows = try await store.read(query, deadline: deadline)
        return try Page.keyset(
            rows, limit: limit, decode: { try person(from: $0, reveal: reveal) }, cursor: { PageCursor.encode($0.id) })
    }

    private func person(from row: PostgresRow, reveal: Bool) throws -> Person {
        guard let gender = Gender(rawValue: try row.decode("gender", as: String.self)) else {
            throw PostgresError(.decoding, column: "gender", detail: "unknown gender")
        }
        let phone: String?
        let idNumber: String
        if reveal {
            let id: UUID = try row.decode("id")
            phone = try row.decode("phone_cipher", as: Data?.self).map { sealed in
                guard let value = store.keys.open(sealed, in: .personPhone(id)) else {
                    throw PostgresError(.decoding, column: "phone_cipher", detail: "cannot decrypt")
                }
                return value
            }
            guard
                let value = store.keys.open(try row.decode("id_number_cipher", as: Data.self), in: .personIdNumber(id))
            else {
                throw PostgresError(.decoding, column: "id_number_cipher", detail: "cannot decrypt")
            }
            idNumber = value
        } else {
            phone = try row.decode("phone_masked")
            idNumber = try row.decode("id_number_masked")
        }
        return Person(
            id: try row.decode("id"), residenceAreaId: try row.decode("residence_area_id"),
            areaPath: try row.decode("area_path"),
            name: try row.decode("name"), gender: gender, birthYear: try row.decode("birth_year"),
            ethnicity: try row.decode("ethnicity"),
            partyMember: try row.decode("party_member"), buildingId: try row.decode("building_id"),
            unitId: try row.decode("unit_id"), phone: phone, idNumber: idNumber, version: try row.decode("version"),
            createdAt: try row.decode("created_at"), updatedAt: try row.decode("updated_at"))
    }
}
