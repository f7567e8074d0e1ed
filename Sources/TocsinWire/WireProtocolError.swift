/// Violations of the framing or handshake rules. Each one closes the connection it happened on, and only it.
public enum WireProtocolError: Error, Equatable, CustomStringConvertible {
    /// A length prefix announced a frame over the configured maximum.
    case frameTooLarge(length: Int, maximum: Int)
    /// A frame's payload did not decode as a `WireFrame`.
    case undecodableFrame(length: Int, reason: String)
    /// The first frame of a connection was not the expected hello.
    case expectedHello(got: String)
    /// The peer speaks another protocol version.
    case versionMismatch(local: UInt32, remote: UInt32)
    /// The server refused the hello, with its reason.
    case refused(String)
    /// The peer runs under another user id than this process (checked with SO_PEERCRED).
    case foreignPeer(uid: UInt32, expected: UInt32)
    /// The peer did not complete the handshake in time.
    case handshakeTimedOut

    public var description: String {
        switch self {
        case .frameTooLarge(let length, let maximum):
            return "frame of \(length) bytes exceeds the maximum of \(maximum) bytes"
        case .undecodableFrame(let length, let reason):
            return "frame of \(length) bytes does not decode: \(reason)"
        case .expectedHello(let got):
            return "expected a hello as the first frame, got \(got)"
        case .versionMismatch(let local, let remote):
            return "protocol version mismatch: this process speaks version \(local), the peer speaks version \(remote)"
        case .refused(let reason):
            return "connection refused by peer: \(reason)"
        case .foreignPeer(let uid, let expected):
            return "peer runs as uid \(uid), only uid \(expected) may connect"
        case .handshakeTimedOut:
            return "handshake timed out"
        }
    }
}
