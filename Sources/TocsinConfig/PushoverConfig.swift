import Yams

/// `pushover_configs`: sends Pushover notifications.
public struct PushoverConfig: Sendable, Hashable {
    /// Whether resolved notifications are sent (default true).
    public var sendResolved = true
    /// HTTP settings; the global `http_config` when not given.
    public var httpConfig: HTTPClientConfig?
    /// The recipient's user key (required).
    public var userKey = Secret("")
    /// The application token (required).
    public var token = Secret("")
    public var title = #"{{ template "pushover.default.title" . }}"#
    public var message = #"{{ template "pushover.default.message" . }}"#
    public var url = #"{{ template "pushover.default.url" . }}"#
    public var urlTitle = ""
    public var sound = ""
    public var priority = #"{{ if eq .Status "firing" }}2{{ else }}0{{ end }}"#
    /// How often an emergency notification is repeated (Go duration syntax, default 1m).
    public var retry = GoDuration(nanoseconds: 60_000_000_000)
    /// How long an emergency notification is repeated (default 1h).
    public var expire = GoDuration(nanoseconds: 3_600_000_000_000)
    public var html = false

    static func decode(_ node: Node, _ d: StrictDecoder) throws(ConfigError) -> PushoverConfig {
        var c = PushoverConfig()
        let clean = try d.decodeObject { () throws(ConfigError) in
            try d.fields(node, "config.plain") { (key, value) throws(ConfigError) in
                switch key {
                case "send_resolved": c.sendResolved = d.bool(value, c.sendResolved)
                case "http_config": c.httpConfig = try d.httpConfig(value)
                case "user_key": c.userKey = d.secret(value, c.userKey)
                case "token": c.token = d.secret(value, c.token)
                case "title": c.title = d.string(value, c.title)
                case "message": c.message = d.string(value, c.message)
                case "url": c.url = d.string(value, c.url)
                case "url_title": c.urlTitle = d.string(value, c.urlTitle)
                case "sound": c.sound = d.string(value, c.sound)
                case "priority": c.priority = d.string(value, c.priority)
                case "retry": c.retry = try goDuration(value, d) ?? c.retry
                case "expire": c.expire = try goDuration(value, d) ?? c.expire
                case "html": c.html = d.bool(value, c.html)
                default: return false
                }
                return true
            }
        }
        guard clean else { return c }
        if c.userKey.isEmpty { throw ConfigError("missing user key in Pushover config") }
        if c.token.isEmpty { throw ConfigError("missing token in Pushover config") }
        return c
    }

    // `duration` implements encoding.TextUnmarshaler, which yaml.v2 calls with the raw scalar text.
    private static func goDuration(_ node: Node, _ d: StrictDecoder) throws(ConfigError) -> GoDuration? {
        if StrictDecoder.isNull(node) { return GoDuration(nanoseconds: 0) }
        guard let text = d.string(node, "config.duration") else { return nil }
        return try GoDuration(parsing: text)
    }

    var rendered: YAMLRender {
        var out = YAMLRender()
        out.bool("send_resolved", sendResolved)
        if let httpConfig { out.mapping("http_config", httpConfig.rendered, omitEmpty: false) }
        out.secret("user_key", userKey)
        out.secret("token", token)
        out.string("title", title)
        out.string("message", message)
        out.string("url", url)
        out.string("url_title", urlTitle)
        out.string("sound", sound)
        out.string("priority", priority)
        if retry.nanoseconds != 0 { out.string("retry", retry.description) }
        if expire.nanoseconds != 0 { out.string("expire", expire.description) }
        out.bool("html", html)
        return out
    }
}
