/// html/template's contextual escaping, applied while executing: the literal template text is scanned with
/// html/template's transition rules — HTML text, tags, attribute names and values, URLs, `srcset`,
/// RCDATA, JavaScript (`<script>` and `on*=` attributes: code, string and regexp literals, template
/// literals, comments, and whether a `/` divides or starts a regexp) and CSS (`<style>` and `style=`:
/// declarations, strings, `url(...)`, comments) — so each action's output goes through the escapers Go
/// inserts for the context it lands in (`jsValEscaper`, `jsStrEscaper`, `cssEscaper`, `srcsetFilterAndEscaper`,
/// `htmlNameFilter`, ...), then through the HTML escaper of its attribute's delimiter. Comments in HTML, and in
/// `<script>` and `<style>` elements, are dropped from the output as html/template drops them; attribute
/// text is entity-decoded before it is scanned, as in Go.
///
/// Go decides contexts statically before execution; for templates Go accepts (every branch ends in one
/// context) the contexts seen while executing are the same, so the output is the same. What this cannot see
/// is a problem in a branch that does not run: Go refuses `{{if}}x{{else}}+{{end}} /` (branches that leave a
/// `/` ambiguous) or a URL part that differs between branches even when the bad branch never executes; here
/// only the executed path is checked.
struct HTMLContextTracker {
    private(set) var context = HTMLContext()

    /// Advances over literal template text and returns what html/template outputs for it.
    mutating func consume(_ text: String) throws(HTMLContextError) -> String {
        let bytes = Array(text.utf8)
        let s = ByteView(bytes)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var written = 0
        var i = 0
        var c = context
        while i != s.count {
            let (c1, n) = try Self.contextAfter(c, s.dropFirst(i))
            let i1 = i + n
            if c.state == .text || c.state == .rcdata {
                // `<` that does not start a tag (or the doctype) is escaped, up to the tag this step entered.
                var end = i1
                if c1.state != c.state, let lt = (i..<i1).last(where: { s[$0] == UInt8(ascii: "<") }) { end = lt }
                for j in i..<end where s[j] == UInt8(ascii: "<") && !s.hasPrefixFolded(Array("<!doctype".utf8), at: j) {
                    out += bytes[written..<j]
                    out += Array("&lt;".utf8)
                    written = j + 1
                }
            } else if c.state.isComment && c.delim == .none {
                // A comment in an element is dropped; a block comment still separates tokens.
                if c.state == .jsBlockComment {
                    out.append(Self.containsLineTerminator(s.slice(written, i1)) ? 0x0A : 0x20)
                } else if c.state == .cssBlockComment {
                    out.append(0x20)
                }
                written = i1
            }
            if c.state != c1.state && c1.state.isComment && c1.delim == .none {
                let commentStart = i1 - (c1.state == .htmlComment ? 4 : 2)
                out += bytes[written..<commentStart]
                written = i1
            }
            (c, i) = (c1, i1)
        }
        context = c
        // Go applies its edits only once it has consumed some of the text: text that starts inside a
        // comment and ends it at once (`/*` ... `{{.}}` ... `</script>`) is written unchanged.
        if written == 0 { return text }
        if !c.state.isComment || c.delim != .none { out += bytes[written...] }
        return String(decoding: out, as: UTF8.self)
    }

    private static func containsLineTerminator(_ s: ByteView) -> Bool {
        (0..<s.count).contains { s[$0] == 0x0A || s[$0] == 0x0D || HTMLContext.isLineSeparator(s, $0) }
    }

