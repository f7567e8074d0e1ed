import Curl
import Foundation
import Notify
import Testing
import TocsinConfig
import TocsinModel

/// Slack's request building in-process, and its error classification against the sink.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct SlackIntegrationTests {
    /// Every templated field set (the tests do not depend on the default templates).
    static let plain: [String: String] = [
        "title": "t", "text": "t", "username": "u", "pretext": "''", "title_link": "''", "footer": "f", "fallback": "fb",
        "callback_id": "c", "icon_emoji": "''", "icon_url": "''",
    ]

    func slack(_ fields: [String: String], logger: LogRecorder = LogRecorder(), client: CurlClient = CurlClient()) throws
        -> SlackIntegration
    {
        let body = Self.plain.merging(fields) { $1 }.sorted { $0.key < $1.key }.map { "    \($0.key): \($0.value)\n" }.joined()
        let receiver = try IntegrationTestKit.receiver("  slack_configs:\n  - send_resolved: true\n" + body)
        return SlackIntegration(
            config: try #require(receiver.slackConfigs.first), index: 0,
            environment: try IntegrationTestKit.environment(client: client, logger: logger.logger))
    }

    @Test func titlesAreCutAt1024RunesWithAWarning() throws {
        let recorder = LogRecorder()
        let long = String(repeating: "é", count: 1100)
        let slack = try self.slack(["api_url": "http://127.0.0.1:1/x", "title": "'\(long)'"], logger: recorder)
        let (request, channel) = try slack.request(for: [firing("A")], of: IntegrationTestKit.job([firing("A")]))
        #expect(channel == "")
        let expectedTitle = String(repeating: "é", count: 1023) + "…"
        #expect(
            IntegrationTestKit.text(request)
                == #"{"username":"u","attachments":[{"title":"\#(expectedTitle)","text":"t","fallback":"fb","callback_id":"c","footer":"f","color":"danger","mrkdwn_in":["fallback","pretext","text"]}]}"#
                + "\n")
        #expect(request.method == "POST")
        #expect(request.url == "http://127.0.0.1:1/x")
        #expect(request.headers["User-Agent"] == "Alertmanager/0.25.0")
        #expect(recorder.lines == [#"level=warning msg="Truncated title" integration=slack key={}:{alertname="A"} max_runes=1024"#])
    }

    @Test func theURLFileIsReadAndTrimmedAtEachNotification() throws {
        let file = NSTemporaryDirectory() + "slack-url-\(UInt32.random(in: 0...UInt32.max))"
        try " http://127.0.0.1:1/from-file \n".write(toFile: file, atomically: false, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let slack = try self.slack(["api_url_file": file, "channel": "'#c'"])
        #expect(try slack.request(for: [firing("A")], of: IntegrationTestKit.job([firing("A")])).0.url == "http://127.0.0.1:1/from-file")
        try FileManager.default.removeItem(atPath: file)
        #expect(throws: IntegrationError.self) { try slack.request(for: [firing("A")], of: IntegrationTestKit.job([firing("A")])) }
    }

    @Test func errorsNameTheChannelAndOnly5xxIsRetried() async throws {
        let client = CurlClient()
        defer { client.shutdown() }
        try await IntegrationSink.with { sink in
            func attempt(_ path: String) async throws -> IntegrationError? {
                let slack = try self.slack(
                    ["api_url": "http://127.0.0.1:\(sink.port)\(path)", "channel": ##"'#ops "x"'"##], client: client)
                return await IntegrationTestKit.send(slack, [firing("A")])
            }
            let ok = try await attempt("/slack/ok")
            let missing = try await attempt("/fail/404")
            let unavailable = try await attempt("/fail/503")
            let throttled = try await attempt("/fail/429")
            #expect(ok == nil)
            #expect(missing == IntegrationError(##"channel "#ops \"x\"": unexpected status code 404: nope"##, isRetryable: false))
            #expect(unavailable?.isRetryable == true)
            #expect(throttled?.isRetryable == false)
        }
        let refused = try self.slack(
            ["api_url": "http://127.0.0.1:\(try WebhookIntegrationTests.closedPort())/secret-token"], client: client)
        let error = try #require(await IntegrationTestKit.send(refused, [firing("A")]))
        #expect(error.isRetryable)
        #expect(error.message.hasPrefix(#"Post "<redacted>": "#), "\(error.message)")
        #expect(!error.message.contains("secret-token"))
    }
}
