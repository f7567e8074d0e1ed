import CCurl

/// The driver thread's record of one running transfer: the easy handle, the bytes flowing in and
/// out, and the continuation that learns the outcome.
///
/// Only the driver thread touches it, from the moment the job is taken from the inbox until the
/// continuation is resumed exactly once by ``finish(code:)`` or ``fail(with:)``.
final class Transfer {
    enum Completion {
        case http(CheckedContinuation<HTTPResponse, any Error>)
        case mail(CheckedContinuation<Void, any Error>, SMTPServer)
    }

    let id: UInt64
    let easy: EasyHandle
    let operation: String
    private let completion: Completion

    private let bodyLimit: Int
    private(set) var body: [UInt8] = []
    private(set) var bodyWasTruncated = false
    private var headers = HTTPHeaders()

    private var upload: [UInt8] = []
    private var uploadOffset = 0

    init(id: UInt64, easy: EasyHandle, operation: String, completion: Completion, bodyLimit: Int = 0) {
        self.id = id
        self.easy = easy
        self.operation = operation
        self.completion = completion
        self.bodyLimit = bodyLimit
    }

    /// The pointer libcurl hands back to the callbacks; valid while the driver keeps this transfer.
    var context: UnsafeMutableRawPointer {
        Unmanaged.passUnretained(self).toOpaque()
    }

    /// Sets the bytes the read callback serves (the SMTP message).
    func setUpload(_ bytes: [UInt8]) {
        upload = bytes
        uploadOffset = 0
    }

    /// Accepts body bytes; returns how many were taken (fewer stops the transfer at the cap).
    func receiveBody(_ chunk: UnsafeRawBufferPointer) -> Int {
        let room = bodyLimit - body.count
        if chunk.count <= room {
            body.append(contentsOf: chunk)
            return chunk.count
        }
        body.append(contentsOf: chunk.prefix(max(room, 0)))
        bodyWasTruncated = true
        return 0
    }

    /// Accepts one header line; a status line starts a new response (after a redirect, a proxy
    /// CONNECT or a 100 Continue), so only the final response's fields remain.
    func receiveHeaderLine(_ line: UnsafeRawBufferPointer) {
        var end = line.count
        while end > 0 && (line[end - 1] == 0x0A || line[end - 1] == 0x0D) { end -= 1 }
        let text = String(decoding: line[..<end], as: UTF8.self)
        if text.hasPrefix("HTTP/") {
            headers = HTTPHeaders()
        } else if text.first == " " || text.first == "\t" {
            headers.continueLastValue(with: text.trimmingLeadingWhitespace())
        } else if let colon = text.firstIndex(of: ":") {
            let name = String(text[..<colon])
            let value = String(text[text.index(after: colon)...]).trimmingLeadingWhitespace()
            headers.add(name: name, value: value)
        }
    }

    /// Copies the next piece of the upload into libcurl's buffer; 0 signals the end.
    func readUpload(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        let count = min(buffer.count, upload.count - uploadOffset)
        guard count > 0 else { return 0 }
        upload.withUnsafeBytes { source in
            buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[uploadOffset..<uploadOffset + count]))
        }
        uploadOffset += count
        return count
    }

    /// Resumes the caller with the outcome libcurl reported for this transfer.
    func finish(code: CURLcode) {
        let replyCode = easy.info(CURLINFO_RESPONSE_CODE)
        switch completion {
        case .http(let continuation):
            if code == CURLE_OK || (code == CURLE_WRITE_ERROR && bodyWasTruncated) {
                continuation.resume(
                    returning: HTTPResponse(
                        status: replyCode,
                        headers: headers,
                        body: body,
                        bodyWasTruncated: bodyWasTruncated,
                        url: easy.info(string: CURLINFO_EFFECTIVE_URL) ?? ""
                    ))
            } else {
                continuation.resume(throwing: error(for: code, replyCode: replyCode))
            }
        case .mail(let continuation, let server):
            if code == CURLE_OK {
                continuation.resume()
            } else {
                continuation.resume(throwing: mailError(for: code, replyCode: replyCode, server: server))
            }
        }
    }

    /// Resumes the caller with an error raised outside libcurl (cancellation, shutdown, setup).
    func fail(with error: any Error) {
        switch completion {
        case .http(let continuation): continuation.resume(throwing: error)
        case .mail(let continuation, _): continuation.resume(throwing: error)
        }
    }

    private func error(for code: CURLcode, replyCode: Int) -> CurlError {
        CurlError.from(
            code: code,
            detail: easy.errorDetail,
            osErrno: easy.info(CURLINFO_OS_ERRNO),
            replyCode: replyCode,
            operation: operation
        )
    }

    private func mailError(for code: CURLcode, replyCode: Int, server: SMTPServer) -> CurlError {
        var error = error(for: code, replyCode: replyCode)
        if error.kind == .startTLSNotOffered {
            // Alertmanager's wording (notify/email/email.go).
            error.message =
                "'require_tls' is true (default) but \"\(server.smarthost)\" does not advertise the STARTTLS extension"
        } else if code == CURLE_SEND_ERROR && replyCode >= 400 {
            // libcurl reports a refused MAIL, RCPT or DATA as a send error carrying the reply code.
            error.kind = .rejected
        }
        return error
    }
}

extension String {
    fileprivate func trimmingLeadingWhitespace() -> String {
        String(drop { $0 == " " || $0 == "\t" })
    }
}
