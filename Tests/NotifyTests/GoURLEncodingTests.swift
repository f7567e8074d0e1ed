import Testing
import TocsinConfig

@testable import Notify

/// Go's net/url escaping for the URLs integrations build.
@Suite struct GoURLEncodingTests {
    @Test func queryValuesAreSortedAndEscapedAsGoEncodesThem() {
        #expect(
            GoURLEncoding.encode([("user", "u k"), ("token", "a+b&c=d/é"), ("html", "1"), ("a", "2"), ("a", "1")])
                == "a=2&a=1&html=1&token=a%2Bb%26c%3Dd%2F%C3%A9&user=u+k")
        #expect(GoURLEncoding.queryEscape("~-_.*!'()") == "~-_.%2A%21%27%28%29")
    }

    @Test func pathsKeepGosPathSafeCharacters() {
        #expect(GoURLEncoding.pathEscape("/a b/$&+,:;=@/?#%é") == "/a%20b/$&+,:;=@/%3F%23%25%C3%A9")
    }

    @Test func appendingDecodesTheExistingPathAndMergesTheQuery() throws {
        let url = try ConfigURL(parsingHTTP: "https://api.example.com/v%201/?region=eu&identifierType=x")
        #expect(url.appending(path: "key/route a") == "https://api.example.com/v%201/key/route%20a?region=eu&identifierType=x")
        #expect(
            url.appending(path: "v2/alerts/h/close", setting: [("identifierType", "alias")])
                == "https://api.example.com/v%201/v2/alerts/h/close?identifierType=alias&region=eu")
    }
}
