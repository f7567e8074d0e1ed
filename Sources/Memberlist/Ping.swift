/// A probe (`ping`): "are you alive?", answered by an ``AckResponse`` with the same sequence number.
///
/// `node` names the intended target; a receiver drops a ping that names another node (an empty name means
/// anyone), which guards against a restarted process reusing an address. The source fields tell the receiver
/// where to send the ack; Go omits them when zero (`codec:",omitempty"`), but real peers always send all three.
public struct Ping: MessagePackConvertible {
    /// The probe's sequence number (`SeqNo`), echoed by the ack.
    public var seqNo: UInt32
    /// The intended target's name (`Node`); empty means anyone.
    public var node: String
    /// Where to send the ack (`SourceAddr`); omitted when empty.
    public var sourceAddress: [UInt8]
    /// The prober's port (`SourcePort`); omitted when 0.
    public var sourcePort: UInt16
    /// The prober's name (`SourceNode`); omitted when empty.
    public var sourceNode: String

    /// A ping of `node` with sequence number `seqNo`, to be answered at the given source.
    public init(seqNo: UInt32, node: String, sourceAddress: [UInt8] = [], sourcePort: UInt16 = 0, sourceNode: String = "") {
        self.seqNo = seqNo
        self.node = node
        self.sourceAddress = sourceAddress
        self.sourcePort = sourcePort
        self.sourceNode = sourceNode
    }

    public init(messagePack: MessagePackValue) throws {
        let fields = try MessagePackStruct(messagePack)
        seqNo = try fields.unsigned("SeqNo", as: UInt32.self)
        node = try fields.string("Node")
        sourceAddress = try fields.bytes("SourceAddr")
        sourcePort = try fields.unsigned("SourcePort", as: UInt16.self)
        sourceNode = try fields.string("SourceNode")
    }

    public var messagePack: MessagePackValue {
        var fields: [(name: String, value: MessagePackValue)] = [
            ("Node", .string(node)),
            ("SeqNo", .uint(UInt64(seqNo))),
        ]
        if !sourceAddress.isEmpty { fields.append(("SourceAddr", .raw(sourceAddress))) }
        if !sourceNode.isEmpty { fields.append(("SourceNode", .string(sourceNode))) }
        if sourcePort != 0 { fields.append(("SourcePort", .uint(UInt64(sourcePort)))) }
        return MessagePackStruct(fields: fields).value
    }
}
