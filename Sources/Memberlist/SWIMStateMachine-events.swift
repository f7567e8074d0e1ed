import Foundation

/// The machine's inputs: packets, timers, TCP ping outcomes and joins (memberlist's `net.go` handlers and
/// its probe, gossip and push/pull loops).
extension SWIMStateMachine {
    /// Handles one received datagram from `source` (the UDP peer address); undecodable datagrams are dropped,
    /// as memberlist drops them.
    public mutating func receive(datagram: [UInt8], from source: NodeAddress, now: Instant) -> [Action] {
        guard let packet = try? PacketDecoder().decode(datagram) else { return [] }
        return receive(packet, from: source, now: now)
    }

    /// Handles the messages of one decoded packet from `source`, in order.
    public mutating func receive(_ packet: Packet, from source: NodeAddress, now: Instant) -> [Action] {
        var actions: [Action] = []
        for message in packet.messages {
            handle(message, from: source, now: now, actions: &actions)
        }
        return actions
    }

    /// The answer to a TCP fallback ping: an ack, unless the ping names another node (a restarted process
    /// may have taken over the address).
    public func answerStreamPing(_ ping: Ping) -> AckResponse? {
        guard ping.node.isEmpty || ping.node == localName else { return nil }
        return AckResponse(seqNo: ping.seqNo, payload: nil)
    }

    /// Asks the driver to join through `address` with a push/pull whose reply goes to ``mergeRemoteState(_:now:)``.
    public func join(_ address: NodeAddress) -> [Action] {
        [.startPushPull(with: address, join: true)]
    }

    /// Records the outcome of a TCP fallback ping asked for by ``SWIMAction/sendStreamPing(_:to:deadline:)``.
    public mutating func streamPingCompleted(seqNo: UInt32, acknowledged: Bool, now: Instant) -> [Action] {
        if probe?.seqNo == seqNo { probe?.streamPing = acknowledged }
        return []
    }

    /// Handles a timer the machine scheduled; stale timers are ignored.
    public mutating func timerFired(_ timer: SWIMTimer, now: Instant) -> [Action] {
        var actions: [Action] = []
        switch timer {
        case .probe:
            actions.append(.schedule(.probe, at: now.advanced(by: configuration.probeInterval)))
            if probe == nil {
                startProbe(now: now, actions: &actions)
            } else {
                probeTickPending = true
            }
        case .probeTimeout(let seqNo):
            probeTimedOut(seqNo: seqNo, now: now, actions: &actions)
        case .probeDeadline(let seqNo):
            probeDeadlinePassed(seqNo: seqNo, now: now, actions: &actions)
        case .relayTimeout(let seqNo):
            if let relay = relays.removeValue(forKey: seqNo), relay.nack {
                send(.nack(NackResponse(seqNo: relay.originalSeqNo)), to: relay.requester, actions: &actions)
            }
        case .suspicion(let node):
            suspicionTimerFired(node: node, now: now, actions: &actions)
        case .gossip:
            actions.append(.schedule(.gossip, at: now.advanced(by: configuration.gossipInterval)))
            gossip(now: now, actions: &actions)
        case .pushPull:
            let interval = Self.pushPullScale(configuration.pushPullInterval, nodes: estimatedMemberCount)
            actions.append(.schedule(.pushPull, at: now.advanced(by: interval)))
            var alive = members.values.filter { $0.name != localName && $0.state == .alive }.map(\.address)
            alive.sort { $0.description < $1.description }
            if !alive.isEmpty {
                actions.append(.startPushPull(with: alive[Int(random.next() % UInt64(alive.count))], join: false))
            }
        }
        return actions
    }

    /// memberlist's `pushPullScale`: beyond 32 members the interval grows with `ceil(log2(n) - log2(32)) + 1`.
    public static func pushPullScale(_ interval: Duration, nodes: Int) -> Duration {
        guard nodes > 32 else { return interval }
        let multiplier = (log2(Double(nodes)) - log2(32.0)).rounded(.up) + 1
        return interval * multiplier
    }

    mutating func handle(_ message: Message, from source: NodeAddress, now: Instant, actions: inout [Action]) {
        switch message {
        case .ping(let ping):
            guard ping.node.isEmpty || ping.node == localName else { return }
            let replyTo = ping.sourceAddress.isEmpty || ping.sourcePort == 0
                ? source : NodeAddress(ip: ping.sourceAddress, port: ping.sourcePort)
            send(.ack(AckResponse(seqNo: ping.seqNo)), to: replyTo, actions: &actions)
        case .indirectPing(let request):
            let requester = request.sourceAddress.isEmpty || request.sourcePort == 0
                ? source : NodeAddress(ip: request.sourceAddress, port: request.sourcePort)
            let seqNo = takeSeqNo()
            relays[seqNo] = Relay(originalSeqNo: request.seqNo, requester: requester, nack: request.nack)
            let me = localMember
            let ping = Ping(seqNo: seqNo, node: request.node, sourceAddress: me.address.ip, sourcePort: me.address.port,
                            sourceNode: localName)
            send(.ping(ping), to: NodeAddress(ip: request.target, port: request.port), actions: &actions)
            actions.append(.schedule(.relayTimeout(seqNo: seqNo), at: now.advanced(by: configuration.probeTimeout)))
        case .ack(let ack):
            if let relay = relays.removeValue(forKey: ack.seqNo) {
                send(.ack(AckResponse(seqNo: relay.originalSeqNo, payload: nil)), to: relay.requester, actions: &actions)
            } else if probe?.seqNo == ack.seqNo {
                awareness.apply(-1)
                finishProbe(now: now, actions: &actions)
            }
        case .nack(let nack):
            if probe?.seqNo == nack.seqNo { probe?.nacks += 1 }
        case .suspect(let suspect):
            handleSuspect(suspect, now: now, actions: &actions)
        case .alive(let alive):
            handleAlive(alive, now: now, actions: &actions)
        case .dead(let dead):
            handleDead(dead, now: now, actions: &actions)
        case .user(let bytes):
            actions.append(.deliverUserMessage(bytes))
        }
    }
}
