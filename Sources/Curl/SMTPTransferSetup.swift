import CCurl

/// Maps an ``SMTPMessage`` and ``SMTPServer`` onto an easy handle running libcurl's SMTP client.
enum SMTPTransferSetup {
    static func configure(
        _ easy: EasyHandle,
        for message: SMTPMessage,
        server: SMTPServer,
        transfer: Transfer
    ) throws(CurlError) {
        // libcurl takes the EHLO name from the URL path (smtp://host:port/<hello>); with an empty
        // path it would announce this machine's name, where Go's client says "localhost".
        let scheme = server.security == .implicitTLS ? "smtps" : "smtp"
        let hello = server.hello.isEmpty ? "localhost" : server.hello
        var url = "\(scheme)://\(server.urlHost):\(server.port)/\(percentEncoded(hello))"
        if server.security != .plain,
            let route = TLSTransferSetup.serverNameRoute(url: url, serverName: server.tls.serverName)
        {
            url = route.url
            try easy.set(CURLOPT_CONNECT_TO, list: [route.connectTo], "server_name")
        }
        try easy.set(CURLOPT_URL, url, "smarthost")
        try easy.set(CURLOPT_PROTOCOLS_STR, "smtp,smtps", "smarthost")
        // Go's SMTP client dials directly; an empty proxy keeps libcurl from using ALL_PROXY.
        try easy.set(CURLOPT_PROXY, "", "smarthost")
        try easy.set(CURLOPT_USE_SSL, Int(useSSL(server.security).rawValue), "require_tls")
        if server.security != .plain {
            try TLSTransferSetup.configure(easy, server.tls)
        }
        try configureAuthentication(easy, server.authentication)

        try easy.set(CURLOPT_MAIL_FROM, message.from, "from")
        guard !message.recipients.isEmpty else {
            throw CurlError(kind: .invalidRequest, message: "no recipients", operation: transfer.operation)
        }
        try easy.set(CURLOPT_MAIL_RCPT, list: message.recipients, "to")

        let content = withCRLFLineEndings(message.content)
        transfer.setUpload(content)
        try easy.set(CURLOPT_UPLOAD, true, "message")
        try easy.set(CURLOPT_INFILESIZE_LARGE, offset: content.count, "message")
        try easy.set(CURLOPT_READFUNCTION, reader: TransferCallbacks.upload, "message")
        try easy.set(CURLOPT_READDATA, pointer: transfer.context, "message")
        if let timeout = server.timeout {
            try easy.set(CURLOPT_TIMEOUT_MS, max(1, timeout.milliseconds), "timeout")
        }
    }

    private static func useSSL(_ security: SMTPTransportSecurity) -> curl_usessl {
        switch security {
        case .plain: CURLUSESSL_NONE
        case .startTLSIfOffered: CURLUSESSL_TRY
        case .startTLS, .implicitTLS: CURLUSESSL_ALL
        }
    }

    private static func configureAuthentication(
        _ easy: EasyHandle,
        _ authentication: SMTPAuthentication?
    ) throws(CurlError) {
        guard let authentication, !authentication.username.isEmpty else { return }
        try easy.set(CURLOPT_USERNAME, authentication.username, "auth_username")
        if !authentication.password.isEmpty {
            try easy.set(CURLOPT_PASSWORD, authentication.password, "auth_password")
            try easy.set(CURLOPT_LOGIN_OPTIONS, "AUTH=PLAIN;AUTH=LOGIN", "auth_password")
            if !authentication.identity.isEmpty {
                try easy.set(CURLOPT_SASL_AUTHZID, authentication.identity, "auth_identity")
            }
        } else if !authentication.secret.isEmpty {
            try easy.set(CURLOPT_PASSWORD, authentication.secret, "auth_secret")
            try easy.set(CURLOPT_LOGIN_OPTIONS, "AUTH=CRAM-MD5", "auth_secret")
        }
    }

    /// Every bare LF becomes CRLF, as Go's SMTP data writer does; CRLF stays as it is.
    static func withCRLFLineEndings(_ bytes: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + bytes.count / 32)
        var previous: UInt8 = 0
        for byte in bytes {
            if byte == 0x0A && previous != 0x0D { result.append(0x0D) }
            result.append(byte)
            previous = byte
        }
        return result
    }

    private static func percentEncoded(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            let isUnreserved =
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == 0x2D || byte == 0x2E || byte == 0x5F || byte == 0x7E
            if isUnreserved {
                result.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                result += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return result
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
