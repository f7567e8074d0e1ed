/// Sending: piggybacking queued broadcasts on every packet and the periodic gossip round (memberlist's
/// `sendMsg`, `getBroadcasts` and `gossip`).
extension SWIMStateMachine {
    /// The packet encoder for a datagram to `member`: CRC only for peers whose protocol maximum is 5 or more.
    func encoder(for member: Member?) -> PacketEncoder {
        PacketEncoder(compression: configuration.compression, checksum: (member?.protocolMax ?? 0) >= 5,
                      bufferSize: configuration.udpBufferSize)
    }

    /// Sends `message` to `address` with as many queued broadcasts as fit beside it. Like memberlist 0.2.2,
    /// messages sent by address (pings, acks, nacks, indirect pings) carry no CRC.
    mutating func send(_ message: Message, to address: NodeAddress, actions: inout [Action]) {
        let bytes = message.encoded
        let extra = takeBroadcasts(overhead: CompoundMessage.partOverhead,
                                   limit: configuration.udpBufferSize - bytes.count - CompoundMessage.headerOverhead,
                                   actions: &actions)
        let payload = extra.isEmpty ? bytes : CompoundMessage.make([bytes] + extra)
        actions.append(.sendPacket(encoder(for: nil).wrap(payload), to: address))
    }

    /// memberlist's broadcasts first, then the application's (framed as user messages) in the room left.
    mutating func takeBroadcasts(overhead: Int, limit: Int, actions: inout [Action]) -> [[UInt8]] {
        guard limit > 0 else { return [] }
        let own = memberlistQueue.take(overhead: overhead, limit: limit, nodes: estimatedMemberCount)
        if let leaveID = leaveBroadcastID, own.finished.contains(leaveID) {
            leaveBroadcastID = nil
            actions.append(.leaveBroadcastFinished)
        }
        var messages = own.messages
        let used = messages.reduce(0) { $0 + $1.count + overhead }
        let available = limit - used
        if available > overhead + 1 {
            let user = userQueue.take(overhead: overhead + 1, limit: available, nodes: liveMembers.count)
            messages += user.messages.map { [MessageType.user.rawValue] + $0 }
        }
        return messages
    }

    mutating func gossip(now: Instant, actions: inout [Action]) {
        var targets = members.values.filter { member in
            guard member.name != localName else { return false }
            switch member.state {
            case .alive, .suspect:
                return true
            case .dead:
                guard let changed = stateChanges[member.name] else { return false }
                return changed.duration(to: now) <= configuration.gossipToTheDeadTime
            case .left:
                return false
            }
        }
        targets.sort { $0.name < $1.name }
        targets.shuffle(using: &random)
        for target in targets.prefix(configuration.gossipNodes) {
            let messages = takeBroadcasts(overhead: CompoundMessage.partOverhead,
                                          limit: configuration.udpBufferSize - CompoundMessage.headerOverhead,
                                          actions: &actions)
            guard !messages.isEmpty else { return }
            let encoder = encoder(for: target)
            if messages.count == 1 {
                actions.append(.sendPacket(encoder.wrap(messages[0]), to: target.address))
            } else {
                for compound in CompoundMessage.makeSplitting(messages) {
                    actions.append(.sendPacket(encoder.wrap(compound), to: target.address))
                }
            }
        }
    }
}
