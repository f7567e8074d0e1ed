/// The `pushPullHeader` that opens a push/pull stream: how many node states and how many bytes of user
/// state follow it.
///
/// `join` is true on the exchange a joining node starts, and the responder echoes it in its reply.
public struct PushPullHeader: MessagePackConvertible {
    /// How many node states follow (`Nodes`).
    public var nodes: Int
    /// How many bytes of user state follow them (`UserStateLen`).
    public var userStateLength: Int
    /// Whether this exchange is a join (`Join`).
    public var join: Bool

    /// A header announcing `nodes` node states and `userStateLength` bytes of user state.
    public init(nodes: Int, userStateLength: Int, join: Bool) {
        self.nodes = nodes
        self.userStateLength = userStateLength
        self.join = join
    }

    public init(messagePack: MessagePackValue) throws {
        let fields = try MessagePackStruct(messagePack)
        nodes = try fields.signed("Nodes")
        userStateLength = try fields.signed("UserStateLen")
        join = try fields.bool("Join")
    }

    public var messagePack: MessagePackValue {
        MessagePackStruct(fields: [
            ("Join", .bool(join)),
            ("Nodes", .int(Int64(nodes))),
            ("UserStateLen", .int(Int64(userStateLength))),
        ]).value
    }
}
