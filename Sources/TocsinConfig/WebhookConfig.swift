import Yams

/// `webhook_configs`: POSTs Alertmanager's JSON payload to a URL.
public struct WebhookConfig: Sendable, Hashable {
    /// Whether resolved notifications are sent (default true).
    public var sendResolved = true
    /// HTTP settings; the global `http_config` when not given.
    public var httpConfig: HTTPClientConfig?
    /// Where to POST (required).
    public var url: ConfigURL?
    /// Most alerts per message; 0 means all.
    public var maxAlerts: UInt64 = 0

    static func decode(_ node: Node, _ d: StrictDecoder) throws(ConfigError) -> WebhookConfig {
        var c = WebhookConfig()
        let clean = try d.decodeObject { () throws(ConfigError) in
            try d.fields(node, "config.plain") { (key, value) throws(ConfigError) in
                switch key {
                case "send_resolved": c.sendResolved = d.bool(value, c.sendResolved)
                case "http_config": c.httpConfig = try d.httpConfig(value)
                case "url": c.url = try d.httpURL(value, c.url)
                case "max_alerts": c.maxAlerts = d.uint64(value) ?? c.maxAlerts
                default: return false
                }
                return true
            }
        }
        guard clean else { return c }
        guard let url = c.url else { throw ConfigError("missing URL in webhook config") }
        if url.scheme != "https" && url.scheme != "http" { throw ConfigError("scheme required for webhook url") }
        return c
    }

    var rendered: YAMLRender {
        var out = YAMLRender()
        out.bool("send_resolved", sendResolved)
        if let httpConfig { out.mapping("http_config", httpConfig.rendered, omitEmpty: false) }
        out.add("url", url.map { YAMLRender.string($0.description) } ?? YAMLRender.null)
        out.int("max_alerts", Int64(maxAlerts))
        return out
    }
}
