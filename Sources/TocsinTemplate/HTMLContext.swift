/// Where html/template's scanner is in the output document: the state of the HTML, JavaScript or CSS
/// tokenizer, plus what it needs to remember (the attribute's delimiter and kind, the element whose end tag
/// closes raw text, the URL part, whether a `/` in JavaScript would start a regular expression).
///
/// Two contexts are the same escaping situation exactly when they are equal, as html/template's `context`.
struct HTMLContext: Equatable {
    enum State: String, Equatable {
        case text = "stateText", tag = "stateTag", attrName = "stateAttrName", afterName = "stateAfterName"
        case beforeValue = "stateBeforeValue", htmlComment = "stateHTMLCmt", rcdata = "stateRCDATA"
        /// Inside an attribute value with no special meaning.
        case attr = "stateAttr"
        case url = "stateURL", srcset = "stateSrcset"
        case js = "stateJS", jsDoubleQuoted = "stateJSDqStr", jsSingleQuoted = "stateJSSqStr"
        case jsBackquoted = "stateJSBqStr", jsRegexp = "stateJSRegexp", jsBlockComment = "stateJSBlockCmt"
        case jsLineComment = "stateJSLineCmt"
        case css = "stateCSS", cssDoubleQuoted = "stateCSSDqStr", cssSingleQuoted = "stateCSSSqStr"
        case cssDoubleQuotedURL = "stateCSSDqURL", cssSingleQuotedURL = "stateCSSSqURL", cssURL = "stateCSSURL"
        case cssBlockComment = "stateCSSBlockCmt", cssLineComment = "stateCSSLineCmt"

        var isComment: Bool {
            switch self {
            case .htmlComment, .jsBlockComment, .jsLineComment, .cssBlockComment, .cssLineComment: return true
            default: return false
            }
        }
    }

    /// How the current attribute value ends; `none` outside attribute values.
    enum Delimiter: String, Equatable {
        case none = "delimNone", doubleQuote = "delimDoubleQuote", singleQuote = "delimSingleQuote"
        case spaceOrTagEnd = "delimSpaceOrTagEnd"
    }
    enum URLPart: String, Equatable {
        case none = "urlPartNone", preQuery = "urlPartPreQuery", queryOrFragment = "urlPartQueryOrFrag"
    }
    /// Whether a `/` at this point of JavaScript starts a regular expression or is a division.
    enum JSSlash: String, Equatable { case regexp = "jsCtxRegexp", divOp = "jsCtxDivOp" }
    /// The kind of the attribute being scanned, chosen by its name.
    enum Attr: String, Equatable {
        case none = "attrNone", script = "attrScript", scriptType = "attrScriptType", style = "attrStyle"
        case url = "attrURL", srcset = "attrSrcset"
    }
    /// The elements whose content is not ordinary HTML.
    enum Element: String, Equatable {
        case none = "elementNone", script = "elementScript", style = "elementStyle", textarea = "elementTextarea"
        case title = "elementTitle"
    }

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
    /// elementScript <nil>}`. The cases' raw values are Go's names.
    var goDescription: String {
        "{\(state.rawValue) \(delim.rawValue) \(urlPart.rawValue) \(jsSlash.rawValue) \(attr.rawValue) \(element.rawValue) <nil>}"
    }
}
