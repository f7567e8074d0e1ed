import Yams

/// `slack_configs`: posts to a Slack incoming webhook (or chat.postMessage) URL.
public struct SlackConfig: Sendable, Hashable {
    /// An attachment field.
    public struct Field: Sendable, Hashable {
        public var title = "", value = ""
        public var short: Bool?
    }

    /// A confirmation dialog on an action button.
    public struct Confirmation: Sendable, Hashable {
        public var text = "", title = "", okText = "", dismissText = ""
    }

    /// An action button; a URL button drops name, value and confirm, as Alertmanager does.
    public struct Action: Sendable, Hashable {
        public var type = "", text = "", url = "", style = "", name = "", value = ""
        public var confirm: Confirmation?
    }

    /// Whether resolved notifications are sent (default false).
    public var sendResolved = false
    /// HTTP settings; the global `http_config` when not given.
    public var httpConfig: HTTPClientConfig?
    /// The webhook URL; `slack_api_url` when neither it nor `apiURLFile` is given.
    public var apiURL: SecretURL?
    /// File holding the webhook URL, read when sending.
    public var apiURLFile = ""
    public var channel = ""
    public var username = #"{{ template "slack.default.username" . }}"#
    public var color = #"{{ if eq .Status "firing" }}danger{{ else }}good{{ end }}"#
    public var title = #"{{ template "slack.default.title" . }}"#
    public var titleLink = #"{{ template "slack.default.titlelink" . }}"#
    public var pretext = #"{{ template "slack.default.pretext" . }}"#
    public var text = #"{{ template "slack.default.text" . }}"#
    public var fields: [Field] = []
    public var shortFields = false
    public var footer = #"{{ template "slack.default.footer" . }}"#
    public var fallback = #"{{ template "slack.default.fallback" . }}"#
    public var callbackID = #"{{ template "slack.default.callbackid" . }}"#
    public var iconEmoji = #"{{ template "slack.default.iconemoji" . }}"#
    public var iconURL = #"{{ template "slack.default.iconurl" . }}"#
    public var imageURL = ""
    public var thumbURL = ""
    public var linkNames = false
    public var mrkdwnIn: [String] = []
    public var actions: [Action] = []

    static func decode(_ node: Node, _ d: StrictDecoder) throws(ConfigError) -> SlackConfig {
        var c = SlackConfig()
        let clean = try d.decodeObject { () throws(ConfigError) in
            try d.fields(node, "config.plain") { (key, value) throws(ConfigError) in
                switch key {
                case "send_resolved": c.sendResolved = d.bool(value, c.sendResolved)
                case "http_config": c.httpConfig = try d.httpConfig(value)
                case "api_url": c.apiURL = try d.secretURL(value, c.apiURL)
                case "api_url_file": c.apiURLFile = d.string(value, c.apiURLFile)
                case "channel": c.channel = d.string(value, c.channel)
                case "username": c.username = d.string(value, c.username)
                case "color": c.color = d.string(value, c.color)
                case "title": c.title = d.string(value, c.title)
                case "title_link": c.titleLink = d.string(value, c.titleLink)
                case "pretext": c.pretext = d.string(value, c.pretext)
                case "text": c.text = d.string(value, c.text)
                case "fields": c.fields = try d.list(value, "[]*config.SlackField") { (item) throws(ConfigError) in try decodeField(item, d) } ?? c.fields
                case "short_fields": c.shortFields = d.bool(value, c.shortFields)
                case "footer": c.footer = d.string(value, c.footer)
                case "fallback": c.fallback = d.string(value, c.fallback)
                case "callback_id": c.callbackID = d.string(value, c.callbackID)
                case "icon_emoji": c.iconEmoji = d.string(value, c.iconEmoji)
                case "icon_url": c.iconURL = d.string(value, c.iconURL)
                case "image_url": c.imageURL = d.string(value, c.imageURL)
                case "thumb_url": c.thumbURL = d.string(value, c.thumbURL)
                case "link_names": c.linkNames = d.bool(value, c.linkNames)
                case "mrkdwn_in": c.mrkdwnIn = d.stringList(value, c.mrkdwnIn)
                case "actions": c.actions = try d.list(value, "[]*config.SlackAction") { (item) throws(ConfigError) in try decodeAction(item, d) } ?? c.actions
                default: return false
                }
                return true
            }
        }
        if clean, c.apiURL != nil, !c.apiURLFile.isEmpty {
            throw ConfigError("at most one of api_url & api_url_file must be configured")
        }
        return c
    }

