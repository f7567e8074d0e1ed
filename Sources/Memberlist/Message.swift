/// One memberlist message that carries meaning on its own, as found inside a UDP packet once its wrappers
/// (label, CRC, compress, compound) are peeled off.
///
/// The wrappers are not cases here: they are how messages travel, not what they say, and ``Packet`` handles
/// them. A `user` message carries raw delegate bytes; for Alertmanager that is one `clusterpb.Part`.
public enum Message: Sendable, Hashable {
    case ping(Ping)
    case indirectPing(IndirectPingRequest)
    case ack(AckResponse)
    case nack(NackResponse)
    case suspect(Suspect)
    case alive(Alive)
    case dead(Dead)
    case user([UInt8])

    /// The type byte that starts this message.
    public var type: MessageType {
        switch self {
        case .ping: return .ping
        case .indirectPing: return .indirectPing
        case .ack: return .ackResponse
        case .nack: return .nackResponse
        case .suspect: return .suspect
        case .alive: return .alive
        case .dead: return .dead
        case .user: return .user
        }
    }

    /// `[type][msgpack]`, or `[0x08][raw bytes]` for a user message: what memberlist's `encode` produces.
    public var encoded: [UInt8] {
        var out: [UInt8] = [type.rawValue]
        switch self {
        case .ping(let body): MessagePackEncoder.append(body.messagePack, to: &out)
        case .indirectPing(let body): MessagePackEncoder.append(body.messagePack, to: &out)
        case .ack(let body): MessagePackEncoder.append(body.messagePack, to: &out)
        case .nack(let body): MessagePackEncoder.append(body.messagePack, to: &out)
        case .suspect(let body): MessagePackEncoder.append(body.messagePack, to: &out)
        case .alive(let body): MessagePackEncoder.append(body.messagePack, to: &out)
        case .dead(let body): MessagePackEncoder.append(body.messagePack, to: &out)
        case .user(let bytes): out.append(contentsOf: bytes)
        }
        return out
    }

    /// Decodes a single message (not a wrapper); bytes after the msgpack body are ignored, as Go ignores them.
    ///
    /// Wrapper types and stream-only types are refused with ``MemberlistError/messageTypeNotSupported(_:)``.
    public init(decoding bytes: ArraySlice<UInt8>, decoder: MessagePackDecoder = MessagePackDecoder()) throws {
        guard let first = bytes.first else { throw MemberlistError.emptyMessage }
        guard let type = MessageType(rawValue: first) else { throw MemberlistError.unknownMessageType(first) }
        let body = bytes.dropFirst()
        switch type {
        case .ping: self = .ping(try Ping(messagePackBytes: body, decoder: decoder))
        case .indirectPing: self = .indirectPing(try IndirectPingRequest(messagePackBytes: body, decoder: decoder))
        case .ackResponse: self = .ack(try AckResponse(messagePackBytes: body, decoder: decoder))
        case .nackResponse: self = .nack(try NackResponse(messagePackBytes: body, decoder: decoder))
        case .suspect: self = .suspect(try Suspect(messagePackBytes: body, decoder: decoder))
        case .alive: self = .alive(try Alive(messagePackBytes: body, decoder: decoder))
        case .dead: self = .dead(try Dead(messagePackBytes: body, decoder: decoder))
        case .user: self = .user(Array(body))
        case .encrypt: throw MemberlistError.encryptionNotSupported
        case .pushPull, .compound, .compress, .hasCRC, .error, .hasLabel:
            throw MemberlistError.messageTypeNotSupported(type)
        }
    }
}
