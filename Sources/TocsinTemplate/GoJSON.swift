/// Go's `encoding/json` marshalling of template values, which html/template uses to put a value into
/// JavaScript: strings with HTML-safe escapes, numbers in Go's float notation, maps with sorted keys,
/// structs under their JSON field names and `time.Time` as RFC 3339.
enum GoJSON {
    /// `json.Marshal`'s failure, with its message (`json: unsupported value: NaN`).
    struct MarshalError: Error {
        let message: String
    }

    static func marshal(_ value: TemplateValue) throws(MarshalError) -> String {
        var out = ""
        try append(value, to: &out)
        return out
    }

    private static func append(_ value: TemplateValue, to out: inout String) throws(MarshalError) {
        switch value {
        case .invalid: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .float(let f): out += try number(f)
        case .string(let s): appendString(s, to: &out)
        case .list(let l):
            out += "["
            for (i, item) in l.items.enumerated() {
                if i > 0 { out += "," }
                try append(item, to: &out)
            }
            out += "]"
        case .map(let m):
            out += "{"
            for (i, key) in m.sortedKeys.enumerated() {
                if i > 0 { out += "," }
                appendString(key, to: &out)
                out += ":"
                try append(m.entries[key]!, to: &out)
            }
            out += "}"
        case .object(let o):
            if let t = o as? GoTime {
                // time.Time's MarshalJSON.
                guard t.civil.year >= 0 && t.civil.year <= 9999 else {
                    throw MarshalError(
                        message: "json: error calling MarshalJSON for type time.Time: Time.MarshalJSON: "
                            + "year outside of range [0,9999]")
                }
                appendString(t.format("2006-01-02T15:04:05.999999999Z07:00"), to: &out)
            } else if let view = o.kindView {
                try append(view, to: &out)
            } else if let fields = o.structFields, let names = o.jsonFieldNames, fields.count == names.count {
                out += "{"
                for (i, (name, field)) in zip(names, fields).enumerated() {
                    if i > 0 { out += "," }
                    appendString(name, to: &out)
                    out += ":"
                    try append(field, to: &out)
                }
                out += "}"
            } else {
                throw MarshalError(message: "json: unsupported type: \(o.typeName)")
            }
        }
    }

    /// A float as `encoding/json` writes it: shortest digits, exponent form below 1e-6 and from 1e21.
    static func number(_ f: Double) throws(MarshalError) -> String {
        if f.isNaN { throw MarshalError(message: "json: unsupported value: NaN") }
        if f.isInfinite { throw MarshalError(message: "json: unsupported value: \(f < 0 ? "-Inf" : "+Inf")") }
        let sign = f.sign == .minus ? "-" : ""
        let (digits, dp) = GoFloat.shortestDigits(f)
        let magnitude = abs(f)
        guard magnitude != 0 && (magnitude < 1e-6 || magnitude >= 1e21) else {
            return sign + GoFloat.formatF(digits, dp: dp)
        }
        var e = GoFloat.formatE(digits, exp: dp - 1, upper: false)
        // Go writes a two-digit exponent; JSON drops the leading zero of a negative one (1e-07 → 1e-7).
        if e.hasSuffix("e-0" + String(e.last!)) && e.count >= 4 {
            e.remove(at: e.index(e.endIndex, offsetBy: -2))
        }
        return sign + e
    }

    /// A JSON string with Go's escapes: `<`, `>`, `&`, control characters, U+2028 and U+2029 as `\u` escapes.
    static func appendString(_ s: String, to out: inout String) {
        out += "\""
        for r in s.unicodeScalars {
            switch r {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<", ">", "&", "\u{2028}", "\u{2029}": out += unicodeEscape(r.value)
            default:
                if r.value < 0x20 { out += unicodeEscape(r.value) } else { out.unicodeScalars.append(r) }
            }
        }
        out += "\""
    }

    /// `\u` and four lower-case hex digits.
    static func unicodeEscape(_ v: UInt32) -> String {
        let hex = String(v, radix: 16)
        return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
