import Testing
import TocsinTemplate

/// A regex stub with fixed matches, so expansion is tested without any regex engine.
private struct FixedRegex: TemplateRegex {
    let groupNames: [String]
    let result: [[Range<Int>?]]
    func matches(_ text: String) -> Bool { !result.isEmpty }
    func allMatches(in text: String) -> [[Range<Int>?]] { result }
}

@Suite("TemplateRegex.replaceAll expands templates like Go's Regexp.ReplaceAllString")
struct TemplateRegexTests {
    // "key=value" matched as (?P<k>\w+)=(\w+)
    private let re = FixedRegex(groupNames: ["", "k", ""], result: [[0..<9, 0..<3, 4..<9]])

    @Test(
        "expansion",
        arguments: [
            ("$2:$1", "value:key"), ("${k}!", "key!"), ("$k!", "key!"), ("$1x", ""), ("${1}x", "keyx"),
            ("$$1", "$1"), ("$", "$"), ("${", "${"), ("$nope", ""), ("a$3b", "a"),
        ])
    func expansion(_ template: String, _ expected: String) {
        #expect(re.replaceAll(in: "key=value", with: template) == expected)
    }

    @Test("text around and between matches is kept")
    func surroundingText() {
        let two = FixedRegex(groupNames: [""], result: [[1..<2], [3..<4]])
        #expect(two.replaceAll(in: "abcde", with: "_") == "a_c_e")
    }

    @Test("a group that did not participate expands to nothing")
    func missingGroup() {
        let r = FixedRegex(groupNames: ["", ""], result: [[0..<1, nil]])
        #expect(r.replaceAll(in: "ab", with: "[$1]") == "[]b")
    }
}
