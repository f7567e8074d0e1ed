import Memberlist
import Testing

@Suite struct SWIMStateMachineTests {
    typealias Machine = SWIMStateMachine<ManualInstant>

    static let us = NodeAddress(ip: [127, 0, 0, 1], port: 9094)
    static let peerA = NodeAddress(ip: [127, 0, 0, 2], port: 9094)
    static let peerB = NodeAddress(ip: [127, 0, 0, 3], port: 9094)
    static let peerC = NodeAddress(ip: [127, 0, 0, 4], port: 9094)

    static func node(_ name: String, _ address: NodeAddress, incarnation: UInt32 = 1, state: MemberState = .alive) -> PushNodeState {
        PushNodeState(name: name, address: address.ip, port: address.port, incarnation: incarnation, state: state)
    }

    /// A machine named "zz-us" that has merged `peers` (name, address) from a push/pull at time zero.
    static func machine(peers: [(String, NodeAddress)], configuration: SWIMConfiguration = SWIMConfiguration()) throws -> Machine {
        var machine = Machine(name: "zz-us", address: us, configuration: configuration, now: .zero, seed: 1)
        _ = machine.start(now: .zero)
        _ = try machine.mergeRemoteState(peers.map { node($0.0, $0.1) }, now: .zero)
        return machine
    }

    @Test func startSchedulesProbeGossipAndStaggeredPushPull() {
        var machine = Machine(name: "zz-us", address: Self.us, now: .zero, seed: 1)
        let actions = machine.start(now: .zero)
        #expect(actions.deadline(of: .probe) == ManualInstant.zero.advanced(by: .seconds(1)))
        #expect(actions.deadline(of: .gossip) == ManualInstant.zero.advanced(by: .milliseconds(200)))
        let pushPull = actions.deadline(of: .pushPull)
        #expect(pushPull.map { $0.offset >= .seconds(60) && $0.offset < .seconds(120) } == true)
        #expect(machine.liveMembers.map(\.name) == ["zz-us"])
        #expect(machine.localMember.incarnation == 1)
    }

    @Test func answersPingsForUsAtTheSourceAddress() {
        var machine = Machine(name: "zz-us", address: Self.us, now: .zero, seed: 1)
        let ping = Ping(seqNo: 9, node: "zz-us", sourceAddress: Self.peerA.ip, sourcePort: 7946, sourceNode: "a")
        let actions = machine.receive(datagram: Message.ping(ping).encoded, from: Self.peerB, now: .zero)
        let replies = actions.messagesSent(to: NodeAddress(ip: Self.peerA.ip, port: 7946))
        #expect(replies.contains(.ack(AckResponse(seqNo: 9))))
        let other = machine.receive(datagram: Message.ping(Ping(seqNo: 10, node: "someone-else")).encoded, from: Self.peerB, now: .zero)
        #expect(other.datagrams.isEmpty, "a ping for another node is dropped")
        let anyone = machine.receive(datagram: Message.ping(Ping(seqNo: 11, node: "")).encoded, from: Self.peerB, now: .zero)
        #expect(anyone.messagesSent(to: Self.peerB).contains(.ack(AckResponse(seqNo: 11))))
        #expect(machine.answerStreamPing(Ping(seqNo: 3, node: "zz-us")) == AckResponse(seqNo: 3, payload: nil))
        #expect(machine.answerStreamPing(Ping(seqNo: 3, node: "x")) == nil)
    }

