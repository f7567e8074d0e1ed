/// Delivers HTTP requests and SMTP mail through libcurl's multi interface: one dedicated thread
/// runs every transfer of this client concurrently, so hundreds of deliveries in flight cost
/// sockets, not threads.
///
/// The client keeps libcurl's connection cache and a pool of easy handles across transfers, so
/// requests to the same host reuse connections (and TLS sessions). Each call completes exactly
/// once: with the outcome, with a ``CurlError``, or with `CancellationError` when the calling
/// task is cancelled (the transfer is then removed from libcurl at once). Shutting down (or
/// releasing the last reference) stops the thread after failing whatever is still running.
public final class CurlClient: Sendable {
    /// Limits of the shared multi handle.
    public struct Configuration: Sendable, Hashable {
        /// Idle connections kept for reuse; nil keeps libcurl's default (4 × transfers in flight).
        public var maximumCachedConnections: Int?
        /// Simultaneous connections to one host; further transfers queue. Nil is unlimited.
        public var maximumConnectionsPerHost: Int?
        /// Simultaneous connections overall; further transfers queue. Nil is unlimited.
        public var maximumTotalConnections: Int?
        /// Idle easy handles kept for reuse.
        public var idleHandlePoolSize: Int

        /// Makes a configuration; the defaults suit a notifier (no limits beyond libcurl's own).
        public init(
            maximumCachedConnections: Int? = nil,
            maximumConnectionsPerHost: Int? = nil,
            maximumTotalConnections: Int? = nil,
            idleHandlePoolSize: Int = 64
        ) {
            self.maximumCachedConnections = maximumCachedConnections
            self.maximumConnectionsPerHost = maximumConnectionsPerHost
            self.maximumTotalConnections = maximumTotalConnections
            self.idleHandlePoolSize = idleHandlePoolSize
        }
    }

    private let driver: TransferDriver
    private let tokens = OAuth2TokenCache()

    /// Starts the driver thread.
    public init(configuration: Configuration = Configuration()) {
        driver = TransferDriver(configuration: configuration)
    }

    deinit {
        driver.shutdown()
    }

    /// Sends one HTTP request with a receiver's transport options and returns the final response,
    /// whatever its status (classifying statuses is the notifier's business).
    ///
    /// Throws ``CurlError`` when no response could be had, or `CancellationError`.
    public func perform(_ request: HTTPRequest, options: TransportOptions = TransportOptions()) async throws
        -> HTTPResponse
    {
        var resolved = options
        if let credentials = options.oauth2 {
            let operation = "\(request.method.prefix(1).uppercased())\(request.method.dropFirst().lowercased()) \"\(request.url)\""
            resolved.authorization = try await tokens.authorization(for: credentials, operation: operation, using: self)
        }
        let final = resolved
        return try await driver.run { continuation in
            .http(request, final, continuation)
        }
    }

    /// Submits one mail to an SMTP server: connect, EHLO, STARTTLS as required, AUTH when
    /// credentials are given, MAIL FROM, one RCPT TO per recipient, DATA, QUIT.
    ///
    /// Throws ``CurlError`` (kind ``CurlError/Kind/rejected`` when the server refused the sender, a
    /// recipient or the content), or `CancellationError`.
    public func send(mail: SMTPMessage, via server: SMTPServer) async throws {
        try await driver.run { continuation in
            .mail(mail, server, continuation)
        }
    }

    /// Stops the driver thread: transfers still running fail with
    /// ``CurlError/Kind/clientShutDown``, and so does every later call. Returns once the thread has
    /// exited; calling it again does nothing.
    public func shutdown() {
        driver.shutdown()
    }

    /// The linked libcurl and its TLS library, e.g. `libcurl/7.88.1 OpenSSL/3.0.19 ...`.
    public static var libcurlVersion: String {
        CurlGlobal.version
    }
}
