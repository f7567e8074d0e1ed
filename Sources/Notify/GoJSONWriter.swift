import TocsinModel

/// Writes JSON byte for byte as Go's `encoding/json` Encoder does for Alertmanager's payloads: fields in
/// struct order, map keys sorted, `<`, `>`, `&`, U+2028 and U+2029 escaped as `\u003c`… (HTML-safe
/// escaping is on by default), other control characters as `\u00XX` except `\n`, `\r`, `\t`.
///
/// Receivers compare payloads as text (signatures, caches), so the exact bytes matter.
struct GoJSONWriter {
    private(set) var text = ""

    mutating func raw(_ fragment: String) {
        self.text += fragment
    }

    mutating func string(_ value: String) {
        self.text += Self.quoted(value)
    }

    /// A `map[string]string` (Go's KV): keys sorted, `{}` when empty.
    mutating func map(_ labels: LabelSet) {
        let sorted = labels.sorted { $0.name < $1.name }
        self.text += "{"
        for (index, label) in sorted.enumerated() {
            if index > 0 { self.text += "," }
            self.string(label.name)
            self.text += ":"
            self.string(label.value)
        }
        self.text += "}"
    }

    static func quoted(_ value: String) -> String {
        let hex = Array("0123456789abcdef")
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<", ">", "&", "\u{2028}", "\u{2029}":
                let v = Int(scalar.value)
                out += "\\u" + String([hex[(v >> 12) & 15], hex[(v >> 8) & 15], hex[(v >> 4) & 15], hex[v & 15]])
            default:
                if scalar.value < 0x20 {
                    let v = Int(scalar.value)
                    out += "\\u00" + String([hex[v >> 4], hex[v & 15]])
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
