import CCurl
import Glibc

/// A delivery that failed below HTTP status level: the connection, TLS, a timeout, a protocol
/// error, or the SMTP dialogue.
///
/// `message` keeps libcurl's own text (the per-transfer error buffer, which names host, port and
/// cause), and `kind` classifies it so the retry stage can decide without parsing text.
public struct CurlError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, coarse enough to act on.
    public enum Kind: Sendable, Hashable {
        /// The peer actively refused the TCP connection.
        case connectionRefused
        /// The host name did not resolve.
        case hostNotFound
        /// Any other failure to establish a connection (unreachable network, connect timeout).
        case connectionFailed
        /// The transfer did not finish within its timeout.
        case timedOut
        /// TLS could not be established: handshake failure, untrusted or mismatched certificate,
        /// unusable CA/certificate/key file, no common protocol version.
        case tls
        /// The SMTP server does not offer STARTTLS although it is required.
        case startTLSNotOffered
        /// The proxy could not be reached or refused to tunnel.
        case proxy
        /// More redirects than ``TransportOptions/maximumRedirects``.
        case tooManyRedirects
        /// The connection broke while sending or receiving.
        case connectionLost
        /// The server answered in a way the protocol does not allow.
        case protocolViolation
        /// The server rejected the credentials (SMTP AUTH).
        case authenticationFailed
        /// The SMTP server refused the sender, a recipient or the message.
        case rejected
        /// The request itself is unusable: malformed URL, unsupported scheme, bad option value.
        case invalidRequest
        /// The client was shut down before the transfer finished.
        case clientShutDown
        /// Anything else libcurl reports.
        case other
    }

    /// The classification of the failure.
    public var kind: Kind
    /// libcurl's `CURLcode` (0 for failures raised by this library itself).
    public var code: Int
    /// The detailed text: libcurl's error buffer, or its generic text for the code.
    public var message: String
    /// What was attempted, Go style (`Post "https://host/path"`), so logs read like Alertmanager's.
    public var operation: String
    /// The last protocol reply code seen (HTTP status or SMTP reply), 0 when none arrived.
    public var replyCode: Int

    /// Makes an error value (the client builds these; fakes in tests may too).
    public init(kind: Kind, code: Int = 0, message: String, operation: String, replyCode: Int = 0) {
        self.kind = kind
        self.code = code
        self.message = message
        self.operation = operation
        self.replyCode = replyCode
    }

    /// Whether trying again later could succeed.
    ///
    /// Alertmanager retries every error its HTTP client or SMTP dialogue returns (the notifiers
    /// answer `true, err` for them), so everything network-side is retryable. Only a request that
    /// can never work as written, or a client that is gone, is not.
    public var isRetryable: Bool {
        switch kind {
        case .invalidRequest, .clientShutDown: false
        default: true
        }
    }

    /// `operation: message`, the shape of Go's `url.Error` text that Alertmanager logs.
    public var description: String {
        operation.isEmpty ? message : "\(operation): \(message)"
    }
}

extension CurlError {
    /// Builds the error for a finished transfer from its code, its error buffer and the socket errno.
    static func from(
        code: CURLcode,
        detail: String,
        osErrno: Int,
        replyCode: Int,
        operation: String
    ) -> CurlError {
        let generic = String(cString: curl_easy_strerror(code))
        let message = detail.isEmpty ? generic : detail
        return CurlError(
            kind: kind(of: code, osErrno: osErrno),
            code: Int(code.rawValue),
            message: message,
            operation: operation,
            replyCode: replyCode
        )
    }

    /// Builds the error for an option libcurl refused while the transfer was being set up.
    static func setup(_ code: CURLcode, option: String, operation: String) -> CurlError {
        CurlError(
            kind: .invalidRequest,
            code: Int(code.rawValue),
            message: "\(option): \(String(cString: curl_easy_strerror(code)))",
            operation: operation
        )
    }

    private static func kind(of code: CURLcode, osErrno: Int) -> Kind {
        switch code {
        case CURLE_COULDNT_CONNECT:
            osErrno == Int(ECONNREFUSED) ? .connectionRefused : .connectionFailed
        case CURLE_COULDNT_RESOLVE_HOST:
            .hostNotFound
        case CURLE_OPERATION_TIMEDOUT:
            .timedOut
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM,
            CURLE_SSL_CIPHER, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ENGINE_NOTFOUND,
            CURLE_SSL_ENGINE_SETFAILED, CURLE_SSL_ENGINE_INITFAILED, CURLE_SSL_CRL_BADFILE,
            CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_INVALIDCERTSTATUS,
            CURLE_SSL_SHUTDOWN_FAILED, CURLE_SSL_CLIENTCERT:
            .tls
        case CURLE_USE_SSL_FAILED:
            .startTLSNotOffered
        case CURLE_COULDNT_RESOLVE_PROXY, CURLE_PROXY:
            .proxy
        case CURLE_TOO_MANY_REDIRECTS:
            .tooManyRedirects
        case CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE,
            CURLE_HTTP2, CURLE_HTTP2_STREAM, CURLE_HTTP3:
            .connectionLost
        case CURLE_WEIRD_SERVER_REPLY, CURLE_BAD_CONTENT_ENCODING:
            .protocolViolation
        case CURLE_LOGIN_DENIED, CURLE_AUTH_ERROR:
            .authenticationFailed
        case CURLE_URL_MALFORMAT, CURLE_UNSUPPORTED_PROTOCOL, CURLE_BAD_FUNCTION_ARGUMENT,
            CURLE_NOT_BUILT_IN, CURLE_UNKNOWN_OPTION:
            .invalidRequest
        default:
            .other
        }
    }
}
