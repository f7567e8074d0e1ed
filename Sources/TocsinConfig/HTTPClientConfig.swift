import Foundation
import Yams

/// How an integration talks HTTP: authentication, proxy, TLS and redirects (prometheus/common v0.38
/// `HTTPClientConfig`).
///
/// Validation follows `HTTPClientConfig.Validate`: at most one authentication method, and a legacy
/// `bearer_token`/`bearer_token_file` is turned into `authorization` with type `Bearer` at load time.
public struct HTTPClientConfig: Sendable, Hashable {
    /// `basic_auth`.
    public var basicAuth: BasicAuth?
    /// `authorization` (`type` defaults to `Bearer`).
    public var authorization: Authorization?
    /// `oauth2` client credentials.
    public var oauth2: OAuth2?
    /// Proxy for every request, if any.
    public var proxyURL: ConfigURL?
    /// TLS settings.
    public var tlsConfig = TLSConfig()
    /// Whether 3xx answers are followed (default true).
    public var followRedirects = true
    /// Whether HTTP/2 may be used (default true).
    public var enableHTTP2 = true
    // Only kept until validation moves them into `authorization`.
    var bearerToken = Secret("")
    var bearerTokenFile = ""

    /// The defaults (`follow_redirects: true`, `enable_http2: true`).
    public init() {}

    static func decode(_ node: Node, _ decoder: StrictDecoder) throws(ConfigError) -> HTTPClientConfig {
        var config = HTTPClientConfig()
        let clean = try decoder.decodeObject { () throws(ConfigError) in
            try decoder.fields(node, "config.plain") { (key, value) throws(ConfigError) in
                switch key {
                case "basic_auth":
                    config.basicAuth = StrictDecoder.isNull(value) ? nil : try BasicAuth.decode(value, decoder)
                case "authorization":
                    config.authorization = StrictDecoder.isNull(value) ? nil : try Authorization.decode(value, decoder)
                case "oauth2":
                    config.oauth2 = StrictDecoder.isNull(value) ? nil : try OAuth2.decode(value, decoder)
                case "bearer_token": config.bearerToken = decoder.string(value, "config.plain").map(Secret.init) ?? config.bearerToken
                case "bearer_token_file": config.bearerTokenFile = decoder.string(value) ?? config.bearerTokenFile
                case "proxy_url":
                    if let text = decoder.customText(value) {
                        config.proxyURL = try text.map { (text) throws(ConfigError) in try ConfigURL(parsingAny: text) }
                    }
                case "tls_config":
                    config.tlsConfig = StrictDecoder.isNull(value) ? TLSConfig() : try TLSConfig.decode(value, decoder)
                case "follow_redirects": config.followRedirects = decoder.bool(value) ?? config.followRedirects
                case "enable_http2": config.enableHTTP2 = decoder.bool(value) ?? config.enableHTTP2
                default: return false
                }
                return true
            }
        }
        if clean { try config.validate() }
        return config
    }

    private mutating func validate() throws(ConfigError) {
        if !bearerToken.isEmpty && !bearerTokenFile.isEmpty {
            throw ConfigError("at most one of bearer_token & bearer_token_file must be configured")
        }
        if (basicAuth != nil || oauth2 != nil) && (!bearerToken.isEmpty || !bearerTokenFile.isEmpty) {
            throw ConfigError("at most one of basic_auth, oauth2, bearer_token & bearer_token_file must be configured")
        }
        if let basicAuth, !basicAuth.password.isEmpty, !basicAuth.passwordFile.isEmpty {
            throw ConfigError("at most one of basic_auth password & password_file must be configured")
        }
        if var auth = authorization {
            if !bearerToken.isEmpty || !bearerTokenFile.isEmpty {
                throw ConfigError("authorization is not compatible with bearer_token & bearer_token_file")
            }
            if !auth.credentials.isEmpty && !auth.credentialsFile.isEmpty {
                throw ConfigError("at most one of authorization credentials & credentials_file must be configured")
            }
            auth.type = auth.type.trimmingCharacters(in: .whitespaces)
            if auth.type.isEmpty { auth.type = "Bearer" }
            if auth.type.lowercased() == "basic" {
                throw ConfigError(#"authorization type cannot be set to "basic", use "basic_auth" instead"#)
            }
            if basicAuth != nil || oauth2 != nil {
                throw ConfigError("at most one of basic_auth, oauth2 & authorization must be configured")
            }
            authorization = auth
        } else if !bearerToken.isEmpty {
            authorization = Authorization(type: "Bearer", credentials: bearerToken)
            bearerToken = Secret("")
        } else if !bearerTokenFile.isEmpty {
            authorization = Authorization(type: "Bearer", credentialsFile: bearerTokenFile)
            bearerTokenFile = ""
        }
        if let oauth2 {
            if basicAuth != nil {
                throw ConfigError("at most one of basic_auth, oauth2 & authorization must be configured")
            }
            if oauth2.clientID.isEmpty { throw ConfigError("oauth2 client_id must be configured") }
            if oauth2.clientSecret.isEmpty && oauth2.clientSecretFile.isEmpty {
                throw ConfigError("either oauth2 client_secret or client_secret_file must be configured")
            }
            if oauth2.tokenURL.isEmpty { throw ConfigError("oauth2 token_url must be configured") }
            if !oauth2.clientSecret.isEmpty && !oauth2.clientSecretFile.isEmpty {
                throw ConfigError("at most one of oauth2 client_secret & client_secret_file must be configured")
            }
        }
    }

    /// Joins every relative file name to the config file's directory (`SetDirectory`).
    mutating func resolvePaths(against directory: String) {
        tlsConfig.resolvePaths(against: directory)
        if var auth = basicAuth {
            auth.passwordFile = ConfigPath.join(directory, auth.passwordFile)
            basicAuth = auth
        }
        if var auth = authorization {
            auth.credentialsFile = ConfigPath.join(directory, auth.credentialsFile)
            authorization = auth
        }
        if var auth = oauth2 {
            auth.clientSecretFile = ConfigPath.join(directory, auth.clientSecretFile)
            auth.tlsConfig.resolvePaths(against: directory)
            oauth2 = auth
        }
        bearerTokenFile = ConfigPath.join(directory, bearerTokenFile)
    }

    var rendered: YAMLRender {
        var out = YAMLRender()
        if let basicAuth { out.mapping("basic_auth", basicAuth.rendered, omitEmpty: false) }
        if let authorization { out.mapping("authorization", authorization.rendered, omitEmpty: false) }
        if let oauth2 { out.mapping("oauth2", oauth2.rendered, omitEmpty: false) }
        out.secret("bearer_token", bearerToken)
        out.string("bearer_token_file", bearerTokenFile)
        if let proxyURL { out.string("proxy_url", proxyURL.redacted) }
        if !tlsConfig.isZero { out.mapping("tls_config", tlsConfig.rendered) }
        out.bool("follow_redirects", followRedirects)
        out.bool("enable_http2", enableHTTP2)
        return out
    }
}
