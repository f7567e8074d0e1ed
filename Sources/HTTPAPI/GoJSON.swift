import TocsinModel

/// JSON text written the way Go's `encoding/json` writes it, so our bodies are byte-identical to
/// Alertmanager's: object keys in the order the caller gives (Go sorts map keys; callers pass them sorted),
/// and strings escaped with Go's HTML-safe rules (`<`, `>`, `&`, U+2028 and U+2029 as `\uXXXX`).
enum GoJSON {
    /// A JSON string literal for `value`.
    static func string(_ value: String) -> String {
        var out = ""
        append(value, to: &out)
        return out
    }

    /// Appends the JSON string literal for `value` to `out` (large bodies are written into one buffer).
    static func append(_ value: String, to out: inout String) {
        out += "\""
        // Most label values, names and times need no escaping: copy them whole.
        if !value.utf8.contains(where: needsEscape) {
            out += value
            out += "\""
            return
        }
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<", ">", "&", "\u{2028}", "\u{2029}":
                out += unicodeEscape(scalar.value)
            default:
                if scalar.value < 0x20 {
                    out += unicodeEscape(scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }

    /// Appends a label set as Go marshals a `map[string]string`: keys in byte order, which is the order a
    /// `LabelSet` keeps.
    static func append(_ labels: LabelSet, to out: inout String) {
        out += "{"
        var first = true
        for label in labels {
            if !first { out += "," }
            first = false
            append(label.name, to: &out)
            out += ":"
            append(label.value, to: &out)
        }
        out += "}"
    }

    /// Appends `["a","b"]`.
    static func append(_ values: [String], to out: inout String) {
        out += "["
        for (index, value) in values.enumerated() {
            if index > 0 { out += "," }
            append(value, to: &out)
        }
        out += "]"
    }

    /// `{"k":v,...}` from already encoded values, keys in the given order.
    static func object(_ members: [(String, String)]) -> String {
        "{" + members.map { string($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
    }

    /// `[v,...]` from already encoded values.
    static func array(_ elements: [String]) -> String {
        "[" + elements.joined(separator: ",") + "]"
    }

    /// A string-to-string map with keys sorted bytewise, as Go marshals a `map[string]string`.
    static func stringMap(_ pairs: [(String, String)]) -> String {
        object(pairs.sorted { Array($0.0.utf8).lexicographicallyPrecedes(Array($1.0.utf8)) }.map { ($0.0, string($0.1)) })
    }

    /// Whether a UTF-8 byte may start something `string` escapes: a quote, a backslash, a control character,
    /// `<`, `>`, `&`, or 0xE2, the lead byte of U+2028 and U+2029 (checked exactly on the slow path).
    private static func needsEscape(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"), 0xE2: true
        default: byte < 0x20
        }
    }

    private static func unicodeEscape(_ value: UInt32) -> String {
        let hex = String(value, radix: 16)
        return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
    }
}
