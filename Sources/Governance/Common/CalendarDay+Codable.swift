// Days are stored and exchanged as ISO 8601 dates ("2026-05-10"), also inside JSON documents.
extension CalendarDay: Codable {
    /// Decodes "YYYY-MM-DD".
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let day = CalendarDay(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a day: \(text)")
        }
        self = day
    }

    /// Encodes "YYYY-MM-DD".
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
