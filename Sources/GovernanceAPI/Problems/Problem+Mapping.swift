import Foundation
import Governance
import HTTPTypes
import Hummingbird
import OpenAPIRuntime
import Postgres

extension Problem {
    /// Every error the service can meet, mapped to the problem a client sees — in one place.
    ///
    /// Anything unrecognised is a 500 whose body says nothing about its cause; the cause goes
    /// to the log only.
    static func from(_ error: any Error) -> Problem {
        switch error {
        case let problem as Problem:
            return problem
        case let domain as DomainError:
            return from(domain)
        case let postgres as PostgresError:
            return from(postgres)
        case let server as ServerError:
            return from(server)
        case let decoding as DecodingError:
            return from(decoding)
        case let http as HTTPError:
            return from(httpStatus: http.status)
        case let convertible as any HTTPResponseConvertible where convertible.httpStatus.code < 500:
            return from(httpStatus: convertible.httpStatus)
        default:
            return .internal
        }
    }

    /// The 500 problem: a bug, with no detail of its cause.
    static let `internal` = Problem(
        status: .internalServerError, code: "internal",
        detail: LocalizedText(zh: "服务器内部错误，请凭请求编号联系运维。", en: "Internal error; quote the request id to the operators."))

    static func from(_ error: DomainError) -> Problem {
        let status: HTTPResponse.Status =
            switch error.kind {
            case .invalidRequest: .badRequest
            case .unauthenticated: .unauthorized
            case .forbidden: .forbidden
            case .notFound: .notFound
            case .conflict: .conflict
            case .preconditionFailed: .preconditionFailed
            case .gone: .gone
            case .preconditionRequired: .init(code: 428)
            case .payloadTooLarge: .contentTooLarge
            case .unsupportedMediaType: .unsupportedMediaType
            case .unprocessable: .unprocessableContent
            case .unavailable: .serviceUnavailable
            case .tooManyRequests: .tooManyRequests
            }
        var headers: HTTPFields = [:]
        if error.kind == .unauthenticated { headers[.wwwAuthenticate] = #"Bearer error="invalid_token""# }
        if error.kind == .unavailable { headers[.retryAfter] = "1" }
        if case .tooManyRequests(let seconds) = error.kind { headers[.retryAfter] = "\(max(seconds, 1))" }
        return Problem(
            status: status, code: error.code, detail: error.message, fieldErrors: error.fieldErrors, headers: headers)
    }

    static func from(_ error: PostgresError) -> Problem {
        switch error.disposition {
        case .unavailable, .retryTransaction:
            return .unavailable
        case .commitInDoubt:
            // The outcome is unknown: never 2xx, never 500. The client retries with the same
            // Idempotency-Key and the stored record settles it (reliability.md §3.2).
            return Problem(
                status: .serviceUnavailable, code: "database.commit_in_doubt",
                detail: LocalizedText(
                    zh: "提交结果未知，请使用相同的 Idempotency-Key 重试。",
                    en: "The outcome is unknown; retry with the same Idempotency-Key."),
                headers: [.retryAfter: "1"])
        case .invalidParameter:
            // PostgreSQL text cannot hold NUL; such input is refused, whichever field carried it.
            return Problem(
                status: .unprocessableContent, code: "request.invalid_characters",
                detail: LocalizedText(
                    zh: "文本中含有不允许的空字符（U+0000）。", en: "Text must not contain the NUL character (U+0000)."))
        case .conflict:
            return Problem(
                status: .conflict, code: "conflict",
                detail: LocalizedText(zh: "与现有数据冲突。", en: "The request conflicts with existing data."))
        case .defect:
            return .internal
        }
    }

    /// The 503 problem for an unreachable, slow or overloaded database.
    static let unavailable = Problem(
        status: .serviceUnavailable, code: "database.unavailable",
        detail: LocalizedText(zh: "数据库暂不可用，请稍后重试。", en: "The database is unavailable; retry shortly."),
        headers: [.retryAfter: "1"])

    static func from(_ error: ServerError) -> Problem {
        let underlying = error.underlyingError
        switch underlying {
        case is DomainError, is PostgresError, is Problem, is DecodingError:
            return from(underlying)
        case let convertible as any HTTPResponseConvertible where convertible.httpStatus.code < 500:
            return from(httpStatus: convertible.httpStatus)
        default:
            // Bodies are decoded inside the generated code; their errors arrive wrapped once more.
            if let nested = (underlying as? ServerError)?.underlyingError { return from(nested) }
            if "\(type(of: underlying))" == "RuntimeError" || "\(underlying)".contains("decod") {
                return malformed(field: nil, code: "malformed")
            }
            return .internal
        }
    }

    static func from(_ error: DecodingError) -> Problem {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: "/")
        }
        switch error {
        case .keyNotFound(let key, let context):
            let prefix = path(context)
            return malformed(field: prefix.isEmpty ? key.stringValue : prefix + "/" + key.stringValue, code: "required")
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return malformed(field: path(context), code: "invalid_type")
        case .dataCorrupted(let context):
            return malformed(field: path(context), code: context.codingPath.isEmpty ? "malformed" : "invalid_value")
        @unknown default:
            return malformed(field: nil, code: "malformed")
        }
    }

    static func malformed(field: String?, code: String) -> Problem {
        let message: LocalizedText =
            switch code {
            case "required": LocalizedText(zh: "缺少必填字段。", en: "This field is required.")
            case "invalid_type": LocalizedText(zh: "字段类型错误。", en: "This field has the wrong type.")
            case "invalid_value": LocalizedText(zh: "字段取值无效。", en: "This field's value is not allowed.")
            default: LocalizedText(zh: "请求格式错误。", en: "The request is malformed.")
            }
        let fieldErrors =
            field.map { [DomainError.FieldError(field: $0.isEmpty ? "body" : $0, code: code, message: message)] } ?? []
        return Problem(
            status: .badRequest, code: "request.malformed",
            detail: LocalizedText(zh: "请求无法解析：\(message.zh)", en: "The request could not be parsed: \(message.en)"),
            fieldErrors: fieldErrors)
    }

    static func from(httpStatus status: HTTPResponse.Status) -> Problem {
        switch status.code {
        case 404:
            return Problem(
                status: .notFound, code: "route.not_found",
                detail: LocalizedText(zh: "没有这个接口。", en: "No such endpoint."))
        case 413:
            return tooLarge
        case 415:
            return Problem(
                status: .unsupportedMediaType, code: "request.unsupported_media_type",
                detail: LocalizedText(
                    zh: "请求体须为 JSON（application/json）。", en: "The body must be JSON (application/json)."))
        case 406:
            return Problem(
                status: .notAcceptable, code: "request.not_acceptable",
                detail: LocalizedText(zh: "无法以所要求的格式响应。", en: "No acceptable representation."))
        case 400..<500:
            return Problem(
                status: status, code: "request.malformed",
                detail: LocalizedText(zh: "请求格式错误。", en: "The request is malformed."))
        default:
            return .internal
        }
    }

    /// The 408 problem: the body did not arrive before the request's deadline.
    static let bodyTimeout = Problem(
        status: .requestTimeout, code: "request.body_timeout",
        detail: LocalizedText(
            zh: "请求体未在时限内传完。", en: "The request body did not arrive before the request's deadline."))

    /// The 413 problem.
    static let tooLarge = Problem(
        status: .contentTooLarge, code: "request.too_large",
        detail: LocalizedText(zh: "请求体超过大小上限。", en: "The request body exceeds the size limit."))
}
