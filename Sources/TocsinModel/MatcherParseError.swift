/// Why a classic matcher did not parse; descriptions are Alertmanager 0.25's (pkg/labels/parse.go).
public enum MatcherParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The token is not `name op value`.
    case badFormat(String)
    /// A `"` inside the value, or an opening quote without its closing one; carries the raw value.
    case unescapedDoubleQuote(String)
    /// The regex value does not compile.
    case invalidRegex(GoRegexError)

    public var description: String {
        switch self {
        case .badFormat(let token): "bad matcher format: " + token
        case .unescapedDoubleQuote(let raw): "matcher value contains unescaped double quote: " + raw
        case .invalidRegex(let error): error.description
        }
    }
}
