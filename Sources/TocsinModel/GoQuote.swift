/// Go's `strconv.Quote` (what `fmt`'s `%q` verb prints for a string).
///
/// Group keys embed label values quoted this way (`model.LabelSet.String()`), and error messages quote
/// names and values with `%q`; both must be byte-identical to Alertmanager's.
public enum GoQuote {
    /// The Unicode version of Go 1.19's `unicode` tables.
    static let goUnicodeVersion = (major: 13, minor: 0)

    /// Returns `s` in double quotes with Go's escapes: `\"`, `\\`, `\a\b\f\n\r\t\v`, `\xNN` for other control
    /// bytes, and `\uNNNN`/`\UNNNNNNNN` for non-printable runes; printable Unicode is kept as is.
    public static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\u{07}": out += "\\a"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{0B}": out += "\\v"
            default:
                if isPrint(scalar) {
                    out.unicodeScalars.append(scalar)
                } else if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\x" + hex(scalar.value, width: 2)
                } else if scalar.value < 0x10000 {
                    out += "\\u" + hex(scalar.value, width: 4)
                } else {
                    out += "\\U" + hex(scalar.value, width: 8)
                }
            }
        }
        out += "\""
        return out
    }

    /// Go's `strconv.IsPrint`: letters, marks, numbers, punctuation, symbols and the ASCII space, as of the
    /// Unicode version of Go's tables.
    ///
    /// Alertmanager 0.25 (Debian's and upstream's) is built with Go 1.19, whose tables are Unicode 13.0: a
    /// character assigned later (e.g. U+1FAE0, Unicode 14) is escaped as `\U0001fae0` in its group keys, which
    /// was checked against the real binary. Swift's newer tables would print it raw, so later characters are
    /// treated as unassigned.
    static func isPrint(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 {
            return scalar.value >= 0x20 && scalar.value < 0x7F
        }
        guard let age = scalar.properties.age, (age.major, age.minor) <= goUnicodeVersion else {
            return false
        }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .nonspacingMark, .spacingMark, .enclosingMark,
            .decimalNumber, .letterNumber, .otherNumber,
            .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
            .initialPunctuation, .finalPunctuation, .otherPunctuation,
            .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return true
        default:
            return false
        }
    }

    private static func hex(_ value: UInt32, width: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
