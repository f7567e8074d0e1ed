/// One condition on one label, as in silences, routes and inhibit rules.
///
/// A missing label is treated as the empty string (so `foo=""` and `foo!="x"` match alerts without `foo`).
/// Regex matchers are compiled when the matcher is made, so an existing matcher always has a valid regex.
public struct Matcher: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The label name (not validated here: the classic parser also allows `:`).
    public let name: String
    /// The comparison.
    public let type: MatchType
    /// The literal value or the (unanchored) regex pattern.
    public let value: String
    private let regex: AnchoredRegex?

    /// Makes a matcher; throws Go's regexp error when a regex value does not compile (labels.NewMatcher).
    public init(name: String, type: MatchType, value: String) throws(GoRegexError) {
        self.name = name
        self.type = type
        self.value = value
        regex = type.isRegex ? try AnchoredRegex(value) : nil
    }

    /// Parses one matcher in the classic 0.25 syntax, e.g. `foo=~"bar.*"` (see `MatcherParser.parseMatcher`).
    public init(parsing text: String) throws(MatcherParseError) {
        self = try MatcherParser.parseMatcher(text)
    }

    /// Whether a label value satisfies this matcher (Go compares bytes, and so does this).
    public func matches(_ labelValue: String) -> Bool {
        switch type {
        case .equal: labelValue.goEquals(value)
        case .notEqual: !labelValue.goEquals(value)
        case .regexp: regex?.matches(labelValue) ?? false
        case .notRegexp: !(regex?.matches(labelValue) ?? false)
        }
    }

    /// Whether the label set satisfies this matcher, a missing label counting as "".
    public func matches(_ labels: LabelSet) -> Bool {
        matches(labels.value(of: name))
    }

    /// `name<op>"value"` with `\`, newline and `"` escaped, exactly as Alertmanager's `Matcher.String()`
    /// (openMetricsEscape); route keys and amtool output are built from it.
    public var description: String {
        var escaped = ""
        for character in value.unicodeScalars {
            switch character {
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            case "\"": escaped += "\\\""
            default: escaped.unicodeScalars.append(character)
            }
        }
        return name + type.description + "\"" + escaped + "\""
    }

    public static func == (lhs: Matcher, rhs: Matcher) -> Bool {
        lhs.type == rhs.type && lhs.name.goEquals(rhs.name) && lhs.value.goEquals(rhs.value)
    }

    public func hash(into hasher: inout Hasher) {
        name.goHash(into: &hasher)
        hasher.combine(type)
        value.goHash(into: &hasher)
    }

    /// Alertmanager's `Matchers.Less`: by name, then value, then type.
    public static func < (lhs: Matcher, rhs: Matcher) -> Bool {
        if !lhs.name.goEquals(rhs.name) {
            return lhs.name.goLess(rhs.name)
        }
        if !lhs.value.goEquals(rhs.value) {
            return lhs.value.goLess(rhs.value)
        }
        return lhs.type < rhs.type
    }
}
