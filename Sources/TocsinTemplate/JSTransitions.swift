/// html/template's transitions through JavaScript (in `<script>` and `on*=` attributes): strings, template
/// literals, regular expression literals and comments, and whether a `/` would divide or start a regexp.
extension HTMLContext {
    /// JavaScript code: runs up to the next quote, backquote or slash.
    func afterJSText(_ s: ByteView) throws(HTMLContextError) -> (HTMLContext, Int) {
        var c = self
        let specials: [UInt8] = [UInt8(ascii: "\""), UInt8(ascii: "`"), UInt8(ascii: "'"), UInt8(ascii: "/")]
        guard let i = s.firstIndex(ofAny: specials) else {
            c.jsSlash = Self.slashMeaning(after: s, preceding: jsSlash)
            return (c, s.count)
        }
        c.jsSlash = Self.slashMeaning(after: s.prefix(i), preceding: jsSlash)
        switch s[i] {
        case UInt8(ascii: "\""): (c.state, c.jsSlash) = (.jsDoubleQuoted, .regexp)
        case UInt8(ascii: "'"): (c.state, c.jsSlash) = (.jsSingleQuoted, .regexp)
        case UInt8(ascii: "`"): (c.state, c.jsSlash) = (.jsBackquoted, .regexp)
        default:
            if let isLine = Self.commentOpening(s, slashAt: i) {
                c.state = isLine ? .jsLineComment : .jsBlockComment
                return (c, i + 2)
            }
            if c.jsSlash == .regexp {
                c.state = .jsRegexp
            } else {
                c.jsSlash = .regexp
            }
        }
        return (c, i + 1)
    }

    /// Inside a string, template literal or regexp: up to the unescaped closing delimiter (a `/` inside a
    /// regexp `[...]` class does not close it).
    func afterJSDelimitedText(_ s: ByteView) throws(HTMLContextError) -> (HTMLContext, Int) {
        let closing: UInt8
        switch state {
        case .jsSingleQuoted: closing = UInt8(ascii: "'")
        case .jsBackquoted: closing = UInt8(ascii: "`")
        case .jsRegexp: closing = UInt8(ascii: "/")
        default: closing = UInt8(ascii: "\"")
        }
        let isRegexp = state == .jsRegexp
        var inCharset = false
        var i = 0
        while i < s.count {
            let b = s[i]
            if b == UInt8(ascii: "\\") {
                i += 1
                if i == s.count {
                    throw HTMLContextError(
                        description: "unfinished escape sequence in JS string: \(GoQuote.quote(s.string))")
                }
            } else if isRegexp && b == UInt8(ascii: "[") {
                inCharset = true
            } else if isRegexp && b == UInt8(ascii: "]") {
                inCharset = false
            } else if b == closing && !inCharset {
                var c = self
                (c.state, c.jsSlash) = (.js, .divOp)
                return (c, i + 1)
            }
            i += 1
        }
        if inCharset {
            throw HTMLContextError(description: "unfinished JS regexp charset: \(GoQuote.quote(s.string))")
        }
        return (self, s.count)
    }

    /// Whether the `/` at `i` opens a comment: true for `//`, false for `/*`, nil for neither.
    static func commentOpening(_ s: ByteView, slashAt i: Int) -> Bool? {
        guard i + 1 < s.count else { return nil }
        switch s[i + 1] {
        case UInt8(ascii: "/"): return true
        case UInt8(ascii: "*"): return false
        default: return nil
        }
    }

    /// `/* ... */` in JavaScript or CSS.
    func afterBlockComment(_ s: ByteView) -> (HTMLContext, Int) {
        guard let i = s.firstIndex(of: Array("*/".utf8)) else { return (self, s.count) }
        var c = self
        c.state = state == .jsBlockComment ? .js : .css
        return (c, i + 2)
    }

    /// `// ...` in JavaScript or CSS, up to (not including) the line terminator.
    func afterLineComment(_ s: ByteView) -> (HTMLContext, Int) {
        let isJS = state == .jsLineComment
        var i = 0
        while i < s.count {
            let b = s[i]
            if b == 0x0A || b == 0x0D || (!isJS && b == 0x0C) || (isJS && Self.isLineSeparator(s, i)) {
                var c = self
                c.state = isJS ? .js : .css
                return (c, i)
            }
            i += 1
        }
        return (self, s.count)
    }

    /// U+2028 or U+2029 (E2 80 A8/A9) at `i`.
    static func isLineSeparator(_ s: ByteView, _ i: Int) -> Bool {
        i + 2 < s.count && s[i] == 0xE2 && s[i + 1] == 0x80 && (s[i + 2] == 0xA8 || s[i + 2] == 0xA9)
    }

    /// Whether a `/` after the JavaScript tokens `s` (no strings, comments or regexps among them) starts a
    /// regexp or is a division, decided by the last token as html/template's `nextJSCtx` does.
    static func slashMeaning(after s: ByteView, preceding: JSSlash) -> JSSlash {
        var n = s.count
        while n > 0 {
            let b = s[n - 1]
            if b == 0x09 || b == 0x0A || b == 0x0C || b == 0x0D || b == 0x20 {
                n -= 1
            } else if n >= 3 && isLineSeparator(s, n - 3) {
                n -= 3
            } else {
                break
            }
        }
        if n == 0 { return preceding }
        let last = s[n - 1]
        switch last {
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            var start = n - 1
            while start > 0 && s[start - 1] == last { start -= 1 }
            // An odd run ends in a binary or unary operator; an even one in `++` or `--`.
            return (n - start) % 2 == 1 ? .regexp : .divOp
        case UInt8(ascii: "."):
            return n >= 2 && s[n - 2] >= 0x30 && s[n - 2] <= 0x39 ? .divOp : .regexp
        case UInt8(ascii: ","), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "="), UInt8(ascii: "*"),
            UInt8(ascii: "%"), UInt8(ascii: "&"), UInt8(ascii: "|"), UInt8(ascii: "^"), UInt8(ascii: "?"),
            UInt8(ascii: "!"), UInt8(ascii: "~"), UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: ":"),
            UInt8(ascii: ";"), UInt8(ascii: "{"), UInt8(ascii: "}"):
            return .regexp
        default:
            var j = n
            while j > 0 && isJSIdentifierPart(UInt32(s[j - 1])) { j -= 1 }
            return regexpPrecedingKeywords.contains(s.slice(j, n).string) ? .regexp : .divOp
        }
    }

    /// Keywords after which an expression, so a regexp, may follow.
    private static let regexpPrecedingKeywords: Set<String> = [
        "break", "case", "continue", "delete", "do", "else", "finally", "in", "instanceof", "return", "throw",
        "try", "typeof", "void",
    ]

    /// The ASCII identifier characters (enough for keywords and numbers), html/template's `isJSIdentPart`.
    static func isJSIdentifierPart(_ r: UInt32) -> Bool {
        r == 0x24 || r == 0x5F || (r >= 0x30 && r <= 0x39) || (r >= 0x41 && r <= 0x5A) || (r >= 0x61 && r <= 0x7A)
    }
}
