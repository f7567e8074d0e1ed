import Yams

/// `sns_configs`: publishes to AWS SNS, signed with SigV4.
public struct SNSConfig: Sendable, Hashable {
    /// AWS SigV4 signing settings (prometheus/common sigv4 `SigV4Config`).
    public struct SigV4: Sendable, Hashable {
        public var region = "", accessKey = ""
        public var secretKey = Secret("")
        public var profile = "", roleARN = ""
    }

    /// Whether resolved notifications are sent (default true).
    public var sendResolved = true
    /// HTTP settings; the global `http_config` when not given.
    public var httpConfig: HTTPClientConfig?
    /// The SNS endpoint, if not the region's default.
    public var apiURL = ""
    public var sigv4 = SigV4()
    public var topicARN = "", phoneNumber = "", targetARN = ""
    public var subject = #"{{ template "sns.default.subject" . }}"#
    public var message = #"{{ template "sns.default.message" . }}"#
    public var attributes: [String: String] = [:]

    static func decode(_ node: Node, _ d: StrictDecoder) throws(ConfigError) -> SNSConfig {
        var c = SNSConfig()
        let clean = try d.decodeObject { () throws(ConfigError) in
            try d.fields(node, "config.plain") { (key, value) throws(ConfigError) in
                switch key {
                case "send_resolved": c.sendResolved = d.bool(value, c.sendResolved)
                case "http_config": c.httpConfig = try d.httpConfig(value)
                case "api_url": c.apiURL = d.string(value, c.apiURL)
                case "sigv4": c.sigv4 = StrictDecoder.isNull(value) ? SigV4() : try decodeSigV4(value, d)
                case "topic_arn": c.topicARN = d.string(value, c.topicARN)
                case "phone_number": c.phoneNumber = d.string(value, c.phoneNumber)
                case "target_arn": c.targetARN = d.string(value, c.targetARN)
                case "subject": c.subject = d.string(value, c.subject)
                case "message": c.message = d.string(value, c.message)
                case "attributes": c.attributes = d.stringMap(value, c.attributes)
                default: return false
                }
                return true
            }
        }
        // Alertmanager chains != over the three emptiness tests, so giving all three also passes.
        if clean, (c.targetARN.isEmpty != c.topicARN.isEmpty) != c.phoneNumber.isEmpty {
            throw ConfigError("must provide either a Target ARN, Topic ARN, or Phone Number for SNS config")
        }
        return c
    }

    private static func decodeSigV4(_ node: Node, _ d: StrictDecoder) throws(ConfigError) -> SigV4 {
        var sig = SigV4()
        let clean = try d.decodeObject { () throws(ConfigError) in
            try d.fields(node, "sigv4.plain") { (key, value) throws(ConfigError) in
                switch key {
                case "region": sig.region = d.string(value, sig.region)
                case "access_key": sig.accessKey = d.string(value, sig.accessKey)
                case "secret_key": sig.secretKey = d.secret(value, sig.secretKey)
                case "profile": sig.profile = d.string(value, sig.profile)
                case "role_arn": sig.roleARN = d.string(value, sig.roleARN)
                default: return false
                }
                return true
            }
        }
        if clean, sig.accessKey.isEmpty != sig.secretKey.isEmpty {
            throw ConfigError("must provide a AWS SigV4 Access key and Secret Key if credentials are specified in the SigV4 config")
        }
        return sig
    }

    var rendered: YAMLRender {
        var out = YAMLRender()
        out.bool("send_resolved", sendResolved)
        if let httpConfig { out.mapping("http_config", httpConfig.rendered, omitEmpty: false) }
        out.string("api_url", apiURL)
        var sig = YAMLRender()
        sig.string("region", sigv4.region)
        sig.string("access_key", sigv4.accessKey)
        sig.secret("secret_key", sigv4.secretKey)
        sig.string("profile", sigv4.profile)
        sig.string("role_arn", sigv4.roleARN)
        out.mapping("sigv4", sig, omitEmpty: false)
        out.string("topic_arn", topicARN)
        out.string("phone_number", phoneNumber)
        out.string("target_arn", targetARN)
        out.string("subject", subject)
        out.string("message", message)
        out.stringMap("attributes", attributes)
        return out
    }
}
