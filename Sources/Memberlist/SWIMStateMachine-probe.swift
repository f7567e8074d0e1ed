/// The probe cycle (memberlist's `probe` / `probeNode`): direct ping, then indirect pings and a TCP ping,
/// then suspicion, with the health score adjusted by the outcome.
extension SWIMStateMachine {
    mutating func startProbe(now: Instant, actions: inout [Action]) {
        var checked = 0
        while checked < probeOrder.count {
            if probeIndex >= probeOrder.count {
                forgetTheLongDead(now: now)
                probeIndex = 0
                checked += 1
                continue
            }
            let name = probeOrder[probeIndex]
            probeIndex += 1
            guard name != localName, let member = members[name], member.state == .alive || member.state == .suspect else {
                checked += 1
                continue
            }
            probeMember(member, now: now, actions: &actions)
            return
        }
    }

    /// Drops members dead or left for longer than the gossip-to-the-dead time (never ourselves, even after
    /// leaving) and reshuffles the probe order (memberlist's `resetNodes`).
    mutating func forgetTheLongDead(now: Instant) {
        let forgotten = members.values.filter { member in
            guard member.name != localName, member.state == .dead || member.state == .left,
                  let changed = stateChanges[member.name] else { return false }
            return changed.duration(to: now) > configuration.gossipToTheDeadTime
        }.map(\.name)
        for name in forgotten {
            members[name] = nil
            stateChanges[name] = nil
            suspicions[name] = nil
        }
        probeOrder.removeAll { members[$0] == nil }
        probeOrder.shuffle(using: &random)
    }

    mutating func probeMember(_ member: Member, now: Instant, actions: inout [Action]) {
        let seqNo = takeSeqNo()
        let interval = awareness.scale(configuration.probeInterval)
        let me = localMember
        let ping = Ping(seqNo: seqNo, node: member.name, sourceAddress: me.address.ip, sourcePort: me.address.port,
                        sourceNode: localName)
        if member.state == .alive {
            send(.ping(ping), to: member.address, actions: &actions)
        } else {
            // A suspect target gets the suspicion alongside the ping, so it can refute at once.
            let suspect = Suspect(incarnation: member.incarnation, node: member.name, from: localName)
            let compound = CompoundMessage.make([Message.ping(ping).encoded, Message.suspect(suspect).encoded])
            actions.append(.sendPacket(encoder(for: member).wrap(compound), to: member.address))
        }
        probe = Probe(seqNo: seqNo, target: member.name, sent: now, deadline: now.advanced(by: interval))
        actions.append(.schedule(.probeTimeout(seqNo: seqNo), at: now.advanced(by: configuration.probeTimeout)))
        actions.append(.schedule(.probeDeadline(seqNo: seqNo), at: now.advanced(by: interval)))
    }

    mutating func probeTimedOut(seqNo: UInt32, now: Instant, actions: inout [Action]) {
        guard var current = probe, current.seqNo == seqNo, !current.wentIndirect, let target = members[current.target] else {
            return
        }
        current.wentIndirect = true
        var helpers = members.values.filter { $0.name != localName && $0.name != target.name && $0.state == .alive }
        helpers.sort { $0.name < $1.name }
        helpers.shuffle(using: &random)
        let me = localMember
        for helper in helpers.prefix(configuration.indirectChecks) {
            let nack = helper.protocolMax >= 4
            if nack { current.expectedNacks += 1 }
            let request = IndirectPingRequest(
                seqNo: seqNo, target: target.address.ip, port: target.address.port, node: target.name, nack: nack,
                sourceAddress: me.address.ip, sourcePort: me.address.port, sourceNode: localName)
            send(.indirectPing(request), to: helper.address, actions: &actions)
        }
        if configuration.tcpFallbackPings, target.protocolMax >= 3 {
            current.streamPing = false
            let ping = Ping(seqNo: seqNo, node: target.name, sourceAddress: me.address.ip, sourcePort: me.address.port,
                            sourceNode: localName)
            actions.append(.sendStreamPing(ping, to: target.address, deadline: current.deadline))
        }
        probe = current
    }

    mutating func probeDeadlinePassed(seqNo: UInt32, now: Instant, actions: inout [Action]) {
        guard let current = probe, current.seqNo == seqNo else { return }
        if current.streamPing == true {
            // memberlist: "Was able to connect to X but other probes failed" — reachable, so no suspicion.
            awareness.apply(-1)
            finishProbe(now: now, actions: &actions)
            return
        }
        if current.expectedNacks > 0 {
            awareness.apply(max(0, current.expectedNacks - current.nacks))
        } else {
            awareness.apply(1)
        }
        finishProbe(now: now, actions: &actions)
        if let target = members[current.target] {
            handleSuspect(Suspect(incarnation: target.incarnation, node: target.name, from: localName), now: now, actions: &actions)
        }
    }

    /// Ends the current probe; a probe tick that arrived meanwhile starts the next one at once, as Go's
    /// ticker keeps one missed tick.
    mutating func finishProbe(now: Instant, actions: inout [Action]) {
        probe = nil
        if probeTickPending {
            probeTickPending = false
            startProbe(now: now, actions: &actions)
        }
    }
}
