/// A regex that must match a whole label value, as matchers and `match_re` use it.
///
/// Alertmanager anchors matcher regexes as `^(?:VALUE)$` (pkg/labels/matcher.go), so errors quote the anchored
/// text. Common shapes skip RE2 entirely: a plain literal (`=`), an alternation of literals (set lookup),
/// `prefix.*`, `.*` and `.+`; `.` never matches `\n`, as in Go, and the fast paths keep that rule.
public struct AnchoredRegex: Sendable, Hashable, CustomStringConvertible {
    /// The unanchored pattern as written by the user.
    public let pattern: String
    private let engine: Engine

    private enum Engine: Sendable {
        case literal(String)
        case literals(Set<LiteralKey>)
        case prefixThenAnything(String)
        case nonEmptyLine
        case re2(GoRegex)
    }

    /// Compiles `pattern` anchored; throws Go's error for invalid syntax.
    public init(_ pattern: String) throws(GoRegexError) {
        self.pattern = pattern
        if let fast = AnchoredRegex.fastEngine(pattern) {
            engine = fast
        } else {
            engine = .re2(try GoRegex("^(?:" + pattern + ")$"))
        }
    }

    /// True when all of `value` matches the pattern.
    public func matches(_ value: String) -> Bool {
        switch engine {
        case .literal(let literal):
            return value.goEquals(literal)
        case .literals(let set):
            return set.contains(LiteralKey(value))
        case .prefixThenAnything(let prefix):
            guard value.utf8.starts(with: prefix.utf8) else {
                return false
            }
            return !value.utf8.dropFirst(prefix.utf8.count).contains(UInt8(ascii: "\n"))
        case .nonEmptyLine:
            return !value.isEmpty && !value.utf8.contains(UInt8(ascii: "\n"))
        case .re2(let regex):
            return regex.fullMatch(value)
        }
    }

    public var description: String { pattern }

    public static func == (lhs: AnchoredRegex, rhs: AnchoredRegex) -> Bool {
        lhs.pattern.goEquals(rhs.pattern)
    }

    public func hash(into hasher: inout Hasher) {
        pattern.goHash(into: &hasher)
    }

    /// Go's `regexp.QuoteMeta` set: any other character is a literal in Go syntax.
    private static func isLiteral(_ text: Substring) -> Bool {
        !text.utf8.contains { byte in
            switch byte {
            case UInt8(ascii: "\\"), UInt8(ascii: "."), UInt8(ascii: "+"), UInt8(ascii: "*"), UInt8(ascii: "?"),
                UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "|"), UInt8(ascii: "["), UInt8(ascii: "]"),
                UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "^"), UInt8(ascii: "$"):
                true
            default:
                false
            }
        }
    }

    private static func fastEngine(_ pattern: String) -> Engine? {
        let whole = Substring(pattern)
        if isLiteral(whole) {
            return .literal(pattern)
        }
        if pattern == ".+" {
            return .nonEmptyLine
        }
        if pattern.hasSuffix(".*") {
            let prefix = whole.dropLast(2)
            if isLiteral(prefix) {
                return .prefixThenAnything(String(prefix))
            }
        }
        let branches = whole.split(separator: "|", omittingEmptySubsequences: false)
        if branches.count > 1, branches.allSatisfy(isLiteral) {
            return .literals(Set(branches.map { LiteralKey(String($0)) }))
        }
        return nil
    }
}

/// A string compared and hashed by its UTF-8 bytes (Go's string equality), for the literal-alternation set.
private struct LiteralKey: Hashable, Sendable {
    let text: String

    init(_ text: String) {
        self.text = text
    }

    static func == (lhs: LiteralKey, rhs: LiteralKey) -> Bool {
        lhs.text.goEquals(rhs.text)
    }

    func hash(into hasher: inout Hasher) {
        text.goHash(into: &hasher)
    }
}
