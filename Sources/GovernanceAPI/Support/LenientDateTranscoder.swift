import Foundation
import OpenAPIRuntime
import Postgres

/// RFC 3339 date-times with or without fractional seconds and with any valid offset.
///
/// The runtime's default `.iso8601` refuses fractions, and Foundation's parser refuses offsets
/// beyond ±18 h that RFC 3339 allows; either would turn a valid `expiresAt` into a 400.
struct LenientDateTranscoder: DateTranscoder {
    func encode(_ date: Date) throws -> String {
        // Hand-formatted: Foundation's formatter showed up on every row of every response.
        PostgresTimestamp.formatSeconds(date)
    }

    func decode(_ text: String) throws -> Date {
        guard let date = PostgresTimestamp.parse(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "not an RFC 3339 date-time"))
        }
        return date
    }
}
