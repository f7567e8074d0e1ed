import Logging
import Memberlist
import NIOCore
import NIOPosix
import ServiceLifecycle
import TocsinWire
import WakeSignal

/// A memberlist node that Alertmanager 0.25 peers take for one of their own: it drives the value-typed
/// ``SWIMStateMachine`` with real UDP and TCP sockets and the continuous clock, and replicates silences and
/// the notification log between its peers and tocsin-state.
///
/// Invariants: all membership state lives in the machine and is touched only on this actor, so packets,
/// timers, streams and joins are handled one at a time; every network wait is bounded (`--cluster.tcp-timeout`);
/// on graceful shutdown the node announces its leave and closes its sockets only once that announcement has
/// gone out (or the leave timeout passed), so peers record a leave instead of a failure.
public actor GossipAgent: Service {
    typealias Machine = SWIMStateMachine<ContinuousClock.Instant>

    /// Alertmanager gossips parts up to this size and streams bigger ones to each peer (cluster/channel.go:
    /// `MaxGossipPacketSize / 2`).
    public static let maxGossipPartSize = 700

    public nonisolated let configuration: GossipConfiguration
    /// Our member name, a fresh ULID per start.
    public nonisolated let name: String
    /// The address peers reach us at.
    public nonisolated let advertised: NodeAddress
    let bridge: StateStoreBridge?
    let metrics: GossipMetrics
    let logger: Logger
    let group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton

    var machine: Machine
    var timers: [SWIMTimer: ContinuousClock.Instant] = [:]
    /// When the timer loop will next wake, and how to wake it sooner when an earlier timer is scheduled.
    var plannedTimerWake: ContinuousClock.Instant?
    let timerWake = WakeSignal()
    var udp: (any Channel)?
    var listener: (any Channel)?
    /// Addresses to rejoin (left or failed members), with when they were lost.
    var lostPeers: [String: ContinuousClock.Instant] = [:]
    var leaveFinished = false
    /// Whether the member count has stopped changing (or the settle timeout passed).
    public private(set) var settled = false

    /// A node named `name` advertising `configuration`'s address (resolved now).
    public init(
        configuration: GossipConfiguration, bridge: StateStoreBridge?, metrics: GossipMetrics = GossipMetrics(),
        name: String = NodeName.ulid(), logger: Logger
    ) throws {
        self.configuration = configuration
        self.name = name
        self.bridge = bridge
        self.metrics = metrics
        self.logger = logger
        self.advertised = try Self.advertiseAddress(configuration)
        self.machine = Machine(
            name: name, address: self.advertised, configuration: configuration.swim, now: .now, seed: UInt64.random(in: .min ... .max)
        )
    }

    /// The advertise address: the flag, else the listen address, else (listening everywhere) the first
    /// private IPv4 interface address, as Alertmanager discovers one (cluster/advertise.go); without one,
    /// the first other non-loopback IPv4 address, then loopback.
    static func advertiseAddress(_ configuration: GossipConfiguration) throws -> NodeAddress {
        if let advertise = configuration.advertiseAddress { return try advertise.resolve() }
        let listen = configuration.listenAddress
        guard listen.isUnspecified else { return try listen.resolve() }
        let candidates = ((try? System.enumerateDevices()) ?? []).compactMap { device -> NodeAddress? in
            guard let address = device.address, case .v4 = address, let node = try? NodeAddress(address), node.ip[0] != 127 else {
                return nil
            }
            return NodeAddress(ip: node.ip, port: UInt16(listen.port))
        }
        func isPrivate(_ ip: [UInt8]) -> Bool {
            ip[0] == 10 || (ip[0] == 172 && (16...31).contains(ip[1])) || (ip[0] == 192 && ip[1] == 168)
        }
        return candidates.first { isPrivate($0.ip) } ?? candidates.first ?? NodeAddress(ip: [127, 0, 0, 1], port: UInt16(listen.port))
    }

    /// Binds the cluster port, joins the peers and runs until graceful shutdown, then leaves cleanly.
    public func run() async throws {
        let (datagrams, continuation) = AsyncStream.makeStream(of: ReceivedDatagram.self)
        try await self.bind(datagrams: continuation)
        self.logger.info("Starting gossip", metadata: ["name": "\(self.name)", "addr": "\(self.advertised)"])
        self.perform(self.machine.start(now: .now))
        await withTaskGroup(of: Void.self) { tasks in
            tasks.addTask {
                for await datagram in datagrams {
                    await self.receive(datagram)
                }
            }
            tasks.addTask { await self.runTimers() }
            if let bridge = self.bridge {
                tasks.addTask { await bridge.forEachLocalChange { part in await self.broadcast(part) } }
            }
            tasks.addTask { await self.maintainPeers() }
            tasks.addTask { await self.settle() }
            try? await gracefulShutdown()
            await self.leave()
            tasks.cancelAll()
            continuation.finish()
        }
        try? await self.udp?.close()
        try? await self.listener?.close()
        self.logger.info("Stopped gossip")
    }

    func bind(datagrams: AsyncStream<ReceivedDatagram>.Continuation) async throws {
        let listen = self.configuration.listenAddress
        let host = listen.host.isEmpty ? "0.0.0.0" : listen.host
        self.udp = try await DatagramBootstrap(group: self.group)
            .channelOption(.socketOption(.so_reuseaddr), value: 1)
            .channelOption(.recvAllocator, value: FixedSizeRecvByteBufferAllocator(capacity: 65_536))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(DatagramReceiver(continuation: datagrams))
                }
            }
            .bind(host: host, port: listen.port)
            .get()
        let timeout = Self.timeAmount(self.configuration.tcpTimeout)
        self.listener = try await ServerBootstrap(group: self.group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(
                        StreamFrameHandler(timeout: timeout) { result, channel in
                            guard case .success(let frame) = result else { return }
                            Task { await self.serve(frame, on: channel) }
                        }
                    )
                }
            }
            .bind(host: host, port: listen.port)
            .get()
    }

    static func timeAmount(_ duration: Duration) -> TimeAmount {
        .nanoseconds(Int64(duration.components.seconds) * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000)
    }

    // MARK: Inputs

    func receive(_ datagram: ReceivedDatagram) {
        self.perform(self.machine.receive(datagram: datagram.bytes, from: datagram.source, now: .now))
    }

    /// One loop over the deadline map: a new schedule of a timer replaces the old one. It sleeps until the
    /// earliest deadline (an idle node wakes a few times a second, not a hundred), and is woken when a timer
    /// is scheduled before that.
    func runTimers() async {
        while !Task.isCancelled {
            self.fireDueTimers()
            let next = self.timers.values.min() ?? ContinuousClock.now + .seconds(1)
            self.plannedTimerWake = next
            await self.timerWake.wait(until: next)
        }
    }

    func fireDueTimers() {
        let now = ContinuousClock.now
        for (timer, _) in self.timers.filter({ $0.value <= now }).sorted(by: { $0.value < $1.value }) {
            guard let deadline = self.timers[timer], deadline <= now else { continue }
            self.timers[timer] = nil
            self.perform(self.machine.timerFired(timer, now: now))
        }
    }

    /// Answers one inbound stream: a push/pull with our state (then merges theirs), a fallback ping, or an
    /// oversized user message.
    func serve(_ frame: StreamFrame, on channel: any Channel) async {
        switch frame.message {
        case .pushPull(let theirs):
            let state = await self.localUserState()
            let reply = PushPull(join: theirs.join, nodes: self.machine.localState, userState: state.protobuf)
            self.metrics.sent(.fullState, bytes: reply.userState.count)
            self.write(.pushPull(reply), on: channel)
            await self.mergeRemote(theirs)
        case .ping(let ping):
            if let ack = self.machine.answerStreamPing(ping) {
                self.write(.ack(ack), on: channel)
            } else {
                channel.close(promise: nil)
            }
        case .user(let bytes):
            channel.close(promise: nil)
            self.metrics.received(.update, bytes: bytes.count)
            // The sender streamed it to every member already: it is not gossiped again (cluster/channel.go).
            await self.mergeUserMessage(bytes, rebroadcast: false)
        case .ack, .error:
            channel.close(promise: nil)
        }
    }

    nonisolated func write(_ message: StreamMessage, on channel: any Channel) {
        channel.writeAndFlush(ByteBuffer(bytes: StreamEncoder().encode(message))).whenComplete { _ in
            channel.close(promise: nil)
        }
    }

    // MARK: Actions

    func perform(_ actions: [Machine.Action]) {
        for action in actions {
            switch action {
            case .sendPacket(let bytes, let address):
                guard let udp = self.udp, let target = try? address.socketAddress() else { continue }
                udp.writeAndFlush(AddressedEnvelope(remoteAddress: target, data: ByteBuffer(bytes: bytes)), promise: nil)
            case .sendStreamPing(let ping, let address, let deadline):
                Task { await self.streamPing(ping, to: address, deadline: deadline) }
            case .startPushPull(let address, let join):
                Task { _ = await self.pushPull(with: address, join: join) }
            case .schedule(let timer, let deadline):
                self.timers[timer] = deadline
                if let planned = self.plannedTimerWake, deadline < planned {
                    self.plannedTimerWake = deadline
                    self.timerWake.signal()
                }
            case .notify(let event):
                self.memberChanged(event)
            case .deliverUserMessage(let bytes):
                self.metrics.received(.update, bytes: bytes.count)
                Task { await self.mergeUserMessage(bytes, rebroadcast: true) }
            case .leaveBroadcastFinished:
                self.leaveFinished = true
            }
        }
        let members = self.machine.liveMembers
        self.metrics.update(
            name: self.name, members: members.count, healthScore: self.machine.awareness.score,
            position: members.firstIndex { $0.name == self.name } ?? 0
        )
    }

    func memberChanged(_ event: MemberEvent) {
        switch event {
        case .joined(let member):
            guard member.name != self.name else { return }
            self.lostPeers[member.address.description] = nil
            self.metrics.update(failedPeers: self.lostPeers.count)
            self.metrics.membershipChanged(joined: true)
            self.logger.debug("peer joined", metadata: ["peer": "\(member.name)", "addr": "\(member.address)"])
        case .left(let member):
            guard member.name != self.name else { return }
            // Alertmanager keeps retrying members that left or failed (cluster.go peerLeave, reconnect).
            self.lostPeers[member.address.description] = self.lostPeers[member.address.description] ?? .now
            self.metrics.update(failedPeers: self.lostPeers.count)
            self.metrics.membershipChanged(joined: false)
            self.logger.debug("peer left", metadata: ["peer": "\(member.name)", "addr": "\(member.address)", "state": "\(member.state)"])
        case .updated(let member), .suspected(let member):
            self.logger.debug("peer changed", metadata: ["peer": "\(member.name)", "state": "\(member.state)"])
        }
    }

    func streamPing(_ ping: Ping, to address: NodeAddress, deadline: ContinuousClock.Instant) async {
        let timeout = max(.milliseconds(1), ContinuousClock.now.duration(to: deadline))
        let reply = try? await StreamExchange.send(.ping(ping), to: address, expectingReply: true, timeout: timeout, group: self.group)
        var acknowledged = false
        if case .ack(let ack)? = reply?.message { acknowledged = ack.seqNo == ping.seqNo }
        self.perform(self.machine.streamPingCompleted(seqNo: ping.seqNo, acknowledged: acknowledged, now: .now))
    }

    /// A push/pull with `address` (a join when `join`): sends our nodes and full state, merges the reply.
    /// Answers whether the exchange completed.
    func pushPull(with address: NodeAddress, join: Bool) async -> Bool {
        let state = await self.localUserState()
        let request = PushPull(join: join, nodes: self.machine.localState, userState: state.protobuf)
        do {
            let reply = try await StreamExchange.send(
                .pushPull(request), to: address, expectingReply: true, timeout: self.configuration.tcpTimeout, group: self.group
            )
            self.metrics.sent(.fullState, bytes: request.userState.count)
            guard case .pushPull(let theirs)? = reply?.message else { return false }
            await self.mergeRemote(theirs)
            return true
        } catch {
            self.logger.debug("push/pull failed", metadata: ["addr": "\(address)", "err": "\(error)"])
            return false
        }
    }

    func localUserState() async -> ClusterFullState {
        await self.bridge?.fullState()
            ?? ClusterFullState(parts: [
                ClusterPart(key: StateStoreBridge.notificationLogKey, data: []), ClusterPart(key: StateStoreBridge.silencesKey, data: []),
            ])
    }

    /// Merges a peer's push/pull: its node list into the machine, then its user state into the store.
    func mergeRemote(_ theirs: PushPull) async {
        do {
            self.perform(try self.machine.mergeRemoteState(theirs.nodes, now: .now))
        } catch {
            self.logger.warning("refusing a push/pull", metadata: ["err": "\(error)"])
            return
        }
        guard !theirs.userState.isEmpty else { return }
        self.metrics.received(.fullState, bytes: theirs.userState.count)
        guard let state = try? ClusterFullState(protobuf: theirs.userState[...]) else {
            self.logger.warning("dropping an undecodable full state")
            return
        }
        for part in state.parts {
            await self.merge(part, rebroadcast: true)
        }
    }

    func mergeUserMessage(_ bytes: [UInt8], rebroadcast: Bool) async {
        guard let part = try? ClusterPart(protobuf: bytes[...]) else { return }
        await self.merge(part, rebroadcast: rebroadcast)
    }

    /// Merges one part; like Alertmanager's `Merge`, a small part that brought something new is gossiped on.
    func merge(_ part: ClusterPart, rebroadcast: Bool) async {
        guard let bridge = self.bridge else { return }
        do {
            let changed = try await bridge.merge(part)
            if rebroadcast, changed > 0, part.data.count <= Self.maxGossipPartSize {
                let bytes = part.protobuf
                self.machine.queueUserBroadcast(bytes)
                self.metrics.sent(.update, bytes: bytes.count)
            }
        } catch {
            self.logger.warning("merging state from a peer failed", metadata: ["key": "\(part.key)", "err": "\(error)"])
        }
    }

    /// Broadcasts a local change: gossiped when small, otherwise streamed over TCP to every other member.
    public func broadcast(_ part: ClusterPart) async {
        let bytes = part.protobuf
        guard bytes.count > Self.maxGossipPartSize else {
            self.machine.queueUserBroadcast(bytes)
            self.metrics.sent(.update, bytes: bytes.count)
            return
        }
        let peers = self.machine.liveMembers.filter { $0.name != self.name }.map(\.address)
        let timeout = self.configuration.tcpTimeout
        let group = self.group
        let metrics = self.metrics
        await withTaskGroup(of: Void.self) { sends in
            for peer in peers {
                sends.addTask {
                    do {
                        _ = try await StreamExchange.send(.user(bytes), to: peer, expectingReply: false, timeout: timeout, group: group)
                        metrics.sent(.update, bytes: bytes.count)
                        metrics.oversized(key: part.key, succeeded: true)
                    } catch {
                        metrics.oversized(key: part.key, succeeded: false)
                    }
                }
            }
        }
    }

    // MARK: Status

    /// Alertmanager's `Peer.Settle`: every 10 gossip intervals compare the member count with the last one;
    /// three unchanged polls in a row (checked at the next poll) mean settled; the settle timeout ends the
    /// wait in any case (cluster/cluster.go).
    func settle() async {
        let interval = self.configuration.swim.gossipInterval * 10
        let deadline = ContinuousClock.now + self.configuration.settleTimeout
        var previous = 0
        var unchanged = 0
        while !Task.isCancelled {
            let wake = min(ContinuousClock.now + interval, deadline)
            try? await Task.sleep(until: wake)
            guard !Task.isCancelled else { return }
            if ContinuousClock.now >= deadline {
                self.logger.info("gossip not settled but continuing anyway", metadata: ["polls": "\(unchanged)"])
                break
            }
            if unchanged >= 3 {
                self.logger.info("gossip settled; proceeding")
                break
            }
            let count = self.machine.liveMembers.count
            unchanged = count == previous ? unchanged + 1 : 0
            previous = count
        }
        self.settled = true
    }

    /// The cluster as this node sees it, as the gossip socket serves it.
    public func status() -> Tocsin_Cluster_V1_Status {
        var status = Tocsin_Cluster_V1_Status()
        status.name = self.name
        status.status = self.settled ? "ready" : "settling"
        let members = self.machine.liveMembers
        status.peers = members.map { member in
            var peer = Tocsin_Cluster_V1_Peer()
            peer.name = member.name
            peer.address = member.address.description
            return peer
        }
        status.position = UInt32(members.firstIndex { $0.name == self.name } ?? 0)
        let timeout = self.configuration.peerTimeout.components
        status.peerTimeoutMilliseconds = timeout.seconds * 1000 + timeout.attoseconds / 1_000_000_000_000_000
        return status
    }

    // MARK: Peers

    /// Joins the configured peers, then every reconnect interval rejoins configured peers that are not
    /// members and members that left, giving the latter up after the reconnect timeout (cluster.go).
    func maintainPeers() async {
        await self.joinMissingPeers(counted: false)
        while !Task.isCancelled {
            try? await Task.sleep(for: self.configuration.reconnectInterval)
            guard !Task.isCancelled else { return }
            await self.joinMissingPeers(counted: true)
        }
    }

    func joinMissingPeers(counted: Bool) async {
        let now = ContinuousClock.now
        self.lostPeers = self.lostPeers.filter { now - $0.value < self.configuration.reconnectTimeout }
        var targets = self.configuration.peers.map(\.description)
        targets += self.lostPeers.keys.filter { !targets.contains($0) }
        for target in targets {
            guard let peer = try? ClusterAddress(parsing: target) else { continue }
            guard let address = try? await Self.resolve(peer) else {
                self.logger.debug("resolving a peer failed", metadata: ["peer": "\(target)"])
                continue
            }
            let live = self.machine.liveMembers
            if address == self.advertised || live.contains(where: { $0.address == address && $0.name != self.name }) {
                // Someone (perhaps a restarted process under a new name) answers there already.
                self.lostPeers[target] = nil
                continue
            }
            let attempt: GossipMetrics.JoinAttempt = self.lostPeers[target] == nil ? .refresh : .reconnect
            let joined = await self.pushPull(with: address, join: true)
            if counted { self.metrics.joinAttempted(attempt, succeeded: joined) }
            if joined {
                self.logger.info("joined a peer", metadata: ["peer": "\(target)"])
                self.lostPeers[target] = nil
            } else {
                self.logger.debug("joining a peer failed", metadata: ["peer": "\(target)"])
            }
        }
        self.metrics.update(failedPeers: self.lostPeers.count)
    }

    static func resolve(_ peer: ClusterAddress) async throws -> NodeAddress {
        try await Task.detached { try peer.resolve() }.value
    }

    /// Announces our leave and waits, bounded, until it has been gossiped.
    func leave() async {
        self.perform(self.machine.leave(now: .now))
        let deadline = ContinuousClock.now + self.configuration.leaveTimeout
        while !self.leaveFinished, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        self.logger.info("left the cluster", metadata: ["announced": "\(self.leaveFinished)"])
    }

    /// The live members (alive or suspect, ourselves included) sorted by name.
    public var members: [Member] { self.machine.liveMembers }

    /// What this node knows of the member called `name`, in any state (dead and left ones until forgotten).
    public func member(named name: String) -> Member? { self.machine.members[name] }
}
