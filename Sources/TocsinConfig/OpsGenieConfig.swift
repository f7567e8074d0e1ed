import Yams

/// `opsgenie_configs`: creates and closes OpsGenie alerts.
public struct OpsGenieConfig: Sendable, Hashable {
    /// Who gets the alert: at least one of id, name or username, and a type.
    public struct Responder: Sendable, Hashable, CustomStringConvertible {
        public var id = "", name = "", username = "", type = ""
        /// Go's `%v` of the struct, used in Alertmanager's messages.
        public var description: String { "{\(id) \(name) \(username) \(type)}" }
    }

    /// Whether resolved notifications are sent (default true).
    public var sendResolved = true
    /// HTTP settings; the global `http_config` when not given.
    public var httpConfig: HTTPClientConfig?
    /// The API key; the global key when neither it nor `apiKeyFile` is given.
    public var apiKey = Secret("")
    /// File holding the API key.
    public var apiKeyFile = ""
    /// The API base URL, ending in `/`.
    public var apiURL: ConfigURL?
    public var message = #"{{ template "opsgenie.default.message" . }}"#
    public var description = #"{{ template "opsgenie.default.description" . }}"#
    public var source = #"{{ template "opsgenie.default.source" . }}"#
    public var details: [String: String] = [:]
    public var entity = ""
    public var responders: [Responder] = []
    public var actions = "", tags = "", note = "", priority = ""
    public var updateAlerts = false

    static func decode(_ node: Node, _ d: StrictDecoder) throws(ConfigError) -> OpsGenieConfig {
        var c = OpsGenieConfig()
        let clean = try d.decodeObject { () throws(ConfigError) in
            try d.fields(node, "config.plain") { (key, value) throws(ConfigError) in
                switch key {
                case "send_resolved": c.sendResolved = d.bool(value, c.sendResolved)
                case "http_config": c.httpConfig = try d.httpConfig(value)
                case "api_key": c.apiKey = d.secret(value, c.apiKey)
                case "api_key_file": c.apiKeyFile = d.string(value, c.apiKeyFile)
                case "api_url": c.apiURL = try d.httpURL(value, c.apiURL)
                case "message": c.message = d.string(value, c.message)
                case "description": c.description = d.string(value, c.description)
                case "source": c.source = d.string(value, c.source)
                case "details": c.details = d.stringMap(value, c.details)
                case "entity": c.entity = d.string(value, c.entity)
                case "responders":
                    c.responders = try d.list(value, "[]config.OpsGenieConfigResponder") { (item) throws(ConfigError) in
                        var responder = Responder()
                        try d.fields(item, "config.OpsGenieConfigResponder") { (key, value) throws(ConfigError) in
                            switch key {
                            case "id": responder.id = d.string(value, responder.id)
                            case "name": responder.name = d.string(value, responder.name)
                            case "username": responder.username = d.string(value, responder.username)
                            case "type": responder.type = d.string(value, responder.type)
                            default: return false
                            }
                            return true
                        }
                        return responder
                    } ?? c.responders
                case "actions": c.actions = d.string(value, c.actions)
                case "tags": c.tags = d.string(value, c.tags)
                case "note": c.note = d.string(value, c.note)
                case "priority": c.priority = d.string(value, c.priority)
                case "update_alerts": c.updateAlerts = d.bool(value, c.updateAlerts)
                default: return false
                }
                return true
            }
        }
        guard clean else { return c }
        if !c.apiKey.isEmpty && !c.apiKeyFile.isEmpty {
            throw ConfigError("at most one of api_key & api_key_file must be configured")
        }
        let validTypes = "^(team|teams|user|escalation|schedule)$"
        for responder in c.responders {
            if responder.id.isEmpty && responder.username.isEmpty && responder.name.isEmpty {
                throw ConfigError("opsGenieConfig responder \(responder) has to have at least one of id, username or name specified")
            }
            // A templated type is checked when it is rendered (Alertmanager parses it as a Go template here).
            if responder.type.contains("{{") { continue }
            if !["team", "teams", "user", "escalation", "schedule"].contains(responder.type.lowercased()) {
                throw ConfigError("opsGenieConfig responder \(responder) type does not match valid options \(validTypes)")
            }
        }
        return c
    }

    var rendered: YAMLRender {
        var out = YAMLRender()
        out.bool("send_resolved", sendResolved)
        if let httpConfig { out.mapping("http_config", httpConfig.rendered, omitEmpty: false) }
        out.secret("api_key", apiKey)
        out.string("api_key_file", apiKeyFile)
        if let apiURL { out.string("api_url", apiURL.description) }
        out.string("message", message)
        out.string("description", description)
        out.string("source", source)
        out.stringMap("details", details)
        out.string("entity", entity)
        out.list("responders", responders.map { responder in
            var item = YAMLRender()
            item.string("id", responder.id)
            item.string("name", responder.name)
            item.string("username", responder.username)
            item.string("type", responder.type)
            return item.node
        })
        out.string("actions", actions)
        out.string("tags", tags)
        out.string("note", note)
        out.string("priority", priority)
        out.bool("update_alerts", updateAlerts, omitEmpty: true)
        return out
    }
}
