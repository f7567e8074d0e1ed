import CCurl

/// Maps an ``HTTPRequest`` and its receiver's ``TransportOptions`` onto an easy handle so that the
/// bytes on the wire match what Alertmanager's Go client sends: only the caller's headers (no
/// libcurl `Accept`, `Expect` or form `Content-Type`), no `Accept-Encoding` (Alertmanager's client is
/// built with `DisableCompression`, so it asks for no compression) unless ``TransportOptions/acceptsGzip``,
/// no proxy taken from the environment.
enum HTTPTransferSetup {
    /// Go's `url.Error` wording of the attempt (`Post "https://host/path"`), used in error messages.
    static func operation(for request: HTTPRequest) -> String {
        let method = request.method
        let op = method.prefix(1).uppercased() + method.dropFirst().lowercased()
        return "\(op) \"\(request.url)\""
    }

    static func configure(
        _ easy: EasyHandle,
        for request: HTTPRequest,
        options: TransportOptions,
        transfer: Transfer
    ) throws(CurlError) {
        var url = request.url
        var headers = request.headers
        var connectTo: [String] = []
        if CurlURL(request.url)?.scheme?.lowercased() == "https",
            let route = TLSTransferSetup.serverNameRoute(url: request.url, serverName: options.tls.serverName)
        {
            url = route.url
            connectTo.append(route.connectTo)
            if !headers.contains(name: "Host") {
                headers.add(name: "Host", value: route.originalAuthority)
            }
        }
        try easy.set(CURLOPT_URL, url, "url")
        try easy.set(CURLOPT_PROTOCOLS_STR, "http,https", "url scheme")
        try easy.set(CURLOPT_CONNECT_TO, list: connectTo, "server_name")

        try configureMethod(easy, request)
        try configureAuthorization(easy, options.authorization, headers: &headers)

        var lines = headers.map(headerLine)
        for name in ["Accept", "Expect", "Content-Type"] where !headers.contains(name: name) {
            lines.append("\(name):")
        }
        try easy.set(CURLOPT_HTTPHEADER, list: lines, "headers")

        if let timeout = request.timeout {
            try easy.set(CURLOPT_TIMEOUT_MS, max(1, timeout.milliseconds), "timeout")
        }
        if let timeout = options.connectTimeout {
            try easy.set(CURLOPT_CONNECTTIMEOUT_MS, max(1, timeout.milliseconds), "connect timeout")
        }
        try easy.set(CURLOPT_FOLLOWLOCATION, options.followRedirects, "follow_redirects")
        try easy.set(CURLOPT_MAXREDIRS, options.maximumRedirects, "follow_redirects")
        try easy.set(CURLOPT_REDIR_PROTOCOLS_STR, "http,https", "follow_redirects")
        // An empty proxy string disables http_proxy/HTTPS_PROXY from the environment.
        try easy.set(CURLOPT_PROXY, options.proxyURL ?? "", "proxy_url")
        if options.acceptsGzip {
            // libcurl sends `Accept-Encoding: gzip` and decodes the answer, as Go's transport does.
            try easy.set(CURLOPT_ACCEPT_ENCODING, "gzip", "accept encoding")
        }
        let version = options.enableHTTP2 ? CURL_HTTP_VERSION_2TLS : CURL_HTTP_VERSION_1_1
        try easy.set(CURLOPT_HTTP_VERSION, version, "enable_http2")
        try TLSTransferSetup.configure(easy, options.tls)

        try easy.set(CURLOPT_WRITEFUNCTION, writer: TransferCallbacks.body, "body callback")
        try easy.set(CURLOPT_WRITEDATA, pointer: transfer.context, "body callback")
        try easy.set(CURLOPT_HEADERFUNCTION, writer: TransferCallbacks.header, "header callback")
        try easy.set(CURLOPT_HEADERDATA, pointer: transfer.context, "header callback")
    }

    private static func configureMethod(_ easy: EasyHandle, _ request: HTTPRequest) throws(CurlError) {
        let method = request.method.uppercased()
        if method == "HEAD" {
            try easy.set(CURLOPT_NOBODY, true, "method")
            return
        }
        if request.body.isEmpty && method != "POST" && method != "PUT" && method != "PATCH" {
            try easy.set(CURLOPT_HTTPGET, true, "method")
        } else {
            // libcurl copies the body, so it survives a 307/308 redirect that resends it.
            try easy.set(CURLOPT_POSTFIELDSIZE_LARGE, offset: request.body.count, "body")
            if request.body.isEmpty {
                try easy.set(CURLOPT_COPYPOSTFIELDS, "", "body")
            } else {
                let code = request.body.withUnsafeBytes { bytes in
                    ccurl_easy_setopt_pointer(
                        easy.raw, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: bytes.baseAddress))
                }
                guard code == CURLE_OK else {
                    throw CurlError.setup(code, option: "body", operation: operation(for: request))
                }
            }
        }
        if method != "GET" && method != "POST" {
            try easy.set(CURLOPT_CUSTOMREQUEST, request.method, "method")
        }
    }

    private static func configureAuthorization(
        _ easy: EasyHandle,
        _ authorization: HTTPAuthorization?,
        headers: inout HTTPHeaders
    ) throws(CurlError) {
        guard let authorization, !headers.contains(name: "Authorization") else { return }
        switch authorization {
        case .basic(let username, let password):
            try easy.set(CURLOPT_HTTPAUTH, CCURL_AUTH_BASIC, "basic_auth")
            try easy.set(CURLOPT_USERNAME, username, "basic_auth")
            try easy.set(CURLOPT_PASSWORD, password, "basic_auth")
        case .authorization(let type, let credentials):
            headers.add(name: "Authorization", value: "\(type) \(credentials)")
        }
    }

    /// libcurl's header syntax: `Name: value`, and `Name;` for a header whose value is empty
    /// (`Name:` would remove the header instead; that form is used for libcurl's own defaults).
    private static func headerLine(_ field: HTTPHeaders.Field) -> String {
        field.value.isEmpty ? "\(field.name);" : "\(field.name): \(field.value)"
    }
}

extension Duration {
    /// Whole milliseconds, rounded up so a sub-millisecond timeout still limits the transfer.
    var milliseconds: Int {
        let (seconds, attoseconds) = components
        return Int(seconds) * 1000 + Int((attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000)
    }
}
