/// The escaping functions html/template inserts into actions (`_html_template_htmlescaper` and friends),
/// with Go's replacement tables.
enum HTMLEscaper {
    case html, rcdata, attribute, noSpace, urlFilter, urlNormalizer, urlEscaper, comment
    case cssValueFilter, css, jsValue, jsString, jsRegexp, srcset, attributeName

    /// html/template treats a trailing `html` as the HTML escapers and `urlquery` as the URL escapers.
    func isEquivalent(toPredefined name: String) -> Bool {
        switch self {
        case .html, .rcdata, .attribute: return name == "html"
        case .urlEscaper, .urlNormalizer: return name == "urlquery"
        default: return false
        }
    }

    enum Content { case plain, html, url }

    /// html/template's `stringify`: a single typed value keeps its content type; nil is skipped; a pointer
    /// is printed as the value it points to (`{...}`, not `&{...}`).
    static func stringify(_ v: TemplateValue) -> (String, Content) {
        switch v {
        case .invalid: return ("", .plain)
        case .string(let s): return (s, .plain)
        case .object(let o):
            if let h = o as? SafeHTML { return (h.html, .html) }
            return (GoFormatter.sprint([v], dereferenced: true), .plain)
        default: return (GoFormatter.sprint([v], dereferenced: true), .plain)
        }
    }

    func apply(_ v: TemplateValue) -> String {
        if self == .jsValue { return JSContextEscaper.escapeValue(v) }
        let (s, content) = Self.stringify(v)
        switch self {
        case .html:
            return content == .html ? s : Self.replace(s, Self.htmlTable)
        case .rcdata:
            return Self.replace(s, content == .html ? Self.htmlNormTable : Self.htmlTable)
        case .attribute:
            return content == .html
                ? Self.replace(Self.stripTags(s), Self.htmlNormTable) : Self.replace(s, Self.htmlTable)
        case .noSpace:
            return content == .html
                ? Self.replace(Self.stripTags(s), Self.noSpaceNormTable, encodeNoncharacters: true)
                : Self.replace(s, Self.noSpaceTable, encodeNoncharacters: true)
        case .urlFilter:
            if content == .url || Self.isSafeURL(s) { return s }
            return "#ZgotmplZ"
        case .urlNormalizer: return Self.processURL(s, normalize: true)
        case .urlEscaper: return Self.processURL(s, normalize: content == .url)
        case .cssValueFilter: return CSSContextEscaper.filterValue(s)
        case .css: return CSSContextEscaper.escape(s)
        case .jsValue: return JSContextEscaper.escapeValue(v)
        case .jsString: return JSContextEscaper.escapeString(s)
        case .jsRegexp: return JSContextEscaper.escapeRegexp(s)
        case .srcset: return SrcsetEscaper.escape(s)
        case .attributeName: return HTMLAttributeNameFilter.filter(s)
        case .comment: return ""
        }
    }

    private static let htmlTable: [UInt32: String] = [
        0: "\u{FFFD}", 0x22: "&#34;", 0x26: "&amp;", 0x27: "&#39;", 0x2B: "&#43;", 0x3C: "&lt;", 0x3E: "&gt;",
    ]
    private static let htmlNormTable: [UInt32: String] = htmlTable.filter { $0.key != 0x26 }
    private static let noSpaceTable: [UInt32: String] = [
        0: "&#xfffd;", 0x09: "&#9;", 0x0A: "&#10;", 0x0B: "&#11;", 0x0C: "&#12;", 0x0D: "&#13;", 0x20: "&#32;",
        0x22: "&#34;", 0x26: "&amp;", 0x27: "&#39;", 0x2B: "&#43;", 0x3C: "&lt;", 0x3D: "&#61;", 0x3E: "&gt;",
        0x60: "&#96;",
    ]
    private static let noSpaceNormTable: [UInt32: String] = noSpaceTable.filter { $0.key != 0x26 }

    /// Applies `table` to ASCII; `encodeNoncharacters` also writes U+FDD0–U+FDEF and U+FFF0–U+FFFF as
    /// `&#x...;`, which html/template does for unquoted attribute values.
    private static func replace(_ s: String, _ table: [UInt32: String], encodeNoncharacters: Bool = false) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for r in s.unicodeScalars {
            if r.value < 0x80, let rep = table[r.value] {
                out += rep
            } else if encodeNoncharacters && ((0xFDD0...0xFDEF).contains(r.value) || r.value >= 0xFFF0 && r.value <= 0xFFFF) {
                out += "&#x\(String(r.value, radix: 16));"
            } else {
                out.unicodeScalars.append(r)
            }
        }
        return out
    }

    /// Removes tags from trusted HTML placed in an attribute (a simplified html/template `stripTags`).
    static func stripTags(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        let scalars = Array(s.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let r = scalars[i]
            if r == "<", i + 1 < scalars.count, scalars[i + 1].properties.isAlphabetic || scalars[i + 1] == "/" {
                while i < scalars.count && scalars[i] != ">" { i += 1 }
                i += 1
                continue
            }
            out.append(r)
            i += 1
        }
        return String(out)
    }

    /// html/template's `isSafeURL`: only http, https and mailto schemes (or none) are allowed.
    static func isSafeURL(_ s: String) -> Bool {
        guard let colon = s.firstIndex(of: ":") else { return true }
        let scheme = s[..<colon]
        if scheme.contains("/") { return true }
        let lower = scheme.lowercased()
        return lower == "http" || lower == "https" || lower == "mailto"
    }

    /// html/template's `processURLOnto`: percent-encodes (lower-case hex) all but unreserved characters,
    /// and, when normalizing, also keeps reserved characters and valid `%XX` escapes.
    static func processURL(_ s: String, normalize: Bool) -> String {
        let bytes = Array(s.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 16)
        let hex = Array("0123456789abcdef".utf8)
        func isHex(_ b: UInt8) -> Bool {
            (b >= 48 && b <= 57) || (b | 0x20 >= 97 && b | 0x20 <= 102)
        }
        for (i, c) in bytes.enumerated() {
            switch c {
            case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "*"),
                UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: "/"), UInt8(ascii: ":"), UInt8(ascii: ";"),
                UInt8(ascii: "="), UInt8(ascii: "?"), UInt8(ascii: "@"), UInt8(ascii: "["), UInt8(ascii: "]"):
                if normalize {
                    out.append(c)
                    continue
                }
            case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.append(c)
                continue
            case UInt8(ascii: "%"):
                if normalize && i + 2 < bytes.count && isHex(bytes[i + 1]) && isHex(bytes[i + 2]) {
                    out.append(c)
                    continue
                }
            default:
                if (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) {
                    out.append(c)
                    continue
                }
            }
            out.append(UInt8(ascii: "%"))
            out.append(hex[Int(c >> 4)])
            out.append(hex[Int(c & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