    @Test func mergeJoinsAlivePeersAndRefusesIncompatibleVersions() throws {
        var machine = Machine(name: "zz-us", address: Self.us, now: .zero, seed: 1)
        let actions = try machine.mergeRemoteState([Self.node("a", Self.peerA), Self.node("zz-us", Self.us)], now: .zero)
        #expect(actions.events.count == 1)
        guard case .joined(let member)? = actions.events.first else {
            Issue.record("expected a join")
            return
        }
        #expect(member.name == "a")
        #expect(member.address == Self.peerA)
        #expect(machine.liveMembers.map(\.name) == ["a", "zz-us"])
        var bad = Self.node("b", Self.peerB)
        bad.vsn = []
        do {
            _ = try machine.mergeRemoteState([bad], now: .zero)
            Issue.record("a node without versions was merged")
        } catch {
            #expect(error as? MemberlistError == .incompatibleProtocol(node: "b"))
        }
        #expect(machine.members["b"] == nil)
        var short = Alive(incarnation: 1, node: "c", address: Self.peerC.ip, port: 9094)
        short.vsn = [1, 5, 2]
        _ = machine.receive(datagram: Message.alive(short).encoded, from: Self.peerC, now: .zero)
        #expect(machine.members["c"] == nil, "Alertmanager ignores an alive without six version bytes")
    }

    @Test func aliveNeedsAHigherIncarnation() throws {
        var machine = try Self.machine(peers: [("a", Self.peerA)])
        let newer = Alive(incarnation: 3, node: "a", address: Self.peerA.ip, port: 9094, meta: [1])
        let updated = machine.receive(datagram: Message.alive(newer).encoded, from: Self.peerA, now: .zero)
        #expect(updated.events == [.updated(try #require(machine.members["a"]))])
        #expect(machine.members["a"]?.incarnation == 3)
        let stale = Alive(incarnation: 2, node: "a", address: Self.peerA.ip, port: 9094, meta: [2])
        _ = machine.receive(datagram: Message.alive(stale).encoded, from: Self.peerA, now: .zero)
        #expect(machine.members["a"]?.meta == [1])
        let moved = Alive(incarnation: 9, node: "a", address: Self.peerB.ip, port: 9094)
        _ = machine.receive(datagram: Message.alive(moved).encoded, from: Self.peerB, now: .zero)
        #expect(machine.members["a"]?.address == Self.peerA, "a conflicting address for a live node is refused")
    }

    @Test func refutesSuspicionAndDeathAboutItself() throws {
        var machine = try Self.machine(peers: [("a", Self.peerA)])
        let suspect = Suspect(incarnation: 1, node: "zz-us", from: "a")
        _ = machine.receive(datagram: Message.suspect(suspect).encoded, from: Self.peerA, now: .zero)
        #expect(machine.localMember.incarnation == 2)
        #expect(machine.localMember.state == .alive)
        #expect(machine.awareness.score == 1)
        let dead = Dead(incarnation: 7, node: "zz-us", from: "a")
        _ = machine.receive(datagram: Message.dead(dead).encoded, from: Self.peerA, now: .zero)
        #expect(machine.localMember.incarnation == 8, "max(inc+1, accused+1)")
        // The refutation travels on the next packet we send.
        let gossip = machine.timerFired(.gossip, now: .zero.advanced(by: .milliseconds(200)))
        let sent = gossip.messagesSent(to: Self.peerA)
        #expect(sent.contains(.alive(Alive(incarnation: 8, node: "zz-us", address: Self.us.ip, port: 9094))))
        #expect(gossip.datagrams.allSatisfy { $0.bytes.first == MessageType.hasCRC.rawValue }, "gossip to a PMax 5 peer has a CRC")
        // Our own alive echoed back is not a reason to refute again.
        let echo = Alive(incarnation: 8, node: "zz-us", address: Self.us.ip, port: 9094)
        _ = machine.receive(datagram: Message.alive(echo).encoded, from: Self.peerA, now: .zero)
        #expect(machine.localMember.incarnation == 8)
    }

