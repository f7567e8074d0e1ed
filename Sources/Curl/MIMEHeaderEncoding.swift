/// RFC 2047 "Q" encoded-words for header values, as Go's `mime.QEncoding.Encode("utf-8", s)`
/// produces them for Alertmanager's email headers: values of printable ASCII (and tabs) pass
/// unchanged; anything else becomes `=?utf-8?q?...?=` words of at most 75 characters, never
/// splitting a UTF-8 sequence, separated by a space.
public enum MIMEHeaderEncoding {
    private static let maximumWordContent = 75 - "=?UTF-8?q?".count - "?=".count
    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    /// Encodes one header value.
    public static func qEncode(_ value: String) -> String {
        let needsEncoding = value.unicodeScalars.contains { ($0.value < 0x20 || $0.value > 0x7E) && $0 != "\t" }
        guard needsEncoding else { return value }
        var result: [UInt8] = Array("=?utf-8?q?".utf8)
        var wordLength = 0
        for character in value.unicodeScalars {
            let bytes = Array(String(character).utf8)
            let plain = bytes.count == 1 && isPlain(bytes[0])
            let encodedLength = plain ? 1 : 3 * bytes.count
            if wordLength + encodedLength > maximumWordContent {
                result += Array("?= =?utf-8?q?".utf8)
                wordLength = 0
            }
            for byte in bytes {
                if byte == 0x20 {
                    result.append(0x5F)
                } else if isPlain(byte) {
                    result.append(byte)
                } else {
                    result += [0x3D, hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0x0F)]]
                }
            }
            wordLength += encodedLength
        }
        result += Array("?=".utf8)
        return String(decoding: result, as: UTF8.self)
    }

    /// Bytes written as themselves in a Q word (a space is plain too, written as `_`).
    private static func isPlain(_ byte: UInt8) -> Bool {
        byte >= 0x20 && byte <= 0x7E && byte != 0x3D && byte != 0x3F && byte != 0x5F
    }
}
