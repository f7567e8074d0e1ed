import Testing
import TocsinTemplate

/// html/template's escaping in the contexts beyond HTML text: JavaScript, CSS, `srcset` and attribute names.
/// The expected strings are what Go 1.19.8's html/template (Alertmanager 0.25's) writes; the oracle corpus
/// (`htmljs/`, `htmlcss/`, `htmlsrcset/`, `htmlattr/` cases) covers the same ground against Go itself.
@Suite("html/template contexts: JavaScript, CSS, srcset, attribute names")
struct HTMLContextTrackerTests {
    private let set = TemplateSet()

    private func html(_ text: String, _ data: TemplateValue) throws -> String {
        try set.render(text, data: data, html: true)
    }

    @Test("a value in script becomes a JSON literal that cannot close the script element")
    func scriptValue() throws {
        #expect(
            try html("<script>var a = {{ . }};</script>", "it's \"q\" </script> & \u{2028}")
                == #"<script>var a = "it's \"q\" \u003c/script\u003e \u0026 \u2028";</script>"#)
    }

    @Test("numbers, booleans and null are padded with spaces so they cannot run into a keyword")
    func scriptPadding() throws {
        #expect(
            try html("<script>a = b/{{ .n }}; c = {{ .s }}in; d = {{ .f }}; e = {{ .x }};</script>", ["n": 2, "s": "x", "f": -1.5])
                == #"<script>a = b/ 2 ; c = "x"in; d =  -1.5 ; e =  null ;</script>"#)
    }

    @Test("floats follow encoding/json: no exponent from 1e-6 up to 1e21")
    func jsonFloats() throws {
        #expect(
            try html("<script>{{ 1e21 }} {{ 1e-7 }} {{ 0.000001 }} {{ 123456789.0 }} {{ -0.0 }}</script>", .invalid)
                == "<script> 1e+21   1e-7   0.000001   123456789   -0 </script>")
    }

    @Test("maps marshal with sorted keys, Alertmanager's structs under their JSON names")
    func scriptStructures() throws {
        let data = TemplateData(
            receiverName: "r", groupLabels: ["b": "2", "a": "<1>"], alerts: [], externalURL: "http://x")
        #expect(
            try html("<script>{{ .GroupLabels }} {{ .GroupLabels.SortedPairs }}</script>", .object(data))
                == #"<script>{"a":"\u003c1\u003e","b":"2"} [{"Name":"a","Value":"\u003c1\u003e"},{"Name":"b","Value":"2"}]</script>"#)
        #expect(
            try html("<script>{{ . }}</script>", .object(data))
                == #"<script>{"receiver":"r","status":"resolved","alerts":[],"groupLabels":{"a":"\u003c1\u003e","b":"2"},"commonLabels":{},"commonAnnotations":{},"externalURL":"http://x"}</script>"#
        )
    }

    @Test("inside JavaScript string literals, quotes and HTML specials become \\u escapes")
    func scriptStrings() throws {
        #expect(
            try html(#"<script>x = "{{ . }}"; y = '{{ . }}';</script>"#, "a'b\"c</d>\\ `+\n")
                == #"<script>x = "a\u0027b\u0022c\u003c\/d\u003e\\ \u0060\u002b\n"; y = 'a\u0027b\u0022c\u003c\/d\u003e\\ \u0060\u002b\n';</script>"#
        )
    }

    @Test("inside a regexp literal, regexp syntax is escaped and an empty value is (?:)")
    func scriptRegexp() throws {
        #expect(
            try html("<script>r = /^{{ .a }}$/; e = /{{ .b }}/;</script>", ["a": "a.b*(c)", "b": ""])
                == #"<script>r = /^a\.b\*\(c\)$/; e = /(?:)/;</script>"#)
    }

    @Test("a slash after a value or a closing parenthesis divides; after an operator or keyword it starts a regexp")
    func slashContext() throws {
        #expect(
            try html("<script>a = {{ . }} / {{ . }}; b = return /{{ . }}/; c = (x) /{{ . }}/ 2</script>", "v/w")
                == #"<script>a = "v/w" / "v/w"; b = return /v\/w/; c = (x) /"v/w"/ 2</script>"#)
    }

    @Test("comments in a script element are dropped, a block comment with a newline becoming a newline")
    func scriptComments() throws {
        #expect(
            try html("<script>a = 1; // {{ . }}\nb = 2; /* x\n */ c = 3; /* y */ d = 4;</script>", "v")
                == "<script>a = 1; \nb = 2; \n c = 3;   d = 4;</script>")
    }

    @Test("a JavaScript template literal is refused, as Go 1.19.8 refuses it")
    func templateLiteral() throws {
        #expect {
            try html("<script>var t = `a {{ . }}`;</script>", "v")
        } throws: { error in
            "\(error)" == "html/template::1:22: {{.}} appears in a JS template literal"
        }
    }

    @Test("an event handler attribute holds JavaScript, HTML-escaped for its quotes; entities are decoded first")
    func eventHandler() throws {
        #expect(
            try html(#"<a onclick="f({{ . }}, &#39;{{ . }}&#39;)">x</a>"#, "it's")
                == #"<a onclick="f(&#34;it&#39;s&#34;, &#39;it\u0027s&#39;)">x</a>"#)
    }

    @Test("a quote in an unquoted attribute is Go's error")
    func unquotedAttributeQuote() throws {
        #expect {
            try html("<a onclick=f('{{ . }}')>x</a>", "v")
        } throws: { error in
            "\(error)" == #"html/template: "'" in unquoted attr: "f('""#
        }
    }

    @Test("a non-JavaScript script type holds HTML text")
    func scriptType() throws {
        #expect(
            try html(#"<script type="text/template">{{ . }}</script>"#, "<b>")
                == #"<script type="text/template">&lt;b&gt;</script>"#)
    }

    @Test("CSS strings and URLs escape with \\hex; a value among declarations must be harmless")
    func css() throws {
        #expect(
            try html(
                #"<p style="font-family: '{{ .a }}'; width: {{ .b }}; color: {{ .c }}">x</p>"#,
                ["a": "a'b;", "b": "10px", "c": "expression(x)"])
                == #"<p style="font-family: 'a\27 b\3b '; width: 10px; color: ZgotmplZ">x</p>"#)
        #expect(
            try html("<style>p { background: url({{ . }}) }</style>", "javascript:x")
                == "<style>p { background: url(#ZgotmplZ) }</style>")
    }

    @Test("srcset keeps safe candidates and replaces unsafe ones")
    func srcset() throws {
        #expect(
            try html(#"<img srcset="{{ . }}">"#, "/a b.png 1x, javascript:x 2x, /c.png 2x")
                == ##"<img srcset="#ZgotmplZ,#ZgotmplZ, /c.png 2x">"##)
    }

    @Test("an action as an attribute name passes only plain lower-case names")
    func attributeName() throws {
        #expect(
            try html(#"<p {{ .a }}="1" {{ .b }}="2" {{ .c }}>x</p>"#, ["a": "TITLE", "b": "onclick", "c": ""])
                == #"<p title="1" ZgotmplZ="2" ZgotmplZ>x</p>"#)
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
