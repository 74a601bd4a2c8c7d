public import Foundation
public import Governance
public import Postgres

/// API tokens: only the SHA-256 of each secret is stored.
public struct TokenRepository: Sendable {
    let store: Store

    /// Creates the repository.
    public init(store: Store) { self.store = store }

    /// The prefix of every secret, so secret scanners and log checks can find leaked tokens.
    public static let secretPrefix = "grs_"

    static let columns =
        "id, role, area_id, area_path::text AS area_path, label, department_id, person_id, created_at, expires_at, revoked_at"

    /// A new secret: the prefix, 32 bytes from the CSPRNG in base64url (43 characters) and a
    /// 6-character checksum of them, so a mistyped or made-up token is refused without a
    /// database read.
    public static func makeSecret() -> String {
        let random = Crypto.base64URL(Crypto.randomBytes(32))
        return secretPrefix + random + checksum(random)
    }

    /// The length of every secret.
    public static let secretLength = secretPrefix.utf8.count + 43 + 6

    /// Whether `secret` has the shape of a secret this service issues, checksum included.
    /// Not a proof of anything: the checksum is public, it only filters out noise cheaply.
    public static func isWellFormed(_ secret: String) -> Bool {
        guard secret.utf8.count == secretLength, secret.hasPrefix(secretPrefix) else { return false }
        let body = secret.utf8.dropFirst(secretPrefix.utf8.count)
        let random = String(decoding: body.prefix(43), as: UTF8.self)
        return String(decoding: body.dropFirst(43), as: UTF8.self) == checksum(random)
    }

    /// The first 4 bytes of the SHA-256 of the random part, base64url: like a CRC32, cheaper
    /// to get right than one.
    public static func checksum(_ random: String) -> String {
        Crypto.base64URL(Crypto.sha256(Data(random.utf8)).prefix(4))
    }

    /// The stored form of a secret.
    public static func hash(secret: String) -> Data {
        Crypto.sha256(Data(secret.utf8))
    }

    /// The principal of a live token (not revoked, not expired), looked up by the secret's hash.
    /// Lookup by hash leaks nothing usable through timing (reliability.md §5.1).
    public func principal(secretHash: Data, deadline: ContinuousClock.Instant) async throws -> Principal? {
        let rows = try await store.client.query(
            """
            SELECT id, role, area_id, area_path::text AS area_path, expires_at, department_id, person_id FROM api_token
            WHERE token_hash = \(secretHash) AND revoked_at IS NULL AND expires_at > now()
            """, deadline: deadline)
        guard let row = rows.first, let role = Role(rawValue: try row.decode("role", as: String.self)) else {
            return nil
        }
        return Principal(
            tokenId: try row.decode("id"), role: role, scopeAreaId: try row.decode("area_id"),
            scopePath: try row.decode("area_path"),
            expiresAt: try row.decode("expires_at"), departmentId: try row.decode("department_id"),
            personId: try row.decode("person_id"))
    }

    /// Which of `ids` are no longer live (revoked or expired), for the authentication cache.
    public func deadTokens(among ids: [UUID], deadline: ContinuousClock.Instant) async throws -> Set<UUID> {
        guard !ids.isEmpty else { return [] }
        let rows = try await store.client.query(
            """
            SELECT id FROM api_token
            WHERE id = ANY(\(ids.map(\.uuidString))::uuid[]) AND (revoked_at IS NOT NULL OR expires_at <= now())
            """, deadline: deadline)
        return Set(try rows.map { try $0.decode("id", as: UUID.self) })
    }

    /// Stores a new token for `area` and returns it with its secret.
    public func insert(
        role: Role, area: Area, label: String?, departmentId: UUID? = nil, personId: UUID? = nil, expiresAt: Date,
        createdBy: UUID?,
        in transaction: PostgresTransaction
    ) async throws -> IssuedToken {
        let secret = Self.makeSecret()
        let rows = try await transaction.query(
            """
            INSERT INTO api_token (id, token_hash, role, area_id, area_path, label, department_id, person_id, created_by, expires_at)
            VALUES (\(Identifier.make()), \(Self.hash(secret: secret)), \(role), \(area.id), \(area.path)::ltree, \(label),
                    \(departmentId), \(personId), \(createdBy), \(expiresAt))
            RETURNING \(unsafeSQL: Self.columns)
            """)
        return IssuedToken(token: try APIToken(row: rows[0]), secret: secret)
    }

    /// The token `id` in scope.
    public func find(_ id: UUID, scopePath: String, deadline: ContinuousClock.Instant) async throws -> APIToken? {
        let rows = try await store.read(
            "SELECT \(unsafeSQL: Self.columns) FROM api_token WHERE id = \(id) AND area_path <@ \(scopePath)::ltree",
            deadline: deadline)
        return try rows.first.map(APIToken.init(row:))
    }

    /// Revokes the token `id` in scope; returns it, or `nil` when missing or outside scope.
    /// Revoking a revoked token changes nothing and returns it as it is.
    public func revoke(_ id: UUID, scopePath: String, in transaction: PostgresTransaction) async throws -> (
        token: APIToken, changed: Bool
    )? {
        let rows = try await transaction.query(
            """
            UPDATE api_token SET revoked_at = coalesce(revoked_at, now())
            WHERE id = \(id) AND area_path <@ \(scopePath)::ltree
            RETURNING \(unsafeSQL: Self.columns), revoked_at = now() AS changed
            """)
        guard let row = rows.first else { return nil }
        return (try APIToken(row: row), try row.decode("changed", as: Bool.self))
    }

    /// Revokes every live token issued from `issuer`, transitively, within `scopePath`; returns
    /// how many.
    public func revokeIssued(by issuer: UUID, scopePath: String, in transaction: PostgresTransaction) async throws
        -> Int
    {
        let rows = try await transaction.query(
            """
            WITH RECURSIVE issued AS (
                SELECT id FROM api_token WHERE created_by = \(issuer)
                UNION
                SELECT t.id FROM api_token t JOIN issued i ON t.created_by = i.id
            )
            UPDATE api_token SET revoked_at = now()
            WHERE id IN (SELECT id FROM issued) AND area_path <@ \(scopePath)::ltree AND revoked_at IS NULL
            RETURNING id
            """)
        return rows.count
    }

    /// One page of the tokens in scope, newest last.
    public func list(scopePath: String, after: UUID?, limit: Int, deadline: ContinuousClock.Instant) async throws
        -> Page<APIToken>
    {
        var query: PostgresQuery =
            "SELECT \(unsafeSQL: Self.columns) FROM api_token WHERE area_path <@ \(scopePath)::ltree"
        if let after { query.append(" AND id > \(after)") }
        query.append(" ORDER BY id LIMIT \(limit + 1)")
        let rows = try await store.read(query, deadline: deadline)
        return try Page.keyset(rows, limit: limit, decode: APIToken.init(row:), cursor: { PageCursor.encode($0.id) })
    }
}

extension APIToken {
    init(row: PostgresRow) throws {
        guard let role = Role(rawValue: try row.decode("role", as: String.self)) else {
            throw PostgresError(.decoding, column: "role", detail: "unknown role")
        }
        self.init(
            id: try row.decode("id"), role: role, areaId: try row.decode("area_id"),
            areaPath: try row.decode("area_path"),
            label: try row.decode("label"), departmentId: try row.decode("department_id"),
            personId: try row.decode("person_id"),
            createdAt: try row.decode("created_at"),
            expiresAt: try row.decode("expires_at"),
            revokedAt: try row.decode("revoked_at"))
    }
}
