/// A `nackResp`: an indirect-probe relayer saying "I asked, and the target did not answer in time".
///
/// It lets the original prober tell "the target is down" from "my own network is bad", which feeds its
/// awareness (health) score.
public struct NackResponse: MessagePackConvertible {
    /// The sequence number of the indirect ping request (`SeqNo`).
    public var seqNo: UInt32

    /// A nack for the indirect ping request with `seqNo`.
    public init(seqNo: UInt32) {
        self.seqNo = seqNo
    }

    public init(messagePack: MessagePackValue) throws {
        seqNo = try MessagePackStruct(messagePack).unsigned("SeqNo", as: UInt32.self)
    }

    public var messagePack: MessagePackValue {
        MessagePackStruct(fields: [("SeqNo", .uint(UInt64(seqNo)))]).value
    }
}
