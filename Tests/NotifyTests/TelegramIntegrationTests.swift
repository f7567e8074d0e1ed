import Curl
import Foundation
import Testing
import TocsinConfig

@testable import Notify

/// Telegram's sendMessage request and the Bot API's answers.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct TelegramIntegrationTests {
    func telegram(_ yaml: String, logger: LogRecorder = LogRecorder(), client: CurlClient = CurlClient()) throws -> TelegramIntegration {
        let receiver = try IntegrationTestKit.receiver("  telegram_configs:\n  - bot_token: 'b:1'\n    chat_id: 42\n" + yaml)
        return TelegramIntegration(
            config: try #require(receiver.telegramConfigs.first), index: 0,
            environment: try IntegrationTestKit.environment(client: client, logger: logger.logger))
    }

    @Test func messagesAreCutAt4096RunesAndEscapedForHTML() throws {
        let recorder = LogRecorder()
        let telegram = try self.telegram(
            "    api_url: http://127.0.0.1:1/tg\n    message: '{{ .CommonLabels.alertname }}<\(String(repeating: "ж", count: 5000))'\n",
            logger: recorder)
        let alert = NotifiedAlert(labels: ["alertname": "<b>"], startsAt: .zero)
        let request = try telegram.request(for: [alert], of: IntegrationTestKit.job([alert]))
        #expect(request.url == "http://127.0.0.1:1/tg/botb:1/sendMessage")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(request.body)) as? [String: String])
        #expect(object.keys.sorted() == ["chat_id", "disable_web_page_preview", "parse_mode", "text"])
        #expect(object["chat_id"] == "42")
        let text = try #require(object["text"])
        // html/template escapes the value and, as Go does, a `<` of the template text that starts no tag.
        #expect(text.hasPrefix("&lt;b&gt;&lt;жж"))
        #expect(text.unicodeScalars.count == 4096)
        #expect(text.hasSuffix("ж…"))
        #expect(recorder.lines.count == 1)
    }

    @Test func everyFailureIsRetriedAndFloodWaitsAreHonoured() async throws {
        let client = CurlClient()
        defer { client.shutdown() }
        try await IntegrationSink.with { sink in
            func attempt(_ path: String) async throws -> IntegrationError? {
                await IntegrationTestKit.send(
                    try self.telegram("    api_url: http://127.0.0.1:\(sink.port)\(path)\n    message: m\n", client: client), [firing("A")])
            }
            let sent = try await attempt("/tg")
            let notFound = try await attempt("/fail/400/tg")
            let flood = try await attempt("/fail/429/tgflood")
            let garbage = try await attempt("/fail/502/text")
            #expect(sent == nil)
            #expect(notFound == IntegrationError("telegram: Bad Request: chat not found (400)", isRetryable: true))
            #expect(flood?.retryAfter == .seconds(7))
            #expect(flood?.isRetryable == true)
            #expect(garbage?.isRetryable == true)
        }
    }
}
