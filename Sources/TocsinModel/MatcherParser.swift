/// Alertmanager 0.25's classic matcher syntax (pkg/labels/parse.go), used by amtool, the API's `filter`
/// parameters and the config's `matchers:` lists.
///
/// Accepts `name op value` with `op` one of `=`, `!=`, `=~`, `!~`; names may contain `:`; values may be bare or
/// in double quotes, where `\"`, `\\` and `\n` are escapes and any other backslash is literal.
public enum MatcherParser {
    /// Parses a comma-separated list such as `{foo = "bar", dings != "bums", }`.
    ///
    /// One leading `{` and one trailing `}` are optional; commas inside unescaped double quotes do not split;
    /// a trailing empty item is dropped, any other empty item is a `bad matcher format` error.
    public static func parseMatchers(_ text: String) throws(MatcherParseError) -> [Matcher] {
        var body = Substring(text)
        if body.hasPrefix("{") {
            body = body.dropFirst()
        }
        if body.hasSuffix("}") {
            body = body.dropLast()
        }
        var tokens: [String] = []
        var token = String.UnicodeScalarView()
        var insideQuotes = false
        var escaped = false
        for scalar in body.unicodeScalars {
            switch scalar {
            case ",":
                if !insideQuotes {
                    tokens.append(String(token))
                    token = String.UnicodeScalarView()
                    continue
                }
            case "\"":
                if !escaped {
                    insideQuotes.toggle()
                } else {
                    escaped = false
                }
            case "\\":
                escaped.toggle()
            default:
                escaped = false
            }
            token.append(scalar)
        }
        let last = trimGoSpace(Substring(String(token)))
        if !last.isEmpty {
            tokens.append(String(last))
        }
        var matchers: [Matcher] = []
        for token in tokens {
            matchers.append(try parseMatcher(token))
        }
        return matchers
    }

    /// Parses one matcher, e.g. `foo=~"bar.*"`, `foo = bar`, `foo=` (empty value).
    ///
    /// Follows the 0.25 grammar `^\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\s*(=~|=|!=|!~)\s*((?s).*?)\s*$`, then unescapes.
    public static func parseMatcher(_ text: String) throws(MatcherParseError) -> Matcher {
        guard let (name, type, rawValue) = split(text) else {
            throw .badFormat(text)
        }
        var unquoted = Substring(rawValue)
        var expectTrailingQuote = false
        if unquoted.hasPrefix("\"") {
            unquoted = unquoted.dropFirst()
            expectTrailingQuote = true
        }
        var value = String.UnicodeScalarView()
        var escaped = false
        let scalars = Array(unquoted.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            let isLast = index == scalars.count - 1
            if escaped {
                escaped = false
                switch scalar {
                case "n": value.append("\n")
                case "\"", "\\": value.append(scalar)
                default:
                    value.append("\\")
                    value.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\\":
                if !isLast {
                    escaped = true
                } else {
                    value.append("\\")
                }
            case "\"":
                if !expectTrailingQuote || !isLast {
                    throw .unescapedDoubleQuote(rawValue)
                }
                expectTrailingQuote = false
            default:
                value.append(scalar)
            }
        }
        if expectTrailingQuote {
            throw .unescapedDoubleQuote(rawValue)
        }
        do {
            return try Matcher(name: name, type: type, value: String(value))
        } catch {
            throw .invalidRegex(error)
        }
    }

    /// Splits a matcher token into name, operator and raw (still quoted/escaped) value, or nil when the token
    /// does not have the `name op value` shape.
    private static func split(_ text: String) -> (String, MatchType, String)? {
        let scalars = Array(text.unicodeScalars)
        var index = 0
        func skipSpace() {
            while index < scalars.count, isGoSpace(scalars[index]) {
                index += 1
            }
        }
        skipSpace()
        let nameStart = index
        guard index < scalars.count, isNameStart(scalars[index]) else {
            return nil
        }
        index += 1
        while index < scalars.count, isNameStart(scalars[index]) || ("0"..."9").contains(scalars[index]) {
            index += 1
        }
        let name = String(String.UnicodeScalarView(scalars[nameStart..<index]))
        skipSpace()
        let type: MatchType
        func at(_ offset: Int) -> Unicode.Scalar? {
            index + offset < scalars.count ? scalars[index + offset] : nil
        }
        switch (at(0), at(1)) {
        case ("=", "~"): type = .regexp
        case ("=", _): type = .equal
        case ("!", "="): type = .notEqual
        case ("!", "~"): type = .notRegexp
        default: return nil
        }
        index += type == .equal ? 1 : 2
        skipSpace()
        var end = scalars.count
        while end > index, isGoSpace(scalars[end - 1]) {
            end -= 1
        }
        let value = String(String.UnicodeScalarView(scalars[index..<end]))
        return (name, type, value)
    }

    private static func isNameStart(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || scalar == "_" || scalar == ":"
    }

    /// Go regexp's `\s`: `[\t\n\f\r ]`.
    private static func isGoSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\u{0C}" || scalar == "\r"
    }

    /// Go's `strings.TrimSpace`: Unicode white space at both ends.
    private static func trimGoSpace(_ text: Substring) -> Substring {
        var scalars = text.unicodeScalars[...]
        while let first = scalars.first, first.properties.isWhitespace {
            scalars = scalars.dropFirst()
        }
        while let last = scalars.last, last.properties.isWhitespace {
            scalars = scalars.dropLast()
        }
        return Substring(scalars)
    }
}
