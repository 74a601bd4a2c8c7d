/// A message in the two languages the API speaks: Chinese by default, English on request.
public struct LocalizedText: Sendable, Hashable {
    /// Simplified Chinese.
    public let zh: String
    /// English.
    public let en: String

    /// Creates a message in both languages.
    public init(zh: String, en: String) {
        self.zh = zh
        self.en = en
    }

    /// The text in `language`.
    public func text(_ language: Language) -> String {
        switch language {
        case .chinese: zh
        case .english: en
        }
    }
}

/// The languages of problem texts.
public enum Language: Sendable, Hashable {
    case chinese, english

    /// Picks the language from an `Accept-Language` value: English when it prefers `en`, else Chinese.
    public init(acceptLanguage: String?) {
        guard let acceptLanguage else {
            self = .chinese
            return
        }
        var best: (language: Language, quality: Double) = (.chinese, -1)
        for entry in acceptLanguage.split(separator: ",") {
            let parts = entry.split(separator: ";")
            guard let tag = parts.first?.trimmingSpaces.lowercased() else { continue }
            var quality = 1.0
            for parameter in parts.dropFirst() {
                let pair = parameter.trimmingSpaces
                if pair.hasPrefix("q="), let value = Double(pair.dropFirst(2)) { quality = value }
            }
            let language: Language? =
                tag == "en" || tag.hasPrefix("en-")
                ? .english : (tag == "zh" || tag.hasPrefix("zh-") || tag == "*" ? .chinese : nil)
            if let language, quality > best.quality { best = (language, quality) }
        }
        self = best.language
    }
}

extension Substring {
    fileprivate var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
