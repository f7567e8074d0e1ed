import Curl
import TocsinConfig

extension TransportOptions {
    /// The transport an integration's `http_config` describes. Secret files are read here, at each
    /// notification, as prometheus/common reads them per request, so a rotated secret is used at once.
    ///
    /// - Throws: ``IntegrationError`` (retryable, as a failing round tripper is in Alertmanager) when a
    ///   secret file cannot be read; not retryable for `oauth2`, which Tocsin does not implement yet.
    public init(httpConfig: HTTPClientConfig?) throws(IntegrationError) {
        self.init()
        guard let config = httpConfig else { return }
        do {
            if let basic = config.basicAuth {
                self.authorization = .basic(username: basic.username, password: try basic.resolvedPassword())
            } else if let authorization = config.authorization {
                self.authorization = .authorization(
                    type: authorization.type.isEmpty ? "Bearer" : authorization.type,
                    credentials: try authorization.resolvedCredentials())
            }
        } catch {
            throw IntegrationError("\(error)", isRetryable: true)
        }
        if config.oauth2 != nil {
            throw IntegrationError("oauth2 in http_config is not supported by this notifier", isRetryable: false)
        }
        self.proxyURL = config.proxyURL?.description
        self.followRedirects = config.followRedirects
        self.enableHTTP2 = config.enableHTTP2
        self.tls = TLSOptions(tlsConfig: config.tlsConfig)
    }
}

extension TLSOptions {
    /// The TLS options of a `tls_config` (empty strings mean "not set").
    public init(tlsConfig: TLSConfig) {
        func value(_ text: String) -> String? { text.isEmpty ? nil : text }
        self.init(
            caFile: value(tlsConfig.caFile),
            certFile: value(tlsConfig.certFile),
            keyFile: value(tlsConfig.keyFile),
            serverName: value(tlsConfig.serverName),
            insecureSkipVerify: tlsConfig.insecureSkipVerify,
            minVersion: TLSVersion(configName: tlsConfig.minVersion),
            maxVersion: TLSVersion(configName: tlsConfig.maxVersion)
        )
    }
}
