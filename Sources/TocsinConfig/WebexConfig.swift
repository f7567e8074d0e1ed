import Yams

/// `webex_configs`: posts to a Webex room; the bot token goes in `http_config.authorization`.
public struct WebexConfig: Sendable, Hashable {
    /// Whether resolved notifications are sent (default true).
    public var sendResolved = true
    /// HTTP settings; must carry `authorization`.
    public var httpConfig: HTTPClientConfig?
    /// The messages endpoint; `webex_api_url` when not given.
    public var apiURL: ConfigURL?
    public var message = #"{{ template "webex.default.message" . }}"#
    /// The room to post to (required).
    public var roomID = ""

    static func decode(_ node: Node, _ d: StrictDecoder) throws(ConfigError) -> WebexConfig {
        var c = WebexConfig()
        let clean = try d.decodeObject { () throws(ConfigError) in
            try d.fields(node, "config.plain") { (key, value) throws(ConfigError) in
                switch key {
                case "send_resolved": c.sendResolved = d.bool(value, c.sendResolved)
                case "http_config": c.httpConfig = try d.httpConfig(value)
                case "api_url": c.apiURL = try d.httpURL(value, c.apiURL)
                case "message": c.message = d.string(value, c.message)
                case "room_id": c.roomID = d.string(value, c.roomID)
                default: return false
                }
                return true
            }
        }
        guard clean else { return c }
        if c.roomID.isEmpty { throw ConfigError("missing room_id on webex_config") }
        if c.httpConfig?.authorization == nil { throw ConfigError("missing webex_configs.http_config.authorization") }
        return c
    }

    var rendered: YAMLRender {
        var out = YAMLRender()
        out.bool("send_resolved", sendResolved)
        if let httpConfig { out.mapping("http_config", httpConfig.rendered, omitEmpty: false) }
        if let apiURL { out.string("api_url", apiURL.description) }
        out.string("message", message)
        out.string("room_id", roomID, omitEmpty: false)
        return out
    }
}
