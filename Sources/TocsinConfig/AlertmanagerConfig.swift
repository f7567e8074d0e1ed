import TocsinModel
import Foundation
import Yams

/// A loaded and validated alertmanager.yml.
///
/// Loading accepts exactly what Alertmanager 0.25's `config.Load` accepts, with the same messages:
/// strict keys, every type's checks, the global fallbacks applied to receivers (`no global SMTP smarthost
/// set` ...), unique receiver and time-interval names, and a root route that is well formed and refers
/// only to defined receivers and intervals. Once loaded, every receiver is complete, so consumers never
/// consult `global` again.
public struct AlertmanagerConfig: Sendable {
    /// The global block; Alertmanager's defaults when absent or empty.
    public var global = GlobalConfig()
    /// The root route as written.
    public var route = RouteConfig()
    public var inhibitRules: [InhibitRule] = []
    public var receivers: [Receiver] = []
    /// Template file globs, joined to the config directory when loaded from a file.
    public var templates: [String] = []
    /// Deprecated `mute_time_intervals` (one name space with `time_intervals`).
    public var muteTimeIntervals: [NamedTimeInterval] = []
    public var timeIntervals: [NamedTimeInterval] = []
    /// The file text the config came from.
    public var originalText = ""

    /// Parses and validates config text. Relative paths stay as written (use `load(file:)` for files).
    public static func load(_ text: String) throws(ConfigError) -> AlertmanagerConfig {
        let decoder = StrictDecoder()
        guard let root = try StrictDecoder.parse(text), !StrictDecoder.isNull(root) else {
            throw ConfigError("no route provided in config")
        }
        var config = AlertmanagerConfig()
        var sawRoute = false
        let clean = try decoder.decodeObject { () throws(ConfigError) in
            try decoder.fields(root, "config.plain") { (key, value) throws(ConfigError) in
                switch key {
                case "global":
                    config.global = StrictDecoder.isNull(value) ? GlobalConfig() : try GlobalConfig.decode(value, decoder)
                case "route":
                    sawRoute = !StrictDecoder.isNull(value)
                    config.route = sawRoute ? try RouteConfig.decode(value, decoder) : RouteConfig()
                case "inhibit_rules":
                    config.inhibitRules = try decoder.list(value, "[]*config.InhibitRule") { (item) throws(ConfigError) in
                        StrictDecoder.isNull(item) ? nil : try InhibitRule.decode(item, decoder)
                    } ?? config.inhibitRules
                case "receivers":
                    config.receivers = try decoder.list(value, "[]*config.Receiver") { (item) throws(ConfigError) in
                        StrictDecoder.isNull(item) ? nil : try Receiver.decode(item, decoder)
                    } ?? config.receivers
                case "templates": config.templates = decoder.stringList(value, config.templates)
                case "mute_time_intervals":
                    config.muteTimeIntervals = try decoder.list(value, "[]config.MuteTimeInterval") { (item) throws(ConfigError) in
                        // A null element is a zero value whose unmarshaler (and its name check) never runs.
                        StrictDecoder.isNull(item) ? NamedTimeInterval(name: "", timeIntervals: [])
                            : try NamedTimeInterval.decode(item, decoder, missingName: "missing name in mute time interval")
                    } ?? config.muteTimeIntervals
                case "time_intervals":
                    config.timeIntervals = try decoder.list(value, "[]config.TimeInterval") { (item) throws(ConfigError) in
                        StrictDecoder.isNull(item) ? NamedTimeInterval(name: "", timeIntervals: [])
                            : try NamedTimeInterval.decode(item, decoder, missingName: "missing name in time interval")
                    } ?? config.timeIntervals
                default: return false
                }
                return true
            }
        }
        if !clean {
            throw ConfigError("yaml: unmarshal errors:\n  " + decoder.typeErrors.joined(separator: "\n  "))
        }
        try config.applyGlobalsAndCheck(hasRoute: sawRoute)
        if config.route.continue { throw ConfigError("cannot have continue in root route") }
        config.originalText = text
        return config
    }

