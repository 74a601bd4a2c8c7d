public import Foundation

/// A token as listed: never its secret.
public struct APIToken: Sendable, Hashable {
    /// Id (appears in the audit log).
    public let id: UUID
    /// Role.
    public let role: Role
    /// Scope area.
    public let areaId: UUID
    /// Scope area's path.
    public let areaPath: String
    /// Free label, e.g. the client system's name.
    public let label: String?
    /// For `department` tokens, the department it speaks for.
    public let departmentId: UUID?
    /// For a `mediator` token, the person it is bound to (MED-4).
    public let personId: UUID?
    /// When issued.
    public let createdAt: Date
    /// When it stops working.
    public let expiresAt: Date
    /// When revoked, if it was.
    public let revokedAt: Date?

    /// Creates a token value.
    public init(
        id: UUID, role: Role, areaId: UUID, areaPath: String, label: String?, departmentId: UUID? = nil,
        personId: UUID? = nil,
        createdAt: Date, expiresAt: Date, revokedAt: Date?
    ) {
        self.departmentId = departmentId
        self.personId = personId
        self.id = id
        self.role = role
        self.areaId = areaId
        self.areaPath = areaPath
        self.label = label
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
    }
}

/// A request to issue a token.
public struct NewToken: Sendable, Hashable {
    /// Role.
    public var role: Role
    /// Scope area; must lie within the issuer's scope.
    public var areaId: UUID
    /// Expiry; defaults to 90 days from now, at most 366 days.
    public var expiresAt: Date?
    /// Label.
    public var label: String?
    /// The registered department a `department` token speaks for; required for that role and
    /// refused for any other.
    public var departmentId: UUID?
    /// The person a `mediator` token is bound to; refused for any other role.
    public var personId: UUID? = nil

    /// The default and the longest lifetime of a token.
    public static let defaultLifetime: TimeInterval = 90 * 86_400
    /// The longest lifetime of a token.
    public static let maximumLifetime: TimeInterval = 366 * 86_400

    /// Creates the request value.
    public init(role: Role, areaId: UUID, expiresAt: Date?, label: String?, departmentId: UUID? = nil) {
        self.departmentId = departmentId
        self.role = role
        self.areaId = areaId
        self.expiresAt = expiresAt
        self.label = label
    }

    /// Validates and returns the effective expiry.
    public func validatedExpiry(now: Date) throws(DomainError) -> Date {
        var validator = FieldValidator()
        validator.length("label", label, max: 100)
        if role == .department, departmentId == nil {
            validator.fail(
                "departmentId", "required", zh: "部门令牌须指定已登记的部门。",
                en: "A department token names a registered department.")
        } else if role != .department, departmentId != nil {
            validator.fail(
                "departmentId", "not_applicable", zh: "只有部门令牌指定部门。", en: "Only department tokens name a department.")
        }
        if role != .mediator, personId != nil {
            validator.fail(
                "personId", "not_applicable", zh: "只有调解员令牌绑定人员。", en: "Only mediator tokens are bound to a person.")
        }
        let expiry = expiresAt ?? now.addingTimeInterval(Self.defaultLifetime)
        if expiry <= now {
            validator.fail("expiresAt", "in_past", zh: "过期时间必须晚于当前时间。", en: "Must be in the future.")
        } else if expiry > now.addingTimeInterval(Self.maximumLifetime) {
            validator.fail("expiresAt", "too_far", zh: "有效期不能超过 366 天。", en: "Must be at most 366 days ahead.")
        }
        try validator.check()
        return expiry
    }
}

/// A freshly issued token: the only time its secret exists outside the caller.
public struct IssuedToken: Sendable, Hashable {
    /// The token as listed.
    public let token: APIToken
    /// The bearer secret.
    public let secret: String

    /// Creates the value.
    public init(token: APIToken, secret: String) {
        self.token = token
        self.secret = secret
    }
}
