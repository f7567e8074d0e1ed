/// memberlist's SWIM membership protocol as a value: events in (a packet arrived, a timer fired, a push/pull
/// came back), actions out (send this, schedule that, tell the application). It never reads a clock, touches
/// a socket or sleeps, so every rule can be tested with a manual clock and the driver stays thin.
///
/// The rules are memberlist 0.2.2's as Alertmanager 0.25 runs them (cluster-protocol.md §3-§4): news about a
/// member wins only with a higher incarnation; accusations against ourselves are refuted with a higher one;
/// a probe goes direct, then indirect through up to three peers plus a TCP ping, and only then suspects; a
/// suspicion becomes death after memberlist's timeout, shortened by independent confirmations; our health
/// score stretches our own probe interval. Alive, suspect and dead news, and the application's broadcasts,
/// ride on every packet we send, within the 1400-byte budget.
public struct SWIMStateMachine<Instant: InstantProtocol & Sendable>: Sendable where Instant.Duration == Duration {
    /// The actions this machine returns.
    public typealias Action = SWIMAction<Instant>

    struct Probe: Sendable {
        var seqNo: UInt32
        var target: String
        var sent: Instant
        var deadline: Instant
        var expectedNacks = 0
        var nacks = 0
        var streamPing: Bool?
        var wentIndirect = false
    }

    struct Relay: Sendable {
        var originalSeqNo: UInt32
        var requester: NodeAddress
        var nack: Bool
    }

    struct Suspicion: Sendable {
        var timer: SuspicionTimer
        var start: Instant
        var stateChange: Instant
    }

    /// The timing and fan-out settings in force.
    public let configuration: SWIMConfiguration
    /// Our own name, unique in the cluster.
    public let localName: String
    /// The member table, ourselves included.
    public internal(set) var members: [String: Member] = [:]
    /// Our health score.
    public internal(set) var awareness: Awareness
    /// True once ``leave(now:)`` was called: we no longer refute and no longer probe.
    public internal(set) var isLeaving = false

    var stateChanges: [String: Instant] = [:]
    var probeOrder: [String] = []
    var probeIndex = 0
    var probe: Probe?
    var probeTickPending = false
    var relays: [UInt32: Relay] = [:]
    var suspicions: [String: Suspicion] = [:]
    var nextSeqNo: UInt32 = 0
    var memberlistQueue: BroadcastQueue
    var userQueue: BroadcastQueue
    var leaveBroadcastID: UInt64?
    var random: SeededRandom

    /// A node that knows only itself, alive at incarnation 1 (memberlist's `setAlive`), its own alive queued
    /// for gossip; ``start(now:)`` then schedules its timers.
    public init(
        name: String, address: NodeAddress, meta: [UInt8]? = [], vsn: [UInt8] = ProtocolVersions.alertmanager.vsn,
        configuration: SWIMConfiguration = SWIMConfiguration(), now: Instant, seed: UInt64
    ) {
        self.configuration = configuration
        self.localName = name
        self.awareness = Awareness(maxMultiplier: configuration.awarenessMaxMultiplier)
        self.memberlistQueue = BroadcastQueue(retransmitMultiplier: configuration.retransmitMultiplier)
        self.userQueue = BroadcastQueue(retransmitMultiplier: configuration.userRetransmitMultiplier)
        self.random = SeededRandom(seed: seed)
        let local = Member(name: name, address: address, meta: meta, incarnation: 1, state: .alive, vsn: vsn)
        members[name] = local
        stateChanges[name] = now
        probeOrder = [name]
        memberlistQueue.enqueue(Message.alive(Self.alive(for: local)).encoded, key: name)
    }

    /// The timers a fresh node starts with; perform these once after `init`.
    ///
    /// The first periodic push/pull comes after a random stagger *plus* one interval, as memberlist's
    /// `pushPullTrigger` waits out the stagger before its first full interval.
    public mutating func start(now: Instant) -> [Action] {
        let stagger = configuration.pushPullInterval * Double(random.next() % 1000) / 1000
        return [
            .schedule(.probe, at: now.advanced(by: configuration.probeInterval)),
            .schedule(.gossip, at: now.advanced(by: configuration.gossipInterval)),
            .schedule(.pushPull, at: now.advanced(by: stagger + configuration.pushPullInterval)),
        ]
    }

    /// Ourselves, as the table holds us.
    public var localMember: Member { members[localName]! }

    /// Members that count for Alertmanager's `Members()` (alive or suspect, ourselves included), sorted by
    /// name as Alertmanager sorts them to compute a node's position.
    public var liveMembers: [Member] {
        members.values.filter { $0.state == .alive || $0.state == .suspect }.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
    }

    /// How many members the table holds (memberlist's `estNumNodes`), dead ones not yet forgotten included.
    public var estimatedMemberCount: Int { members.count }

    /// Queues an application broadcast (one `clusterpb.Part` for Alertmanager) to be piggybacked on gossip.
    public mutating func queueUserBroadcast(_ message: [UInt8]) {
        userQueue.enqueue(message)
    }

    /// The node states to send in a push/pull: every member we know, ourselves included.
    public var localState: [PushNodeState] {
        members.values.sorted { $0.name < $1.name }.map(\.pushNodeState)
    }

    static func alive(for member: Member) -> Alive {
        Alive(incarnation: member.incarnation, node: member.name, address: member.address.ip, port: member.address.port,
              meta: member.meta, vsn: member.vsn)
    }

    mutating func takeSeqNo() -> UInt32 {
        nextSeqNo &+= 1
        return nextSeqNo
    }
}