    /// One step over `s`: within an element, text up to its end tag; within an attribute value, up to the
    /// closing delimiter, the value's text scanned after decoding character references.
    private static func contextAfter(_ c: HTMLContext, _ s: ByteView) throws(HTMLContextError) -> (HTMLContext, Int) {
        if c.delim == .none {
            let end = c.endTagIndex(s) ?? s.count
            if end == 0 { return (HTMLContext(), 0) }
            return try c.advance(over: s.prefix(end))
        }
        let ends: [UInt8]
        switch c.delim {
        case .doubleQuote: ends = [UInt8(ascii: "\"")]
        case .singleQuote: ends = [UInt8(ascii: "'")]
        default: ends = [0x20, 0x09, 0x0A, 0x0C, 0x0D, UInt8(ascii: ">")]
        }
        var i = s.firstIndex(ofAny: ends) ?? s.count
        if c.delim == .spaceOrTagEnd,
            let j = s.prefix(i).firstIndex(ofAny: Array("\"'<=`".utf8))
        {
            throw HTMLContextError(
                description: "\(GoQuote.quote(s.slice(j, j + 1).string)) in unquoted attr: \(GoQuote.quote(s.prefix(i).string))")
        }
        if i == s.count {
            let decoded = HTMLEntityDecoder.decode(s)
            var u = ByteView(decoded)
            var cc = c
            while !u.isEmpty {
                let (c1, n) = try cc.advance(over: u)
                if n == 0 && c1 == cc { break }
                cc = c1
                u = u.dropFirst(n)
            }
            return (cc, s.count)
        }
        var element = c.element
        // `<script type="text/template">` holds no JavaScript.
        if c.state == .attr && c.element == .script && c.attr == .scriptType && !Self.isJSType(s.prefix(i).string) {
            element = .none
        }
        if c.delim != .spaceOrTagEnd { i += 1 }
        return (HTMLContext(state: .tag, element: element), i)
    }

    private static let jsTypes: Set<String> = [
        "application/ecmascript", "application/javascript", "application/json", "application/ld+json",
        "application/x-ecmascript", "application/x-javascript", "module", "text/ecmascript", "text/javascript",
        "text/javascript1.0", "text/javascript1.1", "text/javascript1.2", "text/javascript1.3",
        "text/javascript1.4", "text/javascript1.5", "text/jscript", "text/livescript", "text/x-ecmascript",
        "text/x-javascript",
    ]

    /// Whether a `<script type>` names JavaScript (or JSON), parameters ignored.
    static func isJSType(_ mimeType: String) -> Bool {
        let base = mimeType.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        var trimmed = Substring(base.lowercased())
        while trimmed.first?.isWhitespace == true { trimmed.removeFirst() }
        while trimmed.last?.isWhitespace == true { trimmed.removeLast() }
        return jsTypes.contains(String(trimmed))
    }

    /// html/template's `nudge`: an action right after `<tag ` or an attribute name is an attribute name; one
    /// right after `=` starts an unquoted value.
    private mutating func nudge() {
        switch context.state {
        case .tag: context.state = .attrName
        case .beforeValue:
            context.state = context.attrValueState
            context.delim = .spaceOrTagEnd
            context.attr = .none
        case .afterName:
            context.state = .attrName
            context.attr = .none
        default: break
        }
    }

    /// Whether an action ending in `html` is refused here: html/template forbids it in an unquoted plain
    /// attribute value, where its output could still break out.
    mutating func forbidsPredefinedHTML() -> Bool {
        nudge()
        return context.state == .attr && context.delim == .spaceOrTagEnd
    }

    /// Whether an action here is inside a JavaScript template literal, which html/template (Go 1.19.8 and
    /// later, as Alertmanager 0.25 is built) refuses.
    mutating func isInJSTemplateLiteral() -> Bool {
        nudge()
        return context.state == .jsBackquoted
    }

