import Testing
import TocsinDaemon

/// Alertmanager's `extURL`: the given URL without a trailing slash, or one built from the host name and
/// the listen port.
@Suite struct ExternalURLTests {
    @Test func aGivenURLLosesItsTrailingSlash() {
        #expect(ExternalURL.resolve("http://am.example:9093/", listenAddress: ":9093") == "http://am.example:9093")
        #expect(ExternalURL.resolve("https://x/prefix/", listenAddress: ":1") == "https://x/prefix")
    }

    @Test func withoutOneTheListenPortIsUsed() {
        let url = ExternalURL.resolve(nil, listenAddress: "0.0.0.0:19093")
        #expect(url.hasPrefix("http://") && url.hasSuffix(":19093") && !url.contains("::"))
    }
}
