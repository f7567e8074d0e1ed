import Testing
import TocsinModel

@Suite struct MatcherParserTests {
    @Test(arguments: MatcherVectors.single)
    func parseMatcherAgreesWithAlertmanager(input: String, outcome: MatcherVectors.SingleOutcome) throws {
        switch outcome {
        case .success(let name, let type, let value):
            let matcher = try MatcherParser.parseMatcher(input)
            #expect(matcher.name == name)
            #expect(matcher.type == type)
            #expect(Array(matcher.value.utf8) == Array(value.utf8))
        case .failure(let message):
            #expect {
                try MatcherParser.parseMatcher(input)
            } throws: { error in
                (error as? MatcherParseError)?.description == message
            }
        }
    }

    @Test(arguments: MatcherVectors.lists)
    func parseMatchersAgreesWithAlertmanager(input: String, outcome: MatcherVectors.ListOutcome) throws {
        switch outcome {
        case .success(let printed):
            let matchers = try Matchers(parsing: input)
            #expect(matchers.sorted().description == printed)
        case .failure(let message):
            #expect {
                try MatcherParser.parseMatchers(input)
            } throws: { error in
                (error as? MatcherParseError)?.description == message
            }
        }
    }

    @Test func listKeepsInputOrder() throws {
        let matchers = try Matchers(parsing: #"{b="1", a=~"x|y", c!="" }"#)
        #expect(matchers.map(\.name) == ["b", "a", "c"])
        #expect(matchers.description == #"{b="1",a=~"x|y",c!=""}"#)
    }

    @Test func matcherInitParsesOne() throws {
        let matcher = try Matcher(parsing: #"severity!~"warn|info""#)
        #expect(matcher.type == .notRegexp)
        #expect(matcher.value == "warn|info")
    }

    @Test func printedFormParsesBackToTheSameMatcher() throws {
        let values = ["plain", "with \"quotes\"", "back\\slash", "new\nline", "日本", "", "trailing\\"]
        for value in values {
            for type in MatchType.allCases where !type.isRegex {
                let matcher = try Matcher(name: "l", type: type, value: value)
                #expect(try Matcher(parsing: matcher.description) == matcher)
            }
        }
    }
}