    /// A probe that nobody answers: indirect pings, a TCP ping, suspicion after the probe interval, and
    /// death 4 s later in a three-node cluster (cluster-protocol.md §4.3: "about 4.5s").
    @Test func unansweredProbeLeadsToSuspicionThenDeath() throws {
        var machine = try Self.machine(peers: [("a", Self.peerA), ("b", Self.peerB)])
        var now = ManualInstant.zero.advanced(by: .seconds(1))
        let probe = machine.timerFired(.probe, now: now)
        let pings = probe.messagesSent().compactMap { if case .ping(let ping) = $0 { return ping } else { return nil } }
        let ping = try #require(pings.first)
        let target = ping.node
        let helper = target == "a" ? "b" : "a"
        let helperAddress = helper == "a" ? Self.peerA : Self.peerB
        #expect(ping.sourceNode == "zz-us")
        #expect(probe.deadline(of: .probeTimeout(seqNo: ping.seqNo)) == now.advanced(by: .milliseconds(500)))
        #expect(probe.deadline(of: .probeDeadline(seqNo: ping.seqNo)) == now.advanced(by: .seconds(1)))

        now = now.advanced(by: .milliseconds(500))
        let indirect = machine.timerFired(.probeTimeout(seqNo: ping.seqNo), now: now)
        let requests = indirect.messagesSent(to: helperAddress).compactMap { if case .indirectPing(let r) = $0 { return r } else { return nil } }
        #expect(requests.count == 1)
        #expect(requests.first?.node == target)
        #expect(requests.first?.nack == true)
        #expect(indirect.contains { if case .sendStreamPing(let p, _, _) = $0 { return p.node == target } else { return false } })

        now = now.advanced(by: .milliseconds(500))
        let decided = machine.timerFired(.probeDeadline(seqNo: ping.seqNo), now: now)
        #expect(machine.members[target]?.state == .suspect)
        #expect(decided.events.contains { if case .suspected(let m) = $0 { return m.name == target } else { return false } })
        #expect(machine.awareness.score == 1, "one expected nack missing")
        let deadline = try #require(decided.deadline(of: .suspicion(node: target)))
        #expect(deadline == now.advanced(by: .seconds(4)))

        // While suspect, the target is probed with the suspicion attached (and a CRC, as for a known PMax-5 node).
        var nextProbe: [Machine.Action] = []
        var probeTime = now
        func probesTarget(_ actions: [Machine.Action]) -> Bool {
            actions.messagesSent().contains { if case .ping(let p) = $0 { return p.node == target } else { return false } }
        }
        for _ in 0..<10 where !probesTarget(nextProbe) {
            probeTime = probeTime.advanced(by: .milliseconds(10))
            nextProbe = machine.timerFired(.probe, now: probeTime)
            for case .schedule(.probeDeadline(let seq), _) in nextProbe {
                _ = machine.receive(datagram: Message.ack(AckResponse(seqNo: seq)).encoded, from: helperAddress, now: probeTime)
            }
        }
        let suspectProbe = try #require(nextProbe.datagrams.first)
        #expect(suspectProbe.bytes.first == MessageType.hasCRC.rawValue)
        let probeMessages = try PacketDecoder().decode(suspectProbe.bytes).messages
        #expect(probeMessages.count == 2)
        #expect(probeMessages.last == .suspect(Suspect(incarnation: 1, node: target, from: "zz-us")))
        _ = machine.timerFired(.suspicion(node: target), now: now.advanced(by: .seconds(2)))
        #expect(machine.members[target]?.state == .suspect, "an early timer is not the deadline")
        let death = machine.timerFired(.suspicion(node: target), now: deadline)
        #expect(machine.members[target]?.state == .dead)
        #expect(death.events.contains { if case .left(let m) = $0 { return m.name == target && m.state == .dead } else { return false } })
        #expect(machine.liveMembers.map(\.name) == [helper, "zz-us"])
    }

