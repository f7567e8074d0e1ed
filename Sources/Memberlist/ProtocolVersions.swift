/// The six protocol version bytes (`Vsn`) every alive message and push/pull node state carries:
/// memberlist's min, max and current protocol, then the delegate's min, max and current.
///
/// Alertmanager's alive delegate ignores an alive whose `Vsn` is shorter than 6 bytes, and `verifyProtocol`
/// fails a push/pull listing any node without one, so every node we describe must carry all six. Feature
/// gates follow the peer's `max`: 3 enables TCP fallback pings, 4 nacks, 5 CRC on gossip.
public struct ProtocolVersions: Sendable, Hashable {
    /// The oldest memberlist protocol spoken.
    public var min: UInt8
    /// The newest memberlist protocol spoken; it gates features.
    public var max: UInt8
    /// The protocol in use.
    public var current: UInt8
    /// The oldest delegate protocol spoken.
    public var delegateMin: UInt8
    /// The newest delegate protocol spoken.
    public var delegateMax: UInt8
    /// The delegate protocol in use.
    public var delegateCurrent: UInt8

    /// What every Alertmanager 0.25 peer sends: `[1, 5, 2, 0, 0, 0]`.
    public static let alertmanager = ProtocolVersions(
        min: 1, max: 5, current: 2, delegateMin: 0, delegateMax: 0, delegateCurrent: 0)

    /// Versions from their six parts.
    public init(min: UInt8, max: UInt8, current: UInt8, delegateMin: UInt8, delegateMax: UInt8, delegateCurrent: UInt8) {
        self.min = min
        self.max = max
        self.current = current
        self.delegateMin = delegateMin
        self.delegateMax = delegateMax
        self.delegateCurrent = delegateCurrent
    }

    /// Reads a `Vsn` byte string; nil unless it has at least six bytes (extra bytes are ignored, as in Go).
    public init?(vsn: [UInt8]) {
        guard vsn.count >= 6 else { return nil }
        self.init(min: vsn[0], max: vsn[1], current: vsn[2], delegateMin: vsn[3], delegateMax: vsn[4], delegateCurrent: vsn[5])
    }

    /// The six bytes as they go on the wire.
    public var vsn: [UInt8] { [min, max, current, delegateMin, delegateMax, delegateCurrent] }
}