    /// Reads, parses and validates a config file, then joins relative paths (templates and every
    /// `http_config` file) to the file's directory, as `config.LoadFile` does.
    public static func load(file path: String) throws(ConfigError) -> AlertmanagerConfig {
        var config = try load(String(decoding: try ConfigPath.read(path), as: UTF8.self))
        config.resolvePaths(against: ConfigPath.directory(of: path))
        return config
    }

    mutating func resolvePaths(against directory: String) {
        templates = templates.map { ConfigPath.join(directory, $0) }
        global.httpConfig?.resolvePaths(against: directory)
        for i in receivers.indices { receivers[i].resolvePaths(against: directory) }
    }

    // Config.UnmarshalYAML after the plain decode: the global fallbacks, then the tree-wide checks,
    // in Alertmanager's order so the first error reported is the same.
    private mutating func applyGlobalsAndCheck(hasRoute: Bool) throws(ConfigError) {
        let g = global
        if g.slackAPIURL != nil && !g.slackAPIURLFile.isEmpty {
            throw ConfigError("at most one of slack_api_url & slack_api_url_file must be configured")
        }
        if !g.opsGenieAPIKey.isEmpty && !g.opsGenieAPIKeyFile.isEmpty {
            throw ConfigError("at most one of opsgenie_api_key & opsgenie_api_key_file must be configured")
        }
        if !g.victorOpsAPIKey.isEmpty && !g.victorOpsAPIKeyFile.isEmpty {
            throw ConfigError("at most one of victorops_api_key & victorops_api_key_file must be configured")
        }
        if !g.smtpAuthPassword.isEmpty && !g.smtpAuthPasswordFile.isEmpty {
            throw ConfigError("at most one of smtp_auth_password & smtp_auth_password_file must be configured")
        }
        var names = Set<String>()
        for index in receivers.indices {
            var r = receivers[index]
            if names.contains(r.name) { throw ConfigError("notification config name \(GoQuote.quote(r.name)) is not unique") }
            for i in r.webhookConfigs.indices where r.webhookConfigs[i].httpConfig == nil {
                r.webhookConfigs[i].httpConfig = g.httpConfig
            }
            for i in r.emailConfigs.indices {
                var c = r.emailConfigs[i]
                if c.smarthost.description.isEmpty {
                    if g.smtpSmarthost.description.isEmpty { throw ConfigError("no global SMTP smarthost set") }
                    c.smarthost = g.smtpSmarthost
                }
                if c.from.isEmpty {
                    if g.smtpFrom.isEmpty { throw ConfigError("no global SMTP from set") }
                    c.from = g.smtpFrom
                }
                if c.hello.isEmpty { c.hello = g.smtpHello }
                if c.authUsername.isEmpty { c.authUsername = g.smtpAuthUsername }
                if c.authPassword.isEmpty && c.authPasswordFile.isEmpty {
                    c.authPassword = g.smtpAuthPassword
                    c.authPasswordFile = g.smtpAuthPasswordFile
                }
                if c.authSecret.isEmpty { c.authSecret = g.smtpAuthSecret }
                if c.authIdentity.isEmpty { c.authIdentity = g.smtpAuthIdentity }
                if c.requireTLS == nil { c.requireTLS = g.smtpRequireTLS }
                r.emailConfigs[i] = c
            }
            for i in r.slackConfigs.indices {
                var c = r.slackConfigs[i]
                if c.httpConfig == nil { c.httpConfig = g.httpConfig }
                if c.apiURL == nil && c.apiURLFile.isEmpty {
                    if g.slackAPIURL == nil && g.slackAPIURLFile.isEmpty {
                        throw ConfigError("no global Slack API URL set either inline or in a file")
                    }
                    c.apiURL = g.slackAPIURL
                    c.apiURLFile = g.slackAPIURLFile
                }
                r.slackConfigs[i] = c
            }
            for i in r.pushoverConfigs.indices where r.pushoverConfigs[i].httpConfig == nil {
                r.pushoverConfigs[i].httpConfig = g.httpConfig
            }
            for i in r.pagerdutyConfigs.indices {
                var c = r.pagerdutyConfigs[i]
                if c.httpConfig == nil { c.httpConfig = g.httpConfig }
                if c.url == nil {
                    guard let url = g.pagerdutyURL else { throw ConfigError("no global PagerDuty URL set") }
                    c.url = url
                }
                r.pagerdutyConfigs[i] = c
            }
            for i in r.opsGenieConfigs.indices {
                var c = r.opsGenieConfigs[i]
                if c.httpConfig == nil { c.httpConfig = g.httpConfig }
                if c.apiURL == nil {
                    guard let url = g.opsGenieAPIURL else { throw ConfigError("no global OpsGenie URL set") }
                    c.apiURL = url
                }
                c.apiURL = c.apiURL?.withTrailingSlash()
                if c.apiKey.isEmpty && c.apiKeyFile.isEmpty {
                    if g.opsGenieAPIKey.isEmpty && g.opsGenieAPIKeyFile.isEmpty {
                        throw ConfigError("no global OpsGenie API Key set either inline or in a file")
                    }
                    c.apiKey = g.opsGenieAPIKey
                    c.apiKeyFile = g.opsGenieAPIKeyFile
                }
                r.opsGenieConfigs[i] = c
            }
            for i in r.wechatConfigs.indices {
                var c = r.wechatConfigs[i]
                if c.httpConfig == nil { c.httpConfig = g.httpConfig }
                if c.apiURL == nil {
                    guard let url = g.weChatAPIURL else { throw ConfigError("no global Wechat URL set") }
                    c.apiURL = url
                }
                if c.apiSecret.isEmpty {
                    if g.weChatAPISecret.isEmpty { throw ConfigError("no global Wechat ApiSecret set") }
                    c.apiSecret = g.weChatAPISecret
                }
                if c.corpID.isEmpty {
                    if g.weChatAPICorpID.isEmpty { throw ConfigError("no global Wechat CorpID set") }
                    c.corpID = g.weChatAPICorpID
                }
                c.apiURL = c.apiURL?.withTrailingSlash()
                r.wechatConfigs[i] = c
            }
            for i in r.victorOpsConfigs.indices {
                var c = r.victorOpsConfigs[i]
                if c.httpConfig == nil { c.httpConfig = g.httpConfig }
                if c.apiURL == nil {
                    guard let url = g.victorOpsAPIURL else { throw ConfigError("no global VictorOps URL set") }
                    c.apiURL = url
                }
                c.apiURL = c.apiURL?.withTrailingSlash()
                if c.apiKey.isEmpty && c.apiKeyFile.isEmpty {
                    if g.victorOpsAPIKey.isEmpty && g.victorOpsAPIKeyFile.isEmpty {
                        throw ConfigError("no global VictorOps API Key set")
                    }
                    c.apiKey = g.victorOpsAPIKey
                    c.apiKeyFile = g.victorOpsAPIKeyFile
                }
                r.victorOpsConfigs[i] = c
            }
            for i in r.snsConfigs.indices where r.snsConfigs[i].httpConfig == nil {
                r.snsConfigs[i].httpConfig = g.httpConfig
            }
            for i in r.telegramConfigs.indices {
                if r.telegramConfigs[i].httpConfig == nil { r.telegramConfigs[i].httpConfig = g.httpConfig }
                if r.telegramConfigs[i].apiURL == nil { r.telegramConfigs[i].apiURL = g.telegramAPIURL }
            }
            for i in r.discordConfigs.indices {
                if r.discordConfigs[i].httpConfig == nil { r.discordConfigs[i].httpConfig = g.httpConfig }
                if r.discordConfigs[i].webhookURL == nil { throw ConfigError("no discord webhook URL provided") }
            }
            for i in r.webexConfigs.indices {
                var c = r.webexConfigs[i]
                if c.httpConfig == nil { c.httpConfig = g.httpConfig }
                if c.apiURL == nil {
                    guard let url = g.webexAPIURL else { throw ConfigError("no global Webex URL set") }
                    c.apiURL = url
                }
                r.webexConfigs[i] = c
            }
            for i in r.msTeamsConfigs.indices {
                if r.msTeamsConfigs[i].httpConfig == nil { r.msTeamsConfigs[i].httpConfig = g.httpConfig }
                if r.msTeamsConfigs[i].webhookURL == nil { throw ConfigError("no msteams webhook URL provided") }
            }
            names.insert(r.name)
            receivers[index] = r
        }
        guard hasRoute else { throw ConfigError("no routes provided") }
        if route.receiver.isEmpty { throw ConfigError("root route must specify a default receiver") }
        if route.hasMatchers { throw ConfigError("root route must not have any matchers") }
        if !route.muteTimeIntervals.isEmpty { throw ConfigError("root route must not have any mute time intervals") }
        if !route.activeTimeIntervals.isEmpty { throw ConfigError("root route must not have any active time intervals") }
        try Self.checkReceivers(route, names)
        var intervalNames = Set<String>()
        for interval in muteTimeIntervals {
            if !intervalNames.insert(interval.name).inserted {
                throw ConfigError("mute time interval \(GoQuote.quote(interval.name)) is not unique")
            }
        }
        for interval in timeIntervals {
            if !intervalNames.insert(interval.name).inserted {
                throw ConfigError("time interval \(GoQuote.quote(interval.name)) is not unique")
            }
        }
        try Self.checkTimeIntervals(route, intervalNames)
    }

