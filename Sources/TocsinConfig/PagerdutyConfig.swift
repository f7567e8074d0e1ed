import Yams

/// `pagerduty_configs`: Events API v2 (`routing_key`) or v1 (`service_key`).
public struct PagerdutyConfig: Sendable, Hashable {
    /// An image attached to the incident.
    public struct Image: Sendable, Hashable {
        public var src = "", alt = "", href = ""
    }

    /// A link attached to the incident.
    public struct Link: Sendable, Hashable {
        public var href = "", text = ""
    }

    /// Default `details` merged into every config (config.DefaultPagerdutyDetails).
    public static let defaultDetails: [String: String] = [
        "firing": #"{{ template "pagerduty.default.instances" .Alerts.Firing }}"#,
        "resolved": #"{{ template "pagerduty.default.instances" .Alerts.Resolved }}"#,
        "num_firing": "{{ .Alerts.Firing | len }}",
        "num_resolved": "{{ .Alerts.Resolved | len }}",
    ]

    /// Whether resolved notifications are sent (default true).
    public var sendResolved = true
    /// HTTP settings; the global `http_config` when not given.
    public var httpConfig: HTTPClientConfig?
    /// Events API v1 integration key.
    public var serviceKey = Secret("")
    /// File holding the v1 key.
    public var serviceKeyFile = ""
    /// Events API v2 routing key.
    public var routingKey = Secret("")
    /// File holding the v2 key.
    public var routingKeyFile = ""
    /// The API endpoint; `pagerduty_url` when not given.
    public var url: ConfigURL?
    public var client = #"{{ template "pagerduty.default.client" . }}"#
    public var clientURL = #"{{ template "pagerduty.default.clientURL" . }}"#
    public var description = #"{{ template "pagerduty.default.description" .}}"#
    /// Custom details, with the defaults merged in.
    public var details: [String: String] = [:]
    public var images: [Image] = []
    public var links: [Link] = []
    /// Defaults to `client`.
    public var source = ""
    public var severity = "", `class` = "", component = "", group = ""

    static func decode(_ node: Node, _ d: StrictDecoder) throws(ConfigError) -> PagerdutyConfig {
        var c = PagerdutyConfig()
        let clean = try d.decodeObject { () throws(ConfigError) in
            try d.fields(node, "config.plain") { (key, value) throws(ConfigError) in
                switch key {
                case "send_resolved": c.sendResolved = d.bool(value, c.sendResolved)
                case "http_config": c.httpConfig = try d.httpConfig(value)
                case "service_key": c.serviceKey = d.secret(value, c.serviceKey)
                case "service_key_file": c.serviceKeyFile = d.string(value, c.serviceKeyFile)
                case "routing_key": c.routingKey = d.secret(value, c.routingKey)
                case "routing_key_file": c.routingKeyFile = d.string(value, c.routingKeyFile)
                case "url": c.url = try d.httpURL(value, c.url)
                case "client": c.client = d.string(value, c.client)
                case "client_url": c.clientURL = d.string(value, c.clientURL)
                case "description": c.description = d.string(value, c.description)
                case "details": c.details = d.stringMap(value, c.details)
                case "images":
                    c.images = try d.list(value, "[]config.PagerdutyImage") { (item) throws(ConfigError) in
                        var image = Image()
                        try d.fields(item, "config.PagerdutyImage") { (key, value) throws(ConfigError) in
                            switch key {
                            case "src": image.src = d.string(value, image.src)
                            case "alt": image.alt = d.string(value, image.alt)
                            case "href": image.href = d.string(value, image.href)
                            default: return false
                            }
                            return true
                        }
                        return image
                    } ?? c.images
                case "links":
                    c.links = try d.list(value, "[]config.PagerdutyLink") { (item) throws(ConfigError) in
                        var link = Link()
                        try d.fields(item, "config.PagerdutyLink") { (key, value) throws(ConfigError) in
                            switch key {
                            case "href": link.href = d.string(value, link.href)
                            case "text": link.text = d.string(value, link.text)
                            default: return false
                            }
                            return true
                        }
                        return link
                    } ?? c.links
                case "source": c.source = d.string(value, c.source)
                case "severity": c.severity = d.string(value, c.severity)
                case "class": c.class = d.string(value, c.class)
                case "component": c.component = d.string(value, c.component)
                case "group": c.group = d.string(value, c.group)
                default: return false
                }
                return true
            }
        }
        guard clean else { return c }
        if c.routingKey.isEmpty && c.serviceKey.isEmpty && c.routingKeyFile.isEmpty && c.serviceKeyFile.isEmpty {
            throw ConfigError("missing service or routing key in PagerDuty config")
        }
        if !c.routingKey.isEmpty && !c.routingKeyFile.isEmpty {
            throw ConfigError("at most one of routing_key & routing_key_file must be configured")
        }
        if !c.serviceKey.isEmpty && !c.serviceKeyFile.isEmpty {
            throw ConfigError("at most one of service_key & service_key_file must be configured")
        }
        if c.source.isEmpty { c.source = c.client }
        for (name, value) in defaultDetails where c.details[name] == nil {
            c.details[name] = value
        }
        return c
    }

    var rendered: YAMLRender {
        var out = YAMLRender()
        out.bool("send_resolved", sendResolved)
        if let httpConfig { out.mapping("http_config", httpConfig.rendered, omitEmpty: false) }
        out.secret("service_key", serviceKey)
        out.string("service_key_file", serviceKeyFile)
        out.secret("routing_key", routingKey)
        out.string("routing_key_file", routingKeyFile)
        if let url { out.string("url", url.description) }
        out.string("client", client)
        out.string("client_url", clientURL)
        out.string("description", description)
        out.stringMap("details", details)
        out.list("images", images.map { image in
            var item = YAMLRender()
            item.string("src", image.src)
            item.string("alt", image.alt)
            item.string("href", image.href)
            return item.node
        })
        out.list("links", links.map { link in
            var item = YAMLRender()
            item.string("href", link.href)
            item.string("text", link.text)
            return item.node
        })
        out.string("source", source)
        out.string("severity", severity)
        out.string("class", `class`)
        out.string("component", component)
        out.string("group", group)
        return out
    }
}
