/// html/template's contextual escaping, applied while executing: the literal template text is scanned with
/// html/template's transition rules (text, tags, attribute names and values, URL parts, RCDATA, comments) so
/// each action's output is escaped for the context it lands in, and HTML comments are dropped from the
/// output as html/template does.
///
/// Go decides contexts statically before execution; for templates Go accepts (every branch ends in one
/// context) the contexts seen while executing are the same, so the output is the same. Actions inside
/// JavaScript, CSS (`<script>`, `<style>`, `on*=`, `style=`), `srcset` and attribute names are refused
/// rather than escaped differently from Go.
struct HTMLContextTracker {
    enum State: Equatable { case text, rcdata, rawText, tag, attrName, afterName, beforeValue, attrValue, htmlComment }
    enum Element: Equatable { case none, script, style, textarea, title }
    enum AttrKind: Equatable { case plain, url, css, js, srcset }
    enum Delimiter: Equatable { case doubleQuote, singleQuote, spaceOrTagEnd }
    enum URLPart: Equatable { case none, preQuery, queryOrFragment }

    private(set) var state: State = .text
    private var element: Element = .none
    private var attr: AttrKind = .plain
    private var delim: Delimiter = .doubleQuote
    private var urlPart: URLPart = .none
    private var css: CSSState = .plain

    /// Where in CSS the scanner is, inside a `style` attribute or a `<style>` element.
    enum CSSState: Equatable {
        case plain, doubleQuoted, singleQuoted, doubleQuotedURL, singleQuotedURL, url, blockComment, lineComment
    }

    private static let urlAttributes: Set<String> = [
        "action", "archive", "background", "cite", "classid", "codebase", "data", "formaction", "href", "icon",
        "longdesc", "manifest", "poster", "profile", "src", "usemap", "xmlns",
    ]

    /// html/template's `attrType`.
    static func attrKind(_ rawName: String) -> AttrKind {
        var name = rawName
        if name.hasPrefix("data-") {
            name = String(name.dropFirst(5))
        } else if let colon = name.firstIndex(of: ":") {
            if name[..<colon] == "xmlns" { return .url }
            name = String(name[name.index(after: colon)...])
        }
        if urlAttributes.contains(name) { return .url }
        if name == "style" { return .css }
        if name == "srcset" { return .srcset }
        if name.hasPrefix("on") { return .js }
        if name.contains("src") || name.contains("uri") || name.contains("url") { return .url }
        return .plain
    }

