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
