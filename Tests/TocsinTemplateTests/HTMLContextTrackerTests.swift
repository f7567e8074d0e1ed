import Testing
import TocsinTemplate

@Suite("html/template contexts this engine refuses rather than mis-escape")
struct HTMLContextTrackerTests {
    private let set = TemplateSet()

    @Test(
        "actions in JavaScript, CSS strings and URLs, srcset and attribute-name contexts are errors",
        arguments: [
            "<script>var x = {{ . }};</script>",
            #"<a onclick="f({{ . }})">x</a>"#,
            #"<p style="font-family: '{{ . }}'">x</p>"#,
            "<style>p { background: url({{ . }}) }</style>",
            #"<img srcset="{{ . }}">"#,
            "<a {{ . }}>x</a>",
        ])
    func unsupportedContexts(_ text: String) {
        #expect(throws: TemplateExecutionError.self) { try set.render(text, data: "red", html: true) }
    }

    @Test("text after a closed script element is escaped as HTML text again")
    func afterScriptElement() throws {
        let out = try set.render("<script>var a = 1 < 2;</script><p>{{ . }}</p>", data: "<b>", html: true)
        #expect(out == "<script>var a = 1 < 2;</script><p>&lt;b&gt;</p>")
    }

    @Test("the same template in text mode is not escaped")
    func textModeDoesNotEscape() throws {
        #expect(try set.render("<p>{{ . }}</p>", data: "<b>", html: false) == "<p><b></p>")
    }
}
