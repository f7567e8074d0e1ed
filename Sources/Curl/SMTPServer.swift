/// Where and how mail is submitted: an email receiver's `smarthost`, `hello`, credentials,
/// `require_tls` and `tls_config`.
public struct SMTPServer: Sendable, Hashable {
    /// Host name or IP address (IPv6 without brackets).
    public var host: String
    /// TCP port; 465 means implicit TLS in Alertmanager's rule.
    public var port: Int
    /// The name sent in EHLO/HELO (Alertmanager's `hello`, default `localhost`).
    public var hello: String
    /// STARTTLS / implicit TLS / plain; see ``SMTPTransportSecurity/alertmanager(port:requireTLS:)``.
    public var security: SMTPTransportSecurity
    /// Nil, or an empty username, sends no AUTH.
    public var authentication: SMTPAuthentication?
    /// Verification and client certificate for STARTTLS or implicit TLS. Without a `serverName`,
    /// the certificate is checked against ``host``, as Alertmanager does.
    public var tls: TLSOptions
    /// Limit on the whole dialogue; nil waits forever (Alertmanager relies on its context).
    public var timeout: Duration?

    /// Makes a server description; the defaults are Alertmanager's (hello `localhost`, STARTTLS
    /// required, or implicit TLS on port 465).
    public init(
        host: String,
        port: Int,
        hello: String = "localhost",
        security: SMTPTransportSecurity? = nil,
        authentication: SMTPAuthentication? = nil,
        tls: TLSOptions = TLSOptions(),
        timeout: Duration? = nil
    ) {
        self.host = host
        self.port = port
        self.hello = hello
        self.security = security ?? .alertmanager(port: port, requireTLS: true)
        self.authentication = authentication
        self.tls = tls
        self.timeout = timeout
    }

    /// `host:port` as written in `smarthost` (IPv6 in brackets), used in messages.
    public var smarthost: String {
        "\(urlHost):\(port)"
    }

    /// The host as it must appear in a URL.
    var urlHost: String {
        host.contains(":") ? "[\(host)]" : host
    }
}
