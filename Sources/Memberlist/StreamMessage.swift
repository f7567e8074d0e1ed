/// One message on a memberlist TCP stream (`handleConn`): a push/pull, a reliable user message, a fallback
/// ping and its ack, or the error reply a responder sends when it could not read the request.
///
/// Streams are one-shot (dial, exchange, close) and have no framing but msgpack's own structure and the
/// lengths in the headers; ``StreamDecoder`` finds where a message ends.
public enum StreamMessage: Sendable, Hashable {
    case pushPull(PushPull)
    /// A `SendReliable` user message: `[0x08]{UserMsgLen}` then the raw bytes (for Alertmanager a
    /// `clusterpb.Part` larger than 700 bytes).
    case user([UInt8])
    case ping(Ping)
    case ack(AckResponse)
    case error(ErrorResponse)

    /// The type byte that starts the (decompressed) message.
    public var type: MessageType {
        switch self {
        case .pushPull: return .pushPull
        case .user: return .user
        case .ping: return .ping
        case .ack: return .ackResponse
        case .error: return .error
        }
    }

    /// The uncompressed bytes, `[type][msgpack...][tail]`, as memberlist builds them before `rawSendMsgStream`.
    public var encoded: [UInt8] {
        var out: [UInt8] = [type.rawValue]
        switch self {
        case .pushPull(let exchange):
            MessagePackEncoder.append(exchange.header.messagePack, to: &out)
            for node in exchange.nodes {
                MessagePackEncoder.append(node.messagePack, to: &out)
            }
            out.append(contentsOf: exchange.userState)
        case .user(let bytes):
            MessagePackEncoder.append(UserMessageHeader(userMessageLength: bytes.count).messagePack, to: &out)
            out.append(contentsOf: bytes)
        case .ping(let body):
            MessagePackEncoder.append(body.messagePack, to: &out)
        case .ack(let body):
            MessagePackEncoder.append(body.messagePack, to: &out)
        case .error(let body):
            MessagePackEncoder.append(body.messagePack, to: &out)
        }
        return out
    }
}
