/// The rules for label names in Alertmanager 0.25 (prometheus/common `model.LabelName.IsValid`, legacy
/// scheme): `^[a-zA-Z_][a-zA-Z0-9_]*$`. UTF-8 names (Alertmanager 0.27+) are not accepted.
///
/// Annotation keys follow the same rule. Matchers are looser (`:` is allowed there, see `MatcherParser`).
public enum LabelName {
    /// True when `name` is a valid label name: non-empty, ASCII letters, digits and `_`, not starting with a digit.
    public static func isValid(_ name: String) -> Bool {
        var first = true
        for byte in name.utf8 {
            let isLetter =
                (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) || byte == UInt8(ascii: "_")
            let isDigit = byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
            if !(isLetter || (!first && isDigit)) {
                return false
            }
            first = false
        }
        return !first
    }
}
