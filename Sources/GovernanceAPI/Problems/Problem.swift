import Foundation
public import Governance
public import HTTPTypes
import Hummingbird
import NIOCore

/// An RFC 9457 problem ready to be written: status, stable code, texts in both languages.
public struct Problem: Error, Sendable {
    /// The HTTP status.
    public var status: HTTPResponse.Status
    /// Stable machine code, e.g. `request.invalid`.
    public var code: String
    /// What went wrong, in both languages.
    public var detail: LocalizedText
    /// The fields at fault, for validation errors.
    public var fieldErrors: [DomainError.FieldError]
    /// Extra response headers (`Allow`, `Retry-After`, `WWW-Authenticate`).
    public var headers: HTTPFields

    /// Creates a problem.
    public init(
        status: HTTPResponse.Status, code: String, detail: LocalizedText, fieldErrors: [DomainError.FieldError] = [],
        headers: HTTPFields = [:]
    ) {
        self.status = status
        self.code = code
        self.detail = detail
        self.fieldErrors = fieldErrors
        self.headers = headers
    }

    /// The problem body as JSON, in `language`, naming the request.
    func body(language: Language, requestID: String) -> Data {
        var object: [String: JSONValue] = [
            "type": .string("https://grassroots.example/problems/\(code)"),
            "title": .string(Self.title(for: status).text(language)),
            "status": .int(Int(status.code)),
            "detail": .string(detail.text(language)),
            "code": .string(code),
        ]
        if !requestID.isEmpty { object["requestId"] = .string(requestID) }
        if !fieldErrors.isEmpty {
            object["errors"] = .array(
                fieldErrors.map {
                    [
                        "field": .string($0.field), "code": .string($0.code),
                        "message": .string($0.message.text(language)),
                    ]
                })
        }
        return JSONValue.object(object).canonicalData
    }

    /// The response carrying this problem.
    func response(language: Language, requestID: String) -> Response {
        var fields = headers
        fields[.contentType] = "application/problem+json"
        fields[.cacheControl] = "no-store"
        let body = body(language: language, requestID: requestID)
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// The localized title of each status we answer with.
    static func title(for status: HTTPResponse.Status) -> LocalizedText {
        switch status.code {
        case 400: LocalizedText(zh: "请求无效", en: "Bad request")
        case 401: LocalizedText(zh: "未认证", en: "Unauthorized")
        case 403: LocalizedText(zh: "无权操作", en: "Forbidden")
        case 404: LocalizedText(zh: "未找到", en: "Not found")
        case 405: LocalizedText(zh: "方法不允许", en: "Method not allowed")
        case 406: LocalizedText(zh: "无法提供所需格式", en: "Not acceptable")
        case 409: LocalizedText(zh: "冲突", en: "Conflict")
        case 412: LocalizedText(zh: "版本不匹配", en: "Precondition failed")
        case 413: LocalizedText(zh: "请求体过大", en: "Content too large")
        case 415: LocalizedText(zh: "不支持的媒体类型", en: "Unsupported media type")
        case 422: LocalizedText(zh: "无法处理", en: "Unprocessable content")
        case 428: LocalizedText(zh: "缺少前提条件", en: "Precondition required")
        case 429: LocalizedText(zh: "请求过多", en: "Too many requests")
        case 503: LocalizedText(zh: "服务暂不可用", en: "Service unavailable")
        default:
            status.code >= 500
                ? LocalizedText(zh: "服务器内部错误", en: "Internal server error")
                : LocalizedText(zh: "请求错误", en: "Client error")
        }
    }
}
