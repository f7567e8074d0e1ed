/// Turns a received UDP datagram into a ``Packet``, in memberlist's order: label, CRC, then compress and
/// compound (nested, in any order) down to the messages.
///
/// Hostile input is bounded three ways: msgpack limits (see ``MessagePackDecoder``), a cap on wrapper nesting,
/// and a budget on the total bytes all compress layers of one packet may expand to. The CRC is checked only
/// at the top level, as memberlist checks it; encrypted packets are recognised and refused.
public struct PacketDecoder: Sendable {
    /// The deepest nesting of compound/compress wrappers accepted.
    public var maxNesting: Int
    /// The most bytes all compress layers of one packet may decompress to, together.
    public var maxDecompressedBytes: Int
    /// The msgpack decoder used for every message.
    public var messagePack: MessagePackDecoder

    /// A decoder with limits generous for memberlist (a datagram is at most 64 KiB) yet cheap to hit.
    public init(maxNesting: Int = 8, maxDecompressedBytes: Int = 1 << 20, messagePack: MessagePackDecoder = MessagePackDecoder()) {
        self.maxNesting = maxNesting
        self.maxDecompressedBytes = maxDecompressedBytes
        self.messagePack = messagePack
    }

    /// Decodes one datagram; throws when the top level cannot be used at all.
    public func decode(_ datagram: ArraySlice<UInt8>) throws -> Packet {
        let (label, afterLabel) = try PacketLabel.strip(datagram)
        let (checked, payload) = try PacketChecksum.strip(afterLabel)
        var state = State(budget: maxDecompressedBytes)
        try handle(payload, depth: 0, state: &state)
        return Packet(label: label, checksummed: checked, messages: state.messages, droppedParts: state.dropped)
    }

    /// Decodes one datagram held in an array.
    public func decode(_ datagram: [UInt8]) throws -> Packet {
        try decode(datagram[...])
    }

    private struct State {
        var budget: Int
        var messages: [Message] = []
        var dropped: [any Error] = []
    }

    private func handle(_ bytes: ArraySlice<UInt8>, depth: Int, state: inout State) throws {
        guard depth <= maxNesting else { throw MemberlistError.nestingTooDeep(limit: maxNesting) }
        guard let first = bytes.first else { throw MemberlistError.emptyMessage }
        switch MessageType(rawValue: first) {
        case .compound?:
            let (parts, truncated) = try CompoundMessage.split(body: bytes.dropFirst())
            for part in parts {
                do {
                    try handle(part, depth: depth + 1, state: &state)
                } catch {
                    state.dropped.append(error)
                }
            }
            if truncated > 0 {
                state.dropped.append(MemberlistError.compoundTruncated(declared: parts.count + truncated, complete: parts.count))
            }
        case .compress?:
            let payload = try CompressedPayload(messagePackBytes: bytes.dropFirst(), decoder: messagePack)
            let plain = try payload.decompressed(maxOutputBytes: state.budget)
            state.budget -= plain.count
            try handle(plain[...], depth: depth + 1, state: &state)
        default:
            state.messages.append(try Message(decoding: bytes, decoder: messagePack))
        }
    }
}
