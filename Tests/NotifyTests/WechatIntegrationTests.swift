import Curl
import Foundation
import Testing
import TocsinConfig

@testable import Notify

/// WeChat's token fetch and reuse against the sink, and its answer codes.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct WechatIntegrationTests {
    func wechat(
        _ apiURL: String, tokens: WechatTokenCache, client: CurlClient, messageType: String = "text"
    ) throws -> WechatIntegration {
        let receiver = try IntegrationTestKit.receiver(
            "  wechat_configs:\n  - api_url: \(apiURL)\n    api_secret: sec\n    corp_id: corp\n    message: 'm {{ .Status }}'\n"
                + "    to_user: u\n    to_party: ''\n    to_tag: ''\n    agent_id: '1'\n    message_type: \(messageType)\n")
        var environment = try IntegrationTestKit.environment(client: client)
        environment.wechatTokens = tokens
        return WechatIntegration(config: try #require(receiver.wechatConfigs.first), index: 0, receiver: "r", environment: environment)
    }

    @Test func theTokenIsFetchedOnceAndReused() async throws {
        let client = CurlClient()
        defer { client.shutdown() }
        try await IntegrationSink.with { sink in
            let tokens = WechatTokenCache()
            let wechat = try self.wechat(
                "http://127.0.0.1:\(sink.port)/wx/?debug=1", tokens: tokens, client: client, messageType: "markdown")
            let first = await IntegrationTestKit.send(wechat, [firing("A")])
            let second = await IntegrationTestKit.send(wechat, [firing("A")])
            #expect(first == nil)
            #expect(second == nil)
            let captures = sink.captures()
            #expect(
                captures.map(\.path) == [
                    "/wx/gettoken?corpid=corp&corpsecret=sec", "/wx/message/send?access_token=tok-1&debug=1",
                    "/wx/message/send?access_token=tok-1&debug=1",
                ])
            #expect(
                captures.last?.bodyText
                    == #"{"text":{"content":""},"touser":"u","agentid":"1","safe":"0","msgtype":"markdown","markdown":{"content":"m firing"}}"#
                    + "\n")
        }
    }

    @Test func anExpiredTokenIsDroppedAndRetriedOtherCodesFailForGood() async throws {
        let client = CurlClient()
        defer { client.shutdown() }
        try await IntegrationSink.with { sink in
            let tokens = WechatTokenCache()
            let expired = try self.wechat("http://127.0.0.1:\(sink.port)/fail/200/wx42001/", tokens: tokens, client: client)
            let invalid = try self.wechat("http://127.0.0.1:\(sink.port)/fail/200/wx40014/", tokens: tokens, client: client)
            let missing = try self.wechat("http://127.0.0.1:\(sink.port)/fail/404/text/", tokens: tokens, client: client)
            // The sink answers gettoken with the same error body; a token is needed first.
            let key = WechatTokenCache.Key(
                receiver: "r", index: 0, apiURL: "http://127.0.0.1:\(sink.port)/fail/200/wx42001/", corpID: "corp", secret: "sec")
            await tokens.store("old", for: key, now: Date())
            let first = await IntegrationTestKit.send(expired, [firing("A")])
            #expect(first == IntegrationError("access_token expired", isRetryable: true))
            #expect(await tokens.token(for: key, now: Date()) == nil)
            let second = await IntegrationTestKit.send(invalid, [firing("A")])
            #expect(second == IntegrationError("invalid APISecret for CorpID: corp", isRetryable: false))
            let third = await IntegrationTestKit.send(missing, [firing("A")])
            #expect(third?.isRetryable == false)
        }
    }

    @Test func tokensExpireAfterTwoHours() async {
        let tokens = WechatTokenCache()
        let key = WechatTokenCache.Key(receiver: "r", index: 0, apiURL: "u", corpID: "c", secret: "s")
        let start = Date()
        await tokens.store("t", for: key, now: start)
        #expect(await tokens.token(for: key, now: start.addingTimeInterval(7200)) == "t")
        #expect(await tokens.token(for: key, now: start.addingTimeInterval(7201)) == nil)
    }
}
