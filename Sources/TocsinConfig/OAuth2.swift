import Yams

/// `oauth2`: client-credentials flow settings.
public struct OAuth2: Sendable, Hashable {
    /// The client id.
    public var clientID = ""
    /// The client secret, if inline.
    public var clientSecret = Secret("")
    /// The file holding the client secret.
    public var clientSecretFile = ""
    /// Scopes to request.
    public var scopes: [String] = []
    /// Where tokens are fetched.
    public var tokenURL = ""
    /// Extra parameters for the token request.
    public var endpointParams: [String: String] = [:]
    /// Proxy for the token request.
    public var proxyURL: ConfigURL?
    /// TLS for the token request.
    public var tlsConfig = TLSConfig()

    static func decode(_ node: Node, _ decoder: StrictDecoder) throws(ConfigError) -> OAuth2 {
        var auth = OAuth2()
        try decoder.fields(node, "config.OAuth2") { (key, value) throws(ConfigError) in
            switch key {
            case "client_id": auth.clientID = decoder.string(value) ?? auth.clientID
            case "client_secret": auth.clientSecret = decoder.string(value, "config.plain").map(Secret.init) ?? auth.clientSecret
            case "client_secret_file": auth.clientSecretFile = decoder.string(value) ?? auth.clientSecretFile
            case "scopes": auth.scopes = decoder.stringList(value) ?? auth.scopes
            case "token_url": auth.tokenURL = decoder.string(value) ?? auth.tokenURL
            case "endpoint_params": auth.endpointParams = decoder.stringMap(value) ?? auth.endpointParams
            case "proxy_url":
                if let text = decoder.customText(value) {
                    auth.proxyURL = try text.map { (text) throws(ConfigError) in try ConfigURL(parsingAny: text) }
                }
            case "tls_config":
                auth.tlsConfig = StrictDecoder.isNull(value) ? TLSConfig() : try TLSConfig.decode(value, decoder)
            default: return false
            }
            return true
        }
        return auth
    }

    var rendered: YAMLRender {
        var out = YAMLRender()
        out.string("client_id", clientID, omitEmpty: false)
        out.secret("client_secret", clientSecret, omitEmpty: false)
        out.string("client_secret_file", clientSecretFile, omitEmpty: false)
        out.stringList("scopes", scopes)
        out.string("token_url", tokenURL, omitEmpty: false)
        out.stringMap("endpoint_params", endpointParams)
        if let proxyURL { out.string("proxy_url", proxyURL.redacted) }
        if !tlsConfig.isZero { out.mapping("tls_config", tlsConfig.rendered) }
        return out
    }
}
