/// One node in a push/pull exchange (`pushNodeState`): the sender's view of a member.
///
/// Senders list every node they know, dead and left ones included while they are still remembered; each
/// entry needs a 6-byte `vsn` or the receiver's `verifyProtocol` rejects the whole exchange.
public struct PushNodeState: MessagePackConvertible {
    /// The member's name (`Name`).
    public var name: String
    /// 4 bytes for IPv4, 16 for IPv6.
    public var address: [UInt8]
    /// The member's port (`Port`).
    public var port: UInt16
    /// Optional so that nil and empty meta re-encode as they arrived, see ``Alive/meta``.
    public var meta: [UInt8]?
    /// The member's incarnation as the sender knows it (`Incarnation`).
    public var incarnation: UInt32
    /// The member's state as the sender sees it (`State`).
    public var state: MemberState
    /// The six version bytes (`Vsn`).
    public var vsn: [UInt8]

    /// A node state with Alertmanager's empty meta and versions unless told otherwise.
    public init(
        name: String, address: [UInt8], port: UInt16, incarnation: UInt32, state: MemberState,
        meta: [UInt8]? = [], vsn: [UInt8] = ProtocolVersions.alertmanager.vsn
    ) {
        self.name = name
        self.address = address
        self.port = port
        self.meta = meta
        self.incarnation = incarnation
        self.state = state
        self.vsn = vsn
    }

    /// Reads a node state; a state number outside 0...3 is refused rather than guessed.
    public init(messagePack: MessagePackValue) throws {
        let fields = try MessagePackStruct(messagePack)
        name = try fields.string("Name")
        address = try fields.bytes("Addr")
        port = try fields.unsigned("Port", as: UInt16.self)
        meta = try fields.optionalBytes("Meta")
        incarnation = try fields.unsigned("Incarnation", as: UInt32.self)
        let number = try fields.signed("State")
        guard let state = MemberState(rawValue: number) else {
            throw MessagePackError.integerOverflow(field: "State", value: String(number))
        }
        self.state = state
        vsn = try fields.bytes("Vsn")
    }

    public var messagePack: MessagePackValue {
        MessagePackStruct(fields: [
            ("Addr", .raw(address)),
            ("Incarnation", .uint(UInt64(incarnation))),
            ("Meta", meta.map { .raw($0) } ?? .nil),
            ("Name", .string(name)),
            ("Port", .uint(UInt64(port))),
            ("State", .uint(UInt64(state.rawValue))),
            ("Vsn", .raw(vsn)),
        ]).value
    }
}
