/// An `indirectPingReq`: asks a third node to probe `target` on our behalf when our direct probe got no ack.
///
/// The relayer pings the target with its own sequence number and forwards an ack carrying *this* `seqNo`;
/// when `nack` is set (the requester speaks protocol 4 or later) it also owes a ``NackResponse`` if the
/// target stays silent for the probe timeout.
public struct IndirectPingRequest: MessagePackConvertible {
    /// The requester's sequence number (`SeqNo`), echoed in the forwarded ack or nack.
    public var seqNo: UInt32
    /// The target's address, 4 bytes for IPv4 or 16 for IPv6.
    public var target: [UInt8]
    /// The target's port (`Port`).
    public var port: UInt16
    /// The target's name, checked by the target like ``Ping/node``.
    public var node: String
    /// Whether the requester wants a nack on silence (`Nack`).
    public var nack: Bool
    /// Where to send the ack or nack (`SourceAddr`); omitted when empty.
    public var sourceAddress: [UInt8]
    /// The requester's port (`SourcePort`); omitted when 0.
    public var sourcePort: UInt16
    /// The requester's name (`SourceNode`); omitted when empty.
    public var sourceNode: String

    /// A request to probe `node` at `target`:`port`.
    public init(
        seqNo: UInt32, target: [UInt8], port: UInt16, node: String, nack: Bool,
        sourceAddress: [UInt8] = [], sourcePort: UInt16 = 0, sourceNode: String = ""
    ) {
        self.seqNo = seqNo
        self.target = target
        self.port = port
        self.node = node
        self.nack = nack
        self.sourceAddress = sourceAddress
        self.sourcePort = sourcePort
        self.sourceNode = sourceNode
    }

    public init(messagePack: MessagePackValue) throws {
        let fields = try MessagePackStruct(messagePack)
        seqNo = try fields.unsigned("SeqNo", as: UInt32.self)
        target = try fields.bytes("Target")
        port = try fields.unsigned("Port", as: UInt16.self)
        node = try fields.string("Node")
        nack = try fields.bool("Nack")
        sourceAddress = try fields.bytes("SourceAddr")
        sourcePort = try fields.unsigned("SourcePort", as: UInt16.self)
        sourceNode = try fields.string("SourceNode")
    }

    public var messagePack: MessagePackValue {
        var fields: [(name: String, value: MessagePackValue)] = [
            ("Nack", .bool(nack)),
            ("Node", .string(node)),
            ("Port", .uint(UInt64(port))),
            ("SeqNo", .uint(UInt64(seqNo))),
        ]
        if !sourceAddress.isEmpty { fields.append(("SourceAddr", .raw(sourceAddress))) }
        if !sourceNode.isEmpty { fields.append(("SourceNode", .string(sourceNode))) }
        if sourcePort != 0 { fields.append(("SourcePort", .uint(UInt64(sourcePort)))) }
        fields.append(("Target", .raw(target)))
        return MessagePackStruct(fields: fields).value
    }
}