    private static func decodeField(_ node: Node, _ d: StrictDecoder) throws(ConfigError) -> Field? {
        if StrictDecoder.isNull(node) { return nil }
        var field = Field()
        let clean = try d.decodeObject { () throws(ConfigError) in
            try d.fields(node, "config.plain") { (key, value) throws(ConfigError) in
                switch key {
                case "title": field.title = d.string(value, field.title)
                case "value": field.value = d.string(value, field.value)
                case "short": field.short = StrictDecoder.isNull(value) ? nil : d.bool(value) ?? field.short
                default: return false
                }
                return true
            }
        }
        guard clean else { return field }
        if field.title.isEmpty { throw ConfigError("missing title in Slack field configuration") }
        if field.value.isEmpty { throw ConfigError("missing value in Slack field configuration") }
        return field
    }

    private static func decodeAction(_ node: Node, _ d: StrictDecoder) throws(ConfigError) -> Action? {
        if StrictDecoder.isNull(node) { return nil }
        var action = Action()
        let clean = try d.decodeObject { () throws(ConfigError) in
            try d.fields(node, "config.plain") { (key, value) throws(ConfigError) in
                switch key {
                case "type": action.type = d.string(value, action.type)
                case "text": action.text = d.string(value, action.text)
                case "url": action.url = d.string(value, action.url)
                case "style": action.style = d.string(value, action.style)
                case "name": action.name = d.string(value, action.name)
                case "value": action.value = d.string(value, action.value)
                case "confirm": action.confirm = try decodeConfirmation(value, d)
                default: return false
                }
                return true
            }
        }
        guard clean else { return action }
        if action.type.isEmpty { throw ConfigError("missing type in Slack action configuration") }
        if action.text.isEmpty { throw ConfigError("missing text in Slack action configuration") }
        if !action.url.isEmpty {
            action.name = ""
            action.value = ""
            action.confirm = nil
        } else if action.name.isEmpty {
            throw ConfigError("missing name or url in Slack action configuration")
        }
        return action
    }

    private static func decodeConfirmation(_ node: Node, _ d: StrictDecoder) throws(ConfigError) -> Confirmation? {
        if StrictDecoder.isNull(node) { return nil }
        var confirm = Confirmation()
        let clean = try d.decodeObject { () throws(ConfigError) in
            try d.fields(node, "config.plain") { (key, value) throws(ConfigError) in
                switch key {
                case "text": confirm.text = d.string(value, confirm.text)
                case "title": confirm.title = d.string(value, confirm.title)
                case "ok_text": confirm.okText = d.string(value, confirm.okText)
                case "dismiss_text": confirm.dismissText = d.string(value, confirm.dismissText)
                default: return false
                }
                return true
            }
        }
        if clean, confirm.text.isEmpty { throw ConfigError("missing text in Slack confirmation configuration") }
        return confirm
    }

    var rendered: YAMLRender {
        var out = YAMLRender()
        out.bool("send_resolved", sendResolved)
        if let httpConfig { out.mapping("http_config", httpConfig.rendered, omitEmpty: false) }
        if apiURL != nil { out.string("api_url", Secret.mask) }
        out.string("api_url_file", apiURLFile)
        out.string("channel", channel)
        out.string("username", username)
        out.string("color", color)
        out.string("title", title)
        out.string("title_link", titleLink)
        out.string("pretext", pretext)
        out.string("text", text)
        out.list("fields", fields.map { field in
            var item = YAMLRender()
            item.string("title", field.title)
            item.string("value", field.value)
            if let short = field.short { item.bool("short", short) }
            return item.node
        })
        out.bool("short_fields", shortFields)
        out.string("footer", footer)
        out.string("fallback", fallback)
        out.string("callback_id", callbackID)
        out.string("icon_emoji", iconEmoji)
        out.string("icon_url", iconURL)
        out.string("image_url", imageURL)
        out.string("thumb_url", thumbURL)
        out.bool("link_names", linkNames)
        out.stringList("mrkdwn_in", mrkdwnIn)
        out.list("actions", actions.map { action in
            var item = YAMLRender()
            item.string("type", action.type)
            item.string("text", action.text)
            item.string("url", action.url)
            item.string("style", action.style)
            item.string("name", action.name)
            item.string("value", action.value)
            if let confirm = action.confirm {
                var dialog = YAMLRender()
                dialog.string("text", confirm.text)
                dialog.string("title", confirm.title)
                dialog.string("ok_text", confirm.okText)
                dialog.string("dismiss_text", confirm.dismissText)
                item.mapping("confirm", dialog, omitEmpty: false)
            }
            return item.node
        })
        return out
    }
}
