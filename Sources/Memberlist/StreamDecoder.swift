/// Reads one message from the bytes buffered so far on a memberlist TCP stream, saying "need more" until the
/// whole message has arrived.
///
/// The end of a message is found from msgpack's structure and the header lengths (`Nodes`, `UserStateLen`,
/// `UserMsgLen`); a compress wrapper is complete once its msgpack is, and its content must then be whole.
/// Every length is checked before use and the total is capped at ``maxStreamBytes``, so a peer can make us
/// neither allocate nor wait for more than that. Encrypted streams (`[0x0a]`) are recognised and refused.
public struct StreamDecoder: Sendable {
    /// The largest message, compressed or decompressed, accepted on one stream.
    public var maxStreamBytes: Int
    /// The msgpack decoder used for every header.
    public var messagePack: MessagePackDecoder

    /// A decoder that refuses messages over `maxStreamBytes` (64 MiB by default: a large Alertmanager's full
    /// state fits with room to spare).
    public init(maxStreamBytes: Int = 64 << 20, messagePack: MessagePackDecoder = MessagePackDecoder()) {
        self.maxStreamBytes = maxStreamBytes
        self.messagePack = messagePack
    }

    /// The outcome of looking at the buffered bytes.
    public enum Result: Sendable, Hashable {
        /// The bytes so far are a valid beginning; read more and call again with all of them.
        case needMoreData
        /// A complete message, which occupied the first `consumed` bytes.
        case frame(StreamFrame, consumed: Int)
    }

    /// Looks for one complete message at the start of `buffered`.
    public func decode(_ buffered: ArraySlice<UInt8>) throws -> Result {
        do {
            return try decodeComplete(buffered)
        } catch MessagePackError.truncated {
            return try needMore(buffered)
        } catch MessagePackError.lengthExceedsInput {
            return try needMore(buffered)
        }
    }

    /// Looks for one complete message at the start of `buffered`.
    public func decode(_ buffered: [UInt8]) throws -> Result {
        try decode(buffered[...])
    }

    private func needMore(_ buffered: ArraySlice<UInt8>) throws -> Result {
        guard buffered.count < maxStreamBytes else { throw MemberlistError.streamTooLarge(limit: maxStreamBytes) }
        return .needMoreData
    }

    private func decodeComplete(_ buffered: ArraySlice<UInt8>) throws -> Result {
        guard let first = buffered.first else { return .needMoreData }
        if first == MessageType.hasLabel.rawValue {
            guard buffered.count >= 2, buffered.count >= 2 + Int(buffered[buffered.startIndex + 1]) else { return .needMoreData }
        }
        let (label, rest) = try PacketLabel.strip(buffered)
        guard let typeByte = rest.first else { return .needMoreData }
        guard let type = MessageType(rawValue: typeByte) else { throw MemberlistError.unknownMessageType(typeByte) }
        switch type {
        case .encrypt:
            throw MemberlistError.encryptionNotSupported
        case .compress:
            let (value, used) = try messagePack.decode(rest.dropFirst())
            let payload = try CompressedPayload(messagePack: value)
            let plain = try payload.decompressed(maxOutputBytes: maxStreamBytes)
            let message: StreamMessage
            do {
                (message, _) = try decodeMessage(plain[...])
            } catch MessagePackError.truncated {
                throw MemberlistError.invalidLength(field: "compressed stream", value: plain.count)
            } catch MessagePackError.lengthExceedsInput {
                throw MemberlistError.invalidLength(field: "compressed stream", value: plain.count)
            }
            let consumed = rest.startIndex + 1 + used - buffered.startIndex
            return .frame(StreamFrame(label: label, compressed: true, message: message), consumed: consumed)
        default:
            let (message, used) = try decodeMessage(rest)
            let consumed = rest.startIndex + used - buffered.startIndex
            return .frame(StreamFrame(label: label, compressed: false, message: message), consumed: consumed)
        }
    }

    /// Decodes `[type][msgpack...][tail]`; throws `MessagePackError.truncated` when the bytes end early.
    private func decodeMessage(_ bytes: ArraySlice<UInt8>) throws -> (StreamMessage, consumed: Int) {
        guard let first = bytes.first else { throw MessagePackError.truncated }
        guard let type = MessageType(rawValue: first) else { throw MemberlistError.unknownMessageType(first) }
        var position = bytes.startIndex + 1
        func next() throws -> MessagePackValue {
            let (value, used) = try messagePack.decode(bytes[position...])
            position += used
            return value
        }
        func tail(_ length: Int, field: String) throws -> [UInt8] {
            guard length >= 0, length <= maxStreamBytes else {
                throw MemberlistError.invalidLength(field: field, value: length)
            }
            guard bytes.endIndex - position >= length else { throw MessagePackError.truncated }
            defer { position += length }
            return Array(bytes[position..<(position + length)])
        }
        let message: StreamMessage
        switch type {
        case .pushPull:
            let header = try PushPullHeader(messagePack: next())
            guard header.nodes >= 0, header.nodes <= maxStreamBytes else {
                throw MemberlistError.invalidLength(field: "Nodes", value: header.nodes)
            }
            var nodes: [PushNodeState] = []
            nodes.reserveCapacity(min(header.nodes, bytes.endIndex - position))
            for _ in 0..<header.nodes {
                nodes.append(try PushNodeState(messagePack: next()))
            }
            let userState = try tail(header.userStateLength, field: "UserStateLen")
            message = .pushPull(PushPull(join: header.join, nodes: nodes, userState: userState))
        case .user:
            let header = try UserMessageHeader(messagePack: next())
            message = .user(try tail(header.userMessageLength, field: "UserMsgLen"))
        case .ping:
            message = .ping(try Ping(messagePack: next()))
        case .ackResponse:
            message = .ack(try AckResponse(messagePack: next()))
        case .error:
            message = .error(try ErrorResponse(messagePack: next()))
        case .encrypt:
            throw MemberlistError.encryptionNotSupported
        default:
            throw MemberlistError.messageTypeNotSupported(type)
        }
        return (message, position - bytes.startIndex)
    }
}
