import Foundation
import Testing
import TocsinConfig

@testable import Notify

/// Pushover's query parameters and limits.
@Suite struct PushoverIntegrationTests {
    @Test func parametersAreCutAndAnEmptyMessageSaysSo() throws {
        let recorder = LogRecorder()
        let receiver = try IntegrationTestKit.receiver(
            "  pushover_configs:\n  - user_key: u\n    token: t\n    title: '\(String(repeating: "T", count: 300))'\n    message: '  '\n"
                + "    url: 'http://x/\(String(repeating: "u", count: 600))'\n    priority: '1'\n")
        let pushover = PushoverIntegration(
            config: try #require(receiver.pushoverConfigs.first), index: 0,
            environment: try IntegrationTestKit.environment(logger: recorder.logger))
        let request = try pushover.request(for: [firing("A")], of: IntegrationTestKit.job([firing("A")]))
        #expect(request.method == "POST")
        #expect(request.body.isEmpty)
        #expect(request.headers["Content-Type"] == "text/plain")
        let query = try #require(request.url.split(separator: "?", maxSplits: 1).last)
        #expect(
            request.url.hasPrefix(
                "https://api.pushover.net/1/messages.json?expire=3600&message=%28no+details%29&priority=1&retry=60&sound=&title="))
        let title = GoURLEncoding.parseQuery(String(query)).first { $0.0 == "title" }?.1
        #expect(title == String(repeating: "T", count: 249) + "…")
        let url = GoURLEncoding.parseQuery(String(query)).first { $0.0 == "url" }?.1
        #expect(url?.unicodeScalars.count == 512)
        #expect(
            recorder.lines.map { $0.split(separator: " ").prefix(3).joined(separator: " ") } == [
                #"level=warning msg="Truncated title""#, #"level=warning msg="Truncated URL""#,
            ])
    }
}
