/// An `alive` broadcast: `node` is up at `address`:`port` with `incarnation`.
///
/// Receivers accept it only with an incarnation strictly greater than the one they know (so stale gossip
/// cannot resurrect a node), and a node that hears an alive about itself that it did not send refutes it.
/// `meta` stays optional so that nil (`0xc0`) and empty (`0xa0`) re-encode as they arrived: Alertmanager
/// sends empty, and peers re-gossiping it send nil.
public struct Alive: MessagePackConvertible {
    /// The member's incarnation (`Incarnation`); only a higher one is news.
    public var incarnation: UInt32
    /// The member's unique name (`Node`), a ULID for Alertmanager.
    public var node: String
    /// 4 bytes for IPv4 (memberlist applies `To4()`), 16 for IPv6.
    public var address: [UInt8]
    /// The member's UDP and TCP port (`Port`).
    public var port: UInt16
    /// Delegate metadata (`Meta`); empty for Alertmanager.
    public var meta: [UInt8]?
    /// The six version bytes, see ``ProtocolVersions``.
    public var vsn: [UInt8]

    /// An alive for `node`, with Alertmanager's empty meta and versions unless told otherwise.
    public init(
        incarnation: UInt32, node: String, address: [UInt8], port: UInt16,
        meta: [UInt8]? = [], vsn: [UInt8] = ProtocolVersions.alertmanager.vsn
    ) {
        self.incarnation = incarnation
        self.node = node
        self.address = address
        self.port = port
        self.meta = meta
        self.vsn = vsn
    }

    public init(messagePack: MessagePackValue) throws {
        let fields = try MessagePackStruct(messagePack)
        incarnation = try fields.unsigned("Incarnation", as: UInt32.self)
        node = try fields.string("Node")
        address = try fields.bytes("Addr")
        port = try fields.unsigned("Port", as: UInt16.self)
        meta = try fields.optionalBytes("Meta")
        vsn = try fields.bytes("Vsn")
    }

    public var messagePack: MessagePackValue {
        MessagePackStruct(fields: [
            ("Addr", .raw(address)),
            ("Incarnation", .uint(UInt64(incarnation))),
            ("Meta", meta.map { .raw($0) } ?? .nil),
            ("Node", .string(node)),
            ("Port", .uint(UInt64(port))),
            ("Vsn", .raw(vsn)),
        ]).value
    }
}
