import Memberlist

/// What a gossip agent runs with: where it listens and what it advertises, whom it joins, and the timing of
/// memberlist and of Alertmanager's peer bookkeeping (the `--cluster.*` flags, with 0.25's defaults).
public struct GossipConfiguration: Sendable {
    /// Where UDP and TCP listen (`--cluster.listen-address`); one port carries both.
    public var listenAddress: ClusterAddress
    /// The address other members reach us at (`--cluster.advertise-address`); nil: the listen address, or
    /// the first private interface address when listening on every interface.
    public var advertiseAddress: ClusterAddress?
    /// The initial peers to join (`--cluster.peer`), `host:port` each, resolved at every attempt.
    public var peers: [ClusterAddress]
    /// Time allowed to dial a peer and finish a TCP exchange (`--cluster.tcp-timeout`).
    public var tcpTimeout: Duration
    /// Time between attempts to rejoin peers that are not members (`--cluster.reconnect-interval`).
    public var reconnectInterval: Duration
    /// How long a member that left or died is retried before it is given up (`--cluster.reconnect-timeout`).
    public var reconnectTimeout: Duration
    /// How long a notifier waits per position before sending (`--cluster.peer-timeout`); served to them.
    public var peerTimeout: Duration
    /// The longest the node reports "settling" (`--cluster.settle-timeout`).
    public var settleTimeout: Duration
    /// How long a clean leave may take before the sockets close anyway (Alertmanager waits 10s).
    public var leaveTimeout: Duration
    /// memberlist's timing and fan-out.
    public var swim: SWIMConfiguration

    /// A configuration with Alertmanager 0.25's defaults for everything not given.
    public init(
        listenAddress: ClusterAddress = ClusterAddress(host: "0.0.0.0", port: 9094),
        advertiseAddress: ClusterAddress? = nil,
        peers: [ClusterAddress] = [],
        tcpTimeout: Duration = .seconds(10),
        reconnectInterval: Duration = .seconds(10),
        reconnectTimeout: Duration = .seconds(6 * 3600),
        peerTimeout: Duration = .seconds(15),
        settleTimeout: Duration = .seconds(60),
        leaveTimeout: Duration = .seconds(10),
        swim: SWIMConfiguration = SWIMConfiguration()
    ) {
        self.listenAddress = listenAddress
        self.advertiseAddress = advertiseAddress
        self.peers = peers
        self.tcpTimeout = tcpTimeout
        self.reconnectInterval = reconnectInterval
        self.reconnectTimeout = reconnectTimeout
        self.peerTimeout = peerTimeout
        self.settleTimeout = settleTimeout
        self.leaveTimeout = leaveTimeout
        self.swim = swim
    }
}
