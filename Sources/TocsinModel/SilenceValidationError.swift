/// Why a silence is invalid; descriptions are silence.go `validateSilence`/`ValidateMatcher` messages.
public enum SilenceValidationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The id is empty.
    case idMissing
    /// There are no matchers.
    case noMatchers
    /// A matcher name is not a valid label name.
    case invalidMatcherName(index: Int, name: String)
    /// A regex matcher does not compile unanchored.
    case invalidMatcherRegex(index: Int, pattern: String, error: GoRegexError)
    /// Every matcher is an `=` or `=~` that matches the empty string, so the silence would mute everything.
    case allMatchersMatchEmpty
    /// `endsAt` is before `startsAt`.
    case endBeforeStart

    public var description: String {
        switch self {
        case .idMissing: "ID missing"
        case .noMatchers: "at least one matcher required"
        case .invalidMatcherName(let index, let name):
            "invalid label matcher \(index): invalid label name \(GoQuote.quote(name))"
        case .invalidMatcherRegex(let index, let pattern, let error):
            "invalid label matcher \(index): invalid regular expression \(GoQuote.quote(pattern)): \(error)"
        case .allMatchersMatchEmpty: "at least one matcher must not match the empty string"
        case .endBeforeStart: "end time must not be before start time"
        }
    }
}
