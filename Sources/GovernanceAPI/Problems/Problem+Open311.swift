import Foundation
import Governance
import Hummingbird
import NIOCore

extension Problem {
    /// The paths answered in Open311's error format.
    static let open311PathPrefix = "/open311/"

    /// The problem as Open311 GeoReport v2 writes errors: a list of `code` and `description`,
    /// one per field at fault, or one for the whole request.
    func open311Response(language: Language) -> Response {
        var fields = headers
        fields[.contentType] = "application/json"
        fields[.cacheControl] = "no-store"
        var items: [JSONValue] = fieldErrors.map {
            ["code": .int(Int(status.code)), "description": .string("\($0.field): \($0.message.text(language))")]
        }
        if items.isEmpty {
            items = [["code": .int(Int(status.code)), "description": .string("\(code): \(detail.text(language))")]]
        }
        let body = JSONValue.array(items).canonicalData
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}