    // Children first, then the node itself (config.checkReceiver).
    private static func checkReceivers(_ route: RouteConfig, _ names: Set<String>) throws(ConfigError) {
        for child in route.routes { try checkReceivers(child, names) }
        if !route.receiver.isEmpty && !names.contains(route.receiver) {
            throw ConfigError("undefined receiver \(GoQuote.quote(route.receiver)) used in route")
        }
    }

    private static func checkTimeIntervals(_ route: RouteConfig, _ names: Set<String>) throws(ConfigError) {
        for child in route.routes { try checkTimeIntervals(child, names) }
        for name in route.activeTimeIntervals + route.muteTimeIntervals where !names.contains(name) {
            throw ConfigError("undefined time interval \(GoQuote.quote(name)) used in route")
        }
    }

    /// The named time intervals by name (both kinds), for the time-interval stages.
    public var namedTimeIntervals: [String: NamedTimeInterval] {
        var out: [String: NamedTimeInterval] = [:]
        for interval in muteTimeIntervals + timeIntervals { out[interval.name] = interval }
        return out
    }

    /// The receiver with the given name.
    public func receiver(named name: String) -> Receiver? {
        receivers.first { $0.name == name }
    }

    /// The config as Alertmanager prints it in `config.original` of `/api/v2/status` and in
    /// `amtool config show`: yaml.v2's marshalling, with secrets as `<secret>`.
    public var renderedYAML: String {
        var out = YAMLRender()
        out.mapping("global", global.rendered, omitEmpty: false)
        out.add("route", route.rendered)
        out.list("inhibit_rules", inhibitRules.map(\.rendered))
        var used = Set<String>()
        Route(config: self).walk { used.insert($0.receiver) }
        out.list("receivers", receivers.map { $0.rendered(usedByRoute: used.contains($0.name)) })
        out.add("templates", Node(templates.map(YAMLRender.string)))
        out.list("mute_time_intervals", muteTimeIntervals.map(\.rendered))
        out.list("time_intervals", timeIntervals.map(\.rendered))
        return YAMLRender.emit(out.node)
    }
}
