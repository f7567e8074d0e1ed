/// How a connection's TLS is set up: the `tls_config` of Alertmanager's `http_config` and of an
/// email receiver, independent of YAML.
///
/// Files are read by libcurl when a connection is made, so a rotated certificate is picked up by
/// the next new connection without rebuilding this value.
public struct TLSOptions: Sendable, Hashable {
    /// PEM file of the CA certificates that verify the server; nil uses the system store.
    public var caFile: String?
    /// PEM client certificate presented to the server; goes with ``keyFile``.
    public var certFile: String?
    /// PEM private key of ``certFile``.
    public var keyFile: String?
    /// The name sent in SNI and checked against the server's certificate, instead of the URL's
    /// host. The connection still goes to the URL's host and the HTTP `Host` stays the URL's.
    public var serverName: String?
    /// Accept any server certificate (no chain and no name check), as Go's `InsecureSkipVerify`.
    public var insecureSkipVerify: Bool
    /// The lowest protocol version accepted; nil means TLS 1.2, the floor of Go's client that
    /// Alertmanager inherits.
    public var minVersion: TLSVersion?
    /// The highest protocol version offered; nil offers the newest available.
    public var maxVersion: TLSVersion?

    /// Makes TLS options; the defaults verify the server against the system CAs.
    public init(
        caFile: String? = nil,
        certFile: String? = nil,
        keyFile: String? = nil,
        serverName: String? = nil,
        insecureSkipVerify: Bool = false,
        minVersion: TLSVersion? = nil,
        maxVersion: TLSVersion? = nil
    ) {
        self.caFile = caFile
        self.certFile = certFile
        self.keyFile = keyFile
        self.serverName = serverName
        self.insecureSkipVerify = insecureSkipVerify
        self.minVersion = minVersion
        self.maxVersion = maxVersion
    }
}
