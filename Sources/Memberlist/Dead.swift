/// A `dead` broadcast: `from` declares `node` dead at `incarnation`; when `node == from` the node is
/// announcing its own graceful leave, and receivers record it as left rather than failed.
public struct Dead: MessagePackConvertible {
    /// The incarnation being declared dead (`Incarnation`).
    public var incarnation: UInt32
    /// The member declared dead (`Node`).
    public var node: String
    /// Who declares it (`From`); equal to `node` for a graceful leave.
    public var from: String

    /// `from` declares `node` dead at `incarnation`.
    public init(incarnation: UInt32, node: String, from: String) {
        self.incarnation = incarnation
        self.node = node
        self.from = from
    }

    /// True when the node reports its own departure (memberlist's "left" rather than "dead").
    public var isLeave: Bool { node == from }

    public init(messagePack: MessagePackValue) throws {
        let fields = try MessagePackStruct(messagePack)
        incarnation = try fields.unsigned("Incarnation", as: UInt32.self)
        node = try fields.string("Node")
        from = try fields.string("From")
    }

    public var messagePack: MessagePackValue {
        MessagePackStruct(fields: [
            ("From", .string(from)),
            ("Incarnation", .uint(UInt64(incarnation))),
            ("Node", .string(node)),
        ]).value
    }
}
