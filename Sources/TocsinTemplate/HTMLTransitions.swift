/// html/template's transitions through HTML markup: from each context, how much of the template text stays
/// in it and which context follows. JavaScript and CSS have their own files; `advance` picks by state.
extension HTMLContext {
    /// Consumes a prefix of `s` (at least one byte unless the context changes) and returns the context
    /// after it with the number of bytes consumed.
    func advance(over s: ByteView) throws(HTMLContextError) -> (HTMLContext, Int) {
        switch state {
        case .text: return afterText(s)
        case .tag: return try afterTagText(s)
        case .attrName: return try afterAttrNameText(s)
        case .afterName: return afterAfterName(s)
        case .beforeValue: return afterBeforeValue(s)
        case .htmlComment:
            if let i = s.firstIndex(of: Array("-->".utf8)) { return (HTMLContext(), i + 3) }
            return (self, s.count)
        case .rcdata: return afterSpecialElementText(s)
        case .attr: return (self, s.count)
        case .url, .srcset: return (afterURLText(s), s.count)
        case .js: return try afterJSText(s)
        case .jsDoubleQuoted, .jsSingleQuoted, .jsBackquoted, .jsRegexp: return try afterJSDelimitedText(s)
        case .jsBlockComment, .cssBlockComment: return afterBlockComment(s)
        case .jsLineComment, .cssLineComment: return afterLineComment(s)
        case .css: return afterCSSText(s)
        case .cssDoubleQuoted, .cssSingleQuoted, .cssDoubleQuotedURL, .cssSingleQuotedURL, .cssURL:
            return try afterCSSStringText(s)
        }
    }

    /// Text: stays text up to a tag (`<name`, `</name`) or an HTML comment.
    private func afterText(_ s: ByteView) -> (HTMLContext, Int) {
        var k = 0
        while let lt = s.firstIndex(ofAny: [UInt8(ascii: "<")], from: k), lt + 1 < s.count {
            if s.firstIndex(of: Array("<!--".utf8), from: lt) == lt {
                return (HTMLContext(state: .htmlComment), lt + 4)
            }
            var i = lt + 1
            var isEnd = false
            if s[i] == UInt8(ascii: "/") {
                if i + 1 == s.count { return (self, s.count) }
                isEnd = true
                i += 1
            }
            let (j, element) = Self.tagName(s, i)
            if j != i { return (HTMLContext(state: .tag, element: isEnd ? .none : element), j) }
            k = j
        }
        return (self, s.count)
    }

    /// A tag name at `i` (letters and digits, single inner `-` or `:`), its end and element kind.
    static func tagName(_ s: ByteView, _ i: Int) -> (Int, Element) {
        guard i < s.count, ByteView.isAlpha(s[i]) else { return (i, .none) }
        var j = i + 1
        while j < s.count {
            if ByteView.isAlphaNum(s[j]) {
                j += 1
            } else if (s[j] == UInt8(ascii: ":") || s[j] == UInt8(ascii: "-")) && j + 1 < s.count
                && ByteView.isAlphaNum(s[j + 1])
            {
                j += 2
            } else {
                break
            }
        }
        let element: Element
        switch s.slice(i, j).string.lowercased() {
        case "script": element = .script
        case "style": element = .style
        case "textarea": element = .textarea
        case "title": element = .title
        default: element = .none
        }
        return (j, element)
    }

    /// Inside a tag: the end of the tag enters the element's content, a name starts an attribute.
    private func afterTagText(_ s: ByteView) throws(HTMLContextError) -> (HTMLContext, Int) {
        let i = s.skipSpace(from: 0)
        if i == s.count { return (self, s.count) }
        if s[i] == UInt8(ascii: ">") {
            let content: State
            switch element {
            case .none: content = .text
            case .script: content = .js
            case .style: content = .css
            case .textarea, .title: content = .rcdata
            }
            return (HTMLContext(state: content, element: element), i + 1)
        }
        let j = try Self.attrNameEnd(s, i)
        if i == j {
            throw HTMLContextError(
                description: "expected space, attr name, or end of tag, but got \(GoQuote.quote(s.dropFirst(i).string))")
        }
        let name = s.slice(i, j).string.lowercased()
        var attr: Attr
        if element == .script && name == "type" {
            attr = .scriptType
        } else {
            switch Self.attrKind(name) {
            case .url: attr = .url
            case .css: attr = .style
            case .js: attr = .script
            case .srcset: attr = .srcset
            case .plain, .html, .unsafe: attr = .none
            }
        }
        return (HTMLContext(state: j == s.count ? .attrName : .afterName, attr: attr, element: element), j)
    }

    private func afterAttrNameText(_ s: ByteView) throws(HTMLContextError) -> (HTMLContext, Int) {
        let i = try Self.attrNameEnd(s, 0)
        var c = self
        if i != s.count { c.state = .afterName }
        return (c, i)
    }

