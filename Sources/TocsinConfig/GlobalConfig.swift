import Yams

/// The `global` block: defaults that receivers fall back on, and the resolve timeout.
///
/// Built from Alertmanager's `DefaultGlobalConfig()`; an empty or absent `global:` gives exactly those
/// defaults.
public struct GlobalConfig: Sendable, Hashable {
    /// How long an alert without `endsAt` stays firing after its last update (default 5m).
    public var resolveTimeout = PrometheusDuration(milliseconds: 300_000)
    /// The HTTP settings every integration without its own `http_config` uses.
    public var httpConfig: HTTPClientConfig? = HTTPClientConfig()
    public var smtpFrom = ""
    public var smtpHello = "localhost"
    public var smtpSmarthost = HostPort(host: "", port: "")
    public var smtpAuthUsername = ""
    public var smtpAuthPassword = Secret("")
    public var smtpAuthPasswordFile = ""
    public var smtpAuthSecret = Secret("")
    public var smtpAuthIdentity = ""
    public var smtpRequireTLS = true
    public var slackAPIURL: SecretURL?
    public var slackAPIURLFile = ""
    public var pagerdutyURL: ConfigURL? = try? ConfigURL(parsingHTTP: "https://events.pagerduty.com/v2/enqueue")
    public var opsGenieAPIURL: ConfigURL? = try? ConfigURL(parsingHTTP: "https://api.opsgenie.com/")
    public var opsGenieAPIKey = Secret("")
    public var opsGenieAPIKeyFile = ""
    public var weChatAPIURL: ConfigURL? = try? ConfigURL(parsingHTTP: "https://qyapi.weixin.qq.com/cgi-bin/")
    public var weChatAPISecret = Secret("")
    public var weChatAPICorpID = ""
    public var victorOpsAPIURL: ConfigURL? = try? ConfigURL(
        parsingHTTP: "https://alert.victorops.com/integrations/generic/20131114/alert/")
    public var victorOpsAPIKey = Secret("")
    public var victorOpsAPIKeyFile = ""
    public var telegramAPIURL: ConfigURL? = try? ConfigURL(parsingHTTP: "https://api.telegram.org")
    public var webexAPIURL: ConfigURL? = try? ConfigURL(parsingHTTP: "https://webexapis.com/v1/messages")

    /// Alertmanager's defaults.
    public init() {}

    static func decode(_ node: Node, _ d: StrictDecoder) throws(ConfigError) -> GlobalConfig {
        var c = GlobalConfig()
        try d.fields(node, "config.plain") { (key, value) throws(ConfigError) in
            switch key {
            case "resolve_timeout":
                c.resolveTimeout = try d.duration(value, c.resolveTimeout) ?? PrometheusDuration(milliseconds: 0)
            case "http_config": c.httpConfig = try d.httpConfig(value)
            case "smtp_from": c.smtpFrom = d.string(value, c.smtpFrom)
            case "smtp_hello": c.smtpHello = d.string(value, c.smtpHello)
            case "smtp_smarthost":
                if let text = d.customText(value) {
                    c.smtpSmarthost = try text.flatMap { (text) throws(ConfigError) in text.isEmpty ? nil : try HostPort(parsing: text) }
                        ?? HostPort(host: "", port: "")
                }
            case "smtp_auth_username": c.smtpAuthUsername = d.string(value, c.smtpAuthUsername)
            case "smtp_auth_password": c.smtpAuthPassword = d.secret(value, c.smtpAuthPassword)
            case "smtp_auth_password_file": c.smtpAuthPasswordFile = d.string(value, c.smtpAuthPasswordFile)
            case "smtp_auth_secret": c.smtpAuthSecret = d.secret(value, c.smtpAuthSecret)
            case "smtp_auth_identity": c.smtpAuthIdentity = d.string(value, c.smtpAuthIdentity)
            case "smtp_require_tls": c.smtpRequireTLS = d.bool(value, c.smtpRequireTLS)
            case "slack_api_url": c.slackAPIURL = try d.secretURL(value, c.slackAPIURL)
            case "slack_api_url_file": c.slackAPIURLFile = d.string(value, c.slackAPIURLFile)
            case "pagerduty_url": c.pagerdutyURL = try d.httpURL(value, c.pagerdutyURL)
            case "opsgenie_api_url": c.opsGenieAPIURL = try d.httpURL(value, c.opsGenieAPIURL)
            case "opsgenie_api_key": c.opsGenieAPIKey = d.secret(value, c.opsGenieAPIKey)
            case "opsgenie_api_key_file": c.opsGenieAPIKeyFile = d.string(value, c.opsGenieAPIKeyFile)
            case "wechat_api_url": c.weChatAPIURL = try d.httpURL(value, c.weChatAPIURL)
            case "wechat_api_secret": c.weChatAPISecret = d.secret(value, c.weChatAPISecret)
            case "wechat_api_corp_id": c.weChatAPICorpID = d.string(value, c.weChatAPICorpID)
            case "victorops_api_url": c.victorOpsAPIURL = try d.httpURL(value, c.victorOpsAPIURL)
            case "victorops_api_key": c.victorOpsAPIKey = d.secret(value, c.victorOpsAPIKey)
            case "victorops_api_key_file": c.victorOpsAPIKeyFile = d.string(value, c.victorOpsAPIKeyFile)
            case "telegram_api_url": c.telegramAPIURL = try d.httpURL(value, c.telegramAPIURL)
            case "webex_api_url": c.webexAPIURL = try d.httpURL(value, c.webexAPIURL)
            default: return false
            }
            return true
        }
        return c
    }

    var rendered: YAMLRender {
        var out = YAMLRender()
        out.string("resolve_timeout", resolveTimeout.description, omitEmpty: false)
        if let httpConfig { out.mapping("http_config", httpConfig.rendered, omitEmpty: false) }
        out.string("smtp_from", smtpFrom)
        out.string("smtp_hello", smtpHello)
        out.string("smtp_smarthost", smtpSmarthost.description)
        out.string("smtp_auth_username", smtpAuthUsername)
        out.secret("smtp_auth_password", smtpAuthPassword)
        out.string("smtp_auth_password_file", smtpAuthPasswordFile)
        out.secret("smtp_auth_secret", smtpAuthSecret)
        out.string("smtp_auth_identity", smtpAuthIdentity)
        out.bool("smtp_require_tls", smtpRequireTLS)
        if slackAPIURL != nil { out.string("slack_api_url", Secret.mask) }
        out.string("slack_api_url_file", slackAPIURLFile)
        if let pagerdutyURL { out.string("pagerduty_url", pagerdutyURL.description) }
        if let opsGenieAPIURL { out.string("opsgenie_api_url", opsGenieAPIURL.description) }
        out.secret("opsgenie_api_key", opsGenieAPIKey)
        out.string("opsgenie_api_key_file", opsGenieAPIKeyFile)
        if let weChatAPIURL { out.string("wechat_api_url", weChatAPIURL.description) }
        out.secret("wechat_api_secret", weChatAPISecret)
        out.string("wechat_api_corp_id", weChatAPICorpID)
        if let victorOpsAPIURL { out.string("victorops_api_url", victorOpsAPIURL.description) }
        out.secret("victorops_api_key", victorOpsAPIKey)
        out.string("victorops_api_key_file", victorOpsAPIKeyFile)
        if let telegramAPIURL { out.string("telegram_api_url", telegramAPIURL.description) }
        if let webexAPIURL { out.string("webex_api_url", webexAPIURL.description) }
        return out
    }
}
