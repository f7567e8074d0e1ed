/// A stream message together with how it travelled: the label header a newer peer may send and whether
/// the message was wrapped in a compress message (Alertmanager always compresses its streams).
public struct StreamFrame: Sendable, Hashable {
    /// The stream's label header, if any.
    public var label: String?
    /// Whether the message arrived LZW-compressed.
    public var compressed: Bool
    /// The message itself.
    public var message: StreamMessage

    /// A frame for `message`.
    public init(label: String? = nil, compressed: Bool, message: StreamMessage) {
        self.label = label
        self.compressed = compressed
        self.message = message
    }
}
