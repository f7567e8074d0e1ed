import Foundation
import Curl
import TocsinConfig

extension TransportOptions {
    /// The transport an integration's `http_config` describes. Secret files are read here, at each
    /// notification, as prometheus/common reads them per request, so a rotated secret is used at once.
    ///
    /// - Throws: ``IntegrationError`` (retryable, as a failing round tripper is in Alertmanager) when a
    ///   secret file cannot be read.
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
        if let oauth2 = config.oauth2 {
            let secret: String
            if oauth2.clientSecretFile.isEmpty {
                secret = oauth2.clientSecret.value
            } else {
                do {
                    // Read per notification, as prometheus/common reads it per token fetch.
                    secret = try SecretFile.read(oauth2.clientSecretFile).trimmingCharacters(in: .whitespacesAndNewlines)
                } catch {
                    throw IntegrationError(
                        "unable to read oauth2 client secret file \(oauth2.clientSecretFile): \(error)", isRetryable: true)
                }
            }
            self.oauth2 = OAuth2ClientCredentials(
                tokenURL: oauth2.tokenURL, clientID: oauth2.clientID, clientSecret: secret, scopes: oauth2.scopes,
                endpointParameters: oauth2.endpointParams, tls: TLSOptions(tlsConfig: oauth2.tlsConfig),
                proxyURL: oauth2.proxyURL?.description)
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