    @Test func ackOrTCPPingKeepsTheTargetAlive() throws {
        var machine = try Self.machine(peers: [("a", Self.peerA)])
        let start = ManualInstant.zero.advanced(by: .seconds(1))
        let first = machine.timerFired(.probe, now: start)
        let ping = try #require(first.messagesSent().compactMap { if case .ping(let p) = $0 { return p } else { return nil } }.first)
        _ = machine.receive(datagram: Message.ack(AckResponse(seqNo: ping.seqNo)).encoded, from: Self.peerA, now: start)
        _ = machine.timerFired(.probeDeadline(seqNo: ping.seqNo), now: start.advanced(by: .seconds(1)))
        #expect(machine.members["a"]?.state == .alive)

        let next = start.advanced(by: .seconds(1))
        let second = machine.timerFired(.probe, now: next)
        let ping2 = try #require(second.messagesSent().compactMap { if case .ping(let p) = $0 { return p } else { return nil } }.first)
        _ = machine.timerFired(.probeTimeout(seqNo: ping2.seqNo), now: next.advanced(by: .milliseconds(500)))
        _ = machine.streamPingCompleted(seqNo: ping2.seqNo, acknowledged: true, now: next.advanced(by: .milliseconds(600)))
        _ = machine.timerFired(.probeDeadline(seqNo: ping2.seqNo), now: next.advanced(by: .seconds(1)))
        #expect(machine.members["a"]?.state == .alive, "reachable over TCP: no suspicion")
        #expect(machine.awareness.score == 0)
    }

    @Test func relaysIndirectPingsWithAckOrNack() throws {
        var machine = try Self.machine(peers: [("a", Self.peerA), ("b", Self.peerB)])
        let request = IndirectPingRequest(seqNo: 40, target: Self.peerB.ip, port: 9094, node: "b", nack: true,
                                          sourceAddress: Self.peerA.ip, sourcePort: 9094, sourceNode: "a")
        let relayed = machine.receive(datagram: Message.indirectPing(request).encoded, from: Self.peerA, now: .zero)
        let ping = try #require(relayed.messagesSent(to: Self.peerB).compactMap { if case .ping(let p) = $0 { return p } else { return nil } }.first)
        #expect(ping.node == "b")
        #expect(ping.seqNo != 40)
        let forwarded = machine.receive(datagram: Message.ack(AckResponse(seqNo: ping.seqNo)).encoded, from: Self.peerB, now: .zero)
        #expect(forwarded.messagesSent(to: Self.peerA).contains(.ack(AckResponse(seqNo: 40, payload: nil))))
        let late = machine.timerFired(.relayTimeout(seqNo: ping.seqNo), now: .zero.advanced(by: .milliseconds(500)))
        #expect(late.datagrams.isEmpty, "acked, so no nack")

        let second = machine.receive(datagram: Message.indirectPing(request).encoded, from: Self.peerA, now: .zero)
        let ping2 = try #require(second.messagesSent(to: Self.peerB).compactMap { if case .ping(let p) = $0 { return p } else { return nil } }.first)
        let nack = machine.timerFired(.relayTimeout(seqNo: ping2.seqNo), now: .zero.advanced(by: .milliseconds(500)))
        #expect(nack.messagesSent(to: Self.peerA).contains(.nack(NackResponse(seqNo: 40))))
    }

    @Test func userBroadcastsAreGossipedThreeTimes() throws {
        var machine = try Self.machine(peers: [("a", Self.peerA)])
        // Drain memberlist's own alive broadcasts first.
        var now = ManualInstant.zero
        for _ in 0..<20 {
            now = now.advanced(by: .milliseconds(200))
            _ = machine.timerFired(.gossip, now: now)
        }
        let part = ClusterPart(key: "sil", data: [1, 2, 3]).protobuf
        machine.queueUserBroadcast(part)
        var deliveries = 0
        for _ in 0..<10 {
            now = now.advanced(by: .milliseconds(200))
            let round = machine.timerFired(.gossip, now: now)
            deliveries += round.messagesSent(to: Self.peerA).filter { $0 == .user(part) }.count
        }
        #expect(deliveries == 3)
        let delivered = machine.receive(datagram: Message.user(part).encoded, from: Self.peerA, now: now)
        #expect(delivered.contains { if case .deliverUserMessage(let bytes) = $0 { return bytes == part } else { return false } })
    }