    /// The end of an attribute name starting at `i`; quotes and `<` in a name are refused.
    static func attrNameEnd(_ s: ByteView, _ i: Int) throws(HTMLContextError) -> Int {
        var j = i
        while j < s.count {
            switch s[j] {
            case 0x20, 0x09, 0x0A, 0x0C, 0x0D, UInt8(ascii: "="), UInt8(ascii: ">"): return j
            case UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "<"):
                throw HTMLContextError(
                    description: "\(GoQuote.quote(s.slice(j, j + 1).string)) in attribute name: "
                        + GoQuote.quote(String(s.string.unicodeScalars.prefix(32))))
            default: j += 1
            }
        }
        return s.count
    }

    private func afterAfterName(_ s: ByteView) -> (HTMLContext, Int) {
        let i = s.skipSpace(from: 0)
        if i == s.count { return (self, s.count) }
        var c = self
        if s[i] != UInt8(ascii: "=") {
            c.state = .tag
            return (c, i)
        }
        c.state = .beforeValue
        return (c, i + 1)
    }

    /// The state an attribute value of this kind starts in.
    var attrValueState: State {
        switch attr {
        case .none, .scriptType: return .attr
        case .script: return .js
        case .style: return .css
        case .url: return .url
        case .srcset: return .srcset
        }
    }

    private func afterBeforeValue(_ s: ByteView) -> (HTMLContext, Int) {
        var i = s.skipSpace(from: 0)
        if i == s.count { return (self, s.count) }
        var c = self
        c.delim = .spaceOrTagEnd
        if s[i] == UInt8(ascii: "'") {
            c.delim = .singleQuote
            i += 1
        } else if s[i] == UInt8(ascii: "\"") {
            c.delim = .doubleQuote
            i += 1
        }
        c.state = attrValueState
        return (c, i)
    }

    /// Raw text and RCDATA elements end at `</name` followed by a tag-end separator, in any case.
    func afterSpecialElementText(_ s: ByteView) -> (HTMLContext, Int) {
        if let i = endTagIndex(s) { return (HTMLContext(), i) }
        return (self, s.count)
    }

    /// Where this context's special element (`script`, `style`, `textarea`, `title`) is closed in `s`.
    func endTagIndex(_ s: ByteView) -> Int? {
        let name: String
        switch element {
        case .none: return nil
        case .script: name = "script"
        case .style: name = "style"
        case .textarea: name = "textarea"
        case .title: name = "title"
        }
        let tag = Array(name.utf8)
        var from = 0
        while let i = s.firstIndex(of: Array("</".utf8), from: from) {
            let after = i + 2 + tag.count
            if s.hasPrefixFolded(tag, at: i + 2), after < s.count,
                [0x3E, 0x20, 0x09, 0x0A, 0x0C, 0x2F].contains(s[after])
            {
                return i
            }
            from = i + 2
        }
        return nil
    }

    /// URL attribute text: `?` or `#` moves into the query or fragment, other non-space text past the start.
    func afterURLText(_ s: ByteView) -> HTMLContext {
        var c = self
        if s.firstIndex(ofAny: [UInt8(ascii: "#"), UInt8(ascii: "?")]) != nil {
            c.urlPart = .queryOrFragment
        } else if s.skipSpace(from: 0) != s.count && urlPart == .none {
            c.urlPart = .preQuery
        }
        return c
    }

    /// The content type html/template gives an attribute by its (lower-cased) name (`attrType`): what its
    /// value holds, or `unsafe` for attributes whose value changes how the element behaves (`type`, `rel`).
    enum AttrContent: Equatable { case plain, url, css, js, srcset, html, unsafe }

    /// The names html/template lists with a content type other than plain; others fall to the heuristics.
    private static let knownAttributes: [String: AttrContent] = {
        var table: [String: AttrContent] = ["style": .css, "srcset": .srcset, "srcdoc": .html, "srclang": .plain]
        for name in [
            "action", "archive", "background", "cite", "classid", "codebase", "data", "formaction", "href", "icon",
            "longdesc", "manifest", "poster", "profile", "src", "usemap", "xmlns",
        ] {
            table[name] = .url
        }
        for name in [
            "accept-charset", "async", "challenge", "charset", "content", "crossorigin", "defer", "enctype", "form",
            "formenctype", "formmethod", "formnovalidate", "http-equiv", "keytype", "language", "method",
            "novalidate", "pattern", "rel", "sandbox", "type", "value",
        ] {
            table[name] = .unsafe
        }
        return table
    }()

    static func attrKind(_ rawName: String) -> AttrContent {
        var name = rawName
        if name.hasPrefix("data-") {
            name = String(name.dropFirst(5))
        } else if let colon = name.firstIndex(of: ":") {
            if name[..<colon] == "xmlns" { return .url }
            name = String(name[name.index(after: colon)...])
        }
        if let known = knownAttributes[name] { return known }
        if name.hasPrefix("on") { return .js }
        if name.contains("src") || name.contains("uri") || name.contains("url") { return .url }
        return .plain
    }
}
