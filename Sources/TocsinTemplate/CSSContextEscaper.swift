/// html/template's escapers for values in CSS: `cssEscaper` inside CSS strings and URLs, and
/// `cssValueFilter` for values placed directly among declarations.
enum CSSContextEscaper {
    /// Escapes everything that could end a CSS string or URL, or mean something to HTML, as `\hex`,
    /// followed by a space when the next character could be read as part of the escape.
    static func escape(_ s: String) -> String {
        let bytes = Array(s.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 8)
        for (i, b) in bytes.enumerated() {
            guard let rep = replacement(b) else {
                out.append(b)
                continue
            }
            out += Array(rep.utf8)
            if rep == "\\\\" { continue }
            let next = i + 1
            if next == bytes.count || isHex(bytes[next]) || ByteView.isSpace(bytes[next]) {
                out.append(UInt8(ascii: " "))
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func replacement(_ b: UInt8) -> String? {
        switch b {
        case 0: return "\\0"
        case 0x09: return "\\9"
        case 0x0A: return "\\a"
        case 0x0C: return "\\c"
        case 0x0D: return "\\d"
        case UInt8(ascii: "\\"): return "\\\\"
        case UInt8(ascii: "\""), UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "("), UInt8(ascii: ")"),
            UInt8(ascii: "+"), UInt8(ascii: "/"), UInt8(ascii: ":"), UInt8(ascii: ";"), UInt8(ascii: "<"),
            UInt8(ascii: ">"), UInt8(ascii: "{"), UInt8(ascii: "}"):
            return "\\" + String(b, radix: 16)
        default: return nil
        }
    }

    /// A value that cannot break out of its declaration (no quotes, brackets, comments, `expression`,
    /// `mozbinding`), with CSS escapes decoded; anything else becomes `ZgotmplZ`.
    static func filterValue(_ s: String) -> String {
        let b = decodeCSS(Array(s.utf8)[...])
        var id: [UInt8] = []
        for (i, c) in b.enumerated() {
            switch c {
            case 0, UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "/"),
                UInt8(ascii: ";"), UInt8(ascii: "@"), UInt8(ascii: "["), UInt8(ascii: "\\"), UInt8(ascii: "]"),
                UInt8(ascii: "`"), UInt8(ascii: "{"), UInt8(ascii: "}"):
                return "ZgotmplZ"
            case UInt8(ascii: "-"):
                // Not part of the identifier: `expr-ession` still spells `expression`.
                if i != 0 && b[i - 1] == UInt8(ascii: "-") { return "ZgotmplZ" }
            default:
                if c < 0x80 && isNameCharacter(Unicode.Scalar(c)) { id.append(ByteView.lower(c)) }
            }
        }
        let lower = String(decoding: id, as: UTF8.self)
        if lower.contains("expression") || lower.contains("mozbinding") { return "ZgotmplZ" }
        return String(decoding: b, as: UTF8.self)
    }

    /// CSS `nmchar`: letters, digits, `-`, `_` and non-ASCII.
    static func isNameCharacter(_ r: Unicode.Scalar) -> Bool {
        let v = r.value
        return (v >= 0x61 && v <= 0x7A) || (v >= 0x41 && v <= 0x5A) || (v >= 0x30 && v <= 0x39) || v == 0x2D
            || v == 0x5F || (v >= 0x80 && v <= 0xD7FF) || (v >= 0xE000 && v <= 0xFFFD) || (v >= 0x10000 && v <= 0x10FFFF)
    }

    static func isHex(_ c: UInt8) -> Bool { (c >= 48 && c <= 57) || (c | 0x20 >= 97 && c | 0x20 <= 102) }

    /// Decodes CSS escapes: `\hex` (up to six digits, one following space eaten) and `\c`.
    static func decodeCSS(_ s: ArraySlice<UInt8>) -> [UInt8] {
        guard s.contains(UInt8(ascii: "\\")) else { return Array(s) }
        var out: [UInt8] = []
        var i = s.startIndex
        while i < s.endIndex {
            guard s[i] == UInt8(ascii: "\\") else {
                out.append(s[i])
                i += 1
                continue
            }
            guard i + 1 < s.endIndex else { break }
            if isHex(s[i + 1]) {
                var j = i + 2
                while j < s.endIndex && j < i + 7 && isHex(s[j]) { j += 1 }
                var r: UInt32 = 0
                for c in s[(i + 1)..<j] { r = r << 4 | UInt32(c <= 57 ? c - 48 : (c | 0x20) - 87) }
                if r > 0x10FFFF {
                    r /= 16
                    j -= 1
                }
                out += Array(String(Unicode.Scalar(r) ?? "\u{FFFD}").utf8)
                i = j
                if i < s.endIndex {
                    if s[i] == 0x0D && i + 1 < s.endIndex && s[i + 1] == 0x0A {
                        i += 2
                    } else if s[i] == 0x09 || s[i] == 0x0A || s[i] == 0x0C || s[i] == 0x20 || s[i] == 0x0D {
                        i += 1
                    }
                }
            } else {
                var j = i + 2
                while j < s.endIndex && s[j] & 0xC0 == 0x80 { j += 1 }
                out += s[(i + 1)..<j]
                i = j
            }
        }
        return out
    }
}
