import Testing
import TocsinModel

@Suite struct RouteKeyTests {
    @Test func rootIsEmptyBraces() {
        #expect(RouteKey(parent: nil, matchers: []).rawValue == "{}")
    }

    @Test func childrenAppendTheirSortedMatchers() throws {
        let root = RouteKey(parent: nil, matchers: [])
        let child = RouteKey(
            parent: root,
            matchers: [
                try Matcher(name: "team", type: .regexp, value: "a|b"),
                try Matcher(name: "severity", type: .equal, value: "critical"),
            ])
        #expect(child.rawValue == #"{}/{severity="critical",team=~"a|b"}"#)
        let grandchild = RouteKey(parent: child, matchers: [try Matcher(name: "zone", type: .notRegexp, value: "eu.*")])
        #expect(grandchild.description == #"{}/{severity="critical",team=~"a|b"}/{zone!~"eu.*"}"#)
    }

    @Test func siblingsWithEqualMatchersShareAKey() throws {
        let root = RouteKey(parent: nil, matchers: [])
        let matchers: Matchers = [try Matcher(name: "a", type: .equal, value: "1")]
        #expect(RouteKey(parent: root, matchers: matchers) == RouteKey(parent: root, matchers: matchers))
    }
}