    /// The escapers html/template appends to an action in the current context (escape.go `escapeAction`).
    private mutating func escapers() -> [HTMLEscaper] {
        nudge()
        var list: [HTMLEscaper]
        switch context.state {
        case .url, .cssDoubleQuoted, .cssSingleQuoted, .cssDoubleQuotedURL, .cssSingleQuotedURL, .cssURL:
            let inCSSString = context.state == .cssDoubleQuoted || context.state == .cssSingleQuoted
            switch context.urlPart {
            case .none: list = [.urlFilter, inCSSString ? .css : .urlNormalizer]
            case .preQuery: list = [inCSSString ? .css : .urlNormalizer]
            case .queryOrFragment: list = [.urlEscaper]
            }
        case .js:
            list = [.jsValue]
            // Whatever the value is, a `/` after it divides.
            context.jsSlash = .divOp
        case .jsDoubleQuoted, .jsSingleQuoted, .jsBackquoted: list = [.jsString]
        case .jsRegexp: list = [.jsRegexp]
        case .css: list = [.cssValueFilter]
        case .text: list = [.html]
        case .rcdata: list = [.rcdata]
        case .attr: list = []
        case .tag, .attrName, .afterName, .beforeValue:
            context.state = .attrName
            list = [.attributeName]
        case .srcset: list = [.srcset]
        case .htmlComment, .jsBlockComment, .jsLineComment, .cssBlockComment, .cssLineComment: list = [.comment]
        }
        switch context.delim {
        case .none: break
        case .spaceOrTagEnd: list.append(.noSpace)
        case .doubleQuote, .singleQuote: list.append(.attribute)
        }
        return list
    }

    /// text/template's `html` and `urlquery` functions.
    private static func predefined(_ name: String, _ value: TemplateValue) -> String {
        let text = BuiltinFunctions.evalArgs([value])
        return name == "html" ? BuiltinFunctions.htmlEscape(text) : BuiltinFunctions.queryEscape(text)
    }

    /// Whether `next` adds nothing after `previous` (html/template's `redundantFuncs`): the JavaScript string,
    /// regexp and CSS escapers already leave nothing an attribute escaper would change, a comment nothing.
    private static func isRedundant(_ next: HTMLEscaper, after previous: HTMLEscaper?) -> Bool {
        switch (previous, next) {
        case (.comment?, .attribute), (.comment?, .noSpace), (.comment?, .html), (.css?, .attribute),
            (.jsString?, .attribute), (.jsRegexp?, .attribute), (.urlEscaper?, .urlNormalizer):
            return true
        default:
            return false
        }
    }

    /// Escapes an action's value for the current context. `lastCommand` is the pipeline's final function
    /// name: a trailing `html` or `urlquery` stands in for the equivalent escaper, as in html/template.
    /// `predefinedInput` is that escaper's name and input, when known: html/template moves the escaper to the
    /// place of the equivalent one, after the escapers before it (`href="{{ .U | urlquery }}"` filters the
    /// URL, then query-escapes it).
    mutating func escape(
        _ value: TemplateValue, lastCommand: String?, predefinedInput: (String, TemplateValue)? = nil
    ) -> String {
        let escapers = escapers()
        if let (name, input) = predefinedInput, escapers.contains(where: { $0.isEquivalent(toPredefined: name) }) {
            // Go puts the predefined escaper in the place of its equivalent before it drops redundant ones,
            // so it is never dropped: `'{{ .X | html }}'` in an attribute still HTML-escapes the JS string.
            var current = input
            var previous: HTMLEscaper? = nil
            for e in escapers {
                if e.isEquivalent(toPredefined: name) {
                    current = .string(Self.predefined(name, current))
                    previous = nil
                } else if !Self.isRedundant(e, after: previous) {
                    current = .string(e.apply(current))
                    previous = e
                }
            }
            return current.stringValue ?? ""
        }
        var list: [HTMLEscaper] = []
        for e in escapers where !Self.isRedundant(e, after: list.last) { list.append(e) }
        // `{{ html .A .B }}` escapes its arguments printed by html/template (nil as `<nil>`).
        var current = predefinedInput.map { .string(Self.predefined($0.0, $0.1)) } ?? value
        if let last = lastCommand, last == "html" || last == "urlquery" {
            list.removeAll { $0.isEquivalent(toPredefined: last) }
        }
        for e in list { current = .string(e.apply(current)) }
        if list.isEmpty { return HTMLEscaper.stringify(current).0 }
        return current.stringValue ?? ""
    }
}
