/// The SWIM timing and fan-out settings, defaulting to what Alertmanager 0.25 runs memberlist with
/// (cluster-protocol.md §4.1); the state machine takes them as given.
public struct SWIMConfiguration: Sendable, Hashable {
    /// Time between probe rounds, before health scaling (`--cluster.probe-interval`).
    public var probeInterval: Duration = .seconds(1)
    /// How long a direct ping waits for its ack (`--cluster.probe-timeout`).
    public var probeTimeout: Duration = .milliseconds(500)
    /// Time between gossip rounds (`--cluster.gossip-interval`).
    public var gossipInterval: Duration = .milliseconds(200)
    /// Time between periodic push/pulls (`--cluster.pushpull-interval`).
    public var pushPullInterval: Duration = .seconds(60)
    /// Peers asked to probe a silent target on our behalf.
    public var indirectChecks = 3
    /// Peers each gossip round sends to.
    public var gossipNodes = 3
    /// Scales the minimum suspicion timeout (`SuspicionMult`).
    public var suspicionMultiplier = 4
    /// The maximum suspicion timeout as a multiple of the minimum.
    public var suspicionMaxTimeoutMultiplier = 6
    /// memberlist's own queue (alive/suspect/dead).
    public var retransmitMultiplier = 4
    /// The delegate's queue; Alertmanager uses max(3, peers/2).
    public var userRetransmitMultiplier = 3
    /// Dead members still receive gossip this long, and are forgotten after it.
    public var gossipToTheDeadTime: Duration = .seconds(30)
    /// The most the health score may stretch the probe interval.
    public var awarenessMaxMultiplier = 8
    /// The UDP packet budget that gossip and piggybacking fill (`MaxGossipPacketSize`).
    public var udpBufferSize = 1400
    /// Compress outgoing packets when smaller (`EnableCompression`).
    public var compression = true
    /// Alertmanager's alive delegate ignores alive messages whose `Vsn` is shorter than 6 bytes.
    public var requireFullVersions = true
    /// Ask for a TCP ping when UDP probes fail (`DisableTcpPings` false).
    public var tcpFallbackPings = true

    /// Alertmanager's defaults.
    public init() {}
}
