/// Where html/template's scanner is in the output document: the state of the HTML, JavaScript or CSS
/// tokenizer, plus what it needs to remember (the attribute's delimiter and kind, the element whose end tag
/// closes raw text, the URL part, whether a `/` in JavaScript would start a regular expression).
///
/// Two contexts are the same escaping situation exactly when they are equal, as html/template's `context`.
struct HTMLContext: Equatable {
    enum State: Equatable {
        case text, tag, attrName, afterName, beforeValue, htmlComment, rcdata
        /// Inside an attribute value with no special meaning.
        case attr
        case url, srcset
        case js, jsDoubleQuoted, jsSingleQuoted, jsBackquoted, jsRegexp, jsBlockComment, jsLineComment
        case css, cssDoubleQuoted, cssSingleQuoted, cssDoubleQuotedURL, cssSingleQuotedURL, cssURL
        case cssBlockComment, cssLineComment

        var isComment: Bool {
            switch self {
            case .htmlComment, .jsBlockComment, .jsLineComment, .cssBlockComment, .cssLineComment: return true
            default: return false
            }
        }
    }

    /// How the current attribute value ends; `none` outside attribute values.
    enum Delimiter: Equatable { case none, doubleQuote, singleQuote, spaceOrTagEnd }
    enum URLPart: Equatable { case none, preQuery, queryOrFragment }
    /// Whether a `/` at this point of JavaScript starts a regular expression or is a division.
    enum JSSlash: Equatable { case regexp, divOp }
    /// The kind of the attribute being scanned, chosen by its name.
    enum Attr: Equatable { case none, script, scriptType, style, url, srcset }
    /// The elements whose content is not ordinary HTML.
    enum Element: Equatable { case none, script, style, textarea, title }

    var state: State = .text
    var delim: Delimiter = .none
    var urlPart: URLPart = .none
    var jsSlash: JSSlash = .regexp
    var attr: Attr = .none
    var element: Element = .none
}

/// A transition found the template text to be something html/template refuses (an ambiguous `/`, a quote
/// in an unquoted attribute, an unfinished escape); `description` is Go's message without its prefix.
struct HTMLContextError: Error, Equatable {
    let description: String
}

extension HTMLContext {
    /// The context as html/template prints it in errors: `{stateJS delimNone urlPartNone jsCtxRegexp attrNone
    /// elementScript <nil>}`.
    var goDescription: String {
        let stateName: String
        switch state {
        case .text: stateName = "Text"
        case .tag: stateName = "Tag"
        case .attrName: stateName = "AttrName"
        case .afterName: stateName = "AfterName"
        case .beforeValue: stateName = "BeforeValue"
        case .htmlComment: stateName = "HTMLCmt"
        case .rcdata: stateName = "RCDATA"
        case .attr: stateName = "Attr"
        case .url: stateName = "URL"
        case .srcset: stateName = "Srcset"
        case .js: stateName = "JS"
        case .jsDoubleQuoted: stateName = "JSDqStr"
        case .jsSingleQuoted: stateName = "JSSqStr"
        case .jsBackquoted: stateName = "JSBqStr"
        case .jsRegexp: stateName = "JSRegexp"
        case .jsBlockComment: stateName = "JSBlockCmt"
        case .jsLineComment: stateName = "JSLineCmt"
        case .css: stateName = "CSS"
        case .cssDoubleQuoted: stateName = "CSSDqStr"
        case .cssSingleQuoted: stateName = "CSSSqStr"
        case .cssDoubleQuotedURL: stateName = "CSSDqURL"
        case .cssSingleQuotedURL: stateName = "CSSSqURL"
        case .cssURL: stateName = "CSSURL"
        case .cssBlockComment: stateName = "CSSBlockCmt"
        case .cssLineComment: stateName = "CSSLineCmt"
        }
        let delimName: String
        switch delim {
        case .none: delimName = "None"
        case .doubleQuote: delimName = "DoubleQuote"
        case .singleQuote: delimName = "SingleQuote"
        case .spaceOrTagEnd: delimName = "SpaceOrTagEnd"
        }
        let urlName: String
        switch urlPart {
        case .none: urlName = "None"
        case .preQuery: urlName = "PreQuery"
        case .queryOrFragment: urlName = "QueryOrFrag"
        }
        let attrName: String
        switch attr {
        case .none: attrName = "None"
        case .script: attrName = "Script"
        case .scriptType: attrName = "ScriptType"
        case .style: attrName = "Style"
        case .url: attrName = "URL"
        case .srcset: attrName = "Srcset"
        }
        let elementName: String
        switch element {
        case .none: elementName = "None"
        case .script: elementName = "Script"
        case .style: elementName = "Style"
        case .textarea: elementName = "Textarea"
        case .title: elementName = "Title"
        }
        let slash = jsSlash == .regexp ? "Regexp" : "DivOp"
        return "{state\(stateName) delim\(delimName) urlPart\(urlName) jsCtx\(slash) attr\(attrName) element\(elementName) <nil>}"
    }
}
