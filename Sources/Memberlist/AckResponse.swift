/// An `ackResp`: the answer to a ``Ping`` (UDP, or on the same TCP stream for a fallback ping).
///
/// `payload` is the ping delegate's ack payload; Alertmanager sets none. It stays optional so that a nil
/// payload (`0xc0`) and an empty one (`0xa0`) both re-encode as they arrived.
public struct AckResponse: MessagePackConvertible {
    /// The sequence number of the ping being answered (`SeqNo`).
    public var seqNo: UInt32
    /// The ping delegate's payload (`Payload`); nil and empty are kept apart.
    public var payload: [UInt8]?

    /// An ack for the ping with `seqNo`; an empty payload is written as `0xa0`, as real peers send it.
    public init(seqNo: UInt32, payload: [UInt8]? = []) {
        self.seqNo = seqNo
        self.payload = payload
    }

    public init(messagePack: MessagePackValue) throws {
        let fields = try MessagePackStruct(messagePack)
        seqNo = try fields.unsigned("SeqNo", as: UInt32.self)
        payload = try fields.optionalBytes("Payload")
    }

    public var messagePack: MessagePackValue {
        MessagePackStruct(fields: [
            ("Payload", payload.map { .raw($0) } ?? .nil),
            ("SeqNo", .uint(UInt64(seqNo))),
        ]).value
    }
}
