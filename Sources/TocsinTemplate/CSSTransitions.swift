/// html/template's transitions through CSS (in `<style>` and `style=` attributes): quoted strings, `url(...)`
/// and comments. Strings are treated as URLs, so their URL part is tracked as in a URL attribute.
extension HTMLContext {
    /// CSS declarations: up to a string, `url(`, or a comment.
    func afterCSSText(_ s: ByteView) -> (HTMLContext, Int) {
        var c = self
        var k = 0
        let specials: [UInt8] = [UInt8(ascii: "("), UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "/")]
        while let i = s.firstIndex(ofAny: specials, from: k) {
            switch s[i] {
            case UInt8(ascii: "("):
                if Self.endsWithURLKeyword(s.prefix(i)) {
                    var j = i + 1
                    while j < s.count && ByteView.isSpace(s[j]) { j += 1 }
                    if j < s.count && s[j] == UInt8(ascii: "\"") {
                        c.state = .cssDoubleQuotedURL
                        j += 1
                    } else if j < s.count && s[j] == UInt8(ascii: "'") {
                        c.state = .cssSingleQuotedURL
                        j += 1
                    } else {
                        c.state = .cssURL
                    }
                    return (c, j)
                }
            case UInt8(ascii: "/"):
                if let isLine = Self.commentOpening(s, slashAt: i) {
                    c.state = isLine ? .cssLineComment : .cssBlockComment
                    return (c, i + 2)
                }
            case UInt8(ascii: "\""):
                c.state = .cssDoubleQuoted
                return (c, i + 1)
            default:
                c.state = .cssSingleQuoted
                return (c, i + 1)
            }
            k = i + 1
        }
        return (c, s.count)
    }

    /// Inside a CSS string or `url(...)`: up to the closing quote (or, unquoted, space or `)`); the text
    /// read, with CSS escapes decoded, advances the URL part.
    func afterCSSStringText(_ s: ByteView) throws(HTMLContextError) -> (HTMLContext, Int) {
        let ends: [UInt8]
        switch state {
        case .cssDoubleQuoted, .cssDoubleQuotedURL: ends = [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
        case .cssSingleQuoted, .cssSingleQuotedURL: ends = [UInt8(ascii: "\\"), UInt8(ascii: "'")]
        default: ends = [UInt8(ascii: "\\"), 0x09, 0x0A, 0x0C, 0x0D, 0x20, UInt8(ascii: ")")]
        }
        var c = self
        var k = 0
        while true {
            guard let found = s.firstIndex(ofAny: ends, from: k) else {
                c = c.afterURLText(ByteView(CSSContextEscaper.decodeCSS(s.dropFirst(k).bytes)))
                return (c, s.count)
            }
            guard s[found] == UInt8(ascii: "\\") else {
                c.state = .css
                return (c, found + 1)
            }
            let i = found + 1
            if i == s.count {
                throw HTMLContextError(
                    description: "unfinished escape sequence in CSS string: \(GoQuote.quote(s.string))")
            }
            c = c.afterURLText(ByteView(CSSContextEscaper.decodeCSS(s.prefix(i + 1).bytes)))
            k = i + 1
        }
    }

    /// Whether `s`, trailing CSS space trimmed, ends in the keyword `url` not preceded by a name character.
    static func endsWithURLKeyword(_ s: ByteView) -> Bool {
        var e = s.count
        while e > 0 && ByteView.isSpace(s[e - 1]) { e -= 1 }
        guard e >= 3, s.slice(e - 3, e).hasPrefixFolded(Array("url".utf8)) else { return false }
        if e > 3 {
            let before = s.prefix(e - 3).string.unicodeScalars.last!
            if CSSContextEscaper.isNameCharacter(before) { return false }
        }
        return true
    }
}
