/// A refusal the domain explains: a stable machine `code`, a kind that decides the HTTP status
/// at the edge, a message in both languages, and for invalid input the fields at fault.
public struct DomainError: Error, Sendable, Hashable {
    /// The classes of refusal; the API maps each to one HTTP status.
    public enum Kind: Sendable, Hashable {
        /// The request is malformed or a field is invalid (400).
        case invalidRequest
        /// No credentials, or credentials not accepted (401).
        case unauthenticated
        /// The caller's role may not do this (403).
        case forbidden
        /// The object does not exist, or lies outside the caller's scope (404).
        case notFound
        /// The request conflicts with the current state, e.g. a duplicate (409).
        case conflict
        /// `If-Match` names an older version (412).
        case preconditionFailed
        /// What the request points at is no longer kept, e.g. an expired feed cursor (410).
        case gone
        /// `If-Match` is required and missing (428).
        case preconditionRequired
        /// The body is too large (413).
        case payloadTooLarge
        /// The media type is not accepted (415).
        case unsupportedMediaType
        /// Well-formed, but a rule of the domain refuses it (422).
        case unprocessable
        /// A dependency is down or too slow; retry later (503).
        case unavailable
        /// A quota is used up; retry after `retryAfterSeconds` (429).
        case tooManyRequests(retryAfterSeconds: Int)
    }

    /// One invalid field.
    public struct FieldError: Sendable, Hashable {
        /// JSON-pointer-like path of the field, e.g. `idNumber` or `members/2/role`.
        public let field: String
        /// Stable machine code, e.g. `too_long`.
        public let code: String
        /// What is wrong, in both languages.
        public let message: LocalizedText

        /// Creates a field error.
        public init(field: String, code: String, message: LocalizedText) {
            self.field = field
            self.code = code
            self.message = message
        }
    }

    /// The class of refusal.
    public let kind: Kind
    /// Stable machine code, e.g. `area.invalid_parent`.
    public let code: String
    /// What is wrong, in both languages.
    public let message: LocalizedText
    /// The invalid fields, for validation errors.
    public let fieldErrors: [FieldError]

    /// Creates a domain error.
    public init(_ kind: Kind, code: String, message: LocalizedText, fieldErrors: [FieldError] = []) {
        self.kind = kind
        self.code = code
        self.message = message
        self.fieldErrors = fieldErrors
    }

    /// The object is missing or outside the caller's scope; the two are indistinguishable on purpose.
    public static func notFound(_ resource: String) -> DomainError {
        DomainError(
            .notFound, code: "\(resource).not_found",
            message: LocalizedText(zh: "资源不存在或不在您的权限范围内。", en: "The resource does not exist or is outside your scope."))
    }

    /// A field the step needs was left out: 422 on that field.
    public static func required(_ field: String) -> DomainError {
        DomainError.validation([
            .init(field: field, code: "required", message: LocalizedText(zh: "此操作需要该字段。", en: "Required here."))
        ])
    }

    /// `value`, or 422 `required` on `field` when the step needs it and it was left out.
    public static func requireValue<Value>(_ value: Value?, _ field: String) throws(DomainError) -> Value {
        guard let value else { throw required(field) }
        return value
    }

    /// Input failed validation on the listed fields (422: well-formed JSON whose values the
    /// rules refuse; malformed JSON and wrong types are 400 `request.malformed`).
    public static func validation(_ fieldErrors: [FieldError]) -> DomainError {
        DomainError(
            .unprocessable, code: "request.invalid",
            message: LocalizedText(zh: "请求参数校验未通过。", en: "The request failed validation."),
            fieldErrors: fieldErrors)
    }
}
