import Testing
import TocsinTemplate

@Suite("TemplateSet parsing and execution behaviour")
struct TemplateSetBehaviourTests {
    private func makeSet() -> TemplateSet {
        TemplateSet(functions: AlertmanagerFunctions.v0_25(regex: FoundationRegexProvider()))
    }

    @Test("a later non-empty define replaces an earlier one, as user templates override the defaults")
    func laterDefinitionWins() throws {
        var set = makeSet()
        try set.parse(#"{{ define "greeting" }}default{{ end }}"#, name: "default.tmpl")
        try set.parse(#"{{ define "greeting" }}custom {{ .name }}{{ end }}"#, name: "user.tmpl")
        #expect(try set.render(#"{{ template "greeting" . }}"#, data: ["name": "ops"]) == "custom ops")
    }

    @Test("an empty redefinition does not replace an existing template")
    func emptyRedefinitionKeepsOld() throws {
        var set = makeSet()
        try set.parse(#"{{ define "x" }}kept{{ end }}"#, name: "a")
        try set.parse(#"{{ define "x" }}  {{ end }}"#, name: "b")
        #expect(try set.render(#"{{ template "x" }}"#, data: .invalid) == "kept")
    }

    @Test("an empty text renders empty without parsing, like ExecuteTextString")
    func emptyTextRendersEmpty() throws {
        #expect(try makeSet().render("", data: .invalid) == "")
    }

    @Test("render does not leak the anonymous template's defines into the set")
    func renderUsesACopy() throws {
        let set = makeSet()
        _ = try set.render(#"{{ define "leak" }}x{{ end }}y"#, data: .invalid)
        #expect(!set.templateNames.contains("leak"))
        #expect(throws: TemplateExecutionError.self) { try set.execute("leak", data: .invalid) }
    }

    @Test("executing an unknown template name reports Go's message")
    func unknownTemplateName() {
        do {
            _ = try makeSet().execute("nope", data: .invalid)
            Issue.record("expected an error")
        } catch {
            #expect(error.description == #"template: no template "nope" associated with template """#)
        }
    }

    @Test("parse errors carry the template name and line")
    func parseErrorNamesFile() {
        var set = makeSet()
        do {
            try set.parse("ok\n{{ if }}", name: "user.tmpl")
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "template: user.tmpl:2: missing value for if")
        }
    }

    @Test("runaway template recursion stops with an error instead of exhausting the stack")
    func recursionIsBounded() throws {
        let set = makeSet()
        #expect(throws: TemplateExecutionError.self) {
            try set.render(
                #"{{ define "loop" }}{{ template "loop" . }}{{ end }}{{ template "loop" . }}"#, data: .invalid)
        }
    }

    @Test("deeply nested text is a parse error, not a stack overflow")
    func nestingIsBounded() {
        let parens = String(repeating: "(", count: 5000) + "1" + String(repeating: ")", count: 5000)
        let ifs = String(repeating: "{{if 1}}", count: 5000) + String(repeating: "{{end}}", count: 5000)
        for text in ["{{ \(parens) }}", ifs] {
            do {
                _ = try makeSet().render(text, data: .invalid)
                Issue.record("expected an error")
            } catch {
                #expect("\(error)".hasSuffix("max expression depth exceeded"))
            }
        }
        #expect(
            (try? makeSet().render(
                "{{ " + String(repeating: "(", count: 50) + "1" + String(repeating: ")", count: 50) + " }}",
                data: .invalid)) == "1")
    }

    @Test("one set renders concurrently from many tasks")
    func concurrentRenders() async throws {
        let set = makeSet()
        let results = try await withThrowingTaskGroup(of: String.self) { group in
            for i in 0..<32 {
                group.addTask { try set.render("{{ range . }}{{ . }}{{ end }}", data: [.int(i), .int(i)]) }
            }
            var all: [String] = []
            for try await r in group { all.append(r) }
            return all
        }
        #expect(Set(results) == Set((0..<32).map { "\($0)\($0)" }))
    }

    @Test("trimSpace is available as an opt-in for templates written for later Alertmanagers")
    func trimSpaceOptIn() throws {
        var functions = AlertmanagerFunctions.v0_25(regex: FoundationRegexProvider())
        functions["trimSpace"] = AlertmanagerFunctions.trimSpace
        let set = TemplateSet(functions: functions)
        #expect(try set.render("[{{ trimSpace . }}]", data: "\u{A0}\t x y \n\u{2003}") == "[x y]")
        #expect(throws: TemplateParseError.self) { try makeSet().render("{{ trimSpace . }}", data: "") }
    }
}
