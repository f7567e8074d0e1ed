/// One member of the cluster as this node sees it: identity, where it listens, and its SWIM state.
///
/// `incarnation` only ever grows for a given name; it is how newer news about a member beats older news.
public struct Member: Sendable, Hashable {
    /// The member's unique name.
    public var name: String
    /// Where the member listens.
    public var address: NodeAddress
    /// Delegate metadata; Alertmanager's is empty.
    public var meta: [UInt8]?
    /// The highest incarnation heard for this member.
    public var incarnation: UInt32
    /// Alive, suspect, dead or left.
    public var state: MemberState
    /// The six version bytes the member advertised.
    public var vsn: [UInt8]

    /// A member record.
    public init(name: String, address: NodeAddress, meta: [UInt8]?, incarnation: UInt32, state: MemberState, vsn: [UInt8]) {
        self.name = name
        self.address = address
        self.meta = meta
        self.incarnation = incarnation
        self.state = state
        self.vsn = vsn
    }

    /// The member's advertised protocol maximum (0 when it sent no versions), which gates TCP fallback
    /// pings (>= 3), nacks (>= 4) and CRC on gossip (>= 5).
    public var protocolMax: UInt8 { vsn.count > 1 ? vsn[1] : 0 }

    /// The node state a push/pull lists for this member.
    public var pushNodeState: PushNodeState {
        PushNodeState(name: name, address: address.ip, port: address.port, incarnation: incarnation, state: state, meta: meta, vsn: vsn)
    }
}
