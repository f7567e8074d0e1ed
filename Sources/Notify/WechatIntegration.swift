import Curl
import Foundation
import TocsinConfig

/// A `wechat_configs` entry (notify/wechat/wechat.go): fetches an access token with `gettoken` (reused
/// for two hours, see ``WechatTokenCache``), then POSTs the message to `message/send`.
///
/// A non-200 answer or an unreadable body is retried; WeChat's error code 42001 (token expired) drops the
/// token and is retried; any other non-zero code fails for good. Improvement (documented): the code is
/// read from WeChat's `errcode`/`errmsg` fields; Alertmanager 0.25 reads `code`/`error`, which WeChat
/// does not send, so it takes every 200 answer as success (both are read here).
public struct WechatIntegration: Integration {
    public let name = "wechat"
    public let index: Int
    public let config: WechatConfig
    let receiver: String
    let environment: IntegrationEnvironment

    /// The integration for `config`, the `index`-th WeChat config of `receiver`.
    public init(config: WechatConfig, index: Int, receiver: String, environment: IntegrationEnvironment) {
        self.config = config
        self.index = index
        self.receiver = receiver
        self.environment = environment
    }

    public var sendResolved: Bool { self.config.sendResolved }

    public func notify(_ alerts: [NotifiedAlert], of job: NotificationJob, deadline: Date) async throws(IntegrationError) {
        let render = self.environment.rendering(alerts, of: job)
        let http = IntegrationHTTP(environment: self.environment)
        let (cacheKey, tokenRequest) = try self.tokenRequest(render)
        let token: String
        if let cached = await self.environment.wechatTokens.token(for: cacheKey, now: self.environment.clock.now()) {
            token = cached
        } else {
            let response = try await http.send(tokenRequest, httpConfig: self.config.httpConfig, deadline: deadline, errorText: .redacted)
            token = try Self.accessToken(in: response.body, corpID: self.config.corpID)
            await self.environment.wechatTokens.store(token, for: cacheKey, now: self.environment.clock.now())
        }
        let request = try self.messageRequest(render, token: token)
        let response = try await http.send(request, httpConfig: self.config.httpConfig, deadline: deadline, errorText: .redacted)
        if response.status != 200 { throw IntegrationError("unexpected status code \(response.status)", isRetryable: true) }
        guard let answer = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any] else {
            throw IntegrationError("invalid response: \(String(decoding: response.body.prefix(256), as: UTF8.self))", isRetryable: true)
        }
        let code = ((answer["errcode"] ?? answer["code"]) as? NSNumber)?.intValue ?? 0
        let text = (answer["errmsg"] ?? answer["error"]) as? String ?? ""
        if code == 0 { return }
        if code == 42001 {
            await self.environment.wechatTokens.invalidate(cacheKey)
            throw IntegrationError(text, isRetryable: true)
        }
        throw IntegrationError(text, isRetryable: false)
    }

    /// The `gettoken` request and the cache key of the token it fetches.
    func tokenRequest(_ render: NotificationRendering) throws(IntegrationError) -> (WechatTokenCache.Key, HTTPRequest) {
        guard let apiURL = self.config.apiURL else { throw IntegrationError("no WeChat API URL", isRetryable: false) }
        let secret: String
        let corpID: String
        do {
            secret = try render.text(self.config.apiSecret.value)
            corpID = try render.text(self.config.corpID)
        } catch {
            throw IntegrationError("templating error: \(error)", isRetryable: false)
        }
        // The token URL's query is replaced, not merged (`u.RawQuery = parameters.Encode()`).
        var base = apiURL
        base.query = nil
        let url = base.appending(path: "gettoken", setting: [("corpsecret", secret), ("corpid", corpID)])
        let key = WechatTokenCache.Key(
            receiver: self.receiver, index: self.index, apiURL: apiURL.description, corpID: corpID, secret: secret)
        return (key, HTTPRequest(method: "GET", url: url, headers: ["User-Agent": IntegrationHTTP.userAgent]))
    }

    /// The token in a `gettoken` answer (its status is not looked at, as in Alertmanager).
    static func accessToken(in body: [UInt8], corpID: String) throws(IntegrationError) -> String {
        guard let answer = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else {
            throw IntegrationError("invalid gettoken response: \(String(decoding: body.prefix(256), as: UTF8.self))", isRetryable: false)
        }
        guard let token = answer["access_token"] as? String, !token.isEmpty else {
            throw IntegrationError("invalid APISecret for CorpID: \(corpID)", isRetryable: false)
        }
        return token
    }

    /// The `message/send` request Alertmanager would send with `token`.
    func messageRequest(_ render: NotificationRendering, token: String) throws(IntegrationError) -> HTTPRequest {
        let c = self.config
        guard let apiURL = c.apiURL else { throw IntegrationError("no WeChat API URL", isRetryable: false) }
        var json = GoJSONWriter()
        do {
            let toUser = try render.text(c.toUser)
            let toParty = try render.text(c.toParty)
            let toTag = try render.text(c.toTag)
            let agentID = try render.text(c.agentID)
            let message = try render.text(c.message)
            let markdown = c.messageType == "markdown"
            // `text` and `markdown` are structs in Alertmanager's message, so both are always present.
            json.beginObject()
            json.key("text")
            json.beginObject()
            json.field("content", markdown ? "" : message)
            json.endObject()
            json.field("touser", toUser, omitEmpty: true)
            json.field("toparty", toParty, omitEmpty: true)
            json.field("totag", toTag, omitEmpty: true)
            json.field("agentid", agentID, omitEmpty: true)
            json.field("safe", "0")
            json.field("msgtype", c.messageType, omitEmpty: true)
            json.key("markdown")
            json.beginObject()
            json.field("content", markdown ? message : "")
            json.endObject()
            json.endObject()
        } catch {
            throw IntegrationError("templating error: \(error)", isRetryable: false)
        }
        let url = apiURL.appending(path: "message/send", setting: [("access_token", token)])
        return HTTPRequest(method: "POST", url: url, headers: IntegrationHTTP.jsonHeaders, body: json.encoded)
    }
}
