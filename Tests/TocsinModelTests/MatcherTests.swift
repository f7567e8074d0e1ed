import Testing
import TocsinModel

@Suite struct MatcherTests {
    @Test func missingLabelCountsAsEmpty() throws {
        let labels: LabelSet = ["alertname": "A"]
        #expect(try Matcher(name: "foo", type: .equal, value: "").matches(labels))
        #expect(try Matcher(name: "foo", type: .notEqual, value: "x").matches(labels))
        #expect(try Matcher(name: "foo", type: .regexp, value: ".*").matches(labels))
        #expect(!(try Matcher(name: "foo", type: .regexp, value: ".+").matches(labels)))
        #expect(try Matcher(name: "foo", type: .notRegexp, value: ".+").matches(labels))
    }

    @Test func comparesBytes() throws {
        let matcher = try Matcher(name: "v", type: .equal, value: "\u{e9}")
        #expect(matcher.matches("\u{e9}"))
        #expect(!matcher.matches("e\u{301}"))
        #expect(try Matcher(name: "v", type: .notEqual, value: "\u{e9}").matches("e\u{301}"))
    }

    @Test func printsLikeAlertmanager() throws {
        #expect(try Matcher(name: "team", type: .equal, value: "x\"y").description == #"team="x\"y""#)
        #expect(try Matcher(name: "a", type: .notRegexp, value: #"\d+\n"#).description == #"a!~"\\d+\\n""#)
        #expect(try Matcher(name: "a", type: .notEqual, value: "l1\nl2\t日本").description == "a!=\"l1\\nl2\t日本\"")
        let matchers: Matchers = [
            try Matcher(name: "b", type: .equal, value: ""), try Matcher(name: "a", type: .regexp, value: "x"),
        ]
        #expect(matchers.description == #"{b="",a=~"x"}"#)
        #expect(matchers.sorted().description == #"{a=~"x",b=""}"#)
        #expect(Matchers().description == "{}")
    }

    @Test func sortsByNameValueThenType() throws {
        let parsed = try Matchers(parsing: "{b=x,a=y,a=~x,a!=x,a!~x}").sorted()
        #expect(parsed.description == #"{a!="x",a=~"x",a!~"x",a="y",b="x"}"#)
    }

    @Test func allMustMatch() throws {
        let matchers = try Matchers(parsing: #"{severity="critical", team=~"a|b"}"#)
        #expect(matchers.matches(["severity": "critical", "team": "b"]))
        #expect(!matchers.matches(["severity": "critical", "team": "c"]))
        #expect(!matchers.matches(["team": "a"]))
        #expect(Matchers().matches(["any": "thing"]))
    }

    @Test func invalidRegexIsRefusedAtConstruction() {
        #expect(throws: GoRegexError.self) { try Matcher(name: "a", type: .regexp, value: "(") }
        #expect(throws: Never.self) { try Matcher(name: "a", type: .equal, value: "(") }
    }

    @Test func matchTypeRoundTrips() {
        for type in MatchType.allCases {
            #expect(MatchType(operator: type.description) == type)
        }
        #expect(MatchType(operator: "==") == nil)
        #expect(MatchType.notRegexp.isRegex && MatchType.notRegexp.isNegative)
        #expect(!MatchType.equal.isRegex && !MatchType.equal.isNegative)
    }
}
