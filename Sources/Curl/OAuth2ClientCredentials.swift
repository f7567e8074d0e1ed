/// An `http_config.oauth2` block as the transport uses it: the OAuth 2.0 client-credentials grant
/// (RFC 6749 §4.4) whose access token is attached to every request as `Authorization: Bearer …`,
/// replacing any other credentials, as prometheus/common's oauth2 round tripper does.
public struct OAuth2ClientCredentials: Sendable, Hashable {
    public var tokenURL: String
    public var clientID: String
    /// The client secret, already read from `client_secret_file` when that is how it is given.
    public var clientSecret: String
    public var scopes: [String]
    /// Extra form parameters of the token request (`endpoint_params`).
    public var endpointParameters: [String: String]
    /// TLS for the token request (the oauth2 block's own `tls_config`).
    public var tls: TLSOptions
    /// Proxy for the token request (the oauth2 block's own `proxy_url`).
    public var proxyURL: String?

    public init(
        tokenURL: String,
        clientID: String,
        clientSecret: String,
        scopes: [String] = [],
        endpointParameters: [String: String] = [:],
        tls: TLSOptions = TLSOptions(),
        proxyURL: String? = nil
    ) {
        self.tokenURL = tokenURL
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.scopes = scopes
        self.endpointParameters = endpointParameters
        self.tls = tls
        self.proxyURL = proxyURL
    }
}