    private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0C || b == 0x0D }
    private static func isAlpha(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
    private static func isAlphaNum(_ b: UInt8) -> Bool { isAlpha(b) || (b >= 0x30 && b <= 0x39) }

    private static func hasPrefixFolded(_ s: [UInt8], _ i: Int, _ prefix: String) -> Bool {
        let p = Array(prefix.utf8)
        guard i + p.count <= s.count else { return false }
        for k in 0..<p.count where s[i + k] | 0x20 != p[k] | 0x20 { return false }
        return true
    }

    /// Reads a tag name at `i` (html/template's `eatTagName`): its end and lower-cased text.
    private static func tagName(_ s: [UInt8], _ i: Int) -> (Int, String)? {
        guard i < s.count, isAlpha(s[i]) else { return nil }
        var j = i + 1
        while j < s.count {
            if isAlphaNum(s[j]) {
                j += 1
            } else if (s[j] == UInt8(ascii: ":") || s[j] == UInt8(ascii: "-")) && j + 1 < s.count
                && isAlphaNum(s[j + 1])
            {
                j += 2
            } else {
                break
            }
        }
        return (j, String(decoding: s[i..<j], as: UTF8.self).lowercased())
    }

    /// Advances over literal template text and returns what html/template outputs for it.
    mutating func consume(_ text: String) -> String {
        let s = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(s.count)
        var i = 0
        while i < s.count {
            let c = s[i]
            switch state {
            case .text, .rcdata:
                guard c == UInt8(ascii: "<") else {
                    out.append(c)
                    i += 1
                    continue
                }
                if state == .rcdata {
                    let end = element == .title ? "</title" : "</textarea"
                    if Self.hasPrefixFolded(s, i, end) {
                        state = .text
                        element = .none
                        continue
                    }
                    out += Array("&lt;".utf8)
                    i += 1
                    continue
                }
                if Self.hasPrefixFolded(s, i, "<!--") {
                    state = .htmlComment
                    i += 4
                    continue
                }
                var j = i + 1
                let isEnd = j < s.count && s[j] == UInt8(ascii: "/")
                if isEnd { j += 1 }
                if let (end, name) = Self.tagName(s, j) {
                    out += s[i..<end]
                    i = end
                    state = .tag
                    element = isEnd ? .none : Self.element(name)
                    continue
                }
                if Self.hasPrefixFolded(s, i, "<!DOCTYPE") {
                    out.append(c)
                } else {
                    out += Array("&lt;".utf8)
                }
                i += 1
            case .rawText:
                let endTag = element == .script ? "</script" : "</style"
                var j = i
                while j < s.count && !(s[j] == UInt8(ascii: "<") && Self.hasPrefixFolded(s, j, endTag)) { j += 1 }
                if element == .style {
                    consumeCSS(s[i..<j], stripComments: true, into: &out)
                } else {
                    out += s[i..<j]
                }
                i = j
                if j < s.count {
                    state = .text
                    element = .none
                }
            case .htmlComment:
                if c == UInt8(ascii: "-") && Self.hasPrefixFolded(s, i, "-->") {
                    state = .text
                    i += 3
                } else {
                    i += 1
                }
            case .tag:
                if Self.isSpace(c) {
                    out.append(c)
                    i += 1
                } else if c == UInt8(ascii: ">") {
                    out.append(c)
                    i += 1
                    switch element {
                    case .none: state = .text
                    case .script, .style:
                        state = .rawText
                        css = .plain
                    case .textarea, .title: state = .rcdata
                    }
                } else {
                    var j = i
                    while j < s.count && !Self.isSpace(s[j]) && s[j] != UInt8(ascii: "=") && s[j] != UInt8(ascii: ">") {
                        j += 1
                    }
                    attr = Self.attrKind(String(decoding: s[i..<j], as: UTF8.self).lowercased())
                    out += s[i..<j]
                    state = j == s.count ? .attrName : .afterName
                    i = j
                }
            case .attrName:
                if Self.isSpace(c) || c == UInt8(ascii: "=") || c == UInt8(ascii: ">") {
                    state = .afterName
                } else {
                    out.append(c)
                    i += 1
                }
            case .afterName:
                if Self.isSpace(c) {
                    out.append(c)
                    i += 1
                } else if c == UInt8(ascii: "=") {
                    out.append(c)
                    i += 1
                    state = .beforeValue
                } else {
                    state = .tag
                }
            case .beforeValue:
                if Self.isSpace(c) {
                    out.append(c)
                    i += 1
                    continue
                }
                if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                    delim = c == UInt8(ascii: "\"") ? .doubleQuote : .singleQuote
                    out.append(c)
                    i += 1
                } else {
                    delim = .spaceOrTagEnd
                }
                state = .attrValue
                urlPart = .none
                css = .plain
            case .attrValue:
                var j = i
                while j < s.count && !isDelimiter(s[j]) { j += 1 }
                if attr == .url { advanceURL(s[i..<j]) }
                if attr == .css {
                    consumeCSS(s[i..<j], stripComments: false, into: &out)
                } else {
                    out += s[i..<j]
                }
                i = j
                if j < s.count {
                    state = .tag
                    if delim != .spaceOrTagEnd {
                        out.append(s[j])
                        i += 1
                    }
                }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// html/template's CSS transitions (`tCSS`, `tCSSStr`, `tBlockCmt`, `tLineCmt`). In a `<style>`
    /// element comments are elided, a block comment becoming one space, as html/template does.
    private mutating func consumeCSS(_ s: ArraySlice<UInt8>, stripComments: Bool, into out: inout [UInt8]) {
        var i = s.startIndex
        let end = s.endIndex
        while i < end {
            switch css {
            case .plain:
                var j = i
                while j < end && s[j] != UInt8(ascii: "(") && s[j] != UInt8(ascii: "\"") && s[j] != UInt8(ascii: "'")
                    && s[j] != UInt8(ascii: "/")
                {
                    j += 1
                }
                guard j < end else {
                    out += s[i..<end]
                    i = end
                    continue
                }
                switch s[j] {
                case UInt8(ascii: "("):
                    if Self.endsWithURLKeyword(s[i..<j]) {
                        var k = j + 1
                        while k < end && Self.isCSSSpace(s[k]) { k += 1 }
                        if k < end && s[k] == UInt8(ascii: "\"") {
                            css = .doubleQuotedURL
                            k += 1
                        } else if k < end && s[k] == UInt8(ascii: "'") {
                            css = .singleQuotedURL
                            k += 1
                        } else {
                            css = .url
                        }
                        out += s[i..<k]
                        i = k
                    } else {
                        out += s[i...j]
                        i = j + 1
                    }
                case UInt8(ascii: "/"):
                    if j + 1 < end && (s[j + 1] == UInt8(ascii: "/") || s[j + 1] == UInt8(ascii: "*")) {
                        out += s[i..<j]
                        if !stripComments { out += s[j..<(j + 2)] }
                        css = s[j + 1] == UInt8(ascii: "/") ? .lineComment : .blockComment
                        i = j + 2
                    } else {
                        out += s[i...j]
                        i = j + 1
                    }
                default:
                    css = s[j] == UInt8(ascii: "\"") ? .doubleQuoted : .singleQuoted
                    out += s[i...j]
                    i = j + 1
                }
            case .doubleQuoted, .singleQuoted, .doubleQuotedURL, .singleQuotedURL, .url:
                var j = i
                var closed = false
                while j < end {
                    let c = s[j]
                    if c == UInt8(ascii: "\\") {
                        j += 2
                        continue
                    }
                    let ends: Bool
                    switch css {
                    case .doubleQuoted, .doubleQuotedURL: ends = c == UInt8(ascii: "\"")
                    case .singleQuoted, .singleQuotedURL: ends = c == UInt8(ascii: "'")
                    default: ends = Self.isCSSSpace(c) || c == UInt8(ascii: ")")
                    }
                    if ends {
                        closed = true
                        break
                    }
                    j += 1
                }
                let stop = min(j, end)
                out += s[i..<(closed ? stop + 1 : stop)]
                i = closed ? stop + 1 : stop
                if closed { css = .plain }
            case .blockComment:
                var j = i
                while j + 1 < end && !(s[j] == UInt8(ascii: "*") && s[j + 1] == UInt8(ascii: "/")) { j += 1 }
                let closed = j + 1 < end
                let stop = closed ? j + 2 : end
                if stripComments { out.append(UInt8(ascii: " ")) } else { out += s[i..<stop] }
                i = stop
                if closed { css = .plain }
            case .lineComment:
                var j = i
                while j < end && s[j] != 0x0A && s[j] != 0x0C && s[j] != 0x0D { j += 1 }
                if !stripComments { out += s[i..<j] }
                i = j
                if j < end { css = .plain }
            }
        }
    }

    private static func isCSSSpace(_ b: UInt8) -> Bool { b == 0x09 || b == 0x0A || b == 0x0C || b == 0x0D || b == 0x20 }

    /// html/template's `endsWithCSSKeyword(p, "url")` on the text before a `(`, trailing space trimmed.
    private static func endsWithURLKeyword(_ s: ArraySlice<UInt8>) -> Bool {
        var e = s.endIndex
        while e > s.startIndex && isCSSSpace(s[e - 1]) { e -= 1 }
        guard e - s.startIndex >= 3 else { return false }
        let kw = s[(e - 3)..<e].map { $0 | 0x20 }
        guard kw == Array("url".utf8) else { return false }
        if e - 3 > s.startIndex {
            let before = s[e - 4]
            if isAlphaNum(before) || before == UInt8(ascii: "-") || before == UInt8(ascii: "_") || before >= 0x80 {
                return false
            }
        }
        return true
    }

    private func isDelimiter(_ b: UInt8) -> Bool {
        switch delim {
        case .doubleQuote: return b == UInt8(ascii: "\"")
        case .singleQuote: return b == UInt8(ascii: "'")
        case .spaceOrTagEnd: return Self.isSpace(b) || b == UInt8(ascii: ">")
        }
    }

    /// html/template's `tURL`: a `?` or `#` starts the query or fragment; other non-space text the path.
    private mutating func advanceURL(_ s: ArraySlice<UInt8>) {
        if s.contains(UInt8(ascii: "#")) || s.contains(UInt8(ascii: "?")) {
            urlPart = .queryOrFragment
        } else if s.contains(where: { !Self.isSpace($0) }) && urlPart == .none {
            urlPart = .preQuery
        }
    }

    private static func element(_ name: String) -> Element {
        switch name {
        case "script": return .script
        case "style": return .style
        case "textarea": return .textarea
        case "title": return .title
        default: return .none
        }
    }

    /// html/template's `nudge`: an action right after `=` starts an unquoted attribute value.
    private mutating func nudge() {
        if state == .beforeValue {
            state = .attrValue
            delim = .spaceOrTagEnd
            urlPart = .none
            css = .plain
        }
    }

    /// Whether an action ending in `html` is refused here: html/template forbids it in an unquoted plain
    /// attribute value, where its output could still break out.
    mutating func forbidsPredefinedHTML() -> Bool {
        nudge()
        return state == .attrValue && attr == .plain && delim == .spaceOrTagEnd
    }

    /// The escapers html/template appends to an action in the current context (escape.go `escapeAction`),
    /// or nil for a context this engine does not escape.
    private mutating func escapers() -> [HTMLEscaper]? {
        nudge()
        var list: [HTMLEscaper]
        switch state {
        case .text: return [.html]
        case .rcdata: return [.rcdata]
        case .htmlComment: return [.comment]
        case .rawText:
            guard element == .style else { return nil }
            switch css {
            case .plain: return [.cssValueFilter]
            case .blockComment, .lineComment: return [.comment]
            default: return nil
            }
        case .attrValue:
            switch attr {
            case .plain: list = []
            case .css:
                switch css {
                case .plain: list = [.cssValueFilter]
                case .blockComment, .lineComment: list = [.comment]
                default: return nil
                }
            case .url:
                switch urlPart {
                case .none: list = [.urlFilter, .urlNormalizer]
                case .preQuery: list = [.urlNormalizer]
                case .queryOrFragment: list = [.urlEscaper]
                }
            case .js, .srcset: return nil
            }
            list.append(delim == .spaceOrTagEnd ? .noSpace : .attribute)
            return list
        default:
            return nil
        }
    }

    /// Escapes an action's value for the current context. `lastCommand` is the pipeline's final function
    /// name: a trailing `html` or `urlquery` stands in for the equivalent escaper, as in html/template.
    mutating func escape(_ value: TemplateValue, lastCommand: String?) -> String? {
        guard var list = escapers() else { return nil }
        var current = value
        if let last = lastCommand, last == "html" || last == "urlquery" {
            list.removeAll { $0.isEquivalent(toPredefined: last) }
        }
        for e in list { current = .string(e.apply(current)) }
        if list.isEmpty { return HTMLEscaper.stringify(current).0 }
        return current.stringValue ?? ""
    }
}
