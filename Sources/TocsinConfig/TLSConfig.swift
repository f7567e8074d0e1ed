import Yams

/// TLS settings for outgoing connections (prometheus/common `TLSConfig`).
///
/// File paths are resolved against the config file's directory at load time; the files themselves are read
/// when a connection is made, as Alertmanager does, so a certificate can be rotated without a reload.
public struct TLSConfig: Sendable, Hashable {
    /// CA bundle to verify the server with.
    public var caFile = ""
    /// Client certificate.
    public var certFile = ""
    /// Client key.
    public var keyFile = ""
    /// Expected server name (SNI and verification).
    public var serverName = ""
    /// Skip server certificate verification.
    public var insecureSkipVerify = false
    /// Lowest TLS version allowed (`TLS12`), empty for the default.
    public var minVersion = ""
    /// Highest TLS version allowed, empty for the default.
    public var maxVersion = ""

    /// An empty TLS configuration (system defaults).
    public init() {}

    static let versions = ["TLS10", "TLS11", "TLS12", "TLS13"]
    static let numbers = ["TLS10": 769, "TLS11": 770, "TLS12": 771, "TLS13": 772]

    static func decode(_ node: Node, _ decoder: StrictDecoder) throws(ConfigError) -> TLSConfig {
        var config = TLSConfig()
        try decoder.fields(node, "config.plain") { (key, value) throws(ConfigError) in
            switch key {
            case "ca_file": config.caFile = decoder.string(value) ?? config.caFile
            case "cert_file": config.certFile = decoder.string(value) ?? config.certFile
            case "key_file": config.keyFile = decoder.string(value) ?? config.keyFile
            case "server_name": config.serverName = decoder.string(value) ?? config.serverName
            case "insecure_skip_verify": config.insecureSkipVerify = decoder.bool(value) ?? config.insecureSkipVerify
            case "min_version": config.minVersion = try decodeVersion(value, decoder) ?? config.minVersion
            case "max_version": config.maxVersion = try decodeVersion(value, decoder) ?? config.maxVersion
            default: return false
            }
            return true
        }
        return config
    }

    private static func decodeVersion(_ node: Node, _ decoder: StrictDecoder) throws(ConfigError) -> String? {
        guard let text = decoder.customText(node) else { return nil }
        guard let text else { return "" }
        guard versions.contains(text) else { throw ConfigError("unknown TLS version: \(text)") }
        return text
    }

    mutating func resolvePaths(against directory: String) {
        caFile = ConfigPath.join(directory, caFile)
        certFile = ConfigPath.join(directory, certFile)
        keyFile = ConfigPath.join(directory, keyFile)
    }

    var rendered: YAMLRender {
        var out = YAMLRender()
        out.string("ca_file", caFile)
        out.string("cert_file", certFile)
        out.string("key_file", keyFile)
        out.string("server_name", serverName)
        out.bool("insecure_skip_verify", insecureSkipVerify)
        // Alertmanager prints the numeric crypto/tls value here (TLSVersion's MarshalYAML has a pointer
        // receiver that yaml.v2 does not call on a struct field), so config.original shows 771 for TLS12.
        if let number = Self.numbers[minVersion] { out.add("min_version", Node(String(number))) }
        if let number = Self.numbers[maxVersion] { out.add("max_version", Node(String(number))) }
        return out
    }

    var isZero: Bool { self == TLSConfig() }
}
