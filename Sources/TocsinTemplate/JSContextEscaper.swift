/// html/template's escapers for values in JavaScript: a value among code becomes a JavaScript (JSON)
/// literal (`jsValEscaper`); inside a string or regexp literal its text is escaped so it cannot end the
/// literal or the surrounding `<script>` or attribute (`jsStrEscaper`, `jsRegexpEscaper`).
enum JSContextEscaper {
    /// The value as a JavaScript expression without side effects: JSON, padded with spaces when it starts or
    /// ends like an identifier or number so it cannot run into a neighbouring keyword (`x in{{.}}`).
    static func escapeValue(_ value: TemplateValue) -> String {
        var v = value
        // A Go value with a String method (time.Duration, time.Month) is written as that string; a
        // time.Time as its JSON (RFC 3339), since it marshals itself.
        if case .object(let o) = value, !(o is GoTime), let s = o.stringerDescription { v = .string(s) }
        let json: String
        do {
            json = try GoJSON.marshal(v)
        } catch {
            // The space keeps a preceding `/` from making a line comment of the error.
            return " /* \(error.message.replacingOccurrences(of: "*/", with: "* /")) */null "
        }
        guard let first = json.unicodeScalars.first, let last = json.unicodeScalars.last else { return " null " }
        if HTMLContext.isJSIdentifierPart(first.value) || HTMLContext.isJSIdentifierPart(last.value) {
            return " " + json + " "
        }
        return json
    }

    /// Text for inside a `'...'` or `"..."` literal.
    static func escapeString(_ s: String) -> String { replace(s, stringTable) }

    /// Text for inside a `/.../` literal, matching itself literally; empty text becomes `(?:)` so the
    /// literal does not turn into a `//` comment.
    static func escapeRegexp(_ s: String) -> String {
        let out = replace(s, regexpTable)
        return out.isEmpty ? "(?:)" : out
    }

    private static let stringTable: [UInt32: String] = [
        0x22: "\\u0022", 0x60: "\\u0060", 0x26: "\\u0026", 0x27: "\\u0027", 0x2B: "\\u002b", 0x2F: "\\/",
        0x3C: "\\u003c", 0x3E: "\\u003e", 0x5C: "\\\\",
    ]

    private static let regexpTable: [UInt32: String] = {
        var table: [UInt32: String] = [
            0x22: "\\u0022", 0x26: "\\u0026", 0x27: "\\u0027", 0x2B: "\\u002b", 0x3C: "\\u003c", 0x3E: "\\u003e",
        ]
        // Regexp syntax characters are backslash-escaped.
        for c in "$()*-./?[\\]^{|}".unicodeScalars { table[c.value] = "\\" + String(c) }
        return table
    }()

    /// Applies `table`, after escaping control characters (`\t`, `\n`, `\f`, `\r` by name, others as `\u00XX`)
    /// and the JavaScript line terminators U+2028 and U+2029.
    private static func replace(_ s: String, _ table: [UInt32: String]) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for r in s.unicodeScalars {
            switch r.value {
            case 0x09: out += "\\t"
            case 0x0A: out += "\\n"
            case 0x0C: out += "\\f"
            case 0x0D: out += "\\r"
            case 0..<0x20, 0x2028, 0x2029: out += GoJSON.unicodeEscape(r.value)
            default:
                if let rep = table[r.value] { out += rep } else { out.unicodeScalars.append(r) }
            }
        }
        return out
    }
}
