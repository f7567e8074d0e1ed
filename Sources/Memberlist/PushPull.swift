/// A push/pull exchange (TCP, `pushPullMsg`): the sender's whole membership view and its delegate's state.
///
/// On the wire it is `[0x06]`, a ``PushPullHeader``, one ``PushNodeState`` per node, then exactly
/// `userState.count` raw bytes (for Alertmanager a `clusterpb.FullState`, see ``ClusterFullState``). The
/// header's counts are derived from the contents when encoding, so they cannot disagree.
public struct PushPull: Sendable, Hashable {
    /// True on the exchange a joining node starts; the responder echoes the value.
    public var join: Bool
    /// Every node the sender knows, itself included.
    public var nodes: [PushNodeState]
    /// The delegate's `LocalState` bytes.
    public var userState: [UInt8]

    /// An exchange carrying `nodes` and `userState`.
    public init(join: Bool, nodes: [PushNodeState], userState: [UInt8]) {
        self.join = join
        self.nodes = nodes
        self.userState = userState
    }

    /// The header that describes this exchange.
    public var header: PushPullHeader {
        PushPullHeader(nodes: nodes.count, userStateLength: userState.count, join: join)
    }
}
