/// A received UDP packet with its wrappers peeled off: the messages it carried, in order, and what wrapped them.
///
/// memberlist drops a packet whose top level is unreadable, but inside a compound it handles each part on its
/// own, so one bad part costs only that part. ``droppedParts`` records such parts (and a truncated compound
/// tail) so the caller can log them the way memberlist does, while the good messages are still acted on.
public struct Packet: Sendable {
    /// The label header, present only when a newer memberlist peer sent one.
    public var label: String?
    /// Whether the packet carried a (valid) CRC header.
    public var checksummed: Bool
    /// The messages carried, depth-first in wire order.
    public var messages: [Message]
    /// Why parts inside compounds were skipped, in the order met.
    public var droppedParts: [any Error]

    /// A packet as decoded; see ``PacketDecoder``.
    public init(label: String?, checksummed: Bool, messages: [Message], droppedParts: [any Error]) {
        self.label = label
        self.checksummed = checksummed
        self.messages = messages
        self.droppedParts = droppedParts
    }
}
