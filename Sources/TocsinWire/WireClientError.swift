/// Why a request through a ``WireClient`` did not get an answer.
public enum WireClientError: Error, Equatable, CustomStringConvertible {
    /// No connection could be made before the deadline; carries the last connection error.
    case notConnected(String)
    /// The connection dropped while the request was in flight: the peer may or may not have served it.
    case connectionLost(String)
    /// No answer arrived before the deadline.
    case timedOut
    /// The calling task was cancelled.
    case cancelled
    /// The client was stopped.
    case stopped
    /// The peer answered with a failure.
    case failed(WireFailure.Code, String)

    /// Whether trying again later can succeed: true for connection problems and timeouts, and for the
    /// peer's own `unavailable` answer; false for requests the peer rejected as they are.
    public var isRetryable: Bool {
        switch self {
        case .notConnected, .connectionLost, .timedOut: return true
        case .failed(let code, _): return code == .unavailable
        case .cancelled, .stopped: return false
        }
    }

    public var description: String {
        switch self {
        case .notConnected(let reason): return "not connected: \(reason)"
        case .connectionLost(let reason): return "connection lost: \(reason)"
        case .timedOut: return "request timed out"
        case .cancelled: return "request cancelled"
        case .stopped: return "client stopped"
        case .failed(let code, let message): return "request failed (\(code)): \(message)"
        }
    }
}
