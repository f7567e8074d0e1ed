/// Builds UDP datagrams the way memberlist's `rawSendMsgPacket`, `sendMsg` and gossip loop do, so that real
/// peers accept them and the size limits they rely on hold.
///
/// A payload is compressed only when that makes it smaller, then given a CRC header when asked (memberlist
/// adds one for peers whose protocol maximum is 5 or more; receivers accept packets without), then a label
/// when one is set (never for Alertmanager 0.25 peers, which drop labelled packets). Piggybacking fills the
/// room left in ``bufferSize`` (1400, Alertmanager's `MaxGossipPacketSize`) with broadcasts, each costing its
/// length plus 2 bytes of compound overhead, as memberlist's broadcast queue counts it.
public struct PacketEncoder: Sendable {
    /// Compress when the result is smaller (memberlist's `EnableCompression`, on in Alertmanager).
    public var compression: Bool
    /// Put a CRC header in front (for peers with protocol maximum >= 5).
    public var checksum: Bool
    /// A label header, only for memberlist >= 0.3 clusters configured with one.
    public var label: String?
    /// The datagram budget that piggybacking and gossip fill (memberlist's `UDPBufferSize`).
    public var bufferSize: Int

    /// An encoder with Alertmanager's settings: compression on, CRC on, no label, 1400-byte packets.
    public init(compression: Bool = true, checksum: Bool = true, label: String? = nil, bufferSize: Int = 1400) {
        self.compression = compression
        self.checksum = checksum
        self.label = label
        self.bufferSize = bufferSize
    }

    private var labelOverhead: Int {
        guard let label, !label.isEmpty else { return 0 }
        return 2 + label.utf8.count
    }

    /// Wraps one payload (a message or a compound) for sending: compress if smaller, CRC, label.
    public func wrap(_ payload: [UInt8]) -> [UInt8] {
        var out = payload
        if compression {
            let compressed = CompressedPayload(compressing: payload).message
            if compressed.count < payload.count {
                out = compressed
            }
        }
        if checksum {
            out = PacketChecksum.add(to: out)
        }
        return PacketLabel.add(label, to: out)
    }

    /// Datagrams carrying `messages`: one message as is, several as compounds of at most 255 parts.
    public func encode(_ messages: [Message]) -> [[UInt8]] {
        guard messages.count > 1 else { return messages.map { wrap($0.encoded) } }
        return CompoundMessage.makeSplitting(messages.map(\.encoded)).map(wrap)
    }

    /// A datagram carrying `message` with as many of `broadcasts` as fit, as memberlist's `sendMsg` builds a
    /// probe, ack or nack; broadcasts are taken in the order given and skipped when they do not fit.
    ///
    /// Returns the datagram and the indices of the broadcasts it carries.
    public func piggyback(_ message: [UInt8], broadcasts: [[UInt8]]) -> (datagram: [UInt8], included: [Int]) {
        let available = bufferSize - message.count - CompoundMessage.headerOverhead - labelOverhead
        let included = select(broadcasts, available: available)
        guard !included.isEmpty else { return (wrap(message), []) }
        return (wrap(CompoundMessage.make([message] + included.map { broadcasts[$0] })), included)
    }

    /// Datagrams for one gossip round to one peer: as many `broadcasts` as fit in ``bufferSize``, one alone or
    /// several as a compound, as memberlist's `gossip` sends them.
    ///
    /// Returns the datagrams (none when nothing fits) and the indices of the broadcasts they carry.
    public func gossip(_ broadcasts: [[UInt8]]) -> (datagrams: [[UInt8]], included: [Int]) {
        let available = bufferSize - CompoundMessage.headerOverhead - labelOverhead
        let included = select(broadcasts, available: available)
        switch included.count {
        case 0:
            return ([], [])
        case 1:
            return ([wrap(broadcasts[included[0]])], included)
        default:
            return (CompoundMessage.makeSplitting(included.map { broadcasts[$0] }).map(wrap), included)
        }
    }

    private func select(_ broadcasts: [[UInt8]], available: Int) -> [Int] {
        var free = available
        var chosen: [Int] = []
        for (index, broadcast) in broadcasts.enumerated() {
            let cost = broadcast.count + CompoundMessage.partOverhead
            if cost <= free, chosen.count < CompoundMessage.maxParts - 1 {
                free -= cost
                chosen.append(index)
            }
        }
        return chosen
    }
}
