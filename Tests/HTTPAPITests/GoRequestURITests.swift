import Testing

@testable import HTTPAPI

/// `generatorURL` is checked as go-openapi checks the `uri` format: Go's `url.ParseRequestURI`.
@Suite struct GoRequestURITests {
    @Test(arguments: [
        "http://prom:9090/graph?g0.expr=up%7B%7D&g0.tab=1", "mailto:x", "http://", "/graph?g0.expr=up", "*", "https://user:p%40ss@host:1/x",
        "http://[::1]:9090/", "http://h/a%20b", "x:", "http://host?a b",
    ])
    func accepts(_ text: String) {
        #expect(GoRequestURI.isValid(text))
    }

    @Test(arguments: [
        "", "x", "x y", "::bad", "relative/path", "http://host:port/", "http://ho st/", "http://h/%zz", "http://h/%4", "http://[::1/",
        "http://h\u{7f}/", "http://us er@h/", "http://%41/",
    ])
    func refuses(_ text: String) {
        #expect(!GoRequestURI.isValid(text))
    }
}
