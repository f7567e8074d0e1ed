/// How a matcher compares a label value. Raw values and order follow Alertmanager's `labels.MatchType`
/// (`=` < `!=` < `=~` < `!~`), which is the tie-breaker when matchers are sorted.
public enum MatchType: Int, Sendable, Hashable, Comparable, CaseIterable, CustomStringConvertible {
    /// `=`: the value equals the text.
    case equal = 0
    /// `!=`: the value differs from the text.
    case notEqual = 1
    /// `=~`: the whole value matches the regex.
    case regexp = 2
    /// `!~`: the whole value does not match the regex.
    case notRegexp = 3

    /// The operator for its text form (`=`, `!=`, `=~`, `!~`).
    public init?(operator text: String) {
        switch text {
        case "=": self = .equal
        case "!=": self = .notEqual
        case "=~": self = .regexp
        case "!~": self = .notRegexp
        default: return nil
        }
    }

    /// True for `=~` and `!~`.
    public var isRegex: Bool { self == .regexp || self == .notRegexp }

    /// True for `!=` and `!~`.
    public var isNegative: Bool { self == .notEqual || self == .notRegexp }

    /// The operator as Alertmanager prints it.
    public var description: String {
        switch self {
        case .equal: "="
        case .notEqual: "!="
        case .regexp: "=~"
        case .notRegexp: "!~"
        }
    }

    public static func < (lhs: MatchType, rhs: MatchType) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}
