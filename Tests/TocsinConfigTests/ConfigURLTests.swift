import Testing
@testable import TocsinConfig

@Suite struct ConfigURLTests {
    @Test func parsesLikeGo() throws {
        let url = try ConfigURL(parsingHTTP: "HTTPS://user:pw@example.com:8443/a/b?x=1#f")
        #expect(url.scheme == "https" && url.host == "example.com:8443" && url.path == "/a/b")
        #expect(url.query == "x=1" && url.fragment == "f" && url.user == "user:pw")
        #expect(url.description == "https://user:pw@example.com:8443/a/b?x=1#f")
        #expect(url.redacted == "https://user:xxxxx@example.com:8443/a/b?x=1#f")
        #expect(url.withTrailingSlash().description == "https://user:pw@example.com:8443/a/b/?x=1#f")
    }

    @Test func rejectsLikeAlertmanager() {
        #expect(throws: ConfigError("unsupported scheme \"ftp\" for URL")) { try ConfigURL(parsingHTTP: "ftp://x") }
        #expect(throws: ConfigError("missing host for URL")) { try ConfigURL(parsingHTTP: "http://") }
        #expect(throws: ConfigError("unsupported scheme \"\" for URL")) { try ConfigURL(parsingHTTP: "example.com") }
        #expect(throws: ConfigError(#"parse "http://a b": invalid character " " in host name"#)) {
            try ConfigURL(parsingHTTP: "http://a b")
        }
        #expect(throws: ConfigError(#"parse "24:00": first path segment in URL cannot contain colon"#)) {
            try ConfigURL(parsingAny: "24:00")
        }
        #expect(throws: ConfigError(#"parse ":x": missing protocol scheme"#)) { try ConfigURL(parsingAny: ":x") }
    }
}
