import Testing
import TocsinModel

@Suite struct GoRegexTests {
    @Test func nestedQuantifierOnLongInputStaysLinear() throws {
        let regex = try GoRegex("(a+)+b")
        let input = String(repeating: "a", count: 30) + "c"
        #expect(!regex.fullMatch(input))
        #expect(!regex.partialMatch(input))
        #expect(regex.partialMatch(String(repeating: "a", count: 30) + "b"))
        let anchored = try AnchoredRegex("(a+)+b")
        #expect(!anchored.matches(String(repeating: "a", count: 5000) + "c"))
    }

    @Test func followsGoSemantics() throws {
        #expect(!(try GoRegex("a.b").fullMatch("a\nb")))
        #expect(try GoRegex("(?s)a.b").fullMatch("a\nb"))
        #expect(!(try GoRegex(#"\d"#).fullMatch("٣")))
        #expect(try GoRegex(#"\pL+"#).fullMatch("héllo"))
        #expect(try GoRegex("(?i)straße").fullMatch("STRAßE"))
        #expect(try GoRegex("[[:alpha:]]+").fullMatch("abc"))
        #expect(try GoRegex(#"\bfoo\b"#).partialMatch("a foo b"))
        #expect(!(try GoRegex("^(?:a)$").partialMatch("a\n")))
        #expect(try GoRegex("(?m)^b$").partialMatch("a\nb\nc"))
        #expect(try GoRegex("^(?:a|ab)$").fullMatch("ab"))
        #expect(try GoRegex(#"\Qa.b\E"#).fullMatch("a.b"))
        #expect(!(try GoRegex(#"\Qa.b\E"#).fullMatch("axb")))
        #expect(try GoRegex("(?P<n>x)").fullMatch("x"))
        #expect(try GoRegex("日本.").fullMatch("日本語"))
    }

    @Test func rejectsWhatGoRejectsWithGoMessages() {
        let cases: [(String, String)] = [
            ("^(?:()$", "error parsing regexp: missing closing ): `^(?:()$`"),
            ("a)", "error parsing regexp: unexpected ): `a)`"),
            ("[a", "error parsing regexp: missing closing ]: `[a`"),
            ("*", "error parsing regexp: missing argument to repetition operator: `*`"),
            ("a**", "error parsing regexp: invalid nested repetition operator: `**`"),
            (#"\C"#, "error parsing regexp: invalid escape sequence: `\\C`"),
            (#"x\Cy"#, "error parsing regexp: invalid escape sequence: `\\C`"),
            ("(?<n>a)", "error parsing regexp: invalid or unsupported Perl syntax: `(?<`"),
            ("(?=a)", "error parsing regexp: invalid or unsupported Perl syntax: `(?=`"),
            (#"\1"#, "error parsing regexp: invalid escape sequence: `\\1`"),
            (#"\Z"#, "error parsing regexp: invalid escape sequence: `\\Z`"),
            ("x{1001}", "error parsing regexp: invalid repeat count: `{1001}`"),
            ("[z-a]", "error parsing regexp: invalid character class range: `z-a`"),
            (#"a\"#, "error parsing regexp: trailing backslash at end of expression: ``"),
        ]
        for (pattern, message) in cases {
            #expect {
                try GoRegex(pattern)
            } throws: { error in
                (error as? GoRegexError)?.description == message
            }
        }
    }

    @Test func anyByteEscapeIsAllowedInsideQuotedLiteral() throws {
        #expect(try GoRegex(#"\Qa\Cb\E"#).fullMatch(#"a\Cb"#))
        #expect(try GoRegex(#"\\C"#).fullMatch(#"\C"#))
    }

    @Test func sharedAcrossTasks() async throws {
        let regex = try GoRegex("^(?:api-(eu|us)-[0-9]+)$")
        let results = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<64 {
                group.addTask { regex.fullMatch(index.isMultiple(of: 2) ? "api-eu-\(index)" : "api-xx-\(index)") }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results.filter { $0 }.count == 32)
    }
}
