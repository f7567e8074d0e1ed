/// Alive, suspect and dead handling, refutation, push/pull merging and leaving (memberlist's `state.go`).
extension SWIMStateMachine {
    /// Merges a peer's push/pull node list: alive entries as alive messages, left ones as leaves, and dead or
    /// suspect ones only as *our* suspicion (a remote "dead" is not taken on trust).
    ///
    /// Throws without merging anything when any listed node's current protocol falls outside the range every
    /// alive node supports, as memberlist's `verifyProtocol` does.
    public mutating func mergeRemoteState(_ remote: [PushNodeState], now: Instant) throws -> [Action] {
        try verifyProtocol(remote)
        var actions: [Action] = []
        for node in remote {
            switch node.state {
            case .alive:
                let alive = Alive(incarnation: node.incarnation, node: node.name, address: node.address, port: node.port,
                                  meta: node.meta, vsn: node.vsn)
                handleAlive(alive, now: now, actions: &actions)
            case .left:
                handleDead(Dead(incarnation: node.incarnation, node: node.name, from: node.name), now: now, actions: &actions)
            case .dead, .suspect:
                handleSuspect(Suspect(incarnation: node.incarnation, node: node.name, from: localName), now: now, actions: &actions)
            }
        }
        return actions
    }

    func verifyProtocol(_ remote: [PushNodeState]) throws {
        var versions: [ProtocolVersions] = []
        for member in members.values where member.state == .alive {
            if let parsed = ProtocolVersions(vsn: member.vsn) { versions.append(parsed) }
        }
        for node in remote where node.state == .alive {
            if let parsed = ProtocolVersions(vsn: node.vsn) { versions.append(parsed) }
        }
        guard let maxMin = versions.map(\.min).max(), let minMax = versions.map(\.max).min(),
              let maxDelegateMin = versions.map(\.delegateMin).max(), let minDelegateMax = versions.map(\.delegateMax).min()
        else { return }
        func compatible(_ name: String, _ vsn: [UInt8]) throws {
            let parsed = ProtocolVersions(vsn: vsn)
            let current = parsed?.current ?? 0
            let delegateCurrent = parsed?.delegateCurrent ?? 0
            guard current >= maxMin, current <= minMax, delegateCurrent >= maxDelegateMin, delegateCurrent <= minDelegateMax else {
                throw MemberlistError.incompatibleProtocol(node: name)
            }
        }
        for node in remote { try compatible(node.name, node.vsn) }
        for member in members.values { try compatible(member.name, member.vsn) }
    }

    /// Announces our graceful leave: a `dead` about ourselves from ourselves, gossiped until sent out, after
    /// which ``SWIMAction/leaveBroadcastFinished`` tells the driver to close the sockets.
    public mutating func leave(now: Instant) -> [Action] {
        guard !isLeaving else { return [] }
        isLeaving = true
        var actions: [Action] = []
        let me = localMember
        handleDead(Dead(incarnation: me.incarnation, node: localName, from: localName), now: now, actions: &actions)
        let anyoneAlive = members.values.contains { $0.name != localName && $0.state == .alive }
        if !anyoneAlive {
            leaveBroadcastID = nil
            actions.append(.leaveBroadcastFinished)
        }
        return actions
    }

    mutating func handleAlive(_ alive: Alive, now: Instant, actions: inout [Action]) {
        if isLeaving, alive.node == localName { return }
        if alive.vsn.count >= 3 {
            let (pMin, pMax) = (alive.vsn[0], alive.vsn[1])
            if pMin == 0 || pMax == 0 || pMin > pMax { return }
        }
        // Alertmanager's alive delegate refuses members that advertise no full version vector (delegate.go).
        if configuration.requireFullVersions, alive.vsn.count < 6 { return }
        let address = NodeAddress(ip: alive.address, port: alive.port)
        var updatesAddress = false
        var member: Member
        if let known = members[alive.node] {
            member = known
            if known.address != address {
                guard known.state == .left else { return }
                updatesAddress = true
            }
        } else {
            member = Member(name: alive.node, address: address, meta: alive.meta, incarnation: 0, state: .dead, vsn: alive.vsn)
            members[alive.node] = member
            stateChanges[alive.node] = now
            let position = probeOrder.isEmpty ? 0 : Int(random.next() % UInt64(probeOrder.count + 1))
            probeOrder.insert(alive.node, at: position)
        }
        let isLocal = alive.node == localName
        if isLocal, alive.incarnation < member.incarnation { return }
        if !isLocal, alive.incarnation <= member.incarnation, !updatesAddress { return }
        suspicions[alive.node] = nil
        let oldState = member.state
        let oldMeta = member.meta
        if isLocal {
            if alive.incarnation == member.incarnation, (alive.meta ?? []) == (member.meta ?? []), alive.vsn == member.vsn {
                return
            }
            refute(accused: alive.incarnation, actions: &actions)
            return
        }
        memberlistQueue.enqueue(Message.alive(alive).encoded, key: alive.node)
        member.vsn = alive.vsn.isEmpty ? member.vsn : alive.vsn
        member.incarnation = alive.incarnation
        member.meta = alive.meta
        member.address = address
        if member.state != .alive {
            member.state = .alive
            stateChanges[alive.node] = now
        }
        members[alive.node] = member
        if oldState == .dead || oldState == .left {
            actions.append(.notify(.joined(member)))
        } else if (oldMeta ?? []) != (member.meta ?? []) {
            actions.append(.notify(.updated(member)))
        }
    }

