import Testing
import TocsinModel

@Suite struct AnchoredRegexTests {
    static let patterns = [
        "foo", "", "foo|bar|", "a|b|c", "a.*", ".*", ".+", "api-.*", "é|e\u{301}", "x|y.*", "(?i)foo", "fo+",
        "日本|中国", "a b|c d",
    ]
    static let values = [
        "", "foo", "bar", "foobar", "a", "ab", "a\nb", "b", "c", "api-eu", "api-\n", "\n", "\u{e9}", "e\u{301}",
        "FOO", "fooo", "日本", "中国語", "a b", "x", "y", "yz",
    ]

    @Test(arguments: patterns)
    func fastPathsAgreeWithRE2(pattern: String) throws {
        let fast = try AnchoredRegex(pattern)
        let slow = try GoRegex("^(?:" + pattern + ")$")
        for value in Self.values {
            #expect(fast.matches(value) == slow.fullMatch(value), "pattern \(pattern) value \(value.debugDescription)")
        }
    }

    @Test func anchorsTheWholeValue() throws {
        let regex = try AnchoredRegex("b|c")
        #expect(!regex.matches("abc"))
        #expect(regex.matches("c"))
        #expect(!(try AnchoredRegex("fo.").matches("xfoo")))
    }

    @Test func errorsQuoteTheAnchoredPatternLikeAlertmanager() {
        #expect {
            try AnchoredRegex("invalid[regexp")
        } throws: { error in
            (error as? GoRegexError)?.description == "error parsing regexp: missing closing ]: `[regexp)$`"
        }
        #expect {
            try AnchoredRegex("(")
        } throws: { error in
            (error as? GoRegexError)?.description == "error parsing regexp: missing closing ): `^(?:()$`"
        }
    }

    /// Regex values sent as `foo=~"<pattern>"` filters to Alertmanager 0.25 (Debian build, Go 1.19.8), with the
    /// error it answered (nil: accepted).
    static let alertmanagerVerdicts: [(String, String?)] = [
        ("(x{1000}){1000}", "error parsing regexp: invalid repeat count: `{1000}`"),
        ("x{1000}", nil),
        ("\\p{Greek}", nil),
        ("\\p{Foo}", "error parsing regexp: invalid character class range: `\\p{Foo}`"),
        ("\\012", nil),
        ("[a-\\d]", "error parsing regexp: invalid escape sequence: `\\d`"),
        ("(?i)\u{1c4}", nil),
        ("a{1001", nil),
        ("\\Q\\", "error parsing regexp: missing closing ): `^(?:\\Q\\)$`"),
        ("(?P<a>x)(?P<a>y)", nil),
        ("(?P<>x)", "error parsing regexp: invalid named capture: `(?P<>`"),
        ("(?P<a!>x)", "error parsing regexp: invalid named capture: `(?P<a!>`"),
        ("[]a]", nil),
        ("[^\\x00-\\x{10FFFF}]", nil),
        ("\\8", "error parsing regexp: invalid escape sequence: `\\8`"),
        ("x{0}", nil),
        ("((a{100}){100}){100}", "error parsing regexp: invalid repeat count: `{100}`"),
    ]

    @Test(arguments: alertmanagerVerdicts)
    func acceptsAndRejectsLikeAlertmanager(pattern: String, expected: String?) {
        var message: String?
        do {
            _ = try AnchoredRegex(pattern)
        } catch {
            message = error.description
        }
        #expect(message == expected)
    }

    @Test func patternIsTheUserText() throws {
        #expect(try AnchoredRegex("a|b").description == "a|b")
        #expect(try AnchoredRegex("a|b") == (try AnchoredRegex("a|b")))
    }
}
