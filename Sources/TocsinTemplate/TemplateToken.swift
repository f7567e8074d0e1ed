/// One lexical item of a template, with the byte offset and line Go reports in error messages.
struct TemplateToken: Sendable {
    enum Kind: Sendable, Equatable {
        case error, bool, char, charConstant, complex, assign, declare, eof, field, identifier
        case leftDelim, leftParen, number, pipe, rawString, rightDelim, rightParen, space, string, text
        case variable
        // Keywords (Go prints these as `<word>` in errors).
        case block, breakKeyword, continueKeyword, dot, define, elseKeyword, end, ifKeyword, nilKeyword
        case range, template, with

        var isKeyword: Bool {
            switch self {
            case .block, .breakKeyword, .continueKeyword, .dot, .define, .elseKeyword, .end, .ifKeyword,
                .nilKeyword, .range, .template, .with:
                return true
            default: return false
            }
        }
    }

    var kind: Kind
    var pos: Int
    var value: String
    var line: Int

    /// Go's `item.String()`, used in "unexpected X in Y" parse errors.
    var description: String {
        switch kind {
        case .eof: return "EOF"
        case .error: return value
        default:
            if kind.isKeyword { return "<\(value)>" }
            let scalars = Array(value.unicodeScalars)
            if scalars.count > 10 {
                return GoQuote.quote(String(String.UnicodeScalarView(scalars[0..<10]))).dropLast() + "\"..."
            }
            return GoQuote.quote(value)
        }
    }
}
