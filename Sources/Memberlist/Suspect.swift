/// A `suspect` broadcast: `from` failed to get an ack from `node` at `incarnation`.
///
/// Only the accused can clear it, by refuting with an ``Alive`` at a higher incarnation; otherwise the
/// suspicion timer turns it into ``Dead``. A suspect for an older incarnation than the one known is ignored.
public struct Suspect: MessagePackConvertible {
    /// The incarnation suspected (`Incarnation`).
    public var incarnation: UInt32
    /// The member suspected (`Node`).
    public var node: String
    /// Who suspects it (`From`).
    public var from: String

    /// `from` suspects `node` at `incarnation`.
    public init(incarnation: UInt32, node: String, from: String) {
        self.incarnation = incarnation
        self.node = node
        self.from = from
    }

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
