/// Writes stream messages as memberlist's `rawSendMsgStream` does: always compressed when compression is on
/// (there is no size check for streams), then behind a label header when one is set.
///
/// Real Alertmanager peers accept uncompressed streams too, which is cheaper to send; compression is kept as
/// the default because that is what the peers themselves send.
public struct StreamEncoder: Sendable {
    /// Wrap every message in a compress message.
    public var compression: Bool
    /// A label header, only for memberlist >= 0.3 clusters configured with one.
    public var label: String?

    /// An encoder with Alertmanager's settings: compression on, no label.
    public init(compression: Bool = true, label: String? = nil) {
        self.compression = compression
        self.label = label
    }

    /// The bytes to write on the connection for `message`.
    public func encode(_ message: StreamMessage) -> [UInt8] {
        let plain = message.encoded
        let body = compression ? CompressedPayload(compressing: plain).message : plain
        return PacketLabel.add(label, to: body)
    }
}
