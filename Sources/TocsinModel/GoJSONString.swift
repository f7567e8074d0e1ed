/// A string as Go's `encoding/json` writes it, with its default HTML-safe escaping: `"`, `\`, `\n`, `\r`, `\t`
/// escaped as such, `<`, `>`, `&`, U+2028, U+2029 and other control characters as `\uXXXX`, everything else
/// as is. API bodies and notification payloads are compared as text by clients (signatures, caches), so every
/// JSON writer of the project escapes through this one.
public enum GoJSONString {
    /// Appends the quoted, escaped form of `value` to `bytes` as UTF-8.
    public static func append(_ value: String, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        // Most names, values and times need no escaping: copy them whole.
        if !value.utf8.contains(where: mayNeedEscape) {
            bytes.append(contentsOf: value.utf8)
            bytes.append(UInt8(ascii: "\""))
            return
        }
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": bytes.append(contentsOf: #"\""#.utf8)
            case "\\": bytes.append(contentsOf: #"\\"#.utf8)
            case "\n": bytes.append(contentsOf: #"\n"#.utf8)
            case "\r": bytes.append(contentsOf: #"\r"#.utf8)
            case "\t": bytes.append(contentsOf: #"\t"#.utf8)
            case "<", ">", "&", "\u{2028}", "\u{2029}": appendUnicodeEscape(scalar.value, to: &bytes)
            default:
                if scalar.value < 0x20 {
                    appendUnicodeEscape(scalar.value, to: &bytes)
                } else {
                    bytes.append(contentsOf: String(scalar).utf8)
                }
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// The quoted, escaped form of `value`.
    public static func quoted(_ value: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(value.utf8.count + 2)
        append(value, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Whether a UTF-8 byte may start something to escape: a quote, a backslash, a control character, `<`,
    /// `>`, `&`, or 0xE2, the lead byte of U+2028 and U+2029 (checked exactly on the slow path).
    private static func mayNeedEscape(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"), 0xE2: true
        default: byte < 0x20
        }
    }

    private static func appendUnicodeEscape(_ value: UInt32, to bytes: inout [UInt8]) {
        let hex = Array("0123456789abcdef".utf8)
        bytes.append(contentsOf: #"\u"#.utf8)
        for shift in stride(from: 12, through: 0, by: -4) {
            bytes.append(hex[Int((value >> UInt32(shift)) & 0xF)])
        }
    }
}
