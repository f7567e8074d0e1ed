import Yams

/// A named receiver and its integrations; routes refer to it by name.
///
/// A receiver with no integrations is valid and drops what it gets, as in Alertmanager.
public struct Receiver: Sendable, Hashable {
    /// The unique name.
    public var name = ""
    public var discordConfigs: [DiscordConfig] = []
    public var emailConfigs: [EmailConfig] = []
    public var pagerdutyConfigs: [PagerdutyConfig] = []
    public var slackConfigs: [SlackConfig] = []
    public var webhookConfigs: [WebhookConfig] = []
    public var opsGenieConfigs: [OpsGenieConfig] = []
    public var wechatConfigs: [WechatConfig] = []
    public var pushoverConfigs: [PushoverConfig] = []
    public var victorOpsConfigs: [VictorOpsConfig] = []
    public var snsConfigs: [SNSConfig] = []
    public var telegramConfigs: [TelegramConfig] = []
    public var webexConfigs: [WebexConfig] = []
    public var msTeamsConfigs: [MSTeamsConfig] = []

    /// A receiver with only a name.
    public init(name: String) {
        self.name = name
    }

    static func decode(_ node: Node, _ d: StrictDecoder) throws(ConfigError) -> Receiver {
        var r = Receiver(name: "")
        func configs<T>(_ value: Node, _ goType: String, _ decode: (Node, StrictDecoder) throws(ConfigError) -> T) throws(ConfigError) -> [T]? {
            try d.list(value, "[]*config.\(goType)") { (item) throws(ConfigError) in
                StrictDecoder.isNull(item) ? nil : try decode(item, d)
            }
        }
        let clean = try d.decodeObject { () throws(ConfigError) in
            try d.fields(node, "config.plain") { (key, value) throws(ConfigError) in
                switch key {
                case "name": r.name = d.string(value, r.name)
                case "discord_configs": r.discordConfigs = try configs(value, "DiscordConfig", DiscordConfig.decode) ?? r.discordConfigs
                case "email_configs": r.emailConfigs = try configs(value, "EmailConfig", EmailConfig.decode) ?? r.emailConfigs
                case "pagerduty_configs": r.pagerdutyConfigs = try configs(value, "PagerdutyConfig", PagerdutyConfig.decode) ?? r.pagerdutyConfigs
                case "slack_configs": r.slackConfigs = try configs(value, "SlackConfig", SlackConfig.decode) ?? r.slackConfigs
                case "webhook_configs": r.webhookConfigs = try configs(value, "WebhookConfig", WebhookConfig.decode) ?? r.webhookConfigs
                case "opsgenie_configs": r.opsGenieConfigs = try configs(value, "OpsGenieConfig", OpsGenieConfig.decode) ?? r.opsGenieConfigs
                case "wechat_configs": r.wechatConfigs = try configs(value, "WechatConfig", WechatConfig.decode) ?? r.wechatConfigs
                case "pushover_configs": r.pushoverConfigs = try configs(value, "PushoverConfig", PushoverConfig.decode) ?? r.pushoverConfigs
                case "victorops_configs": r.victorOpsConfigs = try configs(value, "VictorOpsConfig", VictorOpsConfig.decode) ?? r.victorOpsConfigs
                case "sns_configs": r.snsConfigs = try configs(value, "SNSConfig", SNSConfig.decode) ?? r.snsConfigs
                case "telegram_configs": r.telegramConfigs = try configs(value, "TelegramConfig", TelegramConfig.decode) ?? r.telegramConfigs
                case "webex_configs": r.webexConfigs = try configs(value, "WebexConfig", WebexConfig.decode) ?? r.webexConfigs
                case "msteams_configs": r.msTeamsConfigs = try configs(value, "MSTeamsConfig", MSTeamsConfig.decode) ?? r.msTeamsConfigs
                default: return false
                }
                return true
            }
        }
        if clean, r.name.isEmpty { throw ConfigError("missing name in receiver") }
        return r
    }

    /// Joins relative file names in every integration's `http_config` to the config's directory.
    mutating func resolvePaths(against directory: String) {
        func fix(_ config: inout HTTPClientConfig?) { config?.resolvePaths(against: directory) }
        for i in opsGenieConfigs.indices { fix(&opsGenieConfigs[i].httpConfig) }
        for i in pagerdutyConfigs.indices { fix(&pagerdutyConfigs[i].httpConfig) }
        for i in pushoverConfigs.indices { fix(&pushoverConfigs[i].httpConfig) }
        for i in slackConfigs.indices { fix(&slackConfigs[i].httpConfig) }
        for i in victorOpsConfigs.indices { fix(&victorOpsConfigs[i].httpConfig) }
        for i in webhookConfigs.indices { fix(&webhookConfigs[i].httpConfig) }
        for i in wechatConfigs.indices { fix(&wechatConfigs[i].httpConfig) }
        for i in snsConfigs.indices { fix(&snsConfigs[i].httpConfig) }
        for i in telegramConfigs.indices { fix(&telegramConfigs[i].httpConfig) }
        for i in discordConfigs.indices { fix(&discordConfigs[i].httpConfig) }
        for i in webexConfigs.indices { fix(&webexConfigs[i].httpConfig) }
        for i in msTeamsConfigs.indices { fix(&msTeamsConfigs[i].httpConfig) }
    }

    func rendered(usedByRoute: Bool) -> Node {
        var out = YAMLRender()
        out.string("name", name, omitEmpty: false)
        out.list("discord_configs", discordConfigs.map { $0.rendered.node })
        out.list("email_configs", emailConfigs.map { $0.rendered(withDefaultHeaders: usedByRoute).node })
        out.list("pagerduty_configs", pagerdutyConfigs.map { $0.rendered.node })
        out.list("slack_configs", slackConfigs.map { $0.rendered.node })
        out.list("webhook_configs", webhookConfigs.map { $0.rendered.node })
        out.list("opsgenie_configs", opsGenieConfigs.map { $0.rendered.node })
        out.list("wechat_configs", wechatConfigs.map { $0.rendered.node })
        out.list("pushover_configs", pushoverConfigs.map { $0.rendered.node })
        out.list("victorops_configs", victorOpsConfigs.map { $0.rendered.node })
        out.list("sns_configs", snsConfigs.map { $0.rendered.node })
        out.list("telegram_configs", telegramConfigs.map { $0.rendered.node })
        out.list("webex_configs", webexConfigs.map { $0.rendered.node })
        out.list("msteams_configs", msTeamsConfigs.map { $0.rendered.node })
        return out.node
    }
}
