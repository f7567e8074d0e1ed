/// The connection behaviour of one receiver: Alertmanager's `http_config` (prometheus/common
/// v0.38) expressed as a value, with no YAML in sight.
///
/// The defaults are Alertmanager's (`follow_redirects: true`, `enable_http2: true`, no proxy even
/// when `HTTP_PROXY` is set in the environment, because Go's client is built with
/// `http.ProxyURL(nil)` there).
public struct TransportOptions: Sendable, Hashable {
    /// Credentials attached to each request; nil sends none.
    public var authorization: HTTPAuthorization?
    /// TLS verification and client certificate.
    public var tls: TLSOptions
    /// `http://`, `https://` or `socks5://` proxy every request goes through; nil means none.
    public var proxyURL: String?
    /// Whether 3xx responses are followed. When false the 3xx response itself is returned.
    public var followRedirects: Bool
    /// Redirects followed before failing with a too-many-redirects error (Go's client stops after 10).
    public var maximumRedirects: Int
    /// Whether HTTP/2 is negotiated over TLS (ALPN); false keeps HTTP/1.1.
    public var enableHTTP2: Bool
    /// Limit on establishing the connection (TCP, proxy and TLS); nil uses libcurl's 300 s.
    public var connectTimeout: Duration?
    /// OAuth 2.0 client credentials: when set, every request carries the access token they obtain, in
    /// place of ``authorization``.
    public var oauth2: OAuth2ClientCredentials?
    /// Whether `Accept-Encoding: gzip` is sent and a gzip answer decoded, as Go's default transport does
    /// (`DisableCompression` false): for the few requests Alertmanager makes with a default client, such
    /// as aws-sdk-go's STS call. `http_config` clients disable compression, so the default is false.
    public var acceptsGzip: Bool

    /// Makes options; the defaults are Alertmanager's `http_config` defaults.
    public init(
        authorization: HTTPAuthorization? = nil,
        tls: TLSOptions = TLSOptions(),
        proxyURL: String? = nil,
        followRedirects: Bool = true,
        maximumRedirects: Int = 10,
        enableHTTP2: Bool = true,
        connectTimeout: Duration? = nil,
        oauth2: OAuth2ClientCredentials? = nil,
        acceptsGzip: Bool = false
    ) {
        self.authorization = authorization
        self.tls = tls
        self.proxyURL = proxyURL
        self.followRedirects = followRedirects
        self.maximumRedirects = maximumRedirects
        self.enableHTTP2 = enableHTTP2
        self.connectTimeout = connectTimeout
        self.oauth2 = oauth2
        self.acceptsGzip = acceptsGzip
    }
}
