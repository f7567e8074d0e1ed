import CCurl

/// Maps ``TLSOptions`` onto an easy handle. Shared by HTTP and SMTP, which use the same
/// `tls_config` in Alertmanager.
enum TLSTransferSetup {
    static func configure(_ easy: EasyHandle, _ tls: TLSOptions) throws(CurlError) {
        if let caFile = tls.caFile, !caFile.isEmpty {
            try easy.set(CURLOPT_CAINFO, caFile, "ca_file")
        }
        if let certFile = tls.certFile, !certFile.isEmpty {
            try easy.set(CURLOPT_SSLCERT, certFile, "cert_file")
        }
        if let keyFile = tls.keyFile, !keyFile.isEmpty {
            try easy.set(CURLOPT_SSLKEY, keyFile, "key_file")
        }
        if tls.insecureSkipVerify {
            try easy.set(CURLOPT_SSL_VERIFYPEER, false, "insecure_skip_verify")
            try easy.set(CURLOPT_SSL_VERIFYHOST, 0, "insecure_skip_verify")
        }
        // Go's client refuses anything below TLS 1.2 unless min_version says otherwise.
        var version = code(for: tls.minVersion ?? .tls12)
        if let maximum = tls.maxVersion { version |= code(for: maximum) << 16 }
        try easy.set(CURLOPT_SSLVERSION, version, "min_version/max_version")
    }

    private static func code(for version: TLSVersion) -> Int {
        switch version {
        case .tls10: CURL_SSLVERSION_TLSv1_0
        case .tls11: CURL_SSLVERSION_TLSv1_1
        case .tls12: CURL_SSLVERSION_TLSv1_2
        case .tls13: CURL_SSLVERSION_TLSv1_3
        }
    }

    /// A URL rewritten so libcurl uses `server_name` for SNI and certificate verification while
    /// still connecting where the original URL points.
    struct ServerNameRoute {
        /// The URL with its host replaced by the server name.
        var url: String
        /// `CURLOPT_CONNECT_TO` entry sending connections for the server name to the real host.
        var connectTo: String
        /// The original authority, for the `Host` header (Go keeps the URL's host there).
        var originalAuthority: String
    }

    /// libcurl has no option for "verify as this name": it always verifies (and sends SNI for) the
    /// URL's host. Putting the server name in the URL and pinning the connection to the original
    /// host with `CURLOPT_CONNECT_TO` gives Go's `tls.Config.ServerName` behaviour without touching
    /// DNS or OpenSSL, and keeps connection reuse keyed correctly. Nil when no rewrite is needed.
    static func serverNameRoute(url: String, serverName: String?) -> ServerNameRoute? {
        guard let serverName, !serverName.isEmpty else { return nil }
        let target = serverName.contains(":") && !serverName.hasPrefix("[") ? "[\(serverName)]" : serverName
        guard let parsed = CurlURL(url),
            let host = parsed.host,
            let port = parsed.port,
            host.lowercased() != target.lowercased(),
            parsed.setHost(target),
            let rewritten = parsed.string
        else { return nil }
        let authority = parsed.explicitPort.map { "\(host):\($0)" } ?? host
        return ServerNameRoute(url: rewritten, connectTo: "\(target):\(port):\(host):\(port)", originalAuthority: authority)
    }
}
