import TocsinModel
import Yams

/// `wechat_configs`: sends through WeChat Work's message API.
public struct WechatConfig: Sendable, Hashable {
    /// Whether resolved notifications are sent (default false).
    public var sendResolved = false
    /// HTTP settings; the global `http_config` when not given.
    public var httpConfig: HTTPClientConfig?
    /// The API secret; `wechat_api_secret` when not given.
    public var apiSecret = Secret("")
    /// The corp id; `wechat_api_corp_id` when not given.
    public var corpID = ""
    public var message = #"{{ template "wechat.default.message" . }}"#
    /// The API base URL, ending in `/`.
    public var apiURL: ConfigURL?
    public var toUser = #"{{ template "wechat.default.to_user" . }}"#
    public var toParty = #"{{ template "wechat.default.to_party" . }}"#
    public var toTag = #"{{ template "wechat.default.to_tag" . }}"#
    public var agentID = #"{{ template "wechat.default.agent_id" . }}"#
    /// `text` or `markdown`.
    public var messageType = ""

    static func decode(_ node: Node, _ d: StrictDecoder) throws(ConfigError) -> WechatConfig {
        var c = WechatConfig()
        let clean = try d.decodeObject { () throws(ConfigError) in
            try d.fields(node, "config.plain") { (key, value) throws(ConfigError) in
                switch key {
                case "send_resolved": c.sendResolved = d.bool(value, c.sendResolved)
                case "http_config": c.httpConfig = try d.httpConfig(value)
                case "api_secret": c.apiSecret = d.secret(value, c.apiSecret)
                case "corp_id": c.corpID = d.string(value, c.corpID)
                case "message": c.message = d.string(value, c.message)
                case "api_url": c.apiURL = try d.httpURL(value, c.apiURL)
                case "to_user": c.toUser = d.string(value, c.toUser)
                case "to_party": c.toParty = d.string(value, c.toParty)
                case "to_tag": c.toTag = d.string(value, c.toTag)
                case "agent_id": c.agentID = d.string(value, c.agentID)
                case "message_type": c.messageType = d.string(value, c.messageType)
                default: return false
                }
                return true
            }
        }
        guard clean else { return c }
        if c.messageType.isEmpty { c.messageType = "text" }
        if c.messageType != "text" && c.messageType != "markdown" {
            throw ConfigError("weChat message type \(GoQuote.quote(c.messageType)) does not match valid options ^(text|markdown)$")
        }
        return c
    }

    var rendered: YAMLRender {
        var out = YAMLRender()
        out.bool("send_resolved", sendResolved)
        if let httpConfig { out.mapping("http_config", httpConfig.rendered, omitEmpty: false) }
        out.secret("api_secret", apiSecret)
        out.string("corp_id", corpID)
        out.string("message", message)
        if let apiURL { out.string("api_url", apiURL.description) }
        out.string("to_user", toUser)
        out.string("to_party", toParty)
        out.string("to_tag", toTag)
        out.string("agent_id", agentID)
        out.string("message_type", messageType)
        return out
    }
}