    mutating func handleSuspect(_ suspect: Suspect, now: Instant, actions: inout [Action]) {
        guard var member = members[suspect.node], suspect.incarnation >= member.incarnation else { return }
        if var suspicion = suspicions[suspect.node] {
            if suspicion.timer.confirm(from: suspect.from) {
                memberlistQueue.enqueue(Message.suspect(suspect).encoded, key: suspect.node)
                suspicions[suspect.node] = suspicion
                actions.append(.schedule(.suspicion(node: suspect.node), at: suspicion.start.advanced(by: suspicion.timer.timeout)))
            }
            return
        }
        guard member.state == .alive else { return }
        if suspect.node == localName {
            refute(accused: suspect.incarnation, actions: &actions)
            return
        }
        memberlistQueue.enqueue(Message.suspect(suspect).encoded, key: suspect.node)
        member.incarnation = suspect.incarnation
        member.state = .suspect
        members[suspect.node] = member
        stateChanges[suspect.node] = now
        let count = estimatedMemberCount
        var k = configuration.suspicionMultiplier - 2
        if count - 2 < k { k = 0 }
        let minimum = SuspicionTimer.minimumTimeout(
            multiplier: configuration.suspicionMultiplier, nodes: count, probeInterval: configuration.probeInterval)
        let timer = SuspicionTimer(from: suspect.from, k: k, minimum: minimum,
                                   maximum: minimum * configuration.suspicionMaxTimeoutMultiplier)
        suspicions[suspect.node] = Suspicion(timer: timer, start: now, stateChange: now)
        actions.append(.notify(.suspected(member)))
        actions.append(.schedule(.suspicion(node: suspect.node), at: now.advanced(by: timer.timeout)))
    }

    mutating func suspicionTimerFired(node: String, now: Instant, actions: inout [Action]) {
        guard let suspicion = suspicions[node], let member = members[node] else { return }
        let deadline = suspicion.start.advanced(by: suspicion.timer.timeout)
        guard deadline <= now else {
            actions.append(.schedule(.suspicion(node: node), at: deadline))
            return
        }
        suspicions[node] = nil
        guard member.state == .suspect, stateChanges[node] == suspicion.stateChange else { return }
        handleDead(Dead(incarnation: member.incarnation, node: node, from: localName), now: now, actions: &actions)
    }

    mutating func handleDead(_ dead: Dead, now: Instant, actions: inout [Action]) {
        guard var member = members[dead.node], dead.incarnation >= member.incarnation else { return }
        suspicions[dead.node] = nil
        guard member.state != .dead, member.state != .left else { return }
        if dead.node == localName {
            guard isLeaving else {
                refute(accused: dead.incarnation, actions: &actions)
                return
            }
            leaveBroadcastID = memberlistQueue.enqueue(Message.dead(dead).encoded, key: dead.node).id
        } else {
            memberlistQueue.enqueue(Message.dead(dead).encoded, key: dead.node)
        }
        member.incarnation = dead.incarnation
        member.state = dead.isLeave ? .left : .dead
        members[dead.node] = member
        stateChanges[dead.node] = now
        actions.append(.notify(.left(member)))
    }

    /// Refutes an accusation against us with an alive at a higher incarnation, and counts it against our health.
    mutating func refute(accused: UInt32, actions: inout [Action]) {
        guard var me = members[localName] else { return }
        var incarnation = me.incarnation &+ 1
        if accused >= incarnation { incarnation = accused &+ 1 }
        me.incarnation = incarnation
        members[localName] = me
        awareness.apply(1)
        memberlistQueue.enqueue(Message.alive(Self.alive(for: me)).encoded, key: localName)
    }
}
