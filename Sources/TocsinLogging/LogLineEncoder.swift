/// Turns one log record into a line of logfmt or JSON, exactly as go-kit's loggers write them, so log
/// pipelines built for Alertmanager parse Tocsin's lines unchanged.
public struct LogLineEncoder: Sendable {
    public let format: LogFormat

    public init(format: LogFormat) {
        self.format = format
    }

    /// Encodes the ordered key/value pairs of one record (without the trailing newline).
    public func encode(_ fields: [(key: String, value: String)]) -> String {
        switch self.format {
        case .logfmt:
            var line = ""
            line.reserveCapacity(128)
            for (index, field) in fields.enumerated() {
                if index > 0 { line.append(" ") }
                line.append(Self.logfmtKey(field.key))
                line.append("=")
                line.append(Self.logfmtValue(field.value))
            }
            return line
        case .json:
            // go-kit's JSON logger marshals a map, so keys come out sorted; a repeated key keeps its last value.
            var unique: [String: String] = [:]
            for field in fields { unique[field.key] = field.value }
            let body = unique.keys.sorted().map { "\(Self.jsonString($0)):\(Self.jsonString(unique[$0]!))" }
            return "{" + body.joined(separator: ",") + "}"
        }
    }

    /// go-logfmt quotes a value holding a space, '=', '"', a control character or invalid UTF-8.
    static func logfmtValue(_ value: String) -> String {
        if value == "null" { return "\"null\"" }
        let needsQuotes = value.unicodeScalars.contains { $0.value <= 0x20 || $0 == "=" || $0 == "\"" || $0 == "\u{FFFD}" }
        return needsQuotes ? quoted(value) : value
    }

    /// Keys lose the characters logfmt cannot carry (go-logfmt drops them the same way).
    static func logfmtKey(_ key: String) -> String {
        let cleaned = String(key.unicodeScalars.filter { $0.value > 0x20 && $0 != "=" && $0 != "\"" && $0 != "\u{FFFD}" })
        return cleaned.isEmpty ? "?" : cleaned
    }

    private static func quoted(_ value: String) -> String {
        escaped(value, htmlSafe: false)
    }

    private static func jsonString(_ value: String) -> String {
        escaped(value, htmlSafe: true)
    }

    /// A double-quoted string with `\\`, `\"`, `\n`, `\r`, `\t` and `\u00XX` for other control
    /// characters, as both go-logfmt and encoding/json write it; `htmlSafe` adds encoding/json's escapes
    /// of `<`, `>`, `&`, U+2028 and U+2029.
    private static func escaped(_ value: String, htmlSafe: Bool) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": out.append("\\\\")
            case "\"": out.append("\\\"")
            case "\n": out.append("\\n")
            case "\r": out.append("\\r")
            case "\t": out.append("\\t")
            case "<" where htmlSafe: out.append("\\u003c")
            case ">" where htmlSafe: out.append("\\u003e")
            case "&" where htmlSafe: out.append("\\u0026")
            case "\u{2028}" where htmlSafe: out.append("\\u2028")
            case "\u{2029}" where htmlSafe: out.append("\\u2029")
            case _ where scalar.value < 0x20:
                out.append("\\u00")
                out.append(hexDigit(scalar.value >> 4))
                out.append(hexDigit(scalar.value & 0xF))
            default: out.unicodeScalars.append(scalar)
            }
        }
        out.append("\"")
        return out
    }

    private static func hexDigit(_ value: UInt32) -> Character {
        Character(Unicode.Scalar(value < 10 ? 0x30 + value : 0x61 + value - 10)!)
    }
}
