/// A pattern that Go's `regexp` (through RE2) rejects.
///
/// The description has the shape of Go's `*syntax.Error` (`error parsing regexp: <code>: `<expr>``), which is
/// what Alertmanager and amtool print for a bad matcher regex.
public struct GoRegexError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Go's text for the error kind, e.g. `missing closing )`.
    public var code: String
    /// The fragment of the pattern the error is about.
    public var expression: String

    /// An error with Go's code text and the offending fragment.
    public init(code: String, expression: String) {
        self.code = code
        self.expression = expression
    }

    /// Maps RE2's `ErrorCode` to Go's `syntax.ErrorCode` text.
    init(re2Code: Int32, argument: String) {
        let text: String =
            switch re2Code {
            case 2: "invalid escape sequence"
            case 3: "invalid character class"
            case 4: "invalid character class range"
            case 5: "missing closing ]"
            case 6: "missing closing )"
            case 7: "unexpected )"
            case 8: "trailing backslash at end of expression"
            case 9: "missing argument to repetition operator"
            case 10: "invalid repeat count"
            case 11: "invalid nested repetition operator"
            case 12: "invalid or unsupported Perl syntax"
            case 13: "invalid UTF-8"
            case 14: "invalid named capture"
            case 15: "expression too large"
            default: "regexp/syntax: internal error"
            }
        self.init(code: text, expression: argument)
    }

    public var description: String {
        "error parsing regexp: \(code): `\(expression)`"
    }
}
