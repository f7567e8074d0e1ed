import Testing
@testable import TocsinConfig

@Suite struct SecretTests {
    @Test func neverShowsTheValue() throws {
        let secret = Secret("hunter2")
        #expect(secret.description == "<secret>")
        #expect("\(secret)" == "<secret>")
        var dumped = ""
        dump(secret, to: &dumped)
        #expect(!dumped.contains("hunter2"))
        let url = try SecretURL(parsing: "https://hooks.slack.com/services/T/B/x")
        var dumpedURL = ""
        dump(url, to: &dumpedURL)
        #expect(!dumpedURL.contains("hooks.slack.com"))
        #expect(url.url?.host == "hooks.slack.com")
    }

    @Test func emptySecretPrintsNothing() {
        #expect(Secret("").description == "")
        #expect(Secret("").isEmpty)
    }

    @Test func placeholderLoadsBack() throws {
        #expect(try SecretURL(parsing: "<secret>").url == nil)
        #expect(throws: ConfigError("unsupported scheme \"\" for URL")) { try SecretURL(parsing: "secret") }
    }
}
