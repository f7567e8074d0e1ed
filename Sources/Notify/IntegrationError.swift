/// Why one attempt of an integration failed, and whether another attempt could succeed.
///
/// Alertmanager's notifiers answer `(retry bool, err error)`; this is that pair, plus the wait a server
/// asked for with `Retry-After`.
public struct IntegrationError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    /// Whether the retry stage tries again (5xx and network errors) or gives up at once (other codes).
    public var isRetryable: Bool
    /// The earliest next attempt the server asked for (`Retry-After` on 429/503), if any.
    public var retryAfter: Duration?

    /// An error with its message and retry classification.
    public init(_ message: String, isRetryable: Bool, retryAfter: Duration? = nil) {
        self.message = message
        self.isRetryable = isRetryable
        self.retryAfter = retryAfter
    }

    public var description: String { self.message }
}
