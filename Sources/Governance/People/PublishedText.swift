/// DIS-6: a text that goes on a public board may name people but never carry a full resident
/// ID number or mobile phone number. Masked forms (`3302**********1234`, `138****5678`) pass.
public enum PublishedText {
    /// Whether `text` holds an unmasked ID number (17 digits and a digit or X) or a mobile
    /// number (11 digits starting 13–19), as a run of its own (not part of a longer number).
    public static func carriesUnmaskedPersonalData(_ text: String) -> Bool {
        var run: [UInt8] = []
        func offending(_ run: [UInt8]) -> Bool {
            if run.count == 18 {
                return run.prefix(17).allSatisfy(isDigit) && (isDigit(run[17]) || run[17] == 0x58 || run[17] == 0x78)
            }
            return run.count == 11 && run.allSatisfy(isDigit) && run[0] == 0x31 && (0x33...0x39).contains(run[1])
        }
        for byte in text.utf8 {
            if isDigit(byte) || ((byte == 0x58 || byte == 0x78) && run.count == 17) {
                run.append(byte)
            } else {
                if offending(run) { return true }
                run.removeAll(keepingCapacity: true)
            }
        }
        return offending(run)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
}

extension FieldValidator {
    /// DIS-6: refuses a text for publication that carries an unmasked ID or phone number.
    public mutating func publishable(_ field: String, _ value: String?) {
        guard let value, PublishedText.carriesUnmaskedPersonalData(value) else { return }
        fail(
            field, "unmasked_personal_data", zh: "公开内容不得含有完整的身份证号或手机号（DIS-6），请先遮蔽。",
            en: "Published text must not carry a full ID or phone number (DIS-6): mask it.")
    }
}
