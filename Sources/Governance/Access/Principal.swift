public import struct Foundation.Date
public import struct Foundation.UUID

/// The authenticated caller: a token with one role and one scope area.
public struct Principal: Sendable, Hashable {
    /// The token's id (recorded in the audit log; never the secret).
    public let tokenId: UUID
    /// The token's role.
    public let role: Role
    /// The scope area.
    public let scopeAreaId: UUID
    /// The scope area's path: the caller sees rows whose path lies under it.
    public let scopePath: String
    /// When the token stops working.
    public let expiresAt: Date
    /// For `department` tokens, the registered department the token speaks for.
    public let departmentId: UUID?
    /// For `mediator` tokens bound to a person, that person (MED-4).
    public let personId: UUID?

    /// Creates a principal.
    public init(
        tokenId: UUID, role: Role, scopeAreaId: UUID, scopePath: String, expiresAt: Date, departmentId: UUID? = nil,
        personId: UUID? = nil
    ) {
        self.departmentId = departmentId
        self.personId = personId
        self.tokenId = tokenId
        self.role = role
        self.scopeAreaId = scopeAreaId
        self.scopePath = scopePath
        self.expiresAt = expiresAt
    }

    /// Whether `path` lies in this principal's scope (the same test as `path <@ scope` in SQL).
    public func covers(path: String) -> Bool {
        AreaPath.contains(scopePath, path)
    }
}