    @Test func leaveIsGossipedUntilFinished() throws {
        var machine = try Self.machine(peers: [("a", Self.peerA)])
        var now = ManualInstant.zero
        let leave = machine.leave(now: now)
        #expect(machine.localMember.state == .left)
        #expect(leave.events.contains { if case .left(let m) = $0 { return m.name == "zz-us" } else { return false } })
        var sawLeave = false
        var finished = false
        for _ in 0..<30 where !finished {
            now = now.advanced(by: .milliseconds(200))
            let round = machine.timerFired(.gossip, now: now)
            sawLeave = sawLeave || round.messagesSent(to: Self.peerA).contains(.dead(Dead(incarnation: 1, node: "zz-us", from: "zz-us")))
            finished = round.contains { if case .leaveBroadcastFinished = $0 { return true } else { return false } }
        }
        #expect(sawLeave)
        #expect(finished)
        // Once leaving, accusations are no longer refuted.
        _ = machine.receive(datagram: Message.suspect(Suspect(incarnation: 1, node: "zz-us", from: "a")).encoded, from: Self.peerA, now: now)
        #expect(machine.localMember.incarnation == 1)
        // Long after leaving, the dead are forgotten but we never forget ourselves.
        for round in 0..<4 {
            let probeTime = now.advanced(by: .seconds(60 + round))
            for case .ping(let ping) in machine.timerFired(.probe, now: probeTime).messagesSent() {
                _ = machine.receive(datagram: Message.ack(AckResponse(seqNo: ping.seqNo)).encoded, from: Self.peerA, now: probeTime)
            }
        }
        #expect(machine.members["zz-us"]?.state == .left)
        var alone = Machine(name: "solo", address: Self.us, now: .zero, seed: 2)
        #expect(alone.leave(now: .zero).contains { if case .leaveBroadcastFinished = $0 { return true } else { return false } })
    }

    @Test func suspicionFromPushPullAndConfirmationsInALargerCluster() throws {
        let peers = (0..<6).map { ("p\($0)", NodeAddress(ip: [10, 0, 0, UInt8($0 + 1)], port: 9094)) }
        var machine = try Self.machine(peers: peers)
        let now = ManualInstant.zero.advanced(by: .seconds(3))
        let actions = try machine.mergeRemoteState([Self.node("p0", peers[0].1, state: .dead)], now: now)
        #expect(machine.members["p0"]?.state == .suspect, "a remote 'dead' only makes us suspect")
        // 7 members: k = 2, min = 4 s, max = 24 s.
        #expect(actions.deadline(of: .suspicion(node: "p0")) == now.advanced(by: .seconds(24)))
        let confirmed = machine.receive(datagram: Message.suspect(Suspect(incarnation: 1, node: "p0", from: "p1")).encoded,
                                        from: peers[1].1, now: now)
        #expect(confirmed.deadline(of: .suspicion(node: "p0")) == now.advanced(by: .milliseconds(11381)))
        let refuted = machine.receive(datagram: Message.alive(Alive(incarnation: 2, node: "p0", address: peers[0].1.ip, port: 9094)).encoded,
                                      from: peers[0].1, now: now)
        #expect(machine.members["p0"]?.state == .alive)
        #expect(refuted.events.isEmpty, "suspect to alive is not a join")
        _ = machine.timerFired(.suspicion(node: "p0"), now: now.advanced(by: .seconds(30)))
        #expect(machine.members["p0"]?.state == .alive, "the refuted suspicion's timer is stale")
    }

    @Test func pushPullTimerPicksAnAliveMember() throws {
        var machine = try Self.machine(peers: [("a", Self.peerA)])
        let actions = machine.timerFired(.pushPull, now: .zero)
        #expect(actions.contains { if case .startPushPull(let address, let join) = $0 { return address == Self.peerA && !join } else { return false } })
        #expect(actions.deadline(of: .pushPull) == ManualInstant.zero.advanced(by: .seconds(60)))
        #expect(Machine.pushPullScale(.seconds(60), nodes: 64) == .seconds(120))
        #expect(machine.join(Self.peerB).count == 1)
        #expect(machine.localState.map(\.name) == ["a", "zz-us"])
    }
}
