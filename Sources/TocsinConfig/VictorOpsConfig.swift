import Yams

/// `victorops_configs`: sends to VictorOps' REST endpoint.
public struct VictorOpsConfig: Sendable, Hashable {
    /// Custom field names that would clash with the fixed fields of the payload.
    static let reservedFields = ["routing_key", "message_type", "state_message", "entity_display_name", "monitoring_tool", "entity_id", "entity_state"]

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
    /// The routing key (required).
    public var routingKey = ""
    public var messageType = "CRITICAL"
    public var stateMessage = #"{{ template "victorops.default.state_message" . }}"#
    public var entityDisplayName = #"{{ template "victorops.default.entity_display_name" . }}"#
    public var monitoringTool = #"{{ template "victorops.default.monitoring_tool" . }}"#
    public var customFields: [String: String] = [:]

    static func decode(_ node: Node, _ d: StrictDecoder) throws(ConfigError) -> VictorOpsConfig {
        var c = VictorOpsConfig()
        let clean = try d.decodeObject { () throws(ConfigError) in
            try d.fields(node, "config.plain") { (key, value) throws(ConfigError) in
                switch key {
                case "send_resolved": c.sendResolved = d.bool(value, c.sendResolved)
                case "http_config": c.httpConfig = try d.httpConfig(value)
                case "api_key": c.apiKey = d.secret(value, c.apiKey)
                case "api_key_file": c.apiKeyFile = d.string(value, c.apiKeyFile)
                case "api_url": c.apiURL = try d.httpURL(value, c.apiURL)
                case "routing_key": c.routingKey = d.string(value, c.routingKey)
                case "message_type": c.messageType = d.string(value, c.messageType)
                case "state_message": c.stateMessage = d.string(value, c.stateMessage)
                case "entity_display_name": c.entityDisplayName = d.string(value, c.entityDisplayName)
                case "monitoring_tool": c.monitoringTool = d.string(value, c.monitoringTool)
                case "custom_fields": c.customFields = d.stringMap(value, c.customFields)
                default: return false
                }
                return true
            }
        }
        guard clean else { return c }
        if c.routingKey.isEmpty { throw ConfigError("missing Routing key in VictorOps config") }
        if !c.apiKey.isEmpty && !c.apiKeyFile.isEmpty {
            throw ConfigError("at most one of api_key & api_key_file must be configured")
        }
        for field in reservedFields where c.customFields[field] != nil {
            throw ConfigError("victorOps config contains custom field \(field) which cannot be used as it conflicts with the fixed/static fields")
        }
        return c
    }

    var rendered: YAMLRender {
        var out = YAMLRender()
        out.bool("send_resolved", sendResolved)
        if let httpConfig { out.mapping("http_config", httpConfig.rendered, omitEmpty: false) }
        out.secret("api_key", apiKey)
        out.string("api_key_file", apiKeyFile)
        out.add("api_url", apiURL.map { YAMLRender.string($0.description) } ?? YAMLRender.null)
        out.string("routing_key", routingKey, omitEmpty: false)
        out.string("message_type", messageType, omitEmpty: false)
        out.string("state_message", stateMessage, omitEmpty: false)
        out.string("entity_display_name", entityDisplayName, omitEmpty: false)
        out.string("monitoring_tool", monitoringTool, omitEmpty: false)
        out.stringMap("custom_fields", customFields)
        return out
    }
}
