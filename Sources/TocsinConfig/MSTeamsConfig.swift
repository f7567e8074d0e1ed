import Yams

/// `msteams_configs`: posts to a Microsoft Teams incoming webhook.
///
/// This integration arrived in Alertmanager 0.26; Tocsin accepts it on top of 0.25's set, with 0.26's
/// defaults and its `no msteams webhook URL provided` check.
public struct MSTeamsConfig: Sendable, Hashable {
    /// Whether resolved notifications are sent (default true).
    public var sendResolved = true
    /// HTTP settings; the global `http_config` when not given.
    public var httpConfig: HTTPClientConfig?
    /// The webhook URL (required, a secret).
    public var webhookURL: SecretURL?
    public var title = #"{{ template "msteams.default.title" . }}"#
    public var text = #"{{ template "msteams.default.text" . }}"#

    static func decode(_ node: Node, _ d: StrictDecoder) throws(ConfigError) -> MSTeamsConfig {
        var c = MSTeamsConfig()
        try d.fields(node, "config.plain") { (key, value) throws(ConfigError) in
            switch key {
            case "send_resolved": c.sendResolved = d.bool(value, c.sendResolved)
            case "http_config": c.httpConfig = try d.httpConfig(value)
            case "webhook_url": c.webhookURL = try d.secretURL(value, c.webhookURL)
            case "title": c.title = d.string(value, c.title)
            case "text": c.text = d.string(value, c.text)
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
        out.string("text", text)
        return out
    }
}
