import Yams

/// `telegram_configs`: sends through a Telegram bot.
public struct TelegramConfig: Sendable, Hashable {
    /// Whether resolved notifications are sent (default true).
    public var sendResolved = true
    /// HTTP settings; the global `http_config` when not given.
    public var httpConfig: HTTPClientConfig?
    /// The Bot API base URL; `telegram_api_url` when not given.
    public var apiURL: ConfigURL?
    /// The bot token (required).
    public var botToken = Secret("")
    /// The chat to post to (required, non-zero).
    public var chatID: Int64 = 0
    public var message = #"{{ template "telegram.default.message" . }}"#
    public var disableNotifications = false
    /// `Markdown`, `MarkdownV2`, `HTML` (default) or empty.
    public var parseMode = "HTML"

    static func decode(_ node: Node, _ d: StrictDecoder) throws(ConfigError) -> TelegramConfig {
        var c = TelegramConfig()
        let clean = try d.decodeObject { () throws(ConfigError) in
            try d.fields(node, "config.plain") { (key, value) throws(ConfigError) in
                switch key {
                case "send_resolved": c.sendResolved = d.bool(value, c.sendResolved)
                case "http_config": c.httpConfig = try d.httpConfig(value)
                case "api_url": c.apiURL = try d.httpURL(value, c.apiURL)
                case "bot_token": c.botToken = d.secret(value, c.botToken)
                case "chat_id": c.chatID = d.int64(value) ?? c.chatID
                case "message": c.message = d.string(value, c.message)
                case "disable_notifications": c.disableNotifications = d.bool(value, c.disableNotifications)
                case "parse_mode": c.parseMode = d.string(value, c.parseMode)
                default: return false
                }
                return true
            }
        }
        guard clean else { return c }
        if c.botToken.isEmpty { throw ConfigError("missing bot_token on telegram_config") }
        if c.chatID == 0 { throw ConfigError("missing chat_id on telegram_config") }
        if !["", "Markdown", "MarkdownV2", "HTML"].contains(c.parseMode) {
            throw ConfigError("unknown parse_mode on telegram_config, must be Markdown, MarkdownV2, HTML or empty string")
        }
        return c
    }

    var rendered: YAMLRender {
        var out = YAMLRender()
        out.bool("send_resolved", sendResolved)
        if let httpConfig { out.mapping("http_config", httpConfig.rendered, omitEmpty: false) }
        out.add("api_url", apiURL.map { YAMLRender.string($0.description) } ?? YAMLRender.null)
        out.secret("bot_token", botToken)
        out.int("chat_id", chatID, omitEmpty: true)
        out.string("message", message)
        out.bool("disable_notifications", disableNotifications, omitEmpty: true)
        out.string("parse_mode", parseMode)
        return out
    }
}
