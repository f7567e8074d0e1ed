import Yams

/// `discord_configs`: posts to a Discord webhook.
public struct DiscordConfig: Sendable, Hashable {
    /// Whether resolved notifications are sent (default true).
    public var sendResolved = true
    /// HTTP settings; the global `http_config` when not given.
    public var httpConfig: HTTPClientConfig?
    /// The webhook URL (required; it carries a token, so it is a secret).
    public var webhookURL: SecretURL?
    public var title = #"{{ template "discord.default.title" . }}"#
    public var message = #"{{ template "discord.default.message" . }}"#

    static func decode(_ node: Node, _ d: StrictDecoder) throws(ConfigError) -> DiscordConfig {
        var c = DiscordConfig()
        try d.fields(node, "config.plain") { (key, value) throws(ConfigError) in
            switch key {
            case "send_resolved": c.sendResolved = d.bool(value, c.sendResolved)
            case "http_config": c.httpConfig = try d.httpConfig(value)
            case "webhook_url": c.webhookURL = try d.secretURL(value, c.webhookURL)
            case "title": c.title = d.string(value, c.title)
            case "message": c.message = d.string(value, c.message)
            default: return false
            }
            return true
        }
        return c
    }

    var rendered: YAMLRender {
        var out = YAMLRender()
        out.bool("send_resolved", sendResolved)
        if let httpConfig { out.mapping("http_config", httpConfig.rendered, omitEmpty: false) }
        if webhookURL != nil { out.string("webhook_url", Secret.mask) }
        out.string("title", title)
        out.string("message", message)
        return out
    }
}
